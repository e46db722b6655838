/**
 * What replicas share: an event bus, who watches what, which replica polls which site, and the
 * webhook ids already seen. `createLocalCoordination()` keeps all of it in this process (one
 * replica); `createRedisCoordination()` (./redis-coordination.ts) shares it through Redis, and
 * falls back to this replica alone while Redis is unreachable.
 */
import type { WatchKind, WatchTarget } from './snapshots.js';

/** Publish/subscribe by topic; JSON-serialisable messages. */
export interface Bus {
  /** Delivers `message` to every subscriber of `topic` (in every replica sharing the bus). */
  publish(topic: string, message: unknown): Promise<void>;
  /**
   * Resolves once the subscription is active, so nothing published after that is missed. The
   * returned function unsubscribes.
   */
  subscribe(topic: string, handler: (message: unknown) => void): Promise<() => Promise<void>>;
}

/** Which queries some replica's subscribers are watching, per site. */
export interface InterestRegistry {
  add(target: WatchTarget): Promise<void>;
  remove(target: WatchTarget): Promise<void>;
  /** Every query of the site watched by any live replica (deduplicated). */
  list(siteId: string): Promise<Array<{ kind: WatchKind; queryId: string }>>;
  /** Keeps this replica's interest in the site alive (shared registries expire it otherwise). */
  touch(siteId: string): Promise<void>;
}

/** Exclusive right to poll a site. */
export interface SiteLease {
  /** How often a holder must `renew` (and a waiting replica retries `acquire`); undefined: never (one process). */
  readonly renewEveryMs: number | undefined;
  acquire(siteId: string): Promise<boolean>;
  /** False when the lease was lost (expired and taken by another replica). */
  renew(siteId: string): Promise<boolean>;
  release(siteId: string): Promise<void>;
}

/** Remembers webhook ids so a delivery is acted on once. */
export interface ReplayGuard {
  /** True the first time `id` is seen within `ttlMs`; false for a replay. */
  firstSeen(id: string, ttlMs: number): Promise<boolean>;
}

/**
 * `single`: one process, nothing shared (no Redis configured). `shared`: replicas coordinate
 * through Redis. `local`: Redis is configured but unreachable, and this replica carries on alone.
 */
export type CoordinationMode = 'single' | 'shared' | 'local';

/**
 * Registrations shared by replicas (the Halo registered query behind a live named query): one
 * value per key, a lock per key, and which replicas hold a claim on it. A claim not renewed within
 * its time-to-live lapses (its replica died), so a registration nobody holds can be cancelled.
 */
export interface SharedRegistrations {
  /** How often a holder must renew its claims (`hold` again); undefined: never (one process). */
  readonly renewEveryMs: number | undefined;
  /** Runs `fn` while holding `key`'s lock; other replicas (and callers here) wait their turn. */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  get(key: string): Promise<string | undefined>;
  /** Sets the value, forgotten after `ttlMs`. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** This replica claims (or renews its claim on) `key`. */
  hold(key: string): Promise<void>;
  /** This replica's claim on `key` ends. */
  release(key: string): Promise<void>;
  /** Whether any replica holds a live claim on `key`. */
  held(key: string): Promise<boolean>;
}

/** Everything replicas share; one per app. */
export interface Coordination {
  readonly replicaId: string;
  readonly mode: CoordinationMode;
  readonly bus: Bus;
  readonly interest: InterestRegistry;
  readonly lease: SiteLease;
  readonly replay: ReplayGuard;
  /** Shared registrations of live named queries (./shared-registrations.ts). */
  readonly registrations: SharedRegistrations;
  /** Largest message worth sending on the bus; bigger registered results are left for watchers to fetch. */
  readonly maxMessageBytes?: number | undefined;
  /**
   * Registers a callback for when bus messages may have been lost (Redis is back after an outage,
   * after the replica rejoined): watchers then re-read their queries. Returns an unregister function.
   */
  onResync(callback: () => void): () => void;
  /** Registers a callback for every change of `mode`. Returns an unregister function. */
  onModeChange(listener: (mode: CoordinationMode) => void): () => void;
  /**
   * Connects eagerly, and resolves once connected or, when Redis does not answer, in local mode.
   * Optional to call: the first use connects.
   */
  start(): Promise<void>;
  /** Closes connections. Leases held are released by their owners before this. Idempotent. */
  stop(): Promise<void>;
}

