import type { CodeableConcept as FhirCodeableConcept } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { elementFields } from './Element.js';
import { Coding } from './Coding.js';

export const CodeableConcept = builder.objectRef<FhirCodeableConcept>('CodeableConcept');

CodeableConcept.implement({
  description: 'FHIR R4 CodeableConcept: codings from one or more systems, and/or text.',
  fields: (t) => ({
    ...elementFields(t),
    coding: t.expose('coding', {
      description: 'Code defined by a terminology system.',
      type: [Coding],
      nullable: true,
    }),
    text: t.exposeString('text', { description: 'Plain text representation of the concept.', nullable: true }),
  }),
});
