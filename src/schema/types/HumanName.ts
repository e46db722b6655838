import type { HumanName as FhirHumanName } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { elementFields } from './Element.js';
import { Element } from './Element.js';
import { Period } from './Period.js';

export const HumanName = builder.objectRef<FhirHumanName>('HumanName');

HumanName.implement({
  description: 'FHIR R4 HumanName. `given` includes middle names.',
  fields: (t) => ({
    ...elementFields(t),
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
