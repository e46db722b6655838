import { builder } from '../builder.js';
import type { ConnectionShape } from '../pagination.js';
import { PageInfo } from './PageInfo.js';
import type { SitePatient } from './Patient.js';
import { PatientEdge } from './PatientEdge.js';

export const PatientConnection = builder.objectRef<ConnectionShape<SitePatient>>('PatientConnection');

PatientConnection.implement({
  description: 'One page of a FHIR Patient search (a searchset Bundle), Relay-shaped.',
  fields: (t) => ({
    edges: t.field({
      description: 'The patients of this page, in order.',
      type: [PatientEdge],
      resolve: (c) => c.edges,
    }),
    pageInfo: t.field({
      description: 'Where this page is: pass pageInfo.endCursor as after for the next one.',
      type: PageInfo,
      resolve: (c) => c.pageInfo,
    }),
    totalCount: t.exposeInt('totalCount', {
      nullable: true,
      description: "All matches of the search (the Bundle's `total`), when Halo reports it.",
    }),
  }),
});
