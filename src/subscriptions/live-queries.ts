/**
 * The source of every subscription event. One watcher per watched query (per replica), shared by
 * all its subscribers and ref-counted: the first subscriber creates it (it subscribes to the
 * query's snapshots on the bus, registers interest and reads the current state once), later ones
 * get its current state at once, and the last one leaving closes it: bus subscription, interest,
 * the site's poller and lease, timers and in-flight upstream calls all stop.
 *
 * Polling is per site (./site-poller.ts) and happens only on the replica holding the site's
 * lease; the others receive its snapshots through the bus. With the local coordination this
 * process is the only replica and always holds every lease; so does a replica in local mode (Redis
 * unreachable), for the sites its own subscribers watch, until it rejoins.
 */
import { GraphQLError } from 'graphql';
import type { HaloClient, HaloDataSource } from '../datasources/halo-client.js';
import { isHaloApiError } from '../datasources/halo-error.js';
import type { DecodedRegisteredQueryResult } from '../datasources/registered-queries.js';
import type { RegisteredQuery } from '../datasources/types.js';
import { apiError, toApiError } from '../errors/api-errors.js';
import type { DecodedQuery } from '../datasources/types.js';
import { Channel } from './channel.js';
import type { Coordination } from './coordination.js';
import type { Scheduler, SchedulerTimer } from './scheduler.js';
import {
  SharedRegistrationsRegistry,
  type SharedRegistration,
  type SharedResultChange,
} from './shared-registrations.js';
import { SitePoller } from './site-poller.js';
import {
  asyncEvents,
  isFinal,
  isNotOlder,
  refreshTopic,
  snapshotTopic,
  targetKey,
  type AsyncSnapshot,
  type RefreshRequest,
  type RegisteredSnapshot,
  type Snapshot,
  type WatchTarget,
} from './snapshots.js';

/** Poll tuning of the watchers. */
export interface LiveQueriesOptions {
  /** Async status poll interval while a query moves. @default 250 */
  minPollIntervalMs: number;
  /** Async status poll interval reached by doubling while nothing changes. @default 10000 */
  maxPollIntervalMs: number;
  /** Poll interval while Halo answers that the site is unavailable. @default 30000 */
  offlinePollIntervalMs: number;
  /** Registered queries run at most once a minute: their fastest interval, after a change. @default 5000 */
  registeredMinPollIntervalMs: number;
  /** Their slowest interval (webhooks, when configured, make changes arrive sooner). @default 30000 */
  registeredMaxPollIntervalMs: number;
  /** Deadline of one upstream poll call. @default 10000 */
  pollDeadlineMs: number;
  /** Events queued for one subscriber that stopped reading before it is dropped. @default 100 */
  maxQueuedEvents: number;
  /**
   * A shared registration (live named queries) outlives its last subscriber on a replica by this
   * much before it is released and, when no replica claims it, cancelled at Halo. @default 15000
   */
  sharedRegistrationGraceMs: number;
}

/** The defaults of `LiveQueriesOptions`. */
export const DEFAULT_LIVE_QUERIES_OPTIONS: Readonly<LiveQueriesOptions> = Object.freeze({
  minPollIntervalMs: 250,
  maxPollIntervalMs: 10_000,
  offlinePollIntervalMs: 30_000,
  registeredMinPollIntervalMs: 5_000,
  registeredMaxPollIntervalMs: 30_000,
  pollDeadlineMs: 10_000,
  maxQueuedEvents: 100,
  sharedRegistrationGraceMs: 15_000,
});

/** An event of `registeredQueryResultChanged`. */
export interface RegisteredQueryResultChangeShape {
  siteId: string;
  query: RegisteredQuery;
  hash: string;
  /** The hash this result replaced, when this service saw the change; null for the first result it knew. */
  previousHash: string | null;
  /** The decoded result for `hash`; null when Halo could not serve it. */
  result: DecodedRegisteredQueryResult | null;
}

