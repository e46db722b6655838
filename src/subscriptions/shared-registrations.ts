/**
 * Halo registered queries shared by key: the live named queries' source (`<name>Changed`). All
 * subscribers of one key, on every replica, follow one registered query at Halo:
 *
 * - the first subscriber on a replica joins the key's registration under the key's lock: it reads
 *   the registered query id stored for the key and, when there is none or it no longer runs,
 *   registers the command at Halo and stores the new id (for the registration's duration); then it
 *   claims the key for this replica (claims lapse unless renewed, so a dead replica lets go);
 * - every subscriber follows the registered query's results through the shared watchers
 *   (./live-queries.ts: one watcher per query per replica, polling per site, webhooks);
 * - when the registration ends while subscribers remain (its duration ran out), the next
 *   one is registered and followed, without a repeated event for an unchanged result;
 * - after the last subscriber on a replica leaves, and a grace period without a new one, the
 *   replica drops its claim and, under the lock, cancels the registered query at Halo when no
 *   replica claims the key any more. On shutdown this happens at once.
 *
 * Keys are digests (no argument values); the command is registered with a fixed label.
 */
import type { HaloClient, HaloDataSource } from '../datasources/halo-client.js';
import { isHaloApiError } from '../datasources/halo-error.js';
import type { RegisteredQueryPostReq } from '../datasources/types.js';
import { apiError, toApiError } from '../errors/api-errors.js';
import { Channel } from './channel.js';
import type { Coordination } from './coordination.js';
import type { Scheduler, SchedulerTimer } from './scheduler.js';

/** One shared registration. */
export interface SharedRegistration {
  /** Lower-case site GUID. */
  siteId: string;
  /** Same key, same registered query: a digest of what it runs (entry, statement version, site, arguments). */
  key: string;
  /** What to register at Halo when no replica has it running. */
  request: RegisteredQueryPostReq;
}

/** What a follower receives: each new result of the registration (as a registered query's change). */
export interface SharedResultChange {
  hash: string;
  /** Decoded rows; null when Halo could not serve this result. */
  result: { rows: Array<Record<string, unknown>> } | null;
}

export interface SharedRegistrationsDeps {
  halo: HaloClient;
  coordination: Coordination;
  scheduler: Scheduler;
  /** The shared watcher of one registered query (its current result, then each change; ends when it ends). */
  watch(
    siteId: string,
    queryId: string,
    signal: AbortSignal,
  ): Promise<AsyncGenerator<SharedResultChange, void, undefined>>;
  /** After the last subscriber leaves: how long before the registration is released (and cancelled). */
  graceMs: number;
  /** Deadline of one Halo call. */
  deadlineMs: number;
  maxQueuedEvents: number;
  track<T>(work: Promise<T>): Promise<T>;
  report(error: unknown, where: string): void;
}

/** Registrations that end this many times in a row without a result are given up (never a loop of creations). */
const MAX_RENEWALS_WITHOUT_RESULT = 3;

export class SharedRegistrationsRegistry {
  private readonly sessions = new Map<string, Session>();
  private stopped = false;

  constructor(readonly deps: SharedRegistrationsDeps) {}

  /**
   * Follows the registration of `spec.key`, joining (or creating) it first. Resolves once this
   * replica follows a registered query; rejects as the Halo calls do (SITE_NOT_FOUND, …).
   */
  async subscribe(spec: SharedRegistration, signal?: AbortSignal): Promise<AsyncGenerator<SharedResultChange, void>> {
    if (this.stopped) throw apiError('UPSTREAM_ERROR', 'The server is shutting down.');
    let session = this.sessions.get(spec.key);
    while (session?.closing) {
      await session.closing;
      session = this.sessions.get(spec.key);
    }
    if (!session) {
      session = new Session(spec, this);
      this.sessions.set(spec.key, session);
    }
    return session.follow(signal);
  }

  forget(session: Session): void {
    if (this.sessions.get(session.spec.key) === session) this.sessions.delete(session.spec.key);
  }

  /** Releases every registration now (cancelling those no other replica claims). */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.sessions.values()].map((s) => s.close()));
  }
}

