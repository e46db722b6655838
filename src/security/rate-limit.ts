/**
 * Per-client rate limits: a token bucket per client id (`ratePerSecond` tokens per second, at most
 * `burst` saved up); each GraphQL operation (an HTTP request, or a subscription started over a
 * WebSocket) takes one token.
 *
 * In process by default. With Redis (`REDIS_URL`) the buckets live in Redis, so the limit holds
 * across replicas; when Redis cannot answer within `redisTimeoutMs`, this replica falls back to its
 * own buckets until Redis is back (the limit then holds per replica). ioredis is loaded on the
 * first `take`, so a start without REDIS_URL never loads it.
 */
import type { Redis } from 'ioredis';
import { redisConnectionOptions } from '../lib/redis.js';

/** Limits of the token bucket. */
export interface RateLimitOptions {
  /** Sustained operations per second per client; 0 disables the limit. */
  ratePerSecond: number;
  /** Operations a client may make at once after being idle. @default 2 × ratePerSecond, at least 1 */
  burst?: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes one token from `clientId`'s bucket. Never rejects. */
  take(clientId: string): Promise<RateDecision>;
  close(): Promise<void>;
}

/** Options of the Redis-backed limiter. */
export interface RedisRateLimitOptions extends RateLimitOptions {
  url: string;
  /** Keys are `halo-graphql:rate:<namespace>:<clientId>`. */
  namespace: string;
  /** @default 250 */
  redisTimeoutMs?: number;
  /** Redis failures (messages only). */
  onError?: (error: unknown, where: string) => void;
  /** @default Date.now */
  now?: () => number;
}

/** Most buckets kept in process; the least recently used go first (a new bucket is full anyway). */
const MAX_BUCKETS = 10_000;

/** An in-process token bucket per client. */
export function createLocalRateLimiter(options: RateLimitOptions & { now?: () => number }): RateLimiter {
  const now = options.now ?? Date.now;
  const rate = options.ratePerSecond / 1000;
  const burst = Math.max(1, options.burst ?? Math.ceil(options.ratePerSecond * 2));
  const buckets = new Map<string, { tokens: number; at: number }>();
  const take = (clientId: string): RateDecision => {
    if (options.ratePerSecond <= 0) return { ok: true };
    const t = now();
    const bucket = buckets.get(clientId) ?? { tokens: burst, at: t };
    buckets.delete(clientId);
    bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, t - bucket.at) * rate);
    bucket.at = t;
    buckets.set(clientId, bucket);
    if (buckets.size > MAX_BUCKETS) buckets.delete(buckets.keys().next().value as string);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000)) };
  };
  return { take: async (clientId) => take(clientId), close: async () => undefined };
}

/** The bucket in Redis, updated atomically; the clock is Redis's, so replicas agree. */
const BUCKET_SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
return wait
`;

/** Token buckets in Redis, with the in-process limiter as fallback. No I/O until the first `take`. */
export function createRedisRateLimiter(options: RedisRateLimitOptions): RateLimiter {
  const local = createLocalRateLimiter(options);
  const rate = options.ratePerSecond / 1000;
  const burst = Math.max(1, options.burst ?? Math.ceil(options.ratePerSecond * 2));
  const timeoutMs = options.redisTimeoutMs ?? 250;
  let redis: Redis | undefined;
  let opening: Promise<Redis> | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;
  let failing = false;
  const open = async (): Promise<Redis> => {
    const { url, options: base } = redisConnectionOptions(options.url);
    // Through `default` (module.exports): in a bundle, the chunk holding this CommonJS package
    // exports nothing else.
    const { Redis } = (await import('ioredis')).default;
    const redisOptions = {
      ...base,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: timeoutMs,
      connectTimeout: 2_000,
      retryStrategy: (times: number) => Math.min(times * 200, 2_000),
    };
    const created = url ? new Redis(url, redisOptions) : new Redis(redisOptions);
    created.on('error', () => undefined);
    redis = created;
    // Closed while ioredis was loading: never connect.
    if (closed) created.disconnect();
    else connecting = created.connect().catch(() => undefined);
    return created;
  };
  const client = async (): Promise<Redis> => {
    // One client, however many first calls arrive while ioredis loads.
    const current = redis ?? (await (opening ??= open()));
    if (current.status !== 'ready' && connecting) {
      // The first calls wait (briefly) for the connection instead of failing over at once.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        connecting,
        new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs).unref())),
      ]);
      clearTimeout(timer);
      connecting = undefined;
    }
    return current;
  };
  return {
    async take(clientId) {
      if (options.ratePerSecond <= 0) return { ok: true };
      if (closed) return local.take(clientId);
      try {
        const wait = Number(
          await (
            await client()
          ).eval(BUCKET_SCRIPT, 1, `halo-graphql:rate:${options.namespace}:${clientId}`, String(rate), String(burst)),
        );
        failing = false;
        return wait > 0 ? { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) } : { ok: true };
      } catch (error) {
        if (!failing) options.onError?.(error, 'rate-limit redis');
        failing = true;
        return local.take(clientId);
      }
    },
    async close() {
      closed = true;
      if (redis) redis.disconnect();
    },
  };
}