/** Counters for tests and metrics. */
export interface LiveQueriesStats {
  /** Watched queries (one watcher each, whatever the number of subscribers). */
  watches: number;
  /** Subscribers over all watchers. */
  subscribers: number;
  /** Sites this replica polls (holds the lease of). */
  pollingSites: string[];
  /** Poll lanes with a poll scheduled or running. */
  activeLanes: number;
}

/** The shared watchers behind every subscription (`Context.live`). */
export interface LiveQueries {
  /**
   * The async query's current state, then each status change; ends after a terminal status.
   * Resolves once the current state is known (or Halo is unavailable: the first state then comes
   * from polling). Rejects with a GraphQL error NOT_FOUND / SITE_NOT_FOUND / BAD_USER_INPUT.
   */
  queryStatus(
    siteId: string,
    queryId: string,
    signal?: AbortSignal,
  ): Promise<AsyncGenerator<DecodedQuery, void, undefined>>;
  /** The registered query's current result if it has one, then every lastHash change; ends when it is cancelled or completed. Rejects as queryStatus. */
  registeredResults(
    siteId: string,
    queryId: string,
    signal?: AbortSignal,
  ): Promise<AsyncGenerator<RegisteredQueryResultChangeShape, void, undefined>>;
  /**
   * The results of the Halo registered query shared by every subscriber of `spec.key` on every
   * replica (./shared-registrations.ts): the current result at once when there is one, then each
   * new one; registered at Halo by the first subscriber, renewed when its duration runs out, and
   * cancelled after the last subscriber leaves. Rejects as queryStatus.
   */
  sharedRegisteredResults(
    spec: SharedRegistration,
    signal?: AbortSignal,
  ): Promise<AsyncGenerator<SharedResultChange, void, undefined>>;
  /** Something changed upstream (a webhook): the replica polling the site polls this query now. */
  refresh(target: WatchTarget): Promise<void>;
  stats(): LiveQueriesStats;
  /** Resolves when no poll, read or event delivery is in flight (tests; graceful shutdown). */
  whenIdle(): Promise<void>;
  /** Ends every subscription, stops polling and releases leases. Idempotent. */
  stop(): Promise<void>;
}

/** What `createLiveQueries` needs. */
export interface LiveQueriesDeps {
  halo: HaloClient;
  coordination: Coordination;
  scheduler: Scheduler;
  options?: Partial<LiveQueriesOptions>;
  /** Unexpected background failures (Redis, bugs). Never carries payloads. */
  onError?: (error: unknown, where: string) => void;
}

type WatchEvent = DecodedQuery | RegisteredQueryResultChangeShape;

/** Halo errors that mean the query will never be found: the subscription fails instead of waiting. */
const PERMANENT = new Set(['NOT_FOUND', 'SITE_NOT_FOUND', 'BAD_USER_INPUT']);
const notFound = () => apiError('NOT_FOUND', 'Query not found.');

/** Creates the registry. No I/O until the first subscription. */
export function createLiveQueries(deps: LiveQueriesDeps): LiveQueries {
  return new Registry(deps);
}

class Registry implements LiveQueries {
  readonly options: LiveQueriesOptions;
  readonly watches = new Map<string, Watch>();
  readonly sites = new Map<string, SiteLoop>();
  private inflight = 0;
  private idleWaiters: Array<() => void> = [];
  private stopped: Promise<void> | undefined;
  private readonly offResync: () => void;
  private readonly shared: SharedRegistrationsRegistry;

  constructor(readonly deps: LiveQueriesDeps) {
    this.options = { ...DEFAULT_LIVE_QUERIES_OPTIONS, ...deps.options };
    // Redis is back and this replica rejoined: every watcher reads its query once and asks for it to
    // be polled; every site loop contends for its lease again, and a poller still running takes up
    // everything watched anywhere.
    const offResync = deps.coordination.onResync(() => {
      for (const watch of this.watches.values()) watch.resync();
      for (const loop of this.sites.values()) loop.rejoined();
    });
    // Redis is gone: every site loop takes its site over at once (local mode), not at its next renewal.
    const offMode = deps.coordination.onModeChange((mode) => {
      if (mode === 'local') for (const loop of this.sites.values()) loop.wake();
    });
    this.offResync = () => {
      offResync();
      offMode();
    };
    this.shared = new SharedRegistrationsRegistry({
      halo: deps.halo,
      coordination: deps.coordination,
      scheduler: deps.scheduler,
      watch: (siteId, queryId, signal) => this.registeredResults(siteId, queryId, signal),
      graceMs: this.options.sharedRegistrationGraceMs,
      deadlineMs: this.options.pollDeadlineMs,
      maxQueuedEvents: this.options.maxQueuedEvents,
      track: (work) => this.track(work),
      report: (error, where) => this.report(error, where),
    });
  }

