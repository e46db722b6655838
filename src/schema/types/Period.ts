import type { Period as FhirPeriod } from 'fhir/r4.js';
import { builder } from '../builder.js';
import {
  DEPRECATED_ID_DESCRIPTION,
  DEPRECATED_ID_REASON,
  ELEMENT_ID_DESCRIPTION,
  EXTENSION_DESCRIPTION,
} from '../fhir-element.js';
import { Extension } from './Extension.js';

export const Period = builder.objectRef<FhirPeriod>('Period');

Period.implement({
  description: 'FHIR R4 Period: a start and/or end dateTime (partial precision allowed); a missing bound is open.',
  fields: (t) => ({
    elementId: t.exposeString('id', { nullable: true, description: ELEMENT_ID_DESCRIPTION }),
    id: t.string({
      nullable: true,
      description: DEPRECATED_ID_DESCRIPTION,
      deprecationReason: DEPRECATED_ID_REASON,
      resolve: () => null,
    }),
    extension: t.expose('extension', { description: EXTENSION_DESCRIPTION, type: [Extension], nullable: true }),
    start: t.exposeString('start', {
      description: 'Starting time with inclusive boundary (a FHIR dateTime: partial precision allowed).',
      nullable: true,
    }),
    end: t.exposeString('end', {
      description: 'End time with inclusive boundary, if not ongoing (a FHIR dateTime).',
      nullable: true,
    }),
  }),
});
