/**
 * Per-client rate limits: a token bucket per client id (`ratePerSecond` tokens per second, at most
 * `burst` saved up); each GraphQL operation (an HTTP request, or a subscription started over a
 * WebSocket) takes one token.
 *
 * In process by default. With Redis (`REDIS_URL`) the buckets live in Redis, so the limit holds
 * across replicas; while Redis is unreachable, this replica falls back to its own buckets until
 * Redis is back (the limit then holds per replica).
 */
import type { RedisLink } from '../lib/redis.js';

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
  /** The replica's Redis connection (closed by its owner, not by the limiter). */
  link: RedisLink;
  /** Keys are `halo-graphql:rate:<namespace>:<clientId>`. */
  namespace: string;
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

/**
 * Token buckets in Redis, with the in-process limiter as fallback: while Redis is unreachable (the
 * link's local mode) every take is decided here at once, without waiting for Redis.
 */
export function createRedisRateLimiter(options: RedisRateLimitOptions): RateLimiter {
  const local = createLocalRateLimiter(options);
  const rate = options.ratePerSecond / 1000;
  const burst = Math.max(1, options.burst ?? Math.ceil(options.ratePerSecond * 2));
  let closed = false;
  return {
    async take(clientId) {
      if (options.ratePerSecond <= 0) return { ok: true };
      if (closed) return local.take(clientId);
      try {
        const wait = Number(
          await options.link.run((redis) =>
            redis.eval(
              BUCKET_SCRIPT,
              1,
              `halo-graphql:rate:${options.namespace}:${clientId}`,
              String(rate),
              String(burst),
            ),
          ),
        );
        return wait > 0 ? { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) } : { ok: true };
      } catch {
        // Redis unreachable (the link reports it once per outage): this replica limits on its own.
        return local.take(clientId);
      }
    },
    async close() {
      closed = true;
    },
  };
}