  get coordination(): Coordination {
    return this.deps.coordination;
  }

  report(error: unknown, where: string): void {
    this.deps.onError?.(error, where);
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.inflight++;
    const done = () => {
      if (--this.inflight > 0) return;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    };
    work.then(done, done);
    return work;
  }

  queryStatus(siteId: string, queryId: string, signal?: AbortSignal) {
    return this.subscribe({ kind: 'async', siteId, queryId }, signal) as Promise<
      AsyncGenerator<DecodedQuery, void, undefined>
    >;
  }

  registeredResults(siteId: string, queryId: string, signal?: AbortSignal) {
    return this.subscribe({ kind: 'registered', siteId, queryId }, signal) as Promise<
      AsyncGenerator<RegisteredQueryResultChangeShape, void, undefined>
    >;
  }

  sharedRegisteredResults(spec: SharedRegistration, signal?: AbortSignal) {
    if (this.stopped) throw apiError('UPSTREAM_ERROR', 'The server is shutting down.');
    return this.shared.subscribe(spec, signal);
  }

  private async subscribe(
    target: WatchTarget,
    signal: AbortSignal | undefined,
  ): Promise<AsyncGenerator<WatchEvent, void, undefined>> {
    if (this.stopped) throw apiError('UPSTREAM_ERROR', 'The server is shutting down.');
    const key = targetKey(target);
    let watch = this.watches.get(key);
    if (!watch) {
      watch = new Watch(target, this);
      this.watches.set(key, watch);
    }
    const channel = watch.addSubscriber(signal);
    try {
      await watch.ready;
    } catch (error) {
      await channel.return();
      if (error instanceof GraphQLError) throw error;
      // Not Halo's answer (a bug, or coordination failing in a way local mode did not absorb):
      // reported, and the client gets a code it can act on instead of an internal error.
      this.report(error, 'subscribe');
      throw apiError('UPSTREAM_ERROR', 'Live updates could not be started. Try again.');
    }
    return channel;
  }

  async refresh({ kind, siteId, queryId }: WatchTarget): Promise<void> {
    const request: RefreshRequest = { kind, queryId, when: 'now' };
    await this.coordination.bus.publish(refreshTopic(siteId), request);
  }

  retainSite(siteId: string): SiteLoop {
    let loop = this.sites.get(siteId);
    if (!loop) {
      loop = new SiteLoop(siteId, this);
      this.sites.set(siteId, loop);
    }
    loop.retain();
    return loop;
  }

  forgetWatch(watch: Watch): void {
    if (this.watches.get(watch.key) === watch) this.watches.delete(watch.key);
  }

  stats(): LiveQueriesStats {
    let subscribers = 0;
    for (const w of this.watches.values()) subscribers += w.subscriberCount;
    const polling = [...this.sites.values()].filter((s) => s.isPolling);
    return {
      watches: this.watches.size,
      subscribers,
      pollingSites: polling.map((s) => s.siteId),
      activeLanes: polling.reduce((n, s) => n + s.activeLanes, 0),
    };
  }

  async whenIdle(): Promise<void> {
    // Bus deliveries and follow-up work start on later ticks: idle means idle across a macrotask.
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.inflight === 0) return;
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.offResync();
      // First, so that followers whose watchers end below do not register successors.
      const released = this.shared.stop();
      for (const loop of [...this.sites.values()]) loop.close();
      for (const watch of [...this.watches.values()]) watch.close();
      await released;
      await this.whenIdle();
    })();
    return this.stopped;
  }
}