/** Bounded map of webhook ids to expiry, oldest evicted first. */
export function createMemoryReplayGuard(now: () => number = Date.now, maxEntries = 100_000): ReplayGuard {
  const seen = new Map<string, number>();
  return {
    async firstSeen(id, ttlMs) {
      const t = now();
      const expires = seen.get(id);
      if (expires !== undefined && expires > t) return false;
      seen.delete(id);
      seen.set(id, t + ttlMs);
      // Map iteration is insertion order: drop expired entries from the front, then the oldest.
      for (const [key, exp] of seen) {
        if (exp > t && seen.size <= maxEntries) break;
        seen.delete(key);
      }
      return true;
    },
  };
}

/** Everything in this process: one replica. */
export function createLocalCoordination(options: { now?: () => number } = {}): Coordination {
  const topics = new Map<string, Set<(message: unknown) => void>>();
  const interest = new Map<string, Map<string, number>>();
  return {
    replicaId: 'local',
    mode: 'single',
    bus: {
      async publish(topic, message) {
        const handlers = topics.get(topic);
        if (!handlers) return;
        // Delivered on a later microtask, like a network bus: a handler never runs inside publish().
        for (const handler of [...handlers]) queueMicrotask(() => handler(message));
      },
      async subscribe(topic, handler) {
        let handlers = topics.get(topic);
        if (!handlers) topics.set(topic, (handlers = new Set()));
        // Wrapped so the same function may subscribe twice and unsubscribe each independently.
        const entry = (message: unknown) => handler(message);
        handlers.add(entry);
        return async () => {
          handlers.delete(entry);
          if (handlers.size === 0 && topics.get(topic) === handlers) topics.delete(topic);
        };
      },
    },
    interest: {
      async add({ kind, siteId, queryId }) {
        let site = interest.get(siteId);
        if (!site) interest.set(siteId, (site = new Map()));
        const member = `${kind}:${queryId}`;
        site.set(member, (site.get(member) ?? 0) + 1);
      },
      async remove({ kind, siteId, queryId }) {
        const site = interest.get(siteId);
        const member = `${kind}:${queryId}`;
        const n = site?.get(member) ?? 0;
        if (!site || n === 0) return;
        if (n > 1) site.set(member, n - 1);
        else site.delete(member);
        if (site.size === 0) interest.delete(siteId);
      },
      async list(siteId) {
        return [...(interest.get(siteId)?.keys() ?? [])].map(parseMember);
      },
      async touch() {},
    },
    lease: {
      renewEveryMs: undefined,
      acquire: async () => true,
      renew: async () => true,
      release: async () => {},
    },
    replay: createMemoryReplayGuard(options.now),
    registrations: createLocalRegistrations(options.now),
    onResync: () => () => {},
    onModeChange: () => () => {},
    start: async () => {},
    stop: async () => {
      topics.clear();
      interest.clear();
    },
  };
}

/** `kind:queryId` → its parts. */
export function parseMember(member: string): { kind: WatchKind; queryId: string } {
  const i = member.indexOf(':');
  return { kind: member.slice(0, i) === 'registered' ? 'registered' : 'async', queryId: member.slice(i + 1) };
}

/** Registrations in this process (one replica): a promise chain per key for the lock. */
export function createLocalRegistrations(now: () => number = Date.now): SharedRegistrations {
  const values = new Map<string, { value: string; expires: number }>();
  const locks = new Map<string, Promise<unknown>>();
  const claims = new Set<string>();
  return {
    renewEveryMs: undefined,
    async withLock(key, fn) {
      const previous = locks.get(key) ?? Promise.resolve();
      const run = previous.then(fn, fn);
      const tail = run.catch(() => undefined);
      locks.set(key, tail);
      try {
        return await run;
      } finally {
        if (locks.get(key) === tail) locks.delete(key);
      }
    },
    async get(key) {
      const entry = values.get(key);
      if (entry && entry.expires > now()) return entry.value;
      values.delete(key);
      return undefined;
    },
    async set(key, value, ttlMs) {
      values.set(key, { value, expires: now() + ttlMs });
    },
    async delete(key) {
      values.delete(key);
    },
    async hold(key) {
      claims.add(key);
    },
    async release(key) {
      claims.delete(key);
    },
    async held(key) {
      return claims.has(key);
    },
  };
}
