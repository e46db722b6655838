/**
 * Polls one site's watched queries while this replica holds the site's lease, and publishes every
 * change as a snapshot on the bus. Async queries share one lane: one `getQueryStatusBatch` call per
 * interval for all of them (100 ids per call). Each registered query has its own lane:
 * `getRegisteredQuery` per interval, and `getRegisteredQueryResult` only when `lastHash` changed;
 * after a webhook (the query ran, its result most likely changed) both at once.
 *
 * Intervals adapt per lane: the fastest while something moves, doubling up to the slowest while
 * nothing does, at least `Retry-After` when Halo says so, and the offline interval while the site
 * is unavailable. A webhook (`when: 'now'`) polls a lane at once; new interest (`'soon'`) brings
 * its lane back to the fastest interval.
 */
import type { HaloDataSource } from '../datasources/halo-client.js';
import { isHaloApiError } from '../datasources/halo-error.js';
import type { DecodedRegisteredQueryResult } from '../datasources/registered-queries.js';
import type { Coordination } from './coordination.js';
import type { Scheduler, SchedulerTimer } from './scheduler.js';
import {
  hasChanged,
  isFinal,
  refreshTopic,
  snapshotTopic,
  targetKey,
  type AsyncSnapshot,
  type RefreshRequest,
  type RegisteredSnapshot,
  type Snapshot,
} from './snapshots.js';
import type { WireQuery } from '../datasources/types.js';

/** The adaptive interval bounds of one lane. */
export interface PollIntervals {
  /** While something changed at the last poll. */
  minMs: number;
  /** The slowest, reached by doubling while nothing changes. */
  maxMs: number;
  /** While Halo answers SITE_UNAVAILABLE for the site. */
  offlineMs: number;
}

/** What a site poller needs; the app wires it in `live-queries.ts`. */
export interface SitePollerDeps {
  siteId: string;
  /** A datasource whose signal aborts when the poller stops. */
  halo: HaloDataSource;
  coordination: Coordination;
  scheduler: Scheduler;
  asyncIntervals: PollIntervals;
  registeredIntervals: PollIntervals;
  /** Deadline of one upstream poll call. */
  deadlineMs: number;
  /** What this replica already knows of a target (its watcher's state): the baseline for "changed". */
  baseline(key: string): AsyncSnapshot | RegisteredSnapshot | undefined;
  /** Counts work in flight (for `whenIdle`). */
  track<T>(work: Promise<T>): Promise<T>;
  onError(error: unknown, where: string): void;
}

type PollOutcome = 'changed' | 'unchanged' | 'idle';
const MAX_BATCH = 100;

/** One polling loop with its own adaptive interval. Never runs two polls at once. */
class Lane {
  private interval: number;
  private timer: SchedulerTimer | undefined;
  private dueAt = Infinity;
  private running = false;
  private again = false;
  /** The next poll answers a webhook (`now()`). */
  private urgent = false;
  private stopped = false;
  /** Halo asked for a pause (Retry-After): not even a webhook polls before this. */
  private pausedUntil = -Infinity;

  constructor(
    /** `urgent`: a webhook asked for this poll. */
    private readonly poll: (urgent: boolean) => Promise<PollOutcome>,
    private readonly intervals: PollIntervals,
    private readonly deps: Pick<SitePollerDeps, 'scheduler' | 'track' | 'onError'>,
  ) {
    this.interval = intervals.minMs;
  }

  /** Poll within the fastest interval (new interest). */
  soon(): void {
    if (this.stopped) return;
    this.interval = this.intervals.minMs;
    const now = this.deps.scheduler.now();
    if (this.running || this.dueAt <= now + this.intervals.minMs || this.pausedUntil > now) return;
    this.schedule(this.intervals.minMs);
  }

