/**
 * Client auth for the façade under test. In front of a Halo URL the façade requires client auth
 * (`CLIENT_KEYS`), so the benchmark configures one API key, as production would, and sends it with
 * every request. The rate limit is turned off and the operation limits raised (the batching
 * scenario sends 100 aliases): those are policies, not costs the benchmark is after.
 */
import { createHash } from 'node:crypto';

export const BENCH_CLIENT_KEY = 'bench-client-key-7f3a9c2e51d84b06a1c3e5f7';

export const FACADE_SECURITY_ENV: Readonly<Record<string, string>> = Object.freeze({
  CLIENT_KEYS: JSON.stringify([
    {
      id: 'bench',
      sha256: createHash('sha256').update(BENCH_CLIENT_KEY, 'utf8').digest('hex'),
      sites: ['*'],
      permissions: ['read', 'async', 'registered', 'sql'],
    },
  ]),
  RATE_LIMIT_PER_SECOND: '0',
  MAX_ALIASES: '200',
  MAX_TOKENS: '100000',
  MAX_COST: '100000000',
});

/** Headers that authenticate a request to the façade. */
export const AUTH_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'x-api-key': BENCH_CLIENT_KEY });
