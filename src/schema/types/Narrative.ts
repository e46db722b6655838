import type { Narrative as FhirNarrative } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { Extension } from './Extension.js';

export const Narrative = builder.objectRef<FhirNarrative>('Narrative');

Narrative.implement({
  description: 'FHIR R4 Narrative: the human-readable XHTML summary of a resource, as given.',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: true }),
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    status: t.exposeString('status'),
    div: t.exposeString('div'),
  }),
});
