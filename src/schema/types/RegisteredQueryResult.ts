import { builder } from '../builder.js';
import { JSONScalar } from '../scalars.js';
import { SqlParameter } from './SqlParameter.js';
import type { DecodedRegisteredQueryResult } from '../../datasources/registered-queries.js';

export const RegisteredQueryResult = builder
  .objectRef<DecodedRegisteredQueryResult>('RegisteredQueryResult')
  .implement({
    description: 'The latest result of a registered query (Halo keeps only the latest; it changes when lastHash does).',
    fields: (t) => ({
      rowCount: t.int({ resolve: (r) => r.rowCount }),
      sizeBytes: t.int({ resolve: (r) => r.size }),
      columns: t.stringList({ resolve: (r) => r.columns }),
      rows: t.field({ type: [JSONScalar], resolve: (r) => r.rows }),
      outputParameters: t.field({ type: [SqlParameter], nullable: true, resolve: (r) => r.parameters ?? null }),
    }),
  });
