/**
 * How the Halo HTTP client is configured: the options callers pass (`HaloHttpConfig`), their
 * defaults (stated here only), and the settings they resolve to.
 */
import type { HaloNetworkCode } from '../halo-error.js';
import type { HaloOperationId } from '../types.js';
import type { RetryBudgetOptions } from './retry-budget.js';

export interface HaloRetryOptions {
  /** Attempts per call, the first included. */
  maxAttempts?: number;
  /** Full-jitter backoff: the n-th retry waits random() × min(maxDelayMs, baseDelayMs × 2^(n-1)). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Retries of a 429 per call (Retry-After is honoured, or the retry refused). */
  maxRateLimitRetries?: number;
  /** The process-wide retry budget. */
  budget?: RetryBudgetOptions;
}

export interface HaloBreakerOptions {
  /** Consecutive site failures (503/504/timeouts) that open a site's circuit. */
  threshold?: number;
  /**
   * How long a circuit that has just opened refuses calls before the next call goes through as a
   * probe. Each failed probe doubles the wait, up to `maxHalfOpenAfterMs`; a successful one closes
   * the circuit and the next opening starts again from here.
   */
  halfOpenAfterMs?: number;
  /** The longest wait between probes of a site that keeps failing. */
  maxHalfOpenAfterMs?: number;
}

/** How the client finds out whether an ambiguous creation was carried out (registered queries). */
export interface HaloReconcileOptions {
  /** Lists of the site's registered queries before giving up (Halo may still be creating it). */
  attempts?: number;
  /** Wait between two lists. */
  intervalMs?: number;
  /** How far Halo's `createdAt` may be from this process's clock (its `now`) and still match. */
  clockSkewMs?: number;
}

/** Options of the Halo client; the defaults of every optional one are in `DEFAULTS` below. */
export interface HaloHttpConfig {
  /** Origin of the Halo API (optionally with a path prefix), e.g. `https://api.stage.haloconnect.io`. */
  baseUrl: string;
  /** Sent as `Ocp-Apim-Subscription-Key` on every call; never logged or put in an error. */
  subscriptionKey: string;
  /** Upper bound on sockets to Halo. */
  connections?: number;
  /** Idle keep-alive per socket. */
  keepAliveTimeoutMs?: number;
  /** Timeout of one attempt of a cloud-served call (headers and body). */
  attemptTimeoutMs?: number;
  /** Overall deadline of a cloud-served call, retries and backoff included. */
  deadlineMs?: number;
  /**
   * Deadline (and attempt timeout) of a call that runs on the practice server: immediate and async
   * query creation and FHIR. Halo itself gives up after 30 s of execution with a 504, and an
   * immediate query may first wait up to its `maxTimeInQueue` (≤ 60 s).
   */
  siteCallTimeoutMs?: number;
  /** Largest response body read into memory; larger is UPSTREAM_ERROR. */
  maxResponseBytes?: number;
  retry?: HaloRetryOptions;
  breaker?: HaloBreakerOptions;
  reconcile?: HaloReconcileOptions;
  /** Concurrent practice-server calls per site. */
  siteConcurrency?: number;
  /** Calls per site that may wait for a slot before SITE_UNAVAILABLE. */
  siteQueue?: number;
  /** Wall clock (epoch ms), used for HTTP-date `Retry-After` and to match Halo's `createdAt`. @default Date.now */
  now?: () => number;
  /** Uniform [0,1) source for backoff jitter. @default Math.random */
  random?: () => number;
  /** Called whenever a site's circuit changes state (for metrics and logs). */
  onBreakerStateChange?: (siteId: string, state: BreakerState) => void;
  /** Called after every attempt of a call, retries and local refusals included (for metrics). Must not throw. */
  onAttempt?: (event: HaloAttemptEvent) => void;
  /**
   * Counts the billed creations (immediate, async and registered queries) and enforces budgets:
   * asked before each attempt of one that may leave this process, told after it how it ended.
   * @default none: nothing is counted or refused
   */
  ledger?: CreationLedger;
}

/** The Halo operations that create a billed query. */
export const BILLED_OPERATIONS = ['createImmediateQuery', 'createAsyncQuery', 'createRegisteredQuery'] as const;
export type BilledOperationId = Extract<HaloOperationId, (typeof BILLED_OPERATIONS)[number]>;

/**
 * How an attempt of a billed creation ended: Halo answered 2xx (`succeeded`) or with an error
 * status (`failed`); it was sent and no answer came (`unanswered`: a timeout, a dropped connection,
 * the caller left); or it provably never left this process (`unsent`: it is not billed).
 */
export type BilledOutcome = 'succeeded' | 'failed' | 'unanswered' | 'unsent';

