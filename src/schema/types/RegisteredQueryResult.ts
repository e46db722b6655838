import { builder } from '../builder.js';
import { JSONScalar } from '../scalars.js';
import { SqlParameter } from './SqlParameter.js';
import type { DecodedRegisteredQueryResult } from '../../datasources/registered-queries.js';

export const RegisteredQueryResult = builder
  .objectRef<DecodedRegisteredQueryResult>('RegisteredQueryResult')
  .implement({
    description: 'The latest result of a registered query (Halo keeps only the latest; it changes when lastHash does).',
    fields: (t) => ({
      rowCount: t.int({
        description: 'Rows in the result (rows affected, for NON_QUERY).',
        resolve: (r) => r.rowCount,
      }),
      sizeBytes: t.int({ description: 'Size of the result, in bytes of JSON.', resolve: (r) => r.size }),
      columns: t.stringList({ description: 'Column names in order.', resolve: (r) => r.columns }),
      rows: t.field({
        description: 'The decoded rows: { columnName: value } each.',
        type: [JSONScalar],
        resolve: (r) => r.rows,
      }),
      outputParameters: t.field({
        description: 'Output, inputOutput and returnValue parameters after the latest run.',
        type: [SqlParameter],
        nullable: true,
        resolve: (r) => r.parameters ?? null,
      }),
    }),
  });
