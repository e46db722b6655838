import type { Quantity as FhirQuantity } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { elementFields } from './Element.js';

export const Quantity = builder.objectRef<FhirQuantity>('Quantity');

Quantity.implement({
  description: 'FHIR R4 Quantity: a measured amount.',
  fields: (t) => ({
    ...elementFields(t),
    value: t.exposeFloat('value', { description: 'Numerical value (with implicit precision).', nullable: true }),
    comparator: t.exposeString('comparator', {
      description: '< | <= | >= | >: how to understand the value.',
      nullable: true,
    }),
    unit: t.exposeString('unit', { description: 'Unit representation.', nullable: true }),
    system: t.exposeString('system', {
      description: 'System that defines coded unit form (e.g. UCUM).',
      nullable: true,
    }),
    code: t.exposeString('code', { description: 'Coded form of the unit.', nullable: true }),
  }),
});
