/**
 * Coordination between replicas through Redis (ioredis): pub/sub for snapshots and refresh
 * requests, a sorted set of watched queries per site (members expire unless their replica keeps
 * touching them), a per-site lease (`SET NX PX` + compare-and-renew) and `SET NX PX` replay
 * protection. ioredis is loaded and connections open lazily, on first use or `start()`, so a
 * start without REDIS_URL never loads it.
 *
 * The bus is a thin layer over ioredis rather than `@graphql-yoga/redis-event-target` because
 * watchers need to know when a SUBSCRIBE is active (they read the current state only after that,
 * so no change can fall between the two) and when the connection was lost (they re-read then).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisConnectionOptions } from '../lib/redis.js';
import {
  createMemoryReplayGuard,
  parseMember,
  type Coordination,
  type InterestRegistry,
  type SharedRegistrations,
} from './coordination.js';
import type { WatchKind } from './snapshots.js';

export interface RedisCoordinationOptions {
  /** `redis://…`, `rediss://…`, or `unix:///path/to/redis.sock`. */
  url: string;
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

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
/** A registration lock outlives a holder that died by this much at most (the work under it has shorter deadlines). */
const REGISTRATION_LOCK_TTL_MS = 30_000;
/** How long a caller waits for a registration lock before giving up. */
const REGISTRATION_LOCK_WAIT_MS = 35_000;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Creates the Redis-backed coordination. No I/O here.
 * @throws TypeError when the URL scheme is not supported.
 */