/** One watched query on this replica, shared by all its subscribers. */
class Watch {
  readonly key: string;
  readonly ready: Promise<void>;
  private readonly subscribers = new Set<Channel<WatchEvent>>();
  private current: AsyncSnapshot | RegisteredSnapshot | undefined;
  private lastChange: RegisteredQueryResultChangeShape | undefined;
  private opened = false;
  private closed = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly controller = new AbortController();
  private readonly halo: HaloDataSource;
  private readonly cleanup: Array<() => unknown> = [];

  constructor(
    readonly target: WatchTarget,
    private readonly registry: Registry,
  ) {
    this.key = targetKey(target);
    this.halo = registry.deps.halo.forRequest(this.controller.signal);
    this.ready = registry.track(this.open());
    this.ready.catch(() => undefined); // each subscriber awaits it; this only marks it handled
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** The state the poller compares against: no publish, no result fetch for what this replica already has. */
  get state(): AsyncSnapshot | RegisteredSnapshot | undefined {
    return this.current;
  }

  addSubscriber(signal: AbortSignal | undefined): Channel<WatchEvent> {
    const onAbort = () => void channel.return();
    const channel: Channel<WatchEvent> = new Channel<WatchEvent>(
      () => {
        signal?.removeEventListener('abort', onAbort);
        this.subscribers.delete(channel);
        if (this.subscribers.size === 0) this.close();
      },
      this.registry.options.maxQueuedEvents,
      () => apiError('BAD_USER_INPUT', 'The subscriber did not keep up with its events.'),
    );
    if (this.closed || signal?.aborted) {
      channel.end();
      return channel;
    }
    this.subscribers.add(channel);
    signal?.addEventListener('abort', onAbort, { once: true });
    const initial = this.currentEvent();
    if (initial) channel.push(initial);
    return channel;
  }

  /**
   * After an outage of Redis snapshots may have been lost: read the query again, and ask the
   * replica polling the site (whichever holds its lease now) to poll it.
   */
  resync(): void {
    if (this.closed || !this.opened) return;
    void this.registry.track(this.read(false));
    const { kind, siteId, queryId } = this.target;
    const request: RefreshRequest = { kind, queryId, when: 'soon' };
    this.registry.coordination.bus
      .publish(refreshTopic(siteId), request)
      .catch((e: unknown) => this.registry.report(e, 'refresh'));
  }

  /** Ends every subscriber (with `error` when given) and releases everything this watch holds. */
  close(error?: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.registry.forgetWatch(this);
    this.controller.abort();
    for (const channel of [...this.subscribers]) {
      if (error) channel.fail(error);
      else channel.end();
    }
    this.subscribers.clear();
    void this.registry.track(
      (async () => {
        await this.ready.catch(() => undefined);
        for (const fn of this.cleanup.reverse()) {
          try {
            await fn();
          } catch (e) {
            this.registry.report(e, 'watch cleanup');
          }
        }
      })(),
    );
  }

  private async open(): Promise<void> {
    const { coordination } = this.registry;
    const { kind, siteId, queryId } = this.target;
    // Subscribe before reading, so no change can fall between the read and the subscription.
    this.cleanup.push(await coordination.bus.subscribe(snapshotTopic(this.target), (m) => this.onSnapshot(m)));
    if (this.closed) return;
    await coordination.interest.add(this.target);
    this.cleanup.push(() => coordination.interest.remove(this.target));
    if (this.closed) return;
    const site = this.registry.retainSite(siteId);
    this.cleanup.push(() => site.release());
    const request: RefreshRequest = { kind, queryId, when: 'soon' };
    coordination.bus.publish(refreshTopic(siteId), request).catch((e: unknown) => this.registry.report(e, 'refresh'));
    await this.read(true);
    this.opened = true;
  }

  /** Reads the query once; on the first read a permanent failure fails the subscription. */
  private async read(initial: boolean): Promise<void> {
    const { kind, siteId, queryId } = this.target;
    const options = { deadlineMs: this.registry.options.pollDeadlineMs };
    try {
      if (kind === 'async') {
        const res = await this.halo.getQueryStatusBatch(siteId, [queryId], options);
        const entry = res.results?.find((r) => r.queryId.toLowerCase() === queryId);
        if (entry?.status !== 'found' || !entry.query) throw notFound();
        await this.enqueue({ type: 'async', siteId, queryId, query: entry.query as AsyncSnapshot['query'] });
      } else {
        const query = await this.halo.getRegisteredQuery(siteId, queryId, options);
        await this.enqueue({ type: 'registered', siteId, queryId, query });
      }
    } catch (error) {
      if (this.closed) return;
      const permanent = isHaloApiError(error) ? PERMANENT.has(error.code) : true;
      // Transient (site unavailable, rate limited, timeout): the poller delivers the state later.
      if (!permanent) return;
      const gqlError = toApiError(error);
      if (initial && this.current === undefined) {
        this.close();
        throw gqlError;
      }
      this.close(gqlError);
    }
  }

  private onSnapshot(message: unknown): void {
    if (!isSnapshot(message) || message.siteId !== this.target.siteId || message.queryId !== this.target.queryId)
      return;
    void this.registry.track(this.enqueue(message));
  }

  /** Snapshots are applied one at a time, in arrival order. */
  private enqueue(snapshot: Snapshot): Promise<void> {
    const next = this.chain.then(() => this.apply(snapshot));
    this.chain = next.catch((e: unknown) => this.registry.report(e, 'watch'));
    return next;
  }

  private async apply(s: Snapshot): Promise<void> {
    if (this.closed) return;
    if (s.type === 'gone') {
      // Before the first read finishes, that read decides (and fails the subscription).
      if (this.opened || this.current) this.close(notFound());
      return;
    }
    if (s.type !== this.target.kind || !isNotOlder(s, this.current)) return;
    const previous = this.current;
    this.current = s;
    if (s.type === 'async') {
      for (const query of asyncEvents(previous?.type === 'async' ? previous.query : undefined, s.query))
        this.emit({ query });
    } else {
      const hash = s.query.lastHash || null;
      const previousHash = previous?.type === 'registered' ? previous.query.lastHash || null : null;
      if (hash && hash !== previousHash) {
        const result = s.result !== undefined ? s.result : await this.readResult();
        if (this.closed) return;
        // The state keeps the result it was read for: the poller's baseline for the next change.
        if (s.result === undefined && result !== undefined && this.current === s) this.current = { ...s, result };
        this.lastChange = { siteId: s.siteId, query: s.query, hash, previousHash, result: result ?? null };
        this.emit(this.lastChange);
      }
    }
    if (isFinal(s)) this.close();
  }

  /** The current result: null when Halo has none, undefined when it could not be read. */
  private async readResult(): Promise<DecodedRegisteredQueryResult | null | undefined> {
    try {
      return await this.halo.readRegisteredQueryResult(this.target.siteId, this.target.queryId, {
        deadlineMs: this.registry.options.pollDeadlineMs,
      });
    } catch (error) {
      if (!isHaloApiError(error)) throw error;
      // The change is still news: its result is null rather than the event lost.
      return error.code === 'NOT_FOUND' ? null : undefined;
    }
  }

  private currentEvent(): WatchEvent | undefined {
    if (this.current?.type === 'async') return { query: this.current.query };
    return this.lastChange;
  }

  private emit(event: WatchEvent): void {
    for (const channel of this.subscribers) channel.push(event);
  }
}

/** This replica's interest in one site: contends for its lease and runs its poller while holding it. */
class SiteLoop {
  private refs = 0;
  private holding = false;
  private poller: SitePoller | undefined;
  private pollerAbort: AbortController | undefined;
  private timer: SchedulerTimer | undefined;
  private closed = false;
  private ticking = false;