  /** Poll at once (a webhook said something changed); right after the current poll if one runs. */
  now(): void {
    if (this.stopped) return;
    this.interval = this.intervals.minMs;
    if (this.pausedUntil > this.deps.scheduler.now()) return; // the paused poll is already scheduled
    this.urgent = true;
    if (this.running) {
      this.again = true;
      return;
    }
    this.clear();
    void this.deps.track(this.run());
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  get isScheduled(): boolean {
    return this.timer !== undefined || this.running;
  }

  private async run(): Promise<void> {
    this.running = true;
    let delay: number | undefined;
    try {
      do {
        this.again = false;
        const urgent = this.urgent;
        this.urgent = false;
        delay = this.nextDelay(await this.poll(urgent));
      } while (this.again && !this.stopped);
    } catch (error) {
      delay = this.delayAfter(error);
    } finally {
      this.running = false;
    }
    if (!this.stopped && delay !== undefined) this.schedule(delay);
  }

  private nextDelay(outcome: PollOutcome): number | undefined {
    if (outcome === 'idle') return undefined;
    this.interval = outcome === 'changed' ? this.intervals.minMs : Math.min(this.intervals.maxMs, this.interval * 2);
    return this.interval;
  }

  private delayAfter(error: unknown): number {
    if (!isHaloApiError(error)) {
      if (!this.stopped) this.deps.onError(error, 'poll');
      this.interval = this.intervals.maxMs;
      return this.interval;
    }
    if (error.networkCode === 'ABORTED') return this.interval;
    this.interval = Math.min(this.intervals.maxMs, this.interval * 2);
    let delay = error.code === 'SITE_UNAVAILABLE' ? Math.max(this.intervals.offlineMs, this.interval) : this.interval;
    // Halo asked for a pause (429, or a 503 that said how long): never poll sooner.
    if (error.retryAfterSeconds !== undefined) delay = Math.max(delay, error.retryAfterSeconds * 1000);
    else if (error.code === 'RATE_LIMITED') delay = Math.max(delay, this.intervals.maxMs);
    if (error.code === 'RATE_LIMITED' || error.retryAfterSeconds !== undefined)
      this.pausedUntil = this.deps.scheduler.now() + delay;
    return delay;
  }

  private schedule(ms: number): void {
    this.clear();
    this.dueAt = this.deps.scheduler.now() + ms;
    this.timer = this.deps.scheduler.setTimeout(() => {
      this.timer = undefined;
      this.dueAt = Infinity;
      void this.deps.track(this.run());
    }, ms);
  }

  private clear(): void {
    if (this.timer !== undefined) this.deps.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = Infinity;
  }
}

/** The poller of one site: runs only on the replica that holds the site's lease. */
export class SitePoller {
  private readonly asyncLane: Lane;
  private readonly registeredLanes = new Map<string, Lane>();
  /** What was last published (or learned) per target key; final ones are not polled again. */
  private readonly known = new Map<string, Snapshot>();
  /** The last result read per registered query, with the lastHash it was read for. */
  private readonly results = new Map<string, { hash: string; result: DecodedRegisteredQueryResult | null }>();
  private unsubscribe: (() => Promise<void>) | undefined;
  private stopped = false;

  constructor(private readonly deps: SitePollerDeps) {
    this.asyncLane = new Lane(() => this.pollAsync(), deps.asyncIntervals, deps);
  }

  /**
   * Starts listening for refresh requests, then schedules every watched query at the fastest
   * interval: a replica taking over a site re-reads all of it, so nothing that happened while no
   * one polled (a terminal status) is lost.
   */
  async start(): Promise<void> {
    const unsubscribe = await this.deps.coordination.bus.subscribe(refreshTopic(this.deps.siteId), (m) =>
      this.onRefresh(m),
    );
    if (this.stopped) {
      await unsubscribe();
      return;
    }
    this.unsubscribe = unsubscribe;
    await this.resync();
  }

  /**
   * Schedules every watched query at the fastest interval. After an outage of Redis other replicas'
   * interest is back and refresh requests may have been missed: the replica still polling the site
   * takes up everything watched anywhere.
   */
  async resync(): Promise<void> {
    const targets = await this.deps.coordination.interest.list(this.deps.siteId);
    if (this.stopped) return;
    if (targets.some((t) => t.kind === 'async')) this.asyncLane.soon();
    for (const t of targets) if (t.kind === 'registered') this.registeredLane(t.queryId).soon();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.asyncLane.stop();
    for (const lane of this.registeredLanes.values()) lane.stop();
    this.registeredLanes.clear();
    this.known.clear();
    this.results.clear();
    await this.unsubscribe?.();
  }

  /** Lanes with a poll scheduled or running (for stats and leak checks). */
  get activeLanes(): number {
    return (
      (this.asyncLane.isScheduled ? 1 : 0) + [...this.registeredLanes.values()].filter((l) => l.isScheduled).length
    );
  }

