import type { Address as FhirAddress } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { DEPRECATED_ID_DESCRIPTION, DEPRECATED_ID_REASON, ELEMENT_ID_DESCRIPTION } from '../fhir-element.js';
import { Extension } from './Extension.js';
import { Period } from './Period.js';

export const Address = builder.objectRef<FhirAddress>('Address');

Address.implement({
  description: 'FHIR R4 Address (AU Base: `state` is an Australian state code, `postalCode` four digits).',
  fields: (t) => ({
    elementId: t.exposeString('id', { nullable: true, description: ELEMENT_ID_DESCRIPTION }),
    id: t.string({
      nullable: true,
      description: DEPRECATED_ID_DESCRIPTION,
      deprecationReason: DEPRECATED_ID_REASON,
      resolve: () => null,
    }),
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    use: t.exposeString('use', { nullable: true }),
    type: t.exposeString('type', { nullable: true }),
    text: t.exposeString('text', { nullable: true }),
    line: t.exposeStringList('line', { nullable: true }),
    city: t.exposeString('city', { nullable: true }),
    district: t.exposeString('district', { nullable: true }),
    state: t.exposeString('state', { nullable: true }),
    postalCode: t.exposeString('postalCode', { nullable: true }),
    country: t.exposeString('country', { nullable: true }),
    period: t.expose('period', { type: Period, nullable: true }),
  }),
});
