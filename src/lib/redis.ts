import type { RedisOptions } from 'ioredis';

/**
 * ioredis settings for a REDIS_URL (`redis://`, `rediss://` or `unix://path`), shared by every
 * Redis client of the app: connect on first use, fail a command after 2 s and 2 retries (callers
 * fall back to local behaviour rather than wait).
 * @throws TypeError for another scheme.
 */
export function redisConnectionOptions(url: string): { url?: string; options: RedisOptions } {
  const base: RedisOptions = { lazyConnect: true, maxRetriesPerRequest: 2, commandTimeout: 2_000 };
  if (url.startsWith('unix://')) return { options: { ...base, path: url.slice('unix://'.length) } };
  if (/^rediss?:\/\//.test(url)) return { url, options: base };
  throw new TypeError('REDIS_URL must start with redis://, rediss:// or unix://');
}
