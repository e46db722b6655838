import { builder } from '../builder.js';
import type { RegisteredQuery as WireRegisteredQuery } from '../../datasources/types.js';

type Metrics = WireRegisteredQuery['metrics'];

const isoOrNull = (s: string | undefined) => {
  if (!s) return null;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

export const RegisteredQueryMetrics = builder.objectRef<Metrics>('RegisteredQueryMetrics').implement({
  fields: (t) => ({
    lastSucceededAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => isoOrNull(m.lastSucceededAt) }),
    lastFailedAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => isoOrNull(m.lastFailedAt) }),
    lastExecutionDurationMs: t.int({ nullable: true, resolve: (m) => m.lastExecutionDuration ?? null }),
    executionSucceededCount: t.int({ resolve: (m) => m.executionSucceededCount ?? 0 }),
    executionFailedCount: t.int({ resolve: (m) => m.executionFailedCount ?? 0 }),
    resultSizeSum: t.int({ nullable: true, resolve: (m) => m.resultSizeSum ?? null }),
    requestSize: t.int({ nullable: true, resolve: (m) => m.requestSize ?? null }),
  }),
});
