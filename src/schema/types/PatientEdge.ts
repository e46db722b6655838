import { builder } from '../builder.js';
import type { Edge } from '../pagination.js';
import { Patient, type SitePatient } from './Patient.js';

export const PatientEdge = builder.objectRef<Edge<SitePatient>>('PatientEdge');

PatientEdge.implement({
  description: 'One patient of a search result, with the cursor that continues after it.',
  fields: (t) => ({
    node: t.field({ description: 'The patient.', type: Patient, resolve: (e) => e.node }),
    cursor: t.exposeString('cursor', {
      description: 'Opaque and signed: pass it as after to continue behind this patient.',
    }),
  }),
});