/** This replica's followers of one key. */
class Session {
  private followers = 0;
  /** The registered query followed now; set once joined. */
  private current: string | undefined;
  private joined: Promise<string> | undefined;
  private renewal: Promise<string> | undefined;
  private renewalsWithoutResult = 0;
  private graceTimer: SchedulerTimer | undefined;
  private claimTimer: SchedulerTimer | undefined;
  /** Set while (and after) the registration is being released; new followers wait for it. */
  closing: Promise<void> | undefined;
  private readonly controller = new AbortController();
  private readonly halo: HaloDataSource;

  constructor(
    readonly spec: SharedRegistration,
    private readonly owner: SharedRegistrationsRegistry,
  ) {
    this.halo = owner.deps.halo.forRequest(this.controller.signal);
  }

  private get deps(): SharedRegistrationsDeps {
    return this.owner.deps;
  }

  /** One follower: a channel fed from the registration's results until it returns or fails. */
  async follow(signal: AbortSignal | undefined): Promise<AsyncGenerator<SharedResultChange, void>> {
    this.followers++;
    if (this.graceTimer !== undefined) this.deps.scheduler.clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
    let queryId: string;
    try {
      queryId = await (this.joined ??= this.deps.track(this.join()));
    } catch (error) {
      this.joined = undefined;
      this.unfollow();
      throw toApiError(error);
    }
    const local = new AbortController();
    // The follower leaves the moment its channel returns (or its request ends): no event, and no
    // Halo call, waits for that.
    const release = () => {
      signal?.removeEventListener('abort', onAbort);
      local.abort();
      this.unfollow();
    };
    const out = new Channel<SharedResultChange>(release, this.deps.maxQueuedEvents, () =>
      apiError('BAD_USER_INPUT', 'The subscriber did not keep up with its events.'),
    );
    const onAbort = () => void out.return();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    // Not tracked: it lasts as long as the follower (its Halo calls are tracked on their own).
    void this.pump(queryId, out, local.signal).catch((error: unknown) =>
      this.deps.report(error, 'shared registration'),
    );
    return out;
  }

  /** Feeds `out` from the registered query, and from its successors when it ends; `out` ends with it. */
  private async pump(first: string, out: Channel<SharedResultChange>, signal: AbortSignal): Promise<void> {
    try {
      await this.feed(first, out, signal);
    } finally {
      out.end();
    }
  }

  private async feed(first: string, out: Channel<SharedResultChange>, signal: AbortSignal): Promise<void> {
    let queryId = first;
    let lastHash: string | undefined;
    for (;;) {
      if (signal.aborted || out.isClosed) return;
      try {
        const changes = await this.deps.watch(this.spec.siteId, queryId, signal);
        for await (const change of changes) {
          // A renewed registration's first result repeats the last one when nothing changed.
          if (change.hash === lastHash) continue;
          lastHash = change.hash;
          this.renewalsWithoutResult = 0;
          out.push(change);
        }
      } catch (error) {
        // The registered query vanished at Halo: like an ended one, it is replaced.
        if (!(isGone(error) && !signal.aborted)) {
          out.fail(toApiError(error));
          return;
        }
      }
      if (signal.aborted || out.isClosed || this.closing) return;
      try {
        queryId = await this.renew(queryId);
      } catch (error) {
        out.fail(toApiError(error));
        return;
      }
    }
  }

  /** Joins the key's registration (registering it at Halo when none runs) and claims it for this replica. */
  private async join(): Promise<string> {
    const { registrations } = this.deps.coordination;
    const id = await registrations.withLock(this.spec.key, async () => {
      const existing = await registrations.get(this.spec.key);
      const queryId = existing !== undefined && (await this.isRunning(existing)) ? existing : await this.register();
      await registrations.hold(this.spec.key);
      return queryId;
    });
    this.current = id;
    this.scheduleClaim();
    return id;
  }

