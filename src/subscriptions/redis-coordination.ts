/**
 * Coordination between replicas through Redis (ioredis): pub/sub for snapshots and refresh
 * requests, a sorted set of watched queries per site (members expire unless their replica keeps
 * touching them), a per-site lease (`SET NX PX` + compare-and-renew) and `SET NX PX` replay
 * protection. Commands go through the replica's shared `RedisLink`; pub/sub has a connection of its
 * own (a subscriber can run nothing else). Nothing connects before first use or `start()`.
 *
 * **Local mode.** While Redis is unreachable (the link says so, or the subscriber connection is
 * down) this replica carries on alone: bus messages are delivered in this process, interest and
 * leases are this replica's own (it holds every lease, so it polls the sites its own subscribers
 * watch), and webhook ids are remembered here. Nothing waits for Redis and nothing fails because
 * of it. When Redis answers again the replica rejoins, in this order: it subscribes to every topic
 * again, puts its interest back, then says so to `onResync` listeners (watchers read their query
 * once and ask the site's poller, whichever replica holds its lease now, to poll it) and to
 * `onModeChange` (site loops contend for their leases again; the losers stop polling). Watchers
 * ignore snapshots they already have, so nobody gets an event twice, and each reads its query after
 * rejoining, so no terminal status that happened in between is lost.
 *
 * The bus is a thin layer over ioredis rather than `@graphql-yoga/redis-event-target` because
 * watchers need to know when a SUBSCRIBE is active (they read the current state only after that,
 * so no change can fall between the two) and when the connection was lost (they re-read then).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RedisLink } from '../lib/redis.js';
import {
  createLocalRegistrations,
  createMemoryReplayGuard,
  parseMember,
  type Coordination,
  type CoordinationMode,
  type InterestRegistry,
  type SharedRegistrations,
} from './coordination.js';
import type { WatchKind } from './snapshots.js';

export interface RedisCoordinationOptions {
  /** The replica's Redis connection and view of Redis's health (closed by its owner). */
  link: RedisLink;
  /**
   * Separates deployments sharing one Redis (replicas of one deployment must use the same value).
   * Keys and channels are `halo-graphql:<namespace>:…`.
   */
  namespace: string;
  /** Lease time-to-live: how long a dead replica keeps a site before another takes it over. @default 3000 */
  leaseTtlMs?: number;
  /** Wall clock, for interest expiry. @default Date.now */
  now?: () => number;
  /** This replica's id in leases and interest. @default a random UUID */
  replicaId?: string;
  /** Background failures (connection errors); never carries payloads. */
  onError?: (error: unknown, where: string) => void;
}