export function createRedisCoordination(options: RedisCoordinationOptions): Coordination {
  const { url, options: redisOptions } = redisConnectionOptions(options.url);
  const replicaId = options.replicaId ?? randomUUID();
  const leaseTtlMs = options.leaseTtlMs ?? 3_000;
  const renewEveryMs = Math.max(50, Math.floor(leaseTtlMs / 3));
  const interestTtlMs = leaseTtlMs * 2;
  const now = options.now ?? Date.now;
  const prefix = `halo-graphql:${options.namespace}:`;
  const report = (where: string) => (error: unknown) => options.onError?.(error, where);

  // ── bus ──
  interface TopicState {
    handlers: Set<(message: unknown) => void>;
    ready: Promise<void>;
  }
  const topics = new Map<string, TopicState>();
  const onMessage = (channel: string, raw: string) => {
    const state = topics.get(channel);
    if (!state) return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      report('bus')(new Error('undecodable bus message'));
      return;
    }
    for (const handler of [...state.handlers]) {
      try {
        handler(message);
      } catch (error) {
        report('bus handler')(error);
      }
    }
  };
  const resync = new Set<() => void>();
  let readyCount = 0;
  const onSubscriberReady = () => {
    // The first `ready` is the initial connection; later ones follow a reconnect, during which
    // published messages were lost.
    if (readyCount++ > 0) for (const callback of [...resync]) callback();
  };

  // ── connections: `pub` for commands and publishes; `sub`, in subscriber mode, can run nothing else ──
  let clients: Promise<{ pub: Redis; sub: Redis }> | undefined;
  let stopped: Promise<void> | undefined;
  const connections = (): Promise<{ pub: Redis; sub: Redis }> => {
    if (!clients && stopped) return Promise.reject(new Error('Connection is closed.'));
    // Through `default` (module.exports): in a bundle, the chunk holding this CommonJS package
    // exports nothing else.
    clients ??= import('ioredis').then(({ default: { Redis } }) => {
      const make = () => (url ? new Redis(url, redisOptions) : new Redis(redisOptions));
      const pub = make();
      const sub = make();
      pub.on('error', report('redis'));
      sub.on('error', report('redis-subscriber'));
      sub.on('message', onMessage);
      sub.on('ready', onSubscriberReady);
      return { pub, sub };
    });
    return clients;
  };
  const commands = async (): Promise<Redis> => (await connections()).pub;

  // ── interest ──
  const mine = new Map<string, Map<string, number>>();
  const interestKey = (siteId: string) => `${prefix}interest:${siteId}`;
  const memberOf = (kind: WatchKind, queryId: string) => `${kind}:${queryId}@${replicaId}`;
  const interest: InterestRegistry = {
    async add({ kind, siteId, queryId }) {
      let site = mine.get(siteId);
      if (!site) mine.set(siteId, (site = new Map()));
      const member = memberOf(kind, queryId);
      site.set(member, (site.get(member) ?? 0) + 1);
      const pub = await commands();
      await pub
        .multi()
        .zadd(interestKey(siteId), now() + interestTtlMs, member)
        .pexpire(interestKey(siteId), interestTtlMs * 2)
        .exec();
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
      await (await commands()).zrem(interestKey(siteId), member);
    },
    async list(siteId) {
      const pub = await commands();
      const t = now();
      const res = await pub
        .multi()
        .zremrangebyscore(interestKey(siteId), '-inf', t)
        .zrangebyscore(interestKey(siteId), t, '+inf')
        .exec();
      const members = (res?.[1]?.[1] ?? []) as string[];
      const unique = new Set(members.map((m) => m.slice(0, m.lastIndexOf('@'))));
      return [...unique].map(parseMember);
    },
    async touch(siteId) {
      const site = mine.get(siteId);
      if (!site || site.size === 0) return;
      const expiry = now() + interestTtlMs;
      const args = [...site.keys()].flatMap((member) => [expiry, member] as const);
      const pub = await commands();
      await pub
        .multi()
        .zadd(interestKey(siteId), ...args)
        .pexpire(interestKey(siteId), interestTtlMs * 2)
        .exec();
    },
  };

  const leaseKey = (siteId: string) => `${prefix}lease:${siteId}`;
  const fallbackReplay = createMemoryReplayGuard();

  // ── shared registrations: a value, a lock (SET NX PX + compare-and-delete) and a sorted set of claims per key ──
  const registrationKey = (key: string) => `${prefix}registration:${key}`;
  const claimsKey = (key: string) => `${prefix}registration-claims:${key}`;
  const lockKey = (key: string) => `${prefix}registration-lock:${key}`;
  const claimTtlMs = leaseTtlMs * 2;
  const registrations: SharedRegistrations = {
    renewEveryMs,
    async withLock(key, fn) {
      const token = randomUUID();
      const pub = await commands();
      const giveUpAt = Date.now() + REGISTRATION_LOCK_WAIT_MS;
      for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
        if ((await pub.set(lockKey(key), token, 'PX', REGISTRATION_LOCK_TTL_MS, 'NX')) === 'OK') break;
        if (Date.now() > giveUpAt) throw new Error('registration lock not acquired in time');
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      try {
        return await fn();
      } finally {
        await pub.eval(RELEASE, 1, lockKey(key), token).catch(report('registration lock'));
      }
    },
    async get(key) {
      return (await (await commands()).get(registrationKey(key))) ?? undefined;
    },
    async set(key, value, ttlMs) {
      await (await commands()).set(registrationKey(key), value, 'PX', Math.max(1, Math.round(ttlMs)));
    },
    async delete(key) {
      await (await commands()).del(registrationKey(key));
    },
    async hold(key) {
      await (
        await commands()
      )
        .multi()
        .zadd(claimsKey(key), now() + claimTtlMs, replicaId)
        .pexpire(claimsKey(key), claimTtlMs * 2)
        .exec();
    },
    async release(key) {
      await (await commands()).zrem(claimsKey(key), replicaId);
    },
    async held(key) {
      const res = await (
        await commands()
      )
        .multi()
        .zremrangebyscore(claimsKey(key), '-inf', now())
        .zcard(claimsKey(key))
        .exec();
      return Number(res?.[1]?.[1] ?? 0) > 0;
    },
  };

  return {
    replicaId,
    maxMessageBytes: 1024 * 1024,
    bus: {
      async publish(topic, message) {
        await (await commands()).publish(prefix + topic, JSON.stringify(message));
      },
      async subscribe(topic, handler) {
        const channel = prefix + topic;
        let state = topics.get(channel);
        if (!state) {
          const ready = connections()
            .then(({ sub }) => sub.subscribe(channel))
            .then(() => undefined);
          state = { handlers: new Set(), ready };
          topics.set(channel, state);
          ready.catch(() => {
            if (topics.get(channel) === state) topics.delete(channel);
          });
        }
        const entry = (message: unknown) => handler(message);
        state.handlers.add(entry);
        const current = state;
        await current.ready;
        return async () => {
          current.handlers.delete(entry);
          if (current.handlers.size > 0 || topics.get(channel) !== current) return;
          topics.delete(channel);
          const { sub } = await connections();
          if (sub.status === 'ready') await sub.unsubscribe(channel).catch(report('bus unsubscribe'));
        };
      },
    },
    interest,
    lease: {
      renewEveryMs,
      async acquire(siteId) {
        return (await (await commands()).set(leaseKey(siteId), replicaId, 'PX', leaseTtlMs, 'NX')) === 'OK';
      },
      async renew(siteId) {
        return Number(await (await commands()).eval(RENEW, 1, leaseKey(siteId), replicaId, String(leaseTtlMs))) === 1;
      },
      async release(siteId) {
        await (await commands()).eval(RELEASE, 1, leaseKey(siteId), replicaId);
      },
    },
    registrations,
    replay: {
      async firstSeen(id, ttlMs) {
        try {
          return (await (await commands()).set(`${prefix}webhook:${id}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
        } catch (error) {
          // Redis unreachable: still refuse replays this replica has seen.
          report('replay')(error);
          return fallbackReplay.firstSeen(id, ttlMs);
        }
      },
    },
    onResync(callback) {
      resync.add(callback);
      return () => resync.delete(callback);
    },
    async start() {
      const { pub, sub } = await connections();
      await Promise.all([
        pub.status === 'wait' ? pub.connect() : undefined,
        sub.status === 'wait' ? sub.connect() : undefined,
      ]);
    },
    stop() {
      stopped ??= (async () => {
        resync.clear();
        topics.clear();
        // Never used: ioredis was not even loaded.
        const opened = await clients?.catch(() => undefined);
        if (!opened) return;
        await Promise.all(
          [opened.pub, opened.sub].map(async (client) => {
            if (client.status === 'wait' || client.status === 'end') {
              client.disconnect();
              return;
            }
            try {
              await client.quit();
            } catch {
              client.disconnect();
            }
          }),
        );
      })();
      return stopped;
    },
  };
}
