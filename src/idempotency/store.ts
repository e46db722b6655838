/**
 * Idempotency keys for billable creations (`RunQueryInput.idempotencyKey`,
 * `CreateRegisteredQueryInput.idempotencyKey`): the same key from the same client within 24 h gets
 * the first answer, or waits for it while it is in flight, and never causes a second creation.
 *
 * A key is scoped to its client and stored only as a keyed hash of (client id, key); what is
 * remembered is the request's fingerprint (a keyed hash: never SQL or values) and, once created,
 * the created thing's site and id. The answer is read again from Halo on a repeat, so no result
 * (and no patient data) is ever stored here.
 *
 * | first creation | the key then | a repeat with the key |
 * |---|---|---|
 * | in flight | pending | waits for it (polling Redis across replicas) |
 * | succeeded | done: site and id | the first answer, read again (`replay`) |
 * | failed, and Halo certainly did not carry it out | released | runs again |
 * | failed, and Halo may have carried it out | ambiguous | `settle` finds out if it can (a registered query is listed), else UPSTREAM_TIMEOUT `mayHaveSucceeded` |
 * | the replica running it died | pending past its flight time | treated as ambiguous: never sent again |
 *
 * With Redis (REDIS_URL) keys are shared by the replicas. While Redis is unreachable a replica
 * answers for the keys it knows itself (it keeps a copy of every record it wrote or read), writes
 * what it could not write once Redis is back, and refuses a key it does not know with
 * IDEMPOTENCY_UNAVAILABLE: another replica may have used it, and a second creation must never be
 * risked. Nothing is sent to Halo then. Without REDIS_URL the keys live in this process.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GraphQLError } from 'graphql';
import { isHaloApiError } from '../datasources/halo-error.js';
import { apiError, badUserInput, mayHaveSucceeded } from '../errors/api-errors.js';
import { canonicalJson } from '../lib/records.js';
import type { RedisLink } from '../lib/redis.js';

/** The created thing a key points to. */
export interface CreatedRef {
  siteId: string;
  id: string;
}

/** What the store needs to create once, and to answer again. */
export interface IdempotentWork<T> {
  /** The billable creation. Its failure with `mayHaveSucceeded` leaves the key ambiguous; any other releases it. */
  create(): Promise<T>;
  /** What a repeat needs to answer again (stored for 24 h). */
  remember(value: T): CreatedRef;
  /** The first answer again, from what was remembered. */
  replay(ref: CreatedRef): Promise<T>;
  /** For a key whose creation may have been carried out: what was created since `sentAt`, if that can be found out. */
  settle?(sentAt: number): Promise<CreatedRef | undefined>;
}

export interface IdempotencyClaim {
  clientId: string;
  key: string;
  /** The request the key stands for (all of the input but the key); a repeat must send the same one. */
  request: unknown;
  /** A repeat stops waiting for a creation in flight on another replica when this aborts (its client left). */
  signal?: AbortSignal | undefined;
}

export interface IdempotencyStore {
  /**
   * Runs `work.create` at most once for this client's key within the TTL, and answers repeats.
   * @throws GraphQLError BAD_USER_INPUT (`reason: IDEMPOTENCY_KEY_REUSED`) when the key was used for
   *   a different request; IDEMPOTENCY_UNAVAILABLE (see above); UPSTREAM_TIMEOUT `mayHaveSucceeded`
   *   when the first creation's outcome is unknown; and what `create` or `replay` throw.
   */
  run<T>(claim: IdempotencyClaim, work: IdempotentWork<T>): Promise<T>;
  /** Counters for tests and metrics. */
  stats(): { keys: number; inFlight: number; unsynced: number };
  stop(): Promise<void>;
}

export interface IdempotencyStoreOptions {
  /** Keys and fingerprints are HMACs under it; replicas of a deployment must share it. */
  secret: string;
  /** Redis, shared by the replicas; absent: this process only. */
  link?: RedisLink | undefined;
  /** Keys are `halo-graphql:<namespace>:idem:<hash>`. */
  namespace?: string;
  /** How long a key is remembered. @default 24 h */
  ttlMs?: number;
  /**
   * The longest a creation can take (its deadline and reconciliation): a key still pending after
   * this is treated as ambiguous (its replica died). @default 150 s
   */
  flightMs?: number;
  /** Wall clock (epoch ms); the one Halo's `createdAt` is compared with. @default Date.now */
  now?: () => number;
  /** Most keys kept in this process. @default 100,000 */
  maxLocalKeys?: number;
  onError?: (error: unknown, where: string) => void;
}

