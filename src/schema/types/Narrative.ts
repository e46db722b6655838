import type { Narrative as FhirNarrative } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { elementFields } from './Element.js';

export const Narrative = builder.objectRef<FhirNarrative>('Narrative');

Narrative.implement({
  description: 'FHIR R4 Narrative: the human-readable XHTML summary of a resource, as given.',
  fields: (t) => ({
    ...elementFields(t),
    status: t.exposeString('status', { description: 'generated | extensions | additional | empty' }),
    div: t.exposeString('div', { description: 'Limited xhtml content.' }),
  }),
});
