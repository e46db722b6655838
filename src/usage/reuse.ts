/**
 * Reuse of identical immediate queries (`RunQueryInput.maxAgeSeconds`, a named query's
 * `maxAgeSeconds`): an answer Halo gave within the caller's `maxAgeSeconds` is served again, and
 * identical calls in flight share one Halo call, instead of a new billed query each. Off unless a
 * call asks for it (maxAgeSeconds of 1 or more).
 *
 * - **Identical** means the same key: the caller makes it (`key`) from everything that decides the
 *   answer (site, SQL or named entry, parameters, mode, catalogue) and the client's permissions. The
 *   key is an HMAC under the deployment's secret, so no SQL or parameter value appears in it. The
 *   caller checks the client's site and permissions before it asks: a kept answer is never handed
 *   to a client that could not have run the query.
 * - **Kept only as long as asked**: an answer is kept for the `maxAgeSeconds` of the call that
 *   made it, then dropped (a timer per answer); a later call accepts it only within its own
 *   `maxAgeSeconds`. Only successful answers are kept; a failure is shared with the calls waiting
 *   for it, never kept.
 * - **Bounded in bytes**: this process keeps at most `maxBytes` of result JSON (least recently
 *   used go first); an answer larger than a quarter of that is not kept anywhere (calls in flight
 *   still share it).
 * - **Shared by replicas through Redis** (REDIS_URL): each kept answer is also written to Redis for
 *   its time, encrypted (AES-256-GCM under a key derived from the deployment's secret, bound to its
 *   key), and a replica about to call Halo takes a short lock first, so that identical calls on
 *   several replicas share one Halo call too: the others wait for the answer the holder writes. While
 *   Redis is unreachable each replica reuses and shares on its own.
 * - A shared call runs for everyone waiting for it: one client leaving does not cancel it (it is
 *   billed once sent; its answer is kept for the next caller).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { localFailure } from '../datasources/halo-error.js';
import type { ImmediateQueryOutcome } from '../datasources/queries.js';
import { canonicalJson } from '../lib/records.js';
import { RedisUnavailable, type RedisLink } from '../lib/redis.js';

/** Where an answer came from: a kept one, a call in flight (here or on another replica), or a new Halo call. */
export type ReuseSource = 'kept' | 'shared' | 'called';

export interface ReusedOutcome {
  outcome: ImmediateQueryOutcome;
  /** True when no new billed query was made for this caller (a kept answer, or a call in flight). */
  reused: boolean;
}

export interface ReuseCall {
  /** From `QueryReuse.key`. */
  key: string;
  /** The site (for the error when the caller leaves). */
  siteId: string;
  /** 1 or more: a kept answer no older than this is served; a new one is kept this long. */
  maxAgeSeconds: number;
  /** The Halo call, not bound to any one client (it may run for several). */
  call: () => Promise<ImmediateQueryOutcome>;
  /** The caller's own cancellation: it stops waiting (the shared call goes on for the others). */
  signal?: AbortSignal | undefined;
}

export interface QueryReuse {
  /** The key of an identical call: an HMAC of `parts` (canonical JSON), never their values. */
  key(parts: unknown): string;
  /**
   * The answer for `request.key`: a kept one within `maxAgeSeconds`, the one in flight, or a new one
   * from `call` (kept when successful).
   * @throws what `call` throws (to every caller sharing it); HaloApiError ABORTED when the caller's
   *   signal aborts.
   */
  run(request: ReuseCall): Promise<ReusedOutcome>;
  /** Answers kept in this process, their bytes, and calls in flight. */
  stats(): { entries: number; bytes: number; inFlight: number };
  /** Drops every kept answer and timer; waits for calls in flight. */
  stop(): Promise<void>;
}

export interface QueryReuseOptions {
  /** Keys are HMACs, and Redis copies encrypted, under it; replicas of a deployment share it. */
  secret: string;
  /** Most bytes of result JSON kept in this process; 0 keeps nothing. @default 64 MiB */
  maxBytes?: number;
  /** Redis, shared by the replicas; absent: this process only. */
  link?: RedisLink | undefined;
  /** Keys are `halo-graphql:<namespace>:reuse:…`. */
  namespace?: string;
  /** The longest a Halo call can take: a replica's lock lapses after it (its replica died). @default 125 s */
  flightMs?: number;
  /** Wall clock (epoch ms). @default Date.now */
  now?: () => number;
  /** Each answer served, by where it came from (for metrics). */
  onServed?: (source: ReuseSource) => void;
  onError?: (error: unknown, where: string) => void;
}

/** The default of `maxBytes`. */
export const REUSE_MAX_BYTES = 64 * 1024 * 1024;

type Successful = Extract<ImmediateQueryOutcome, { kind: 'successful' }>;

interface Kept {
  outcome: Successful;
  /** When Halo answered (epoch ms). */
  at: number;
  /** When it is dropped (epoch ms). */
  until: number;
  bytes: number;
  timer: NodeJS.Timeout | undefined;
}

