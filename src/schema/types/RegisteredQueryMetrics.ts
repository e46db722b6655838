import { toInstant } from '../../lib/instant.js';
import { builder } from '../builder.js';
import type { RegisteredQuery as WireRegisteredQuery } from '../../datasources/types.js';

type Metrics = WireRegisteredQuery['metrics'];

export const RegisteredQueryMetrics = builder.objectRef<Metrics>('RegisteredQueryMetrics').implement({
  description: "How a registered query's runs have gone so far.",
  fields: (t) => ({
    lastSucceededAt: t.field({
      description: 'When the latest successful run finished.',
      type: 'DateTime',
      nullable: true,
      resolve: (m) => toInstant(m.lastSucceededAt) ?? null,
    }),
    lastFailedAt: t.field({
      description: 'When the latest failed run finished.',
      type: 'DateTime',
      nullable: true,
      resolve: (m) => toInstant(m.lastFailedAt) ?? null,
    }),
    lastExecutionDurationMs: t.int({
      description: 'Execution time of the latest run, in milliseconds.',
      nullable: true,
      resolve: (m) => m.lastExecutionDuration ?? null,
    }),
    executionSucceededCount: t.int({
      description: 'Runs that succeeded so far.',
      resolve: (m) => m.executionSucceededCount ?? 0,
    }),
    executionFailedCount: t.int({
      description: 'Runs that failed so far.',
      resolve: (m) => m.executionFailedCount ?? 0,
    }),
    resultSizeSum: t.int({
      description: 'Bytes of results produced by all runs together.',
      nullable: true,
      resolve: (m) => m.resultSizeSum ?? null,
    }),
    requestSize: t.int({
      description: 'Size of the registration request, in bytes.',
      nullable: true,
      resolve: (m) => m.requestSize ?? null,
    }),
  }),
});