type Stored =
  | { state: 'pending'; fp: string; owner: string; sentAt: number; until: number }
  | { state: 'ambiguous'; fp: string; owner: string; sentAt: number }
  | { state: 'done'; fp: string; owner: string; ref: CreatedRef };

/**
 * Replaces the record when its owner is still ours (ARGV[1]), keeping its expiry (24 h from the first
 * use), or deletes it when ARGV[2] is empty. A record Redis lost (it restarted empty) is written
 * again with the time it had left (ARGV[3] ms).
 */
const SAVE = `local cur = redis.call('get', KEYS[1])
if not cur then
  if ARGV[2] ~= '' then redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
  return 1
end
local ok, rec = pcall(cjson.decode, cur)
if not ok or rec.owner ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('del', KEYS[1]) else redis.call('set', KEYS[1], ARGV[2], 'KEEPTTL') end
return 1`;

const KEY = /^[\x20-\x7E]{1,128}$/;

/** BAD_USER_INPUT unless `key` is 1–128 printable ASCII characters. */
export function checkIdempotencyKey(key: string): void {
  if (!KEY.test(key)) throw badUserInput('idempotencyKey must be 1 to 128 printable ASCII characters.');
}

/** Creates the store. No I/O until the first keyed creation. */
export function createIdempotencyStore(options: IdempotencyStoreOptions): IdempotencyStore {
  const ttlMs = options.ttlMs ?? 24 * 60 * 60_000;
  const flightMs = options.flightMs ?? 150_000;
  const now = options.now ?? Date.now;
  const maxLocal = options.maxLocalKeys ?? 100_000;
  const { link } = options;
  const prefix = `halo-graphql:${options.namespace ?? 'local'}:idem:`;
  const mac = (label: string, value: string) =>
    createHmac('sha256', options.secret).update(`${label}\n${value}`).digest('hex');

  /** This process's copy of every record it wrote or read, oldest first. */
  const local = new Map<string, { record: Stored; expiresAt: number }>();
  /** Creations running here, by key. */
  const flights = new Map<string, Promise<void>>();
  /** Outcomes not yet written to Redis (it was unreachable), by key. */
  const unsynced = new Map<string, { owner: string; record: Stored | undefined }>();
  let stopped = false;

  const remember = (k: string, record: Stored, expiresAt?: number) => {
    const previous = local.get(k);
    local.delete(k);
    local.set(k, { record, expiresAt: expiresAt ?? previous?.expiresAt ?? now() + ttlMs });
    if (local.size > maxLocal) local.delete(local.keys().next().value as string);
  };
  const localRecord = (k: string): Stored | undefined => {
    const entry = local.get(k);
    if (entry && entry.expiresAt > now()) return entry.record;
    local.delete(k);
    return undefined;
  };

  /** Writes (or, with `undefined`, deletes) a record we own; queued for later when Redis cannot take it. */
  const save = async (k: string, owner: string, record: Stored | undefined) => {
    if (record) remember(k, record);
    else local.delete(k);
    if (!link) return;
    const left = Math.max(1, (local.get(k)?.expiresAt ?? now() + ttlMs) - now());
    try {
      await link.run((redis) =>
        redis.eval(SAVE, 1, prefix + k, owner, record ? JSON.stringify(record) : '', String(Math.round(left))),
      );
      unsynced.delete(k);
    } catch (error) {
      options.onError?.(error, 'idempotency');
      unsynced.set(k, { owner, record });
    }
  };
  /**
   * Redis is back: what could not be written is written now, and every settled key this replica
   * knows is put back where it is missing (a Redis that restarted empty forgot them all).
   */
  const rejoin = async () => {
    for (const [k, { owner, record }] of [...unsynced]) await save(k, owner, record);
    const settled = [...local].filter(([k, e]) => e.record.state !== 'pending' && !unsynced.has(k));
    for (let i = 0; i < settled.length; i += 500) {
      const t = now();
      await link
        ?.run((redis) => {
          const batch = redis.pipeline();
          for (const [k, e] of settled.slice(i, i + 500))
            if (e.expiresAt > t) batch.set(prefix + k, JSON.stringify(e.record), 'PX', e.expiresAt - t, 'NX');
          return batch.exec();
        })
        .catch((error: unknown) => options.onError?.(error, 'idempotency'));
    }
  };
  const offLink = link?.onAvailability((available) => {
    if (available) void rejoin();
  });

  /** The record of `k` as the replicas share it; ours alone without Redis. */
  const claimOrRead = async (
    k: string,
    pending: Stored,
  ): Promise<{ owner: true } | { owner: false; record: Stored | undefined }> => {
    if (!link) {
      const existing = localRecord(k);
      if (existing) return { owner: false, record: existing };
      remember(k, pending, now() + ttlMs);
      return { owner: true };
    }
    try {
      const set = await link.run((redis) => redis.set(prefix + k, JSON.stringify(pending), 'PX', ttlMs, 'NX'));
      if (set === 'OK') {
        remember(k, pending, now() + ttlMs);
        return { owner: true };
      }
      const raw = await link.run((redis) => redis.get(prefix + k));
      const record = raw === null ? undefined : parseRecord(raw);
      if (record) remember(k, record);
      return { owner: false, record };
    } catch {
      // Redis unreachable: only what this replica knows can be answered.
      const known = localRecord(k);
      if (known) return { owner: false, record: known };
      throw apiError('IDEMPOTENCY_UNAVAILABLE', undefined, { retryAfterSeconds: 1 });
    }
  };

  const settleAmbiguous = async <T>(
    k: string,
    record: Extract<Stored, { state: 'ambiguous' | 'pending' }>,
    work: IdempotentWork<T>,
  ): Promise<T> => {
    const ref = await work.settle?.(record.sentAt);
    if (ref === undefined) throw mayHaveSucceeded();
    await save(k, record.owner, { state: 'done', fp: record.fp, owner: record.owner, ref });
    return work.replay(ref);
  };

  const execute = async <T>(k: string, pending: Extract<Stored, { state: 'pending' }>, work: IdempotentWork<T>) => {
    let landed!: () => void;
    flights.set(k, new Promise<void>((resolve) => (landed = resolve)));
    try {
      const value = await work.create();
      await save(k, pending.owner, { state: 'done', fp: pending.fp, owner: pending.owner, ref: work.remember(value) });
      return value;
    } catch (error) {
      const unknown =
        (isHaloApiError(error) && error.mayHaveSucceeded) ||
        (error instanceof GraphQLError && error.extensions['mayHaveSucceeded'] === true);
      await save(
        k,
        pending.owner,
        unknown ? { state: 'ambiguous', fp: pending.fp, owner: pending.owner, sentAt: pending.sentAt } : undefined,
      );
      throw error;
    } finally {
      flights.delete(k);
      landed();
    }
  };

  return {
    async run(claim, work) {
      if (stopped) throw apiError('UPSTREAM_ERROR', 'The server is shutting down.');
      const k = mac('key', `${claim.clientId}\n${claim.key}`);
      const fp = mac('request', canonicalJson(claim.request));
      let pause = 25;
      for (;;) {
        const flight = flights.get(k);
        if (flight) {
          await flight;
          continue;
        }
        const t = now();
        const pending: Stored = {
          state: 'pending',
          fp,
          owner: randomUUID(),
          sentAt: t,
          until: t + flightMs,
        };
        const claimed = await claimOrRead(k, pending);
        if (claimed.owner) return execute(k, pending, work);
        const record = claimed.record;
        if (!record) continue; // expired or released between the two commands
        if (record.fp !== fp) {
          throw badUserInput(
            'This idempotencyKey was already used for a different request in the last 24 hours: use a new key.',
            { reason: 'IDEMPOTENCY_KEY_REUSED' },
          );
        }
        if (record.state === 'done') return work.replay(record.ref);
        if (record.state === 'ambiguous') return settleAmbiguous(k, record, work);
        if (now() > record.until) {
          // Its replica died mid-flight: it may have been created, so it is never sent again.
          const ambiguous: Stored = { state: 'ambiguous', fp, owner: record.owner, sentAt: record.sentAt };
          await save(k, record.owner, ambiguous);
          return settleAmbiguous(k, ambiguous, work);
        }
        // In flight on another replica: wait for its answer (while someone waits for ours).
        if (claim.signal?.aborted) throw apiError('UPSTREAM_ERROR', 'The request was cancelled.');
        await sleep(pause, undefined, claim.signal ? { signal: claim.signal } : undefined).catch(() => undefined);
        pause = Math.min(500, pause * 2);
      }
    },
    stats: () => ({ keys: local.size, inFlight: flights.size, unsynced: unsynced.size }),
    async stop() {
      stopped = true;
      offLink?.();
      await Promise.all([...flights.values()]);
    },
  };
}

function parseRecord(raw: string): Stored | undefined {
  try {
    const r = JSON.parse(raw) as Stored;
    return typeof r === 'object' && r !== null && typeof r.fp === 'string' && typeof r.owner === 'string'
      ? r
      : undefined;
  } catch {
    return undefined;
  }
}
