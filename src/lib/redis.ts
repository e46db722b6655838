import type { Redis, RedisOptions } from 'ioredis';

/**
 * ioredis settings for a REDIS_URL (`redis://`, `rediss://` or `unix://path`): where to connect, and
 * to connect on first use (`createRedisLink` adds how commands fail).
 * @throws TypeError for another scheme.
 */
export function redisConnectionOptions(url: string): { url?: string; options: RedisOptions } {
  const base: RedisOptions = { lazyConnect: true, maxRetriesPerRequest: 2, commandTimeout: 2_000 };
  if (url.startsWith('unix://')) return { options: { ...base, path: url.slice('unix://'.length) } };
  if (/^rediss?:\/\//.test(url)) return { url, options: base };
  throw new TypeError('REDIS_URL must start with redis://, rediss:// or unix://');
}

/** Rejection of a command while Redis is unreachable: the caller falls back to what it can do alone. */
export class RedisUnavailable extends Error {
  override readonly name = 'RedisUnavailable';
  readonly code = 'REDIS_UNAVAILABLE';
  constructor() {
    super('Redis is unreachable');
  }
}

export interface RedisLinkOptions {
  /** `redis://…`, `rediss://…` or `unix:///path/to/redis.sock`. */
  url: string;
  /** Longest wait for one command (and for a connection) before Redis counts as unreachable. @default 500 */
  commandTimeoutMs?: number;
  /** How often an unreachable Redis is asked again (PING) while the connection itself stays up. @default 1000 */
  probeIntervalMs?: number;
  /** Connection failures (messages only). */
  onError?: (error: unknown, where: string) => void;
}

/**
 * One replica's connection to Redis, and one view of whether Redis answers, shared by everything
 * that uses Redis (subscription coordination, rate limits, webhook replay protection, idempotency
 * keys), so they all fall back together and come back together.
 *
 * While Redis is unreachable (the connection is down, or a command failed or timed out) every
 * command is refused at once with `RedisUnavailable`, without waiting: the callers work locally
 * (local mode). The link reconnects by itself, and asks again (PING) every `probeIntervalMs` when the
 * connection stayed up; the first answer makes Redis available again and is announced to
 * `onAvailability` listeners, which rejoin.
 */
export interface RedisLink {
  /** Whether Redis answered the last command (false before the first connection). */
  readonly available: boolean;
  /**
   * Runs `command` on the shared connection. The first calls wait for the first connection (at most
   * `commandTimeoutMs`).
   * @throws RedisUnavailable while Redis is unreachable; Redis's own error replies (a script error) as they are.
   */
  run<T>(command: (redis: Redis) => Promise<T>): Promise<T>;
  /** A new connection with the same settings (for subscriber mode), not yet connected; the caller closes it. */
  duplicate(): Promise<Redis>;
  /** Called with `false` when Redis becomes unreachable and `true` when it answers again. Returns an unregister function. */
  onAvailability(listener: (available: boolean) => void): () => void;
  /** Connects now and resolves after the first attempt, whether Redis answered or not. */
  start(): Promise<void>;
  /** Closes the connection. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Creates the link. No I/O and no ioredis until the first `run`, `duplicate` or `start`.
 * @throws TypeError for an unsupported URL scheme.
 */
export function createRedisLink(options: RedisLinkOptions): RedisLink {
  const { url, options: base } = redisConnectionOptions(options.url);
  const timeoutMs = options.commandTimeoutMs ?? 500;
  const probeMs = options.probeIntervalMs ?? 1_000;
  const redisOptions: RedisOptions = {
    ...base,
    // Fail at once while disconnected (no queue to wait in), and never retry a command: the callers
    // fall back to local behaviour instead.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: timeoutMs,
    connectTimeout: Math.max(timeoutMs, 1_000),
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 4), 1_000),
  };
  const listeners = new Set<(available: boolean) => void>();
  let available = false;
  let client: Promise<{ redis: Redis; isReply: (e: unknown) => boolean }> | undefined;
  let firstAttempt: Promise<void> | undefined;
  let probe: NodeJS.Timeout | undefined;
  let stopped = false;

  const announce = (next: boolean) => {
    if (next === available || stopped) return;
    available = next;
    for (const listener of [...listeners]) {
      try {
        listener(next);
      } catch (error) {
        options.onError?.(error, 'redis listener');
      }
    }
  };
  const up = () => {
    if (probe) clearInterval(probe);
    probe = undefined;
    announce(true);
  };
  const down = (redis: Redis) => {
    announce(false);
    if (probe || stopped) return;
    probe = setInterval(() => {
      // While disconnected, ioredis reconnects and 'ready' says when it is back.
      if (redis.status === 'ready') redis.ping().then(up, () => undefined);
    }, probeMs);
    probe.unref();
  };

  const make = (): Promise<Redis> =>
    // Through `default` (module.exports): in a bundle, the chunk holding this CommonJS package
    // exports nothing else.
    import('ioredis').then(({ default: { Redis } }) => (url ? new Redis(url, redisOptions) : new Redis(redisOptions)));

  const open = () =>
    (client ??= import('ioredis').then(async ({ default: io }) => {
      const redis = await make();
      // One report per outage (the first failure); the reconnection attempts after it are not news.
      redis.on('error', (error: unknown) => {
        if (available) options.onError?.(error, 'redis');
      });
      redis.on('ready', up);
      redis.on('close', () => down(redis));
      if (stopped) redis.disconnect();
      else
        firstAttempt = redis.connect().then(
          () => undefined,
          () => down(redis),
        );
      return { redis, isReply: (e: unknown) => e instanceof io.ReplyError };
    }));

  const waitForFirstAttempt = async () => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      firstAttempt,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(timeoutMs, 1_000)))),
    ]);
    clearTimeout(timer);
  };

  return {
    get available() {
      return available;
    },
    async run(command) {
      if (stopped) throw new RedisUnavailable();
      const { redis, isReply } = await open();
      if (!available && redis.status !== 'ready' && firstAttempt) await waitForFirstAttempt();
      if (!available || redis.status !== 'ready') throw new RedisUnavailable();
      try {
        return await command(redis);
      } catch (error) {
        if (isReply(error)) throw error;
        down(redis);
        throw new RedisUnavailable();
      }
    },
    async duplicate() {
      const redis = await make();
      if (stopped) redis.disconnect();
      return redis;
    },
    onAvailability(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      await open();
      await waitForFirstAttempt();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (probe) clearInterval(probe);
      probe = undefined;
      listeners.clear();
      const opened = await client?.catch(() => undefined);
      if (!opened) return;
      const { redis } = opened;
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}
