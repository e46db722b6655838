import type { Period as FhirPeriod } from 'fhir/r4.js';
import { builder } from '../builder.js';
import { Extension } from './Extension.js';

export const Period = builder.objectRef<FhirPeriod>('Period');

Period.implement({
  description: 'FHIR R4 Period: a start and/or end dateTime (partial precision allowed); a missing bound is open.',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: true }),
    extension: t.expose('extension', { type: [Extension], nullable: true }),
    start: t.exposeString('start', { nullable: true }),
    end: t.exposeString('end', { nullable: true }),
  }),
});
