import type { Meta as FhirMeta } from 'fhir/r4.js';
import { builder } from '../builder.js';
import {
  DEPRECATED_ID_DESCRIPTION,
  DEPRECATED_ID_REASON,
  ELEMENT_ID_DESCRIPTION,
  EXTENSION_DESCRIPTION,
} from '../fhir-element.js';
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
    extension: t.expose('extension', { description: EXTENSION_DESCRIPTION, type: [Extension], nullable: true }),
    versionId: t.exposeString('versionId', { description: 'Version specific identifier.', nullable: true }),
    lastUpdated: t.exposeString('lastUpdated', {
      description: 'When the resource version last changed (a FHIR instant).',
      nullable: true,
    }),
    source: t.exposeString('source', {
      description: 'Identifies where the resource comes from (a URI).',
      nullable: true,
    }),
    profile: t.exposeStringList('profile', {
      description: 'Profiles this resource claims to conform to (canonical URLs).',
      nullable: true,
    }),
    security: t.expose('security', {
      description: 'Security Labels applied to this resource.',
      type: [Coding],
      nullable: true,
    }),
    tag: t.expose('tag', { description: 'Tags applied to this resource.', type: [Coding], nullable: true }),
  }),
});
