import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisLink, type RedisLink } from '../../src/lib/redis.js';
import { createLocalRateLimiter, createRedisRateLimiter, type RateLimiter } from '../../src/security/rate-limit.js';
import { hasRedisServer, startRedis, type RedisServer } from '../helpers/redis.js';

async function takeN(limiter: RateLimiter, clientId: string, n: number): Promise<number> {
  let ok = 0;
  for (let i = 0; i < n; i++) if ((await limiter.take(clientId)).ok) ok++;
  return ok;
}

describe('local rate limiter', () => {
  it('should allow a burst, then refill at the rate, per client', async () => {
    let now = 1_000_000;
    const limiter = createLocalRateLimiter({ ratePerSecond: 5, burst: 10, now: () => now });
    expect(await takeN(limiter, 'a', 15)).toBe(10);
    expect(await limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(await takeN(limiter, 'b', 3)).toBe(3);
    now += 1_000;
    expect(await takeN(limiter, 'a', 10)).toBe(5);
    now += 60_000;
    expect(await takeN(limiter, 'a', 20)).toBe(10);
  });

  it('should allow everything when the rate is 0 (disabled)', async () => {
    expect(await takeN(createLocalRateLimiter({ ratePerSecond: 0 }), 'a', 1000)).toBe(1000);
  });
});

describe.skipIf(!hasRedisServer())('Redis rate limiter', () => {
  let redis: RedisServer;
  const links: RedisLink[] = [];
  const link = (url: string, onError?: (e: unknown, where: string) => void) => {
    const created = createRedisLink({ url, ...(onError ? { onError } : {}) });
    links.push(created);
    return created;
  };
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const l of links) await l.stop();
    await redis?.stop();
  });

  it('should share one bucket between replicas', async () => {
    const a = createRedisRateLimiter({ link: link(redis.url), namespace: 'test1', ratePerSecond: 0.001, burst: 6 });
    const b = createRedisRateLimiter({ link: link(redis.url), namespace: 'test1', ratePerSecond: 0.001, burst: 6 });
    const allowed = (await takeN(a, 'client', 4)) + (await takeN(b, 'client', 4));
    expect(allowed).toBe(6);
    const refused = await b.take('client');
    expect(refused.ok).toBe(false);
    expect(refused.ok === false && refused.retryAfterSeconds).toBeGreaterThan(1);
    await a.close();
    await b.close();
  });

  it('should fall back to in-process buckets at once while Redis is unreachable', async () => {
    const down = link('redis://127.0.0.1:1');
    const limiter = createRedisRateLimiter({ link: down, namespace: 'down', ratePerSecond: 1, burst: 3 });
    expect(await takeN(limiter, 'c', 5)).toBe(3);
    expect(down.available).toBe(false);
    // Once Redis is known to be down, a take does not wait for it.
    const started = performance.now();
    await limiter.take('d');
    expect(performance.now() - started).toBeLessThan(50);
    await limiter.close();
  });
});
