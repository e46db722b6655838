import type { HumanName as FhirHumanName } from 'fhir/r4.js';
import { builder } from '../builder.js';
import {
  DEPRECATED_ID_DESCRIPTION,
  DEPRECATED_ID_REASON,
  ELEMENT_ID_DESCRIPTION,
  EXTENSION_DESCRIPTION,
} from '../fhir-element.js';
import { Element } from './Element.js';
import { Extension } from './Extension.js';
import { Period } from './Period.js';

export const HumanName = builder.objectRef<FhirHumanName>('HumanName');

HumanName.implement({
  description: 'FHIR R4 HumanName. `given` includes middle names.',
  fields: (t) => ({
    elementId: t.exposeString('id', { nullable: true, description: ELEMENT_ID_DESCRIPTION }),
    id: t.string({
      nullable: true,
      description: DEPRECATED_ID_DESCRIPTION,
      deprecationReason: DEPRECATED_ID_REASON,
      resolve: () => null,
    }),
    extension: t.expose('extension', { description: EXTENSION_DESCRIPTION, type: [Extension], nullable: true }),
    use: t.exposeString('use', {
      description: 'usual | official | temp | nickname | anonymous | old | maiden',
      nullable: true,
    }),
    text: t.exposeString('text', { description: 'Text representation of the full name.', nullable: true }),
    family: t.exposeString('family', { description: "Family name (often called 'Surname').", nullable: true }),
    _family: t.expose('_family', {
      type: Element,
      nullable: true,
      description: 'Extensions on `family` (e.g. a data-absent reason).',
    }),
    given: t.exposeStringList('given', {
      description: "Given names (not always 'first'). Includes middle names.",
      nullable: true,
    }),
    prefix: t.exposeStringList('prefix', {
      description: 'Parts that come before the name (e.g. Dr, Ms).',
      nullable: true,
    }),
    suffix: t.exposeStringList('suffix', { description: 'Parts that come after the name.', nullable: true }),
    period: t.expose('period', { description: 'Time period when name was/is in use.', type: Period, nullable: true }),
  }),
});
