import type { Period as FhirPeriod } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { elementFields } from './Element.js';

export const Period = builder.objectRef<FhirPeriod>('Period');

Period.implement({
  description: 'FHIR R4 Period: a start and/or end dateTime (partial precision allowed); a missing bound is open.',
  fields: (t) => ({
    ...elementFields(t),
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
