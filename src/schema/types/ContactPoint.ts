import type { ContactPoint as FhirContactPoint } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { elementFields } from './Element.js';
import { Period } from './Period.js';

export const ContactPoint = builder.objectRef<FhirContactPoint>('ContactPoint');

ContactPoint.implement({
  description: 'FHIR R4 ContactPoint: a phone number, e-mail address etc. (`rank` 1 is the most preferred).',
  fields: (t) => ({
    ...elementFields(t),
    system: t.exposeString('system', {
      description: 'phone | fax | email | pager | url | sms | other',
      nullable: true,
    }),
    value: t.exposeString('value', {
      description: 'The actual contact point details (the number, the address).',
      nullable: true,
    }),
    use: t.exposeString('use', {
      description: 'home | work | temp | old | mobile: purpose of this contact point.',
      nullable: true,
    }),
    rank: t.exposeInt('rank', { description: 'Specify preferred order of use (1 = highest).', nullable: true }),
    period: t.expose('period', {
      description: 'Time period when the contact point was/is in use.',
      type: Period,
      nullable: true,
    }),
  }),
});
