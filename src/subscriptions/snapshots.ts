/**
 * What travels between pollers and watchers: the state of one watched query as Halo last reported
 * it. Pollers publish snapshots; every replica's watchers decide from them what their subscribers
 * see. Snapshots may arrive twice or out of order (an initial read racing a poll, two replicas
 * during a lease handover), so each kind has a progress order and older snapshots are ignored.
 */
import { TERMINAL_QUERY_STATUSES } from '../datasources/query-status.js';
import type { DecodedRegisteredQueryResult } from '../datasources/registered-queries.js';
import type { RegisteredQuery } from '../datasources/types.js';
import type { WireQuery } from '../datasources/types.js';

export type WatchKind = 'async' | 'registered';

/** One watched query. `siteId` and `queryId` are lower-case GUIDs. */
export interface WatchTarget {
  kind: WatchKind;
  siteId: string;
  queryId: string;
}

export interface AsyncSnapshot {
  type: 'async';
  siteId: string;
  queryId: string;
  query: WireQuery;
}

export interface RegisteredSnapshot {
  type: 'registered';
  siteId: string;
  queryId: string;
  query: RegisteredQuery;
  /**
   * The decoded result for `query.lastHash` when the publisher fetched it (it does so only when
   * the hash changed); `null` when Halo had none to give; absent when not fetched.
   */
  result?: DecodedRegisteredQueryResult | null;
}

/** Halo no longer knows the query (batch status `notFound`, or 404). */
export interface GoneSnapshot {
  type: 'gone';
  kind: WatchKind;
  siteId: string;
  queryId: string;
}

/** Anything a poller publishes about one watched query. */
export type Snapshot = AsyncSnapshot | RegisteredSnapshot | GoneSnapshot;

/** `kind:siteId:queryId`: the registry key of a watched query. */
export const targetKey = (t: WatchTarget): string => `${t.kind}:${t.siteId}:${t.queryId}`;

/** The bus topic a target's snapshots are published on. */
export const snapshotTopic = (t: WatchTarget): string => `snapshot:${targetKey(t)}`;

/** The bus topic that asks a site's poller to poll now (webhooks) or soon (new interest). */
export const refreshTopic = (siteId: string): string => `refresh:${siteId}`;

/** A request to a site's poller. `now`: poll this target at once; `soon`: poll it at the fastest interval. */
export interface RefreshRequest {
  kind: WatchKind;
  queryId: string;
  when: 'now' | 'soon';
}

const ASYNC_RANK: Readonly<Record<string, number>> = { initialising: 0, queued: 1, executing: 2, uploading: 3 };
/** The phases of statusTiming that are also statuses, in lifecycle order (`downloading` is immediate-only). */
const PHASES = ['initialising', 'queued', 'executing', 'uploading'] as const;
const PAGE_RANK: Readonly<Record<string, number>> = { queued: 0, uploading: 1, cached: 2 };
const REGISTERED_TERMINAL = new Set(['cancelled', 'completed', 'initialisationFailedCacheError']);

/** An async status after which nothing changes any more. */
export const isTerminalAsyncStatus = (status: string): boolean => TERMINAL_QUERY_STATUSES.has(status);
/** A registered-query status after which it never runs again (cancelled, completed, failed to start). */
export const isTerminalRegisteredStatus = (status: string): boolean => REGISTERED_TERMINAL.has(status);

/** Lifecycle position of an async status: initialising < queued < executing < uploading < any terminal. */
export function asyncRank(status: string): number {
  return TERMINAL_QUERY_STATUSES.has(status) ? 4 : (ASYNC_RANK[status] ?? 0);
}

/** How far an async query's result pages are: each counts 0 (queued), 1 (uploading) or 2 (cached). */
export function pageProgress(q: WireQuery): number {
  return (q.result?.pages ?? []).reduce((n, p) => n + (PAGE_RANK[p.status ?? 'queued'] ?? 0), 0);
}

/** The pages' numbers and statuses: what a page-progress event reports. */
const pageStates = (q: WireQuery): string =>
  (q.result?.pages ?? []).map((p) => `${p.pageNumber}:${p.status ?? 'queued'}`).join(',');

