import type { HumanName as FhirHumanName } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { DEPRECATED_ID_DESCRIPTION, DEPRECATED_ID_REASON, ELEMENT_ID_DESCRIPTION } from '../fhir-element.js';
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
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    use: t.exposeString('use', { nullable: true }),
    text: t.exposeString('text', { nullable: true }),
    family: t.exposeString('family', { nullable: true }),
    _family: t.expose('_family', {
      type: Element,
      nullable: true,
      description: 'Extensions on `family` (e.g. a data-absent reason).',
    }),
    given: t.exposeStringList('given', { nullable: true }),
    prefix: t.exposeStringList('prefix', { nullable: true }),
    suffix: t.exposeStringList('suffix', { nullable: true }),
    period: t.expose('period', { type: Period, nullable: true }),
  }),
});
