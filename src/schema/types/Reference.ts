import type { Reference as FhirReference } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { DEPRECATED_ID_DESCRIPTION, DEPRECATED_ID_REASON, ELEMENT_ID_DESCRIPTION } from '../fhir-element.js';
import { Extension } from './Extension.js';
import { Identifier } from './Identifier.js';

export const Reference = builder.objectRef<FhirReference>('Reference');

Reference.implement({
  description: 'FHIR R4 Reference to another resource, as given (not followed).',
  fields: (t) => ({
    elementId: t.exposeString('id', { nullable: true, description: ELEMENT_ID_DESCRIPTION }),
    id: t.string({
      nullable: true,
      description: DEPRECATED_ID_DESCRIPTION,
      deprecationReason: DEPRECATED_ID_REASON,
      resolve: () => null,
    }),
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    reference: t.exposeString('reference', { nullable: true }),
    type: t.exposeString('type', { nullable: true }),
    identifier: t.expose('identifier', { type: Identifier, nullable: true }),
    display: t.exposeString('display', { nullable: true }),
  }),
});
