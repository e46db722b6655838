import type { CodeableConcept as FhirCodeableConcept } from 'fhir/r4.js';
import { builder } from '../builder.js';
import {
  DEPRECATED_ID_DESCRIPTION,
  DEPRECATED_ID_REASON,
  ELEMENT_ID_DESCRIPTION,
  EXTENSION_DESCRIPTION,
} from '../fhir-element.js';
import { Coding } from './Coding.js';
import { Extension } from './Extension.js';

export const CodeableConcept = builder.objectRef<FhirCodeableConcept>('CodeableConcept');

CodeableConcept.implement({
  description: 'FHIR R4 CodeableConcept: codings from one or more systems, and/or text.',
  fields: (t) => ({
    elementId: t.exposeString('id', { nullable: true, description: ELEMENT_ID_DESCRIPTION }),
    id: t.string({
      nullable: true,
      description: DEPRECATED_ID_DESCRIPTION,
      deprecationReason: DEPRECATED_ID_REASON,
      resolve: () => null,
    }),
    extension: t.expose('extension', { description: EXTENSION_DESCRIPTION, type: [Extension], nullable: true }),
    coding: t.expose('coding', {
      description: 'Code defined by a terminology system.',
      type: [Coding],
      nullable: true,
    }),
    text: t.exposeString('text', { description: 'Plain text representation of the concept.', nullable: true }),
  }),
});