/** Renews the lease when this replica holds it, takes it when nobody does (after an outage it may have expired). */
const RENEW = `local v = redis.call('get', KEYS[1])
if v == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
if not v then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
/** A registration lock outlives a holder that died by this much at most (the work under it has shorter deadlines). */
const REGISTRATION_LOCK_TTL_MS = 30_000;
/** How long a caller waits for a registration lock before giving up. */
const REGISTRATION_LOCK_WAIT_MS = 35_000;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Creates the Redis-backed coordination. No I/O here.
 */
export function createRedisCoordination(options: RedisCoordinationOptions): Coordination {
  const { link } = options;
  const replicaId = options.replicaId ?? randomUUID();
  const leaseTtlMs = options.leaseTtlMs ?? 3_000;
  const renewEveryMs = Math.max(50, Math.floor(leaseTtlMs / 3));
  const interestTtlMs = leaseTtlMs * 2;
  const now = options.now ?? Date.now;
  const prefix = `halo-graphql:${options.namespace}:`;
  const report = (where: string) => (error: unknown) => options.onError?.(error, where);

  let mode: CoordinationMode = 'local';
  let stopped = false;
  const resync = new Set<() => void>();
  const modeListeners = new Set<(mode: CoordinationMode) => void>();

  // ── bus: handlers per topic, fed by Redis in shared mode and by this process in local mode ──
  const topics = new Map<string, Set<(message: unknown) => void>>();
  const deliver = (topic: string, message: unknown) => {
    for (const handler of [...(topics.get(topic) ?? [])]) {
      try {
        handler(message);
      } catch (error) {
        report('bus handler')(error);
      }
    }
  };
  const onMessage = (channel: string, raw: string) => {
    if (!channel.startsWith(prefix)) return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      report('bus')(new Error('undecodable bus message'));
      return;
    }
    deliver(channel.slice(prefix.length), message);
  };

  // ── the subscriber connection ──
  let subscriber: Promise<Redis> | undefined;
  const sub = () =>
    (subscriber ??= link.duplicate().then((redis) => {
      redis.on('error', report('redis-subscriber'));
      redis.on('message', onMessage);
      redis.on('ready', () => void settle());
      redis.on('close', () => void settle());
      if (!stopped) redis.connect().catch(() => undefined);
      return redis;
    }));

  // ── interest: this replica's own, always; mirrored in Redis in shared mode ──
  const mine = new Map<string, Map<string, number>>();
  const interestKey = (siteId: string) => `${prefix}interest:${siteId}`;
  const memberOf = (kind: WatchKind, queryId: string) => `${kind}:${queryId}@${replicaId}`;
  const localList = (siteId: string) =>
    [...(mine.get(siteId)?.keys() ?? [])].map((m) => parseMember(m.slice(0, m.lastIndexOf('@'))));
  const putBack = (redis: Redis, siteId: string) => {
    const site = mine.get(siteId);
    if (!site || site.size === 0) return undefined;
    const expiry = now() + interestTtlMs;
    const args = [...site.keys()].flatMap((member) => [expiry, member] as const);
    return redis
      .multi()
      .zadd(interestKey(siteId), ...args)
      .pexpire(interestKey(siteId), interestTtlMs * 2)
      .exec();
  };

  /** A Redis command in shared mode; undefined in local mode, or when Redis fails (which starts local mode). */
  const shared = async <T>(command: (redis: Redis) => Promise<T>): Promise<{ value: T } | undefined> => {
    if (mode !== 'shared') {
      // First use without start(): connect, and rejoin once Redis answers.
      if (!subscriber && !stopped) void settle();
      return undefined;
    }
    try {
      return { value: await link.run(command) };
    } catch (error) {
      report('redis')(error);
      void settle();
      return undefined;
    }
  };

  const interest: InterestRegistry = {
    async add({ kind, siteId, queryId }) {
      let site = mine.get(siteId);
      if (!site) mine.set(siteId, (site = new Map()));
      const member = memberOf(kind, queryId);
      site.set(member, (site.get(member) ?? 0) + 1);
      await shared((redis) =>
        redis
          .multi()
          .zadd(interestKey(siteId), now() + interestTtlMs, member)
          .pexpire(interestKey(siteId), interestTtlMs * 2)
          .exec(),
      );
    },
    async remove({ kind, siteId, queryId }) {
      const site = mine.get(siteId);
      const member = memberOf(kind, queryId);
      const n = site?.get(member) ?? 0;
      if (!site || n === 0) return;
      if (n > 1) {
        site.set(member, n - 1);
        return;
      }
      site.delete(member);
      if (site.size === 0) mine.delete(siteId);
      await shared((redis) => redis.zrem(interestKey(siteId), member));
    },
    async list(siteId) {
      const t = now();
      const res = await shared((redis) =>
        redis
          .multi()
          .zremrangebyscore(interestKey(siteId), '-inf', t)
          .zrangebyscore(interestKey(siteId), t, '+inf')
          .exec(),
      );
      if (!res) return localList(siteId);
      const members = (res.value?.[1]?.[1] ?? []) as string[];
      const unique = new Set(members.map((m) => m.slice(0, m.lastIndexOf('@'))));
      return [...unique].map(parseMember);
    },
    async touch(siteId) {
      await shared(async (redis) => putBack(redis, siteId));
    },
  };

  const leaseKey = (siteId: string) => `${prefix}lease:${siteId}`;
  const replay = createMemoryReplayGuard();

  // ── mode: local until Redis answers (link and subscriber); rejoin in order when it does ──
  let settling: Promise<void> | undefined;
  let again = false;
  const setMode = (next: CoordinationMode) => {
    if (next === mode) return;
    mode = next;
    for (const listener of [...modeListeners]) listener(next);
    if (next === 'shared') for (const callback of [...resync]) callback();
  };
  const settle = (): Promise<void> => {
    if (settling) {
      again = true;
      return settling;
    }
    settling = (async () => {
      do {
        again = false;
        if (stopped) return;
        const [, redis] = await Promise.all([link.start(), sub()]);
        const reachable = link.available && redis.status === 'ready';
        if (!reachable) {
          setMode('local');
          continue;
        }
        if (mode === 'shared') continue;
        try {
          // Rejoin: every topic subscribed again, every interest put back, then shared.
          const channels = [...topics.keys()].map((topic) => prefix + topic);
          if (channels.length > 0) await redis.subscribe(...channels);
          await link.run(async (r) => {
            for (const siteId of mine.keys()) await putBack(r, siteId);
          });
          if (!stopped && link.available && redis.status === 'ready') setMode('shared');
        } catch (error) {
          report('rejoin')(error);
        }
      } while (again);
    })().finally(() => {
      settling = undefined;
    });
    return settling;
  };
  const offLink = link.onAvailability(() => void settle());

  // ── shared registrations: a value, a lock (SET NX PX + compare-and-delete) and a sorted set of
  // claims per key in Redis; in local mode, this replica's own (./coordination.ts) ──
  const registrationKey = (key: string) => `${prefix}registration:${key}`;
  const claimsKey = (key: string) => `${prefix}registration-claims:${key}`;
  const lockKey = (key: string) => `${prefix}registration-lock:${key}`;
  const claimTtlMs = leaseTtlMs * 2;
  const localRegistrations = createLocalRegistrations(now);
  const registrations: SharedRegistrations = {
    renewEveryMs,
    async withLock(key, fn) {
      const token = randomUUID();
      const giveUpAt = Date.now() + REGISTRATION_LOCK_WAIT_MS;
      for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
        const taken = await shared((redis) => redis.set(lockKey(key), token, 'PX', REGISTRATION_LOCK_TTL_MS, 'NX'));
        // Redis unreachable: this replica is on its own, and so is the lock.
        if (!taken) return localRegistrations.withLock(key, fn);
        if (taken.value === 'OK') break;
        if (Date.now() > giveUpAt) throw new Error('registration lock not acquired in time');
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      try {
        return await fn();
      } finally {
        await shared((redis) => redis.eval(RELEASE, 1, lockKey(key), token));
      }
    },
    async get(key) {
      const res = await shared((redis) => redis.get(registrationKey(key)));
      return res ? (res.value ?? undefined) : localRegistrations.get(key);
    },
    async set(key, value, ttlMs) {
      await localRegistrations.set(key, value, ttlMs);
      await shared((redis) => redis.set(registrationKey(key), value, 'PX', Math.max(1, Math.round(ttlMs))));
    },
    async delete(key) {
      await localRegistrations.delete(key);
      await shared((redis) => redis.del(registrationKey(key)));
    },
    async hold(key) {
      await localRegistrations.hold(key);
      await shared((redis) =>
        redis
          .multi()
          .zadd(claimsKey(key), now() + claimTtlMs, replicaId)
          .pexpire(claimsKey(key), claimTtlMs * 2)
          .exec(),
      );
    },
    async release(key) {
      await localRegistrations.release(key);
      await shared((redis) => redis.zrem(claimsKey(key), replicaId));
    },
    async held(key) {
      const res = await shared((redis) =>
        redis.multi().zremrangebyscore(claimsKey(key), '-inf', now()).zcard(claimsKey(key)).exec(),
      );
      return res ? Number(res.value?.[1]?.[1] ?? 0) > 0 : localRegistrations.held(key);
    },
  };

  return {
    replicaId,
    maxMessageBytes: 1024 * 1024,
    get mode() {
      return mode;
    },
    bus: {
      async publish(topic, message) {
        const sent = await shared((redis) => redis.publish(prefix + topic, JSON.stringify(message)));
        if (sent) return;
        // Local mode: this process's subscribers only, on a later microtask (as the network would).
        queueMicrotask(() => deliver(topic, message));
      },
      async subscribe(topic, handler) {
        let handlers = topics.get(topic);
        const first = !handlers;
        if (!handlers) topics.set(topic, (handlers = new Set()));
        // Wrapped so the same function may subscribe twice and unsubscribe each independently.
        const entry = (message: unknown) => handler(message);
        handlers.add(entry);
        const current = handlers;
        if (mode !== 'shared' && !subscriber && !stopped) void settle();
        if (first && mode === 'shared') {
          // Active in Redis before this resolves; if Redis fails now, local mode takes over and the
          // rejoin subscribes it later.
          try {
            await (await sub()).subscribe(prefix + topic);
          } catch (error) {
            report('bus subscribe')(error);
            void settle();
          }
        }
        return async () => {
          current.delete(entry);
          if (current.size > 0 || topics.get(topic) !== current) return;
          topics.delete(topic);
          const redis = await sub();
          if (redis.status === 'ready') await redis.unsubscribe(prefix + topic).catch(report('bus unsubscribe'));
        };
      },
    },
    interest,
    lease: {
      renewEveryMs,
      async acquire(siteId) {
        const res = await shared((redis) => redis.set(leaseKey(siteId), replicaId, 'PX', leaseTtlMs, 'NX'));
        // Local mode: this replica polls what its own subscribers watch.
        return res ? res.value === 'OK' : true;
      },
      async renew(siteId) {
        const res = await shared((redis) => redis.eval(RENEW, 1, leaseKey(siteId), replicaId, String(leaseTtlMs)));
        return res ? Number(res.value) === 1 : true;
      },
      async release(siteId) {
        await shared((redis) => redis.eval(RELEASE, 1, leaseKey(siteId), replicaId));
      },
    },
    registrations,
    replay: {
      async firstSeen(id, ttlMs) {
        // Remembered here as well, so replays this replica has seen are refused even without Redis.
        if (!(await replay.firstSeen(id, ttlMs))) return false;
        const res = await shared((redis) => redis.set(`${prefix}webhook:${id}`, '1', 'PX', ttlMs, 'NX'));
        return res ? res.value === 'OK' : true;
      },
    },
    onResync(callback) {
      resync.add(callback);
      return () => resync.delete(callback);
    },
    onModeChange(listener) {
      modeListeners.add(listener);
      return () => modeListeners.delete(listener);
    },
    async start() {
      const [, redis] = await Promise.all([link.start(), sub()]);
      if (redis.status !== 'ready' && link.available) {
        // The subscriber connects alongside; a replica that cannot reach Redis starts in local mode.
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            redis.off('ready', done);
            resolve();
          };
          const timer = setTimeout(done, 2_000);
          redis.once('ready', done);
        });
      }
      await settle();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      offLink();
      resync.clear();
      modeListeners.clear();
      topics.clear();
      const redis = await subscriber?.catch(() => undefined);
      if (!redis) return;
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}