  /** The registration that follows `ended` (another replica may have registered it already). */
  private renew(ended: string): Promise<string> {
    if (this.current !== undefined && this.current !== ended) return Promise.resolve(this.current);
    this.renewal ??= this.deps
      .track(
        (async () => {
          if (++this.renewalsWithoutResult > MAX_RENEWALS_WITHOUT_RESULT)
            throw apiError('UPSTREAM_ERROR', 'Halo ended the live query repeatedly without a result.');
          const { registrations } = this.deps.coordination;
          const id = await registrations.withLock(this.spec.key, async () => {
            const existing = await registrations.get(this.spec.key);
            if (existing !== undefined && existing !== ended && (await this.isRunning(existing))) return existing;
            return this.register();
          });
          this.current = id;
          return id;
        })(),
      )
      .finally(() => {
        this.renewal = undefined;
      });
    return this.renewal;
  }

  private async isRunning(queryId: string): Promise<boolean> {
    try {
      const query = await this.halo.getRegisteredQuery(this.spec.siteId, queryId, { deadlineMs: this.deps.deadlineMs });
      return query.status === 'enabled';
    } catch (error) {
      if (isHaloApiError(error) && error.code === 'NOT_FOUND') return false;
      throw error;
    }
  }

  private async register(): Promise<string> {
    const { id } = await this.halo.createRegisteredQuery(this.spec.siteId, this.spec.request, {
      deadlineMs: this.deps.deadlineMs,
    });
    const queryId = id.toLowerCase();
    await this.deps.coordination.registrations.set(this.spec.key, queryId, this.spec.request.duration * 1000);
    return queryId;
  }

  /** Renews this replica's claim while the session lives (shared coordination only). */
  private scheduleClaim(): void {
    const every = this.deps.coordination.registrations.renewEveryMs;
    if (every === undefined || this.closing) return;
    this.claimTimer = this.deps.scheduler.setTimeout(() => {
      this.claimTimer = undefined;
      void this.deps
        .track(this.deps.coordination.registrations.hold(this.spec.key))
        .catch((e: unknown) => this.deps.report(e, 'shared registration claim'))
        .finally(() => this.scheduleClaim());
    }, every);
  }

  private unfollow(): void {
    if (--this.followers > 0 || this.closing) return;
    const { graceMs, scheduler } = this.deps;
    this.graceTimer = scheduler.setTimeout(() => {
      this.graceTimer = undefined;
      if (this.followers === 0) void this.close();
    }, graceMs);
  }

  /** Drops this replica's claim and cancels the registration at Halo when no replica claims it. */
  close(): Promise<void> {
    this.closing ??= this.deps.track(
      (async () => {
        if (this.graceTimer !== undefined) this.deps.scheduler.clearTimeout(this.graceTimer);
        if (this.claimTimer !== undefined) this.deps.scheduler.clearTimeout(this.claimTimer);
        this.graceTimer = this.claimTimer = undefined;
        try {
          await this.joined?.catch(() => undefined);
          await this.renewal?.catch(() => undefined);
          if (this.current === undefined) return;
          const { registrations } = this.deps.coordination;
          await registrations.release(this.spec.key);
          await registrations.withLock(this.spec.key, async () => {
            if (await registrations.held(this.spec.key)) return;
            // Nothing stored: another replica released it already, or its duration ran out.
            const stored = await registrations.get(this.spec.key);
            if (stored === undefined) return;
            await this.cancel(stored);
            await registrations.delete(this.spec.key);
          });
        } catch (error) {
          this.deps.report(error, 'shared registration release');
        } finally {
          this.controller.abort();
          this.owner.forget(this);
        }
      })(),
    );
    return this.closing;
  }

  private async cancel(queryId: string): Promise<void> {
    try {
      await this.halo.cancelRegisteredQuery(this.spec.siteId, queryId, { deadlineMs: this.deps.deadlineMs });
    } catch (error) {
      if (!isHaloApiError(error) || error.code !== 'NOT_FOUND') throw error;
    }
  }
}

/** The registered query is no longer known (the watcher fails with NOT_FOUND). */
function isGone(error: unknown): boolean {
  const code = isHaloApiError(error)
    ? error.code
    : (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  return code === 'NOT_FOUND';
}
