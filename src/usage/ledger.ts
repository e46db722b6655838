/**
 * Halo bills per query, per practice, per month: the usage ledger counts the billed creations this
 * deployment sends to each site (immediate and async queries, registered-query creations, live
 * named queries' registrations included) in the current UTC month, and enforces the monthly
 * budgets of SITE_MONTHLY_QUERY_BUDGET.
 *
 * The Halo HTTP client asks the ledger before each attempt of a billed creation (`reserve`: one
 * more query against the site's budget, atomically, so concurrent calls on several replicas never
 * overshoot it) and tells it afterwards how the attempt ended (`settle`): an attempt that provably
 * never left this process (a refused connection, an open circuit, a caller gone before it was sent)
 * gives its reservation back; one that may have reached Halo is billed, whatever Halo answered.
 *
 * With Redis (REDIS_URL) the counters are shared by the replicas: one key per site and month
 * (`halo-graphql:<namespace>:usage:<YYYY-MM>:<site GUID>`, a number), expiring a day after the month
 * ends. While Redis is unreachable a replica counts its own creations on top of the last shared
 * figure it knew, and adds them to Redis when it rejoins (raising a counter that Redis lost, when it
 * restarted empty, back to that figure first); meanwhile a budget can be overshot by what the other
 * replicas send. Without REDIS_URL the counts live in this process.
 */
import type {
  BilledOperationId,
  BilledOutcome,
  CreationLedger,
  CreationReservation,
} from '../datasources/http/settings.js';
import { ConfigError } from '../lib/env.js';
import { isGuid } from '../lib/guid.js';
import { isRecord } from '../lib/records.js';
import { RedisUnavailable, type RedisLink } from '../lib/redis.js';

/** SITE_MONTHLY_QUERY_BUDGET: billed queries per site and UTC month. */
export interface QueryBudgets {
  /** Every site without a budget of its own (`"*"`, or the plain number). @default no budget */
  default?: number | undefined;
  /** Budgets of single sites, by lower-case site GUID. */
  sites?: Readonly<Record<string, number>> | undefined;
}

/** A site's billed Halo queries in the current UTC month, as `Site.usage` shows them. */
export interface SiteUsage {
  /** The UTC month, `YYYY-MM`. */
  month: string;
  /** Immediate, async and registered-query creations sent to the site this month (reservations in flight included). */
  billedQueries: number;
  /** The month's budget; null when the site has none. */
  budget: number | null;
  /** What is left of the budget (never below 0); null when the site has none. */
  remaining: number | null;
}

export interface UsageLedger extends CreationLedger {
  /** The site's usage in the current month (shared figures with Redis; never rejects). */
  usage(siteId: string): Promise<SiteUsage>;
  /** Waits for writes in flight; no more writes after it. */
  stop(): Promise<void>;
}

export interface UsageLedgerOptions {
  budgets?: QueryBudgets | undefined;
  /** Redis, shared by the replicas; absent: this process only. */
  link?: RedisLink | undefined;
  /** Keys are `halo-graphql:<namespace>:usage:…`. */
  namespace?: string;
  /** Wall clock (epoch ms): decides the month. @default Date.now */
  now?: () => number;
  /** A creation attempt that was (or may have been) sent: billed. */
  onBilled?: (operationId: BilledOperationId, outcome: Exclude<BilledOutcome, 'unsent'>) => void;
  /** A creation refused because the site's budget is spent. */
  onRefused?: (operationId: BilledOperationId) => void;
  onError?: (error: unknown, where: string) => void;
}

/** One more query when it fits the budget (ARGV[1], -1: none); the counter expires at ARGV[2] (epoch ms). → {accepted 1|0, count}. */
const RESERVE = `local n = redis.call('incr', KEYS[1])
if redis.call('pttl', KEYS[1]) < 0 then redis.call('pexpireat', KEYS[1], ARGV[2]) end
local budget = tonumber(ARGV[1])
if budget >= 0 and n > budget then
  redis.call('decr', KEYS[1])
  return {0, n - 1}
end
return {1, n}`;