/**
 * Progress of a registered query: runs so far, then whether it has finished. Runs only grow and a
 * finished query never runs again, so a snapshot with a lower value is stale.
 */
export function registeredProgress(q: RegisteredQuery): number {
  const runs = (q.metrics?.executionSucceededCount ?? 0) + (q.metrics?.executionFailedCount ?? 0);
  return runs * 2 + (isTerminalRegisteredStatus(q.status) ? 1 : 0);
}

/** True when `next` is not older than `current`, i.e. a watcher should take it as the latest state. */
export function isNotOlder(
  next: AsyncSnapshot | RegisteredSnapshot,
  current: AsyncSnapshot | RegisteredSnapshot | undefined,
): boolean {
  if (current === undefined) return true;
  if (next.type === 'async' && current.type === 'async') {
    const rank = asyncRank(next.query.status) - asyncRank(current.query.status);
    return rank > 0 || (rank === 0 && pageProgress(next.query) >= pageProgress(current.query));
  }
  if (next.type === 'registered' && current.type === 'registered')
    return registeredProgress(next.query) >= registeredProgress(current.query);
  return false;
}

/** True when a poller should publish `next` given what it last knew: the state moved on. */
export function hasChanged(
  next: AsyncSnapshot | RegisteredSnapshot,
  known: AsyncSnapshot | RegisteredSnapshot | undefined,
): boolean {
  if (known === undefined) return true;
  if (next.type === 'async' && known.type === 'async')
    return next.query.status !== known.query.status || pageStates(next.query) !== pageStates(known.query);
  if (next.type === 'registered' && known.type === 'registered') {
    return (next.query.lastHash || '') !== (known.query.lastHash || '') || next.query.status !== known.query.status;
  }
  return true;
}

/** Whether the query can still change (a terminal query is polled no more). */
export function isFinal(s: Snapshot): boolean {
  if (s.type === 'gone') return true;
  return s.type === 'async' ? isTerminalAsyncStatus(s.query.status) : isTerminalRegisteredStatus(s.query.status);
}

/**
 * What subscribers of an async query hear when its state moves from `previous` (what they last
 * heard) to `next`: the state itself when its status or a page's status changed, preceded by every
 * phase Halo's statusTiming records between the two (a poll that saw SUCCESSFUL right after QUEUED
 * still reports EXECUTING and UPLOADING, with their times), in lifecycle order, each once. No
 * previous state: `next` alone (a subscription starts with the current state, not the history).
 */
export function asyncEvents(previous: WireQuery | undefined, next: WireQuery): WireQuery[] {
  if (previous === undefined) return [next];
  if (previous.status === next.status && pageStates(previous) === pageStates(next)) return [];
  const from = asyncRank(previous.status);
  const to = asyncRank(next.status);
  const passed = PHASES.filter(
    (phase) => ASYNC_RANK[phase]! > from && ASYNC_RANK[phase]! < to && next.statusTiming?.[phase]?.startTime,
  );
  return [...passed.map((phase) => atPhase(next, phase)), next];
}

/**
 * The query as it was during `phase`, derived from a later state: the phase's status, the timings up
 * to and including it (its end time too, now known), `updatedAt` when it began. What only a later
 * state knows (result, pages, errors, completion) is left out.
 */
function atPhase(q: WireQuery, phase: (typeof PHASES)[number]): WireQuery {
  const upTo = PHASES.slice(0, PHASES.indexOf(phase) + 1);
  const statusTiming = Object.fromEntries(upTo.flatMap((p) => (q.statusTiming?.[p] ? [[p, q.statusTiming[p]]] : [])));
  return {
    id: q.id,
    siteId: q.siteId,
    mode: q.mode,
    status: phase,
    createdAt: q.createdAt,
    updatedAt: q.statusTiming?.[phase]?.startTime ?? q.updatedAt,
    maxTimeInQueue: q.maxTimeInQueue,
    statusTiming,
    // Halo reports the execution time from UPLOADING on.
    ...(phase === 'uploading' && q.metrics ? { metrics: q.metrics } : {}),
  };
}
