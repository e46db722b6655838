import type { Meta as FhirMeta } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { DEPRECATED_ID_DESCRIPTION, DEPRECATED_ID_REASON, ELEMENT_ID_DESCRIPTION } from '../fhir-element.js';
import { Coding } from './Coding.js';
import { Extension } from './Extension.js';

export const Meta = builder.objectRef<FhirMeta>('Meta');

Meta.implement({
  description: 'FHIR R4 Meta: version, last update (an instant) and the profiles the resource claims.',
  fields: (t) => ({
    elementId: t.exposeString('id', { nullable: true, description: ELEMENT_ID_DESCRIPTION }),
    id: t.string({
      nullable: true,
      description: DEPRECATED_ID_DESCRIPTION,
      deprecationReason: DEPRECATED_ID_REASON,
      resolve: () => null,
    }),
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    versionId: t.exposeString('versionId', { nullable: true }),
    lastUpdated: t.exposeString('lastUpdated', { nullable: true }),
    source: t.exposeString('source', { nullable: true }),
    profile: t.exposeStringList('profile', { nullable: true }),
    security: t.expose('security', { type: [Coding], nullable: true }),
    tag: t.expose('tag', { type: [Coding], nullable: true }),
  }),
});
