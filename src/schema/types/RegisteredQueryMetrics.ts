import { toInstant } from '../../lib/instant.js';
import { builder } from '../builder.js';
import type { RegisteredQuery as WireRegisteredQuery } from '../../datasources/types.js';

type Metrics = WireRegisteredQuery['metrics'];

export const RegisteredQueryMetrics = builder.objectRef<Metrics>('RegisteredQueryMetrics').implement({
  fields: (t) => ({
    lastSucceededAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (m) => toInstant(m.lastSucceededAt) ?? null,
    }),
    lastFailedAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => toInstant(m.lastFailedAt) ?? null }),
    lastExecutionDurationMs: t.int({ nullable: true, resolve: (m) => m.lastExecutionDuration ?? null }),
    executionSucceededCount: t.int({ resolve: (m) => m.executionSucceededCount ?? 0 }),
    executionFailedCount: t.int({ resolve: (m) => m.executionFailedCount ?? 0 }),
    resultSizeSum: t.int({ nullable: true, resolve: (m) => m.resultSizeSum ?? null }),
    requestSize: t.int({ nullable: true, resolve: (m) => m.requestSize ?? null }),
  }),
});