/**
 * Adds ARGV[1] (may be negative: reservations given back), never going below 0; first raises the
 * counter to ARGV[3] when it is lower (a Redis restarted empty gets back the figure a replica knew).
 * The counter expires at ARGV[2] (epoch ms). → the count.
 */
const ADD = `local floor = tonumber(ARGV[3])
local current = tonumber(redis.call('get', KEYS[1]) or '0')
if current < floor then redis.call('set', KEYS[1], floor, 'KEEPTTL') end
local n = redis.call('incrby', KEYS[1], ARGV[1])
if n < 0 then
  redis.call('set', KEYS[1], 0, 'KEEPTTL')
  n = 0
end
if redis.call('pttl', KEYS[1]) < 0 then redis.call('pexpireat', KEYS[1], ARGV[2]) end
return n`;

/**
 * SITE_MONTHLY_QUERY_BUDGET: a whole number for every site, or a JSON object of site GUIDs (and
 * `"*"` for every other site) to whole numbers.
 * @throws ConfigError naming the variable, never quoting its value.
 */
export function parseQueryBudgets(raw: string, name: string): QueryBudgets {
  const wholeNumber = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (/^\s*\d+\s*$/.test(raw)) {
    const n = Number(raw);
    if (!wholeNumber(n)) throw new ConfigError(`${name} is too large`);
    return Object.freeze({ default: n });
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (!isRecord(value))
    throw new ConfigError(`${name} must be a whole number, or a JSON object {"<site GUID>": n, "*": n}`);
  const sites: Record<string, number> = {};
  let fallback: number | undefined;
  for (const [key, n] of Object.entries(value)) {
    if (!wholeNumber(n)) throw new ConfigError(`${name}: every budget must be a whole number, 0 or more`);
    if (key === '*') fallback = n;
    else if (isGuid(key)) sites[key.toLowerCase()] = n;
    else throw new ConfigError(`${name}: every key must be a site GUID or "*"`);
  }
  return Object.freeze({ ...(fallback !== undefined ? { default: fallback } : {}), sites: Object.freeze(sites) });
}

/** `YYYY-MM` of an instant, in UTC. */
export function utcMonth(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 7);
}

/** When a month's counters expire: a day after the month ends (epoch ms). */
function expiryOf(month: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return Date.UTC(year, m, 1) + 24 * 60 * 60_000;
}

/** The budget of `siteId` (lower case) under `budgets`, or undefined. */
export function budgetOf(budgets: QueryBudgets | undefined, siteId: string): number | undefined {
  return budgets?.sites?.[siteId] ?? budgets?.default;
}

