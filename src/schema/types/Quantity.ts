import type { Quantity as FhirQuantity } from 'fhir/r4.js';
import { builder } from '../builder.js';
import {
  DEPRECATED_ID_DESCRIPTION,
  DEPRECATED_ID_REASON,
  ELEMENT_ID_DESCRIPTION,
  EXTENSION_DESCRIPTION,
} from '../fhir-element.js';
import { Extension } from './Extension.js';

export const Quantity = builder.objectRef<FhirQuantity>('Quantity');

Quantity.implement({
  description: 'FHIR R4 Quantity: a measured amount.',
  fields: (t) => ({
    elementId: t.exposeString('id', { nullable: true, description: ELEMENT_ID_DESCRIPTION }),
    id: t.string({
      nullable: true,
      description: DEPRECATED_ID_DESCRIPTION,
      deprecationReason: DEPRECATED_ID_REASON,
      resolve: () => null,
    }),
    extension: t.expose('extension', { description: EXTENSION_DESCRIPTION, type: [Extension], nullable: true }),
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
