import { builder } from '../builder.js';
import { QueryPhase } from '../enums.js';
import { DateTime } from '../scalars.js';

export interface StatusTimingShape {
  phase: 'initialising' | 'queued' | 'executing' | 'downloading' | 'uploading';
  startTime: string | undefined;
  endTime: string | undefined;
}

export const StatusTiming = builder.objectRef<StatusTimingShape>('StatusTiming').implement({
  description: 'When a query entered and left one phase of its lifecycle.',
  fields: (t) => ({
    phase: t.field({ description: 'The phase.', type: QueryPhase, resolve: (s) => s.phase }),
    startTime: t.field({
      description: 'When the query entered it.',
      type: DateTime,
      nullable: true,
      resolve: (s) => s.startTime ?? null,
    }),
    endTime: t.field({
      description: 'When the query left it; null while it is in it.',
      type: DateTime,
      nullable: true,
      resolve: (s) => s.endTime ?? null,
    }),
  }),
});
