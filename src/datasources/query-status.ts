import type { AsyncQueryStatus } from './types.js';

/** Every status an async query can have, in lifecycle order (DOMAIN.md §2.2). */
export const ASYNC_QUERY_STATUSES = [
  'initialising',
  'queued',
  'executing',
  'uploading',
  'successful',
  'executionFailed',
  'expiredInQueue',
  'uploadFailed',
  'initialisationFailedCacheError',
  'initialisationFailedSiteOffline',
  'initialisationFailedSiteUnreachable',
] as const satisfies readonly AsyncQueryStatus[];

/** Statuses after which a query never changes again. */
export const TERMINAL_QUERY_STATUSES: ReadonlySet<string> = new Set<AsyncQueryStatus>([
  'successful',
  'executionFailed',
  'expiredInQueue',
  'uploadFailed',
  'initialisationFailedCacheError',
  'initialisationFailedSiteOffline',
  'initialisationFailedSiteUnreachable',
]);

/**
 * How long Halo keeps an async query's result pages after it completed; afterwards they answer 410
 * (RESULT_EXPIRED). Halo documents "approximately 24 hours" (DOMAIN.md §3.2): the figure is
 * inferred, so it only informs `SqlQuery.expiresAt`; Halo's 410 decides.
 */
export const RESULT_RETENTION_MS = 24 * 60 * 60 * 1000;
