import type { Narrative as FhirNarrative } from 'fhir/r4.js';
import { builder } from '../builder.js';
import {
  DEPRECATED_ID_DESCRIPTION,
  DEPRECATED_ID_REASON,
  ELEMENT_ID_DESCRIPTION,
  EXTENSION_DESCRIPTION,
} from '../fhir-element.js';
import { Extension } from './Extension.js';

export const Narrative = builder.objectRef<FhirNarrative>('Narrative');

Narrative.implement({
  description: 'FHIR R4 Narrative: the human-readable XHTML summary of a resource, as given.',
  fields: (t) => ({
    elementId: t.exposeString('id', { nullable: true, description: ELEMENT_ID_DESCRIPTION }),
    id: t.string({
      nullable: true,
      description: DEPRECATED_ID_DESCRIPTION,
      deprecationReason: DEPRECATED_ID_REASON,
      resolve: () => null,
    }),
    extension: t.expose('extension', { description: EXTENSION_DESCRIPTION, type: [Extension], nullable: true }),
    status: t.exposeString('status', { description: 'generated | extensions | additional | empty' }),
    div: t.exposeString('div', { description: 'Limited xhtml content.' }),
  }),
});