  private onRefresh(message: unknown): void {
    if (this.stopped || !isRefreshRequest(message)) return;
    void this.deps.track(this.refresh(message)).catch((error: unknown) => this.deps.onError(error, 'refresh'));
  }

  private async refresh({ kind, queryId, when }: RefreshRequest): Promise<void> {
    if (when === 'now') {
      // A webhook about a query nobody here watches must not cost a poll.
      const targets = await this.deps.coordination.interest.list(this.deps.siteId);
      if (this.stopped || !targets.some((t) => t.kind === kind && t.queryId === queryId)) return;
    }
    const lane = kind === 'async' ? this.asyncLane : this.registeredLane(queryId);
    if (when === 'now') lane.now();
    else lane.soon();
  }

  private registeredLane(queryId: string): Lane {
    let lane = this.registeredLanes.get(queryId);
    if (!lane) {
      lane = new Lane((urgent) => this.pollRegistered(queryId, urgent), this.deps.registeredIntervals, this.deps);
      this.registeredLanes.set(queryId, lane);
    }
    return lane;
  }

  private dropRegisteredLane(queryId: string): void {
    this.registeredLanes.get(queryId)?.stop();
    this.registeredLanes.delete(queryId);
    const key = targetKey({ kind: 'registered', siteId: this.deps.siteId, queryId });
    this.known.delete(key);
    this.results.delete(key);
  }

  /** Publishes a change; only once it is out does it become the baseline (a failed publish is retried next poll). */
  private async publish(snapshot: Snapshot): Promise<void> {
    if (this.stopped) return;
    const target = {
      kind: snapshot.type === 'gone' ? snapshot.kind : snapshot.type,
      siteId: snapshot.siteId,
      queryId: snapshot.queryId,
    };
    let message: Snapshot = snapshot;
    const limit = this.deps.coordination.maxMessageBytes;
    if (snapshot.type === 'registered' && snapshot.result && limit !== undefined && snapshot.result.size > limit) {
      // Too big for the bus: watchers fetch it themselves (one call per replica, not per subscriber).
      const { result: _omitted, ...rest } = snapshot;
      message = rest;
    }
    await this.deps.coordination.bus.publish(snapshotTopic(target), message);
    this.known.set(targetKey(target), snapshot);
  }

  private baseline(key: string): Snapshot | undefined {
    return this.known.get(key) ?? this.deps.baseline(key);
  }

  private async pollAsync(): Promise<PollOutcome> {
    const { siteId } = this.deps;
    const targets = await this.deps.coordination.interest.list(siteId);
    if (this.stopped) return 'idle';
    const watched = new Set(
      targets.filter((t) => t.kind === 'async').map((t) => targetKey({ kind: 'async', siteId, queryId: t.queryId })),
    );
    for (const key of this.known.keys()) if (key.startsWith('async:') && !watched.has(key)) this.known.delete(key);
    for (const t of targets)
      if (t.kind === 'registered' && !this.registeredLanes.has(t.queryId)) this.registeredLane(t.queryId).soon();

    const ids = targets.filter((t) => {
      if (t.kind !== 'async') return false;
      const known = this.known.get(targetKey({ kind: 'async', siteId, queryId: t.queryId }));
      return known === undefined || !isFinal(known);
    });
    if (ids.length === 0) return 'idle';
    let changed = false;
    for (let i = 0; i < ids.length; i += MAX_BATCH) {
      const chunk = ids.slice(i, i + MAX_BATCH).map((t) => t.queryId);
      const res = await this.deps.halo.getQueryStatusBatch(siteId, chunk, { deadlineMs: this.deps.deadlineMs });
      if (this.stopped) return 'idle';
      const byId = new Map((res.results ?? []).map((r) => [r.queryId.toLowerCase(), r]));
      for (const queryId of chunk) {
        const entry = byId.get(queryId);
        const key = targetKey({ kind: 'async', siteId, queryId });
        if (entry?.status === 'found' && entry.query) {
          const snapshot: AsyncSnapshot = { type: 'async', siteId, queryId, query: entry.query as WireQuery };
          const base = this.baseline(key);
          if (base?.type !== 'async' || hasChanged(snapshot, base)) {
            changed = true;
            await this.publish(snapshot);
          } else {
            this.known.set(key, snapshot);
          }
        } else if (entry?.status === 'notFound') {
          changed = true;
          await this.publish({ type: 'gone', kind: 'async', siteId, queryId });
        }
      }
    }
    return changed ? 'changed' : 'unchanged';
  }