interface Flight {
  promise: Promise<{ outcome: ImmediateQueryOutcome; called: boolean }>;
  /** Callers still waiting for it. */
  waiters: number;
}

/** Stops a flight that waited on another replica when nobody waits for it any more (nothing is sent). */
class Abandoned extends Error {}

/** Releases the lock when it is still ours (ARGV[1]). */
const UNLOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;
/** Writes the answer (ARGV[1], for ARGV[2] ms) and releases the lock (KEYS[2]) when it is still ours (ARGV[3]). */
const PUBLISH = `redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
if redis.call('get', KEYS[2]) == ARGV[3] then redis.call('del', KEYS[2]) end
return 1`;

/** Per-answer overhead counted besides its rows (the query's status fields). */
const OVERHEAD_BYTES = 512;

/** Creates the reuse store. No I/O until the first call; no timers until an answer is kept. */
export function createQueryReuse(options: QueryReuseOptions): QueryReuse {
  const now = options.now ?? Date.now;
  const maxBytes = options.maxBytes ?? REUSE_MAX_BYTES;
  const maxEntryBytes = Math.floor(maxBytes / 4);
  const flightMs = options.flightMs ?? 125_000;
  const { link } = options;
  const prefix = `halo-graphql:${options.namespace ?? 'local'}:reuse:`;
  const lockPrefix = `halo-graphql:${options.namespace ?? 'local'}:reuse-lock:`;
  const keyMac = (text: string) =>
    createHmac('sha256', `reuse-key\n${options.secret}`).update(text).digest('base64url');
  const cipherKey = createHash('sha256').update(`reuse-encryption\n${options.secret}`).digest();

  /** Kept answers, least recently used first. */
  const kept = new Map<string, Kept>();
  let keptBytes = 0;
  const flights = new Map<string, Flight>();
  let stopped = false;

  const report = (error: unknown) => {
    if (!(error instanceof RedisUnavailable)) options.onError?.(error, 'reuse');
  };
  const served = (source: ReuseSource) => options.onServed?.(source);

  const drop = (key: string) => {
    const entry = kept.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    kept.delete(key);
    keptBytes -= entry.bytes;
  };
  const keepHere = (key: string, entry: Omit<Kept, 'timer'>) => {
    if (stopped || entry.bytes > maxEntryBytes || entry.until <= now()) return;
    drop(key);
    const timer = setTimeout(() => drop(key), entry.until - now());
    timer.unref();
    kept.set(key, { ...entry, timer });
    keptBytes += entry.bytes;
    // Map order is insertion order: the least recently used first.
    for (const [k] of kept) {
      if (keptBytes <= maxBytes) break;
      drop(k);
    }
  };
  const fresh = (entry: { at: number; until: number }, maxAgeSeconds: number) => {
    const t = now();
    return t < entry.until && t - entry.at <= maxAgeSeconds * 1000;
  };

  const seal = (key: string, plain: string): Buffer => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', cipherKey, iv);
    cipher.setAAD(Buffer.from(key));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  };
  const open = (key: string, sealed: Buffer): string => {
    const decipher = createDecipheriv('aes-256-gcm', cipherKey, sealed.subarray(0, 12));
    decipher.setAAD(Buffer.from(key));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  };

  /** A kept answer of another replica (or ours), read from Redis; undefined when none or unreadable. */
  const readShared = async (key: string): Promise<Omit<Kept, 'timer'> | undefined> => {
    if (!link?.available) return undefined;
    try {
      const sealed = await link.run((redis) => redis.getBuffer(prefix + key));
      if (!sealed) return undefined;
      const plain = open(key, sealed);
      const { at, until, outcome } = JSON.parse(plain) as { at: number; until: number; outcome: Successful };
      return { at, until, outcome, bytes: Buffer.byteLength(plain) };
    } catch (error) {
      report(error);
      return undefined;
    }
  };

  /** true: the lock is ours; false: another replica holds it; undefined: Redis cannot say. */
  const lock = async (key: string, token: string): Promise<boolean | undefined> => {
    if (!link?.available) return undefined;
    try {
      return (await link.run((redis) => redis.set(lockPrefix + key, token, 'PX', flightMs, 'NX'))) === 'OK';
    } catch (error) {
      report(error);
      return undefined;
    }
  };
  const unlock = (key: string, token: string) =>
    link?.run((redis) => redis.eval(UNLOCK, 1, lockPrefix + key, token)).catch(report);

  /** Keeps a successful answer here, and in Redis (releasing the lock) when there is one. */
  const keep = async (key: string, outcome: Successful, maxAgeSeconds: number, token: string | undefined) => {
    const at = now();
    const until = at + maxAgeSeconds * 1000;
    const data = outcome.query.result && 'data' in outcome.query.result ? outcome.query.result.data : undefined;
    // The rows are kept decoded: the base64 copy of them is not kept twice.
    const slim: Successful = data === undefined ? outcome : { ...outcome, query: withoutData(outcome.query) };
    const estimate = (typeof data === 'string' ? Math.ceil((data.length * 3) / 4) : 0) + OVERHEAD_BYTES;
    keepHere(key, { outcome: slim, at, until, bytes: estimate });
    if (!link || token === undefined) return;
    if (estimate > maxEntryBytes) return void unlock(key, token);
    try {
      const sealed = seal(key, JSON.stringify({ at, until, outcome: slim }));
      await link.run((redis) =>
        redis.eval(PUBLISH, 2, prefix + key, lockPrefix + key, sealed, String(maxAgeSeconds * 1000), token),
      );
    } catch (error) {
      report(error);
      void unlock(key, token);
    }
  };

  /**
   * Waits for the replica holding the lock to write its answer; takes the lock over when it is
   * released without one (that call failed) or lapses (its replica died).
   * @returns the answer written by another replica, or the lock's token (ours now), or undefined
   *   when Redis stopped answering (the call is then made without a lock).
   */
  const awaitOther = async (key: string, flight: Flight): Promise<Omit<Kept, 'timer'> | string | undefined> => {
    let pause = 10;
    for (;;) {
      await sleep(pause);
      pause = Math.min(pause * 2, 100);
      if (flight.waiters === 0 || stopped) throw new Abandoned();
      const answer = await readShared(key);
      if (answer) return answer;
      const token = randomUUID();
      const mine = await lock(key, token);
      if (mine === undefined) return undefined;
      if (mine) {
        // Its holder may have written the answer between the two commands.
        const late = await readShared(key);
        if (!late) return token;
        void unlock(key, token);
        return late;
      }
    }
  };

  const fly = (key: string, request: ReuseCall): Flight => {
    const flight: Flight = { waiters: 0, promise: undefined as never };
    flight.promise = (async () => {
      let token: string | undefined;
      try {
        if (link) {
          token = randomUUID();
          const mine = await lock(key, token);
          if (mine === false) {
            const other = await awaitOther(key, flight);
            if (typeof other === 'object') {
              keepHere(key, other);
              return { outcome: other.outcome, called: false };
            }
            token = other;
          } else if (mine === undefined) token = undefined;
        }
        let outcome: ImmediateQueryOutcome;
        try {
          outcome = await request.call();
        } catch (error) {
          if (token !== undefined) void unlock(key, token);
          throw error;
        }
        if (outcome.kind === 'successful') await keep(key, outcome, request.maxAgeSeconds, token);
        else if (token !== undefined) void unlock(key, token);
        return { outcome, called: true };
      } finally {
        flights.delete(key);
      }
    })();
    // Nobody may be waiting any more when it settles.
    flight.promise.catch(() => undefined);
    flights.set(key, flight);
    return flight;
  };

  /** The flight's answer for one caller, who stops waiting when its signal aborts. */
  const wait = async (flight: Flight, request: ReuseCall) => {
    flight.waiters++;
    const { signal } = request;
    try {
      if (!signal) return await flight.promise;
      if (signal.aborted)
        throw localFailure({ operationId: 'createImmediateQuery', siteId: request.siteId }, 'ABORTED');
      let onAbort!: () => void;
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () =>
          reject(localFailure({ operationId: 'createImmediateQuery', siteId: request.siteId }, 'ABORTED'));
        signal.addEventListener('abort', onAbort, { once: true });
      });
      try {
        return await Promise.race([flight.promise, aborted]);
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    } finally {
      flight.waiters--;
    }
  };

  return {
    key: (parts) => keyMac(canonicalJson(parts)),

    async run(request) {
      for (;;) {
        try {
          return await answer(request);
        } catch (error) {
          // A flight given up the moment this caller joined it: ask again.
          if (!(error instanceof Abandoned)) throw error;
        }
      }
    },

    stats: () => ({ entries: kept.size, bytes: keptBytes, inFlight: flights.size }),

    async stop() {
      stopped = true;
      await Promise.all([...flights.values()].map((f) => f.promise.catch(() => undefined)));
      for (const key of [...kept.keys()]) drop(key);
    },
  };

  async function answer(request: ReuseCall): Promise<ReusedOutcome> {
    const { key, maxAgeSeconds } = request;
    const here = kept.get(key);
    if (here && fresh(here, maxAgeSeconds)) {
      // Most recently used: to the end of the eviction order.
      kept.delete(key);
      kept.set(key, here);
      served('kept');
      return { outcome: here.outcome, reused: true };
    }
    let flight = flights.get(key);
    if (!flight) {
      const shared = await readShared(key);
      if (shared && fresh(shared, maxAgeSeconds)) {
        keepHere(key, shared);
        served('kept');
        return { outcome: shared.outcome, reused: true };
      }
      flight = flights.get(key) ?? fly(key, request);
      const { outcome, called } = await wait(flight, request);
      served(called ? 'called' : 'shared');
      return { outcome, reused: !called };
    }
    // A flight's answer is fresh: Halo gave it after this call began, or another replica wrote it meanwhile.
    const { outcome } = await wait(flight, request);
    served('shared');
    return { outcome, reused: true };
  }
}

function withoutData(query: Successful['query']): Successful['query'] {
  const { data: _data, ...result } = query.result as Record<string, unknown>;
  return { ...query, result } as Successful['query'];
}
