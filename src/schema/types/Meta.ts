import type { Meta as FhirMeta } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { elementFields } from './Element.js';
import { Coding } from './Coding.js';

export const Meta = builder.objectRef<FhirMeta>('Meta');

Meta.implement({
  description: 'FHIR R4 Meta: version, last update (an instant) and the profiles the resource claims.',
  fields: (t) => ({
    ...elementFields(t),
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