  private async pollRegistered(queryId: string, urgent: boolean): Promise<PollOutcome> {
    const { siteId } = this.deps;
    const key = targetKey({ kind: 'registered', siteId, queryId });
    const known = this.known.get(key);
    const final = known !== undefined && isFinal(known);
    const options = { deadlineMs: this.deps.deadlineMs };
    // After a webhook (whose query `refresh` just found watched) the result most likely changed:
    // read the query and its result at once, while the interest is checked, saving round trips.
    const early =
      urgent && !final
        ? {
            query: settle(this.deps.halo.getRegisteredQuery(siteId, queryId, options)),
            result: settle(this.deps.halo.readRegisteredQueryResult(siteId, queryId, options)),
          }
        : undefined;
    const targets = await this.deps.coordination.interest.list(siteId);
    if (this.stopped) return 'idle';
    if (!targets.some((t) => t.kind === 'registered' && t.queryId === queryId)) {
      this.dropRegisteredLane(queryId);
      return 'idle';
    }
    if (final) return 'idle';
    let query;
    try {
      query = early ? unwrap(await early.query) : await this.deps.halo.getRegisteredQuery(siteId, queryId, options);
    } catch (error) {
      if (!isHaloApiError(error) || error.code !== 'NOT_FOUND') throw error;
      await this.publish({ type: 'gone', kind: 'registered', siteId, queryId });
      return 'idle';
    }
    if (this.stopped) return 'idle';
    const base = this.baseline(key);
    const snapshot: RegisteredSnapshot = { type: 'registered', siteId, queryId, query };
    const baseHash = base?.type === 'registered' ? base.query.lastHash || '' : undefined;
    if (query.lastHash && query.lastHash !== baseHash) {
      const read = await early?.result;
      const previous = this.previousResult(key, base);
      // The result read along with the query belongs to the new hash only if it differs from the
      // previous hash's result; if it does not (it predates the run), or that is unknown, read it again.
      snapshot.result =
        read?.ok && previous !== undefined && !sameResult(read.value, previous)
          ? read.value
          : await this.readResult(queryId);
      this.results.set(key, { hash: query.lastHash, result: snapshot.result });
    }
    if (this.stopped) return 'idle';
    const changed = base?.type !== 'registered' || hasChanged(snapshot, base);
    if (changed) await this.publish(snapshot);
    else this.known.set(key, snapshot);
    if (isFinal(snapshot)) return 'idle';
    return changed ? 'changed' : 'unchanged';
  }

  /** The result of the baseline's lastHash, when known (null: there was none); from this poller's last read or the watcher's. */
  private previousResult(key: string, base: Snapshot | undefined): DecodedRegisteredQueryResult | null | undefined {
    if (base?.type !== 'registered') return undefined;
    const hash = base.query.lastHash || '';
    if (hash === '') return null;
    const mine = this.results.get(key);
    return mine?.hash === hash ? mine.result : base.result;
  }

  private async readResult(queryId: string): Promise<DecodedRegisteredQueryResult | null> {
    try {
      return await this.deps.halo.readRegisteredQueryResult(this.deps.siteId, queryId, {
        deadlineMs: this.deps.deadlineMs,
      });
    } catch (error) {
      if (isHaloApiError(error) && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** The outcome of `promise`, never rejecting (a read whose result may go unused must not reject unhandled). */
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

function unwrap<T>(settled: Settled<T>): T {
  if (settled.ok) return settled.value;
  throw settled.error;
}

/** Whether two decoded results hold the same data. */
function sameResult(a: DecodedRegisteredQueryResult, b: DecodedRegisteredQueryResult | null): boolean {
  if (b === null) return false;
  if (a === b) return true;
  if (a.size !== b.size || a.rowCount !== b.rowCount || a.rows.length !== b.rows.length) return false;
  return JSON.stringify([a.columns, a.rows, a.parameters]) === JSON.stringify([b.columns, b.rows, b.parameters]);
}

function isRefreshRequest(m: unknown): m is RefreshRequest {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return (
    (r['kind'] === 'async' || r['kind'] === 'registered') &&
    typeof r['queryId'] === 'string' &&
    (r['when'] === 'now' || r['when'] === 'soon')
  );
}