  constructor(
    readonly siteId: string,
    private readonly registry: Registry,
  ) {}

  get isPolling(): boolean {
    return this.poller !== undefined;
  }

  get activeLanes(): number {
    return this.poller?.activeLanes ?? 0;
  }

  retain(): void {
    if (++this.refs === 1) void this.registry.track(this.tick());
  }

  release(): void {
    if (--this.refs === 0) this.close();
  }

  /** Contend for the lease (or take the site over, in local mode) now rather than at the next renewal. */
  wake(): void {
    if (this.closed || this.ticking) return;
    if (this.timer !== undefined) this.registry.deps.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    void this.registry.track(this.tick());
  }

  /** Back in shared mode: contend for the lease now; a poller still running takes up everything watched anywhere. */
  rejoined(): void {
    this.poller?.resync().catch((e: unknown) => this.registry.report(e, 'poller resync'));
    this.wake();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.registry.sites.get(this.siteId) === this) this.registry.sites.delete(this.siteId);
    if (this.timer !== undefined) this.registry.deps.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    this.stopPoller();
    if (this.holding) {
      this.holding = false;
      void this.registry.track(
        this.registry.coordination.lease.release(this.siteId).catch((e: unknown) => this.registry.report(e, 'lease')),
      );
    }
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (this.closed) return;
    this.ticking = true;
    const { lease, interest } = this.registry.coordination;
    // Without Redis the coordination answers for this replica alone (local mode): it holds every lease.
    let holding = this.holding;
    try {
      holding = this.holding ? await lease.renew(this.siteId) : await lease.acquire(this.siteId);
      if (lease.renewEveryMs !== undefined) await interest.touch(this.siteId);
    } catch (error) {
      this.registry.report(error, 'lease');
    } finally {
      this.ticking = false;
    }
    if (this.closed) {
      if (holding) await lease.release(this.siteId).catch((e: unknown) => this.registry.report(e, 'lease'));
      return;
    }
    this.holding = holding;
    if (holding && !this.poller) this.startPoller();
    else if (!holding && this.poller) this.stopPoller();
    if (lease.renewEveryMs !== undefined) {
      this.timer = this.registry.deps.scheduler.setTimeout(
        () => void this.registry.track(this.tick()),
        lease.renewEveryMs,
      );
    }
  }

