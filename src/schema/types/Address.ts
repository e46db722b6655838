import type { Address as FhirAddress } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { elementFields } from './Element.js';
import { Period } from './Period.js';

export const Address = builder.objectRef<FhirAddress>('Address');

Address.implement({
  description: 'FHIR R4 Address (AU Base: `state` is an Australian state code, `postalCode` four digits).',
  fields: (t) => ({
    ...elementFields(t),
    use: t.exposeString('use', {
      description: 'home | work | temp | old | billing: purpose of this address.',
      nullable: true,
    }),
    type: t.exposeString('type', { description: 'postal | physical | both', nullable: true }),
    text: t.exposeString('text', { description: 'Text representation of the address.', nullable: true }),
    line: t.exposeStringList('line', { description: 'Street name, number, direction & P.O. Box etc.', nullable: true }),
    city: t.exposeString('city', {
      description: 'Name of city, town etc. (in Australia, the suburb or locality).',
      nullable: true,
    }),
    district: t.exposeString('district', { description: 'District name (aka county).', nullable: true }),
    state: t.exposeString('state', {
      description: 'Sub-unit of country (AU Base: NSW, VIC, QLD, SA, WA, TAS, NT, ACT).',
      nullable: true,
    }),
    postalCode: t.exposeString('postalCode', {
      description: 'Postal code for area (AU: four digits).',
      nullable: true,
    }),
    country: t.exposeString('country', {
      description: 'Country (e.g. can be ISO 3166 2 or 3 letter code).',
      nullable: true,
    }),
    period: t.expose('period', {
      description: 'Time period when address was/is in use.',
      type: Period,
      nullable: true,
    }),
  }),
});
