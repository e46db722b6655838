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