  private startPoller(): void {
    const { options, deps } = this.registry;
    this.pollerAbort = new AbortController();
    this.poller = new SitePoller({
      siteId: this.siteId,
      halo: deps.halo.forRequest(this.pollerAbort.signal),
      coordination: deps.coordination,
      scheduler: deps.scheduler,
      asyncIntervals: {
        minMs: options.minPollIntervalMs,
        maxMs: options.maxPollIntervalMs,
        offlineMs: options.offlinePollIntervalMs,
      },
      registeredIntervals: {
        minMs: options.registeredMinPollIntervalMs,
        maxMs: options.registeredMaxPollIntervalMs,
        offlineMs: Math.max(options.offlinePollIntervalMs, options.registeredMinPollIntervalMs),
      },
      deadlineMs: options.pollDeadlineMs,
      baseline: (key) => this.registry.watches.get(key)?.state,
      track: (work) => this.registry.track(work),
      onError: (error, where) => this.registry.report(error, where),
    });
    void this.registry.track(this.poller.start()).catch((e: unknown) => this.registry.report(e, 'poller start'));
  }

  private stopPoller(): void {
    const poller = this.poller;
    this.poller = undefined;
    this.pollerAbort?.abort();
    this.pollerAbort = undefined;
    if (poller) void this.registry.track(poller.stop()).catch((e: unknown) => this.registry.report(e, 'poller stop'));
  }
}

function isSnapshot(m: unknown): m is Snapshot {
  if (typeof m !== 'object' || m === null) return false;
  const s = m as Record<string, unknown>;
  if (typeof s['siteId'] !== 'string' || typeof s['queryId'] !== 'string') return false;
  if (s['type'] === 'gone') return s['kind'] === 'async' || s['kind'] === 'registered';
  return (s['type'] === 'async' || s['type'] === 'registered') && typeof s['query'] === 'object' && s['query'] !== null;
}