/** Creates the ledger. No I/O until the first reservation or read. */
export function createUsageLedger(options: UsageLedgerOptions = {}): UsageLedger {
  const now = options.now ?? Date.now;
  const { link } = options;
  const prefix = `halo-graphql:${options.namespace ?? 'local'}:usage:`;
  /** The last figure Redis gave for a key (`<month>:<site>`); nothing without Redis. */
  const known = new Map<string, number>();
  /** This replica's changes Redis has not got (all of them without Redis), by key. */
  const pending = new Map<string, number>();
  /** Changes being written to Redis (reservations given back, a rejoin): a read waits for them. */
  const syncing = new Set<Promise<void>>();
  let stopped = false;
  // Local mode is reported once, by the link; a script error is news.
  const report = (error: unknown) => {
    if (!(error instanceof RedisUnavailable)) options.onError?.(error, 'usage');
  };

  const add = (map: Map<string, number>, k: string, delta: number) => {
    const next = (map.get(k) ?? 0) + delta;
    if (next === 0) map.delete(k);
    else map.set(k, next);
  };
  const total = (k: string) => Math.max(0, (known.get(k) ?? 0) + (pending.get(k) ?? 0));
  /** Forgets the figures of months before `month` (their Redis keys expire by themselves). */
  let currentMonth = '';
  const turn = (month: string) => {
    if (month === currentMonth) return;
    currentMonth = month;
    for (const map of [known, pending]) for (const k of map.keys()) if (k.slice(0, 7) < month) map.delete(k);
  };

  /** Sends this replica's unsynced changes of `k`; `restore`: first raises the counter to the last figure known. */
  const sync = async (k: string, restore = false) => {
    const delta = pending.get(k) ?? 0;
    const floor = restore ? (known.get(k) ?? 0) : 0;
    if (!link || (delta === 0 && floor === 0)) return;
    pending.delete(k);
    try {
      const n = await link.run((redis) =>
        redis.eval(ADD, 1, prefix + k, String(delta), String(expiryOf(k.slice(0, 7))), String(floor)),
      );
      known.set(k, Number(n));
    } catch (error) {
      add(pending, k, delta);
      report(error);
    }
  };
  // Back with Redis: what this replica counted alone is added to the shared counters, on top of the
  // last figure it knew (a Redis restarted empty, without persistence, would otherwise forget the month).
  const offLink = link?.onAvailability((available) => {
    if (!available) return;
    for (const k of new Set([...known.keys(), ...pending.keys()])) {
      const done: Promise<void> = sync(k, true).finally(() => syncing.delete(done));
      syncing.add(done);
    }
  });

  /** Gives a reservation back: at once here, and to Redis when it was made there. */
  const release = (k: string) => {
    add(pending, k, -1);
    if (!link) return;
    const done: Promise<void> = sync(k).finally(() => syncing.delete(done));
    syncing.add(done);
  };

  return {
    async reserve(rawSiteId, operationId) {
      const siteId = rawSiteId.toLowerCase();
      const month = utcMonth(now());
      turn(month);
      const k = `${month}:${siteId}`;
      const budget = budgetOf(options.budgets, siteId);
      let shared = false;
      if (link && !stopped) {
        try {
          const [accepted, n] = (await link.run((redis) =>
            redis.eval(RESERVE, 1, prefix + k, String(budget ?? -1), String(expiryOf(month))),
          )) as [number, number];
          // Redis holds every replica's synced count; this replica's unsynced changes come on top.
          known.set(k, n);
          if (accepted !== 1) {
            options.onRefused?.(operationId);
            return undefined;
          }
          if (budget !== undefined && total(k) > budget) {
            release(k);
            options.onRefused?.(operationId);
            return undefined;
          }
          shared = true;
        } catch (error) {
          report(error);
        }
      }
      if (!shared) {
        if (budget !== undefined && total(k) + 1 > budget) {
          options.onRefused?.(operationId);
          return undefined;
        }
        add(pending, k, 1);
      }
      let settled = false;
      const reservation: CreationReservation = {
        settle(outcome) {
          if (settled) return;
          settled = true;
          if (outcome === 'unsent') release(k);
          else options.onBilled?.(operationId, outcome);
        },
      };
      return reservation;
    },

    async usage(rawSiteId) {
      const siteId = rawSiteId.toLowerCase();
      const month = utcMonth(now());
      turn(month);
      const k = `${month}:${siteId}`;
      if (syncing.size > 0) await Promise.all([...syncing]);
      if (link && !stopped) {
        try {
          const raw = await link.run((redis) => redis.get(prefix + k));
          known.set(k, raw === null ? 0 : Number(raw));
        } catch {
          // Redis unreachable: the last shared figure and what this replica counted since.
        }
      }
      const billedQueries = total(k);
      const budget = budgetOf(options.budgets, siteId);
      return {
        month,
        billedQueries,
        budget: budget ?? null,
        remaining: budget === undefined ? null : Math.max(0, budget - billedQueries),
      };
    },

    async stop() {
      stopped = true;
      offLink?.();
      await Promise.all([...syncing]);
    },
  };
}
