import type { ContactPoint as FhirContactPoint } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { Extension } from './Extension.js';
import { Period } from './Period.js';

export const ContactPoint = builder.objectRef<FhirContactPoint>('ContactPoint');

ContactPoint.implement({
  description: 'FHIR R4 ContactPoint: a phone number, e-mail address etc. (`rank` 1 is the most preferred).',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: true }),
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    system: t.exposeString('system', { nullable: true }),
    value: t.exposeString('value', { nullable: true }),
    use: t.exposeString('use', { nullable: true }),
    rank: t.exposeInt('rank', { nullable: true }),
    period: t.expose('period', { type: Period, nullable: true }),
  }),
});
