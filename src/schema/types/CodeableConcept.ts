import type { CodeableConcept as FhirCodeableConcept } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { Coding } from './Coding.js';
import { Extension } from './Extension.js';

export const CodeableConcept = builder.objectRef<FhirCodeableConcept>('CodeableConcept');

CodeableConcept.implement({
  description: 'FHIR R4 CodeableConcept: codings from one or more systems, and/or text.',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: true }),
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    coding: t.expose('coding', { type: [Coding], nullable: true }),
    text: t.exposeString('text', { nullable: true }),
  }),
});