/** The HTTP client's view of the usage ledger (src/usage/ledger.ts). */
export interface CreationLedger {
  /**
   * Reserves one billed query on `siteId` for an attempt about to be sent, atomically against the
   * site's budget. Never rejects.
   * @returns the reservation, to settle once the attempt ended; undefined when the budget is spent
   *   (the attempt is then refused with QUOTA_EXCEEDED and nothing is sent).
   */
  reserve(siteId: string, operationId: BilledOperationId): Promise<CreationReservation | undefined>;
}

export interface CreationReservation {
  /** The attempt ended: billed unless `unsent` (then the reservation is given back). Never throws. */
  settle(outcome: BilledOutcome): void;
}

/** One attempt of a call, as `onAttempt` reports it. Carries no site, query or patient data. */
export interface HaloAttemptEvent {
  operationId: HaloOperationId;
  /** 1 for the first attempt; more is a retry. */
  attempt: number;
  /** The HTTP status Halo answered, or the failure code when there was no response (ATTEMPT_TIMEOUT, CIRCUIT_OPEN, ECONNREFUSED…). */
  outcome: number | HaloNetworkCode;
  durationMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

/** One site's circuit, as metrics see it. */
export interface SiteBreaker {
  state: BreakerState;
  /** While open: milliseconds until the next call may go through as a probe (0 when one may now). */
  probeInMs?: number;
  /** The current wait between probes (it doubles with each failed probe). */
  probeDelayMs?: number;
}

export interface HaloHttpStats {
  /** undici Pool counters: sockets connected/free, requests pending/queued/running, pool size. */
  pool: { connected: number; free: number; pending: number; queued: number; running: number; size: number };
  /** Tokens left in the retry budget. */
  retryBudget: number;
  /** Distinct upstream reads currently shared by coalescing. */
  coalescedInFlight: number;
}

/** Every default of `HaloHttpConfig`, in one place. */
export const DEFAULTS = Object.freeze({
  connections: 32,
  keepAliveTimeoutMs: 10_000,
  attemptTimeoutMs: 10_000,
  deadlineMs: 30_000,
  siteCallTimeoutMs: 95_000,
  maxResponseBytes: 64 * 1024 * 1024,
  siteConcurrency: 4,
  siteQueue: 16,
  retry: Object.freeze({ maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 5_000, maxRateLimitRetries: 1 }),
  breaker: Object.freeze({ threshold: 5, halfOpenAfterMs: 2_000, maxHalfOpenAfterMs: 30_000 }),
  reconcile: Object.freeze({ attempts: 3, intervalMs: 1_000, clockSkewMs: 60_000 }),
});

/** The resolved settings: every option with its value or default. */
export interface HttpSettings {
  connections: number;
  keepAliveTimeoutMs: number;
  attemptTimeoutMs: number;
  deadlineMs: number;
  siteCallTimeoutMs: number;
  maxResponseBytes: number;
  siteConcurrency: number;
  siteQueue: number;
  retry: Required<Omit<HaloRetryOptions, 'budget'>>;
  breaker: Required<HaloBreakerOptions>;
  reconcile: Required<HaloReconcileOptions>;
}

/** Merges `config` over the defaults (an attempt count below 1 counts as 1). */
export function resolveSettings(config: HaloHttpConfig): HttpSettings {
  const retry = { ...DEFAULTS.retry, ...definedOnly(config.retry ?? {}) };
  return {
    connections: config.connections ?? DEFAULTS.connections,
    keepAliveTimeoutMs: config.keepAliveTimeoutMs ?? DEFAULTS.keepAliveTimeoutMs,
    attemptTimeoutMs: config.attemptTimeoutMs ?? DEFAULTS.attemptTimeoutMs,
    deadlineMs: config.deadlineMs ?? DEFAULTS.deadlineMs,
    siteCallTimeoutMs: config.siteCallTimeoutMs ?? DEFAULTS.siteCallTimeoutMs,
    maxResponseBytes: config.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
    siteConcurrency: config.siteConcurrency ?? DEFAULTS.siteConcurrency,
    siteQueue: config.siteQueue ?? DEFAULTS.siteQueue,
    retry: {
      maxAttempts: Math.max(1, retry.maxAttempts),
      baseDelayMs: retry.baseDelayMs,
      maxDelayMs: retry.maxDelayMs,
      maxRateLimitRetries: retry.maxRateLimitRetries,
    },
    breaker: breakerSettings(config.breaker ?? {}),
    reconcile: { ...DEFAULTS.reconcile, ...definedOnly(config.reconcile ?? {}) },
  };
}

/** The breaker's settings; a maximum below the first wait is raised to it. */
function breakerSettings(options: HaloBreakerOptions): Required<HaloBreakerOptions> {
  const merged = { ...DEFAULTS.breaker, ...definedOnly(options) };
  return { ...merged, maxHalfOpenAfterMs: Math.max(merged.halfOpenAfterMs, merged.maxHalfOpenAfterMs) };
}

/** The entries of `options` whose value is not undefined (so a spread keeps the defaults). */
function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
