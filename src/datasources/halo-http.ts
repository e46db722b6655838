/**
 * The only place that speaks HTTP to Halo. It owns the process's undici Pool (keep-alive, bounded
 * connections) and puts every call through the same pipeline:
 *
 *   coalesce (identical idempotent reads share one flight)
 *     → call deadline + caller cancellation (one AbortSignal)
 *       → retry (cockatiel; only where safe, full-jitter backoff or Retry-After, retry budget)
 *         → per-site circuit breaker → per-site bulkhead   (calls that run on the practice server)
 *           → one attempt (per-attempt timeout; body always consumed or destroyed)
 *
 * and turns every failure into a `HaloApiError`. Resource modules (`sites.ts`, `queries.ts`, …)
 * describe calls as data (`HaloCall`) and never see undici.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  IsolatedCircuitError,
  TaskCancelledError,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { Pool, type Dispatcher } from 'undici';
import { Coalescer } from './coalesce.js';
import {
  HaloApiError,
  errorFromNetwork,
  errorFromResponse,
  localFailure,
  malformedResponse,
  reclassify,
  wasNotSent,
  type HaloErrorContext,
  type HaloNetworkCode,
} from './halo-error.js';
import { RetryBudget, type RetryBudgetOptions } from './retry-budget.js';
import type { HaloOperationId } from './types.js';

// ── Configuration ────────────────────────────────────────────────────────────────────────────────

export interface HaloRetryOptions {
  /** Attempts per call, the first included. @default 3 */
  maxAttempts?: number;
  /** Full-jitter backoff: the n-th retry waits random() × min(maxDelayMs, baseDelayMs × 2^(n-1)). @default 200 */
  baseDelayMs?: number;
  /** @default 5000 */
  maxDelayMs?: number;
  /** Retries of a 429 per call (Retry-After is honoured, or the retry refused). @default 1 */
  maxRateLimitRetries?: number;
  /** The process-wide retry budget. */
  budget?: RetryBudgetOptions;
}

export interface HaloBreakerOptions {
  /** Consecutive site failures (503/504/timeouts) that open a site's circuit. @default 5 */
  threshold?: number;
  /** How long an open circuit refuses calls before letting one test call through. @default 30000 */
  halfOpenAfterMs?: number;
}

export interface HaloHttpConfig {
  /** Origin of the Halo API (optionally with a path prefix), e.g. `https://api.stage.haloconnect.io`. */
  baseUrl: string;
  /** Sent as `Ocp-Apim-Subscription-Key` on every call; never logged or put in an error. */
  subscriptionKey: string;
  /** Upper bound on sockets to Halo. @default 32 */
  connections?: number;
  /** Idle keep-alive per socket. @default 10000 */
  keepAliveTimeoutMs?: number;
  /** Timeout of one attempt of a cloud-served call (headers and body). @default 10000 */
  attemptTimeoutMs?: number;
  /** Overall deadline of a cloud-served call, retries and backoff included. @default 30000 */
  deadlineMs?: number;
  /**
   * Deadline (and attempt timeout) of a call that runs on the practice server: immediate and async
   * query creation and FHIR. Halo itself gives up after 30 s of execution with a 504, and an
   * immediate query may first wait up to its `maxTimeInQueue` (≤ 60 s). @default 95000
   */
  siteCallTimeoutMs?: number;
  /** Largest response body read into memory; larger is UPSTREAM_ERROR. @default 64 MiB */
  maxResponseBytes?: number;
  retry?: HaloRetryOptions;
  breaker?: HaloBreakerOptions;
  /** Concurrent practice-server calls per site. @default 4 */
  siteConcurrency?: number;
  /** Calls per site that may wait for a slot before SITE_UNAVAILABLE. @default 16 */
  siteQueue?: number;
  /** Wall clock (epoch ms), used for HTTP-date `Retry-After`. @default Date.now */
  now?: () => number;
  /** Uniform [0,1) source for backoff jitter. @default Math.random */
  random?: () => number;
  /** Called whenever a site's circuit changes state (for metrics and logs). */
  onBreakerStateChange?: (siteId: string, state: BreakerState) => void;
  /** Called after every attempt of a call, retries and local refusals included (for metrics). Must not throw. */
  onAttempt?: (event: HaloAttemptEvent) => void;
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

export interface HaloHttpStats {
  /** undici Pool counters: sockets connected/free, requests pending/queued/running, pool size. */
  pool: { connected: number; free: number; pending: number; queued: number; running: number; size: number };
  /** Tokens left in the retry budget. */
  retryBudget: number;
  /** Distinct upstream reads currently shared by coalescing. */
  coalescedInFlight: number;
}

// ── Calls ────────────────────────────────────────────────────────────────────────────────────────

/**
 * When a failed call may be tried again:
 * - `read`: idempotent reads (GETs, batch status, FHIR search), on 408/429/500/502/503/504,
 *   connection failures and attempt timeouts;
 * - `unsent-only`: billable calls that are safe to repeat only if the request provably never left
 *   this process (connection refused, DNS failure, connect timeout);
 * - `never`: NON_QUERY commands, async and registered creation, cancel, pairing.
 */
export type RetryClass = 'read' | 'unsent-only' | 'never';

export interface HaloCall {
  operationId: HaloOperationId;
  method: 'GET' | 'POST' | 'DELETE';
  /** Path segments below the base URL; each one is validated and percent-encoded here. */
  segments: readonly string[];
  query?: Readonly<Record<string, string | undefined>>;
  /** Already-encoded query string for FHIR searches (no leading `?`). */
  rawQuery?: string;
  body?: { json: unknown } | { form: string };
  siteId?: string;
  retry: RetryClass;
  /** Runs on the practice server: per-site breaker + bulkhead, site-call deadline, no retry of 503/504/timeouts. */
  siteBound?: boolean;
  /** Identical concurrent calls share one upstream request (idempotent reads only). */
  coalesce?: boolean;
  accept?: string;
}

export interface CallOptions {
  /** Cancels this call (in addition to the request-scoped signal). */
  signal?: AbortSignal | undefined;
  /** Overrides the configured deadline for this call. */
  deadlineMs?: number | undefined;
}

/** Request-scoped options the datasource passes along with every call. */
export interface ScopeOptions extends CallOptions {
  /** Everything beyond the subscription key that scopes what a caller may see; part of the coalescing key. */
  scope?: string | undefined;
}

export interface HaloResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface HaloJsonResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined for an empty body (e.g. 204). */
  body: unknown;
}

interface Prepared {
  call: HaloCall;
  ctx: HaloErrorContext;
  path: string;
  bodyText: string | undefined;
  headers: Record<string, string>;
  deadlineMs: number;
  attemptMs: number;
}

interface StreamAttempt {
  status: number;
  headers: IncomingHttpHeaders;
  body: Dispatcher.ResponseData['body'];
  release: () => void;
}

/** Why we aborted a signal; undici rejects with this object, so it tells us what happened. */
class AbortReason extends Error {
  override readonly name = 'AbortError';
  constructor(
    readonly networkCode: HaloNetworkCode,
    readonly original?: unknown,
  ) {
    super(`aborted: ${networkCode}`);
  }
}

const ERROR_BODY_LIMIT = 64 * 1024;
const MAX_IDLE_SITES = 1_000;

const DEFAULTS = {
  connections: 32,
  keepAliveTimeoutMs: 10_000,
  attemptTimeoutMs: 10_000,
  deadlineMs: 30_000,
  siteCallTimeoutMs: 95_000,
  maxResponseBytes: 64 * 1024 * 1024,
  siteConcurrency: 4,
  siteQueue: 16,
  retry: { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 5_000, maxRateLimitRetries: 1 },
  breaker: { threshold: 5, halfOpenAfterMs: 30_000 },
} as const;

interface SitePolicies {
  breaker: CircuitBreakerPolicy;
  bulkhead: BulkheadPolicy;
}

const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const LOCAL_REFUSALS = new Set<string>([
  'ABORTED',
  'DEADLINE_EXCEEDED',
  'CIRCUIT_OPEN',
  'BULKHEAD_FULL',
  'RESPONSE_TOO_LARGE',
]);

/** Is a failed attempt of this call worth repeating? (Budget, attempts and deadline are checked elsewhere.) */
export function isRetryable(call: Pick<HaloCall, 'retry' | 'siteBound'>, error: HaloApiError): boolean {
  switch (call.retry) {
    case 'never':
      return false;
    case 'unsent-only':
      return wasNotSent(error) && !LOCAL_REFUSALS.has(error.networkCode ?? '');
    case 'read': {
      if (error.kind === 'network') {
        if (LOCAL_REFUSALS.has(error.networkCode ?? '')) return false;
        // A practice server that timed out is not asked again (that would double its load).
        return !(call.siteBound && error.code === 'UPSTREAM_TIMEOUT');
      }
      if (error.status === undefined || !TRANSIENT_STATUS.has(error.status)) return false;
      // An offline or slow practice stays offline or slow for longer than a backoff: don't amplify.
      return !(call.siteBound && (error.status === 503 || error.status === 504));
    }
  }
}

/** Failures that say the practice server is unavailable or slow; only these move a site's breaker. */
function countsAgainstSite(error: unknown): boolean {
  if (!(error instanceof HaloApiError)) return false;
  if (
    error.networkCode !== undefined &&
    LOCAL_REFUSALS.has(error.networkCode) &&
    error.networkCode !== 'DEADLINE_EXCEEDED'
  ) {
    return false;
  }
  return error.code === 'SITE_UNAVAILABLE' || error.code === 'UPSTREAM_TIMEOUT';
}

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

// ── The client ───────────────────────────────────────────────────────────────────────────────────

export class HaloHttp {
  private readonly pool: Pool;
  private readonly pathPrefix: string;
  private readonly key: string;
  private readonly budget: RetryBudget;
  private readonly coalescer = new Coalescer<HaloResponse>();
  private readonly sites = new Map<string, SitePolicies>();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly opts: {
    attemptTimeoutMs: number;
    deadlineMs: number;
    siteCallTimeoutMs: number;
    maxResponseBytes: number;
    siteConcurrency: number;
    siteQueue: number;
    retry: Required<Omit<HaloRetryOptions, 'budget'>>;
    breaker: Required<HaloBreakerOptions>;
  };
  private readonly onBreakerStateChange: ((siteId: string, state: BreakerState) => void) | undefined;
  private readonly onAttempt: ((event: HaloAttemptEvent) => void) | undefined;
  private closed = false;

  /** Creates the Pool. No I/O happens until the first call. */
  constructor(config: HaloHttpConfig) {
    const url = new URL(config.baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('baseUrl must be an http(s) URL');
    if (config.subscriptionKey === '') throw new TypeError('subscriptionKey must not be empty');
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.key = config.subscriptionKey;
    this.pool = new Pool(url.origin, {
      connections: config.connections ?? DEFAULTS.connections,
      keepAliveTimeout: config.keepAliveTimeoutMs ?? DEFAULTS.keepAliveTimeoutMs,
      pipelining: 1,
    });
    this.budget = new RetryBudget(config.retry?.budget);
    this.now = config.now ?? Date.now;
    this.random = config.random ?? Math.random;
    this.onBreakerStateChange = config.onBreakerStateChange;
    this.onAttempt = config.onAttempt;
    this.opts = {
      attemptTimeoutMs: config.attemptTimeoutMs ?? DEFAULTS.attemptTimeoutMs,
      deadlineMs: config.deadlineMs ?? DEFAULTS.deadlineMs,
      siteCallTimeoutMs: config.siteCallTimeoutMs ?? DEFAULTS.siteCallTimeoutMs,
      maxResponseBytes: config.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
      siteConcurrency: config.siteConcurrency ?? DEFAULTS.siteConcurrency,
      siteQueue: config.siteQueue ?? DEFAULTS.siteQueue,
      retry: {
        maxAttempts: Math.max(1, config.retry?.maxAttempts ?? DEFAULTS.retry.maxAttempts),
        baseDelayMs: config.retry?.baseDelayMs ?? DEFAULTS.retry.baseDelayMs,
        maxDelayMs: config.retry?.maxDelayMs ?? DEFAULTS.retry.maxDelayMs,
        maxRateLimitRetries: config.retry?.maxRateLimitRetries ?? DEFAULTS.retry.maxRateLimitRetries,
      },
      breaker: {
        threshold: config.breaker?.threshold ?? DEFAULTS.breaker.threshold,
        halfOpenAfterMs: config.breaker?.halfOpenAfterMs ?? DEFAULTS.breaker.halfOpenAfterMs,
      },
    };
  }

  /**
   * Performs a call and returns the raw 2xx response, body fully read.
   * @throws HaloApiError for every failure: a non-2xx status (after any retries), a network error,
   *   our deadline, an open circuit or full bulkhead, or cancellation (`networkCode: 'ABORTED'`).
   */
  async request(
    call: HaloCall,
    options: ScopeOptions & { requestSignal?: AbortSignal | undefined } = {},
  ): Promise<HaloResponse> {
    const prepared = this.prepare(call, options.deadlineMs);
    const signals = [options.requestSignal, options.signal].filter((s): s is AbortSignal => s !== undefined);
    if (call.coalesce) {
      const key = this.coalescingKey(prepared, options.scope);
      return this.coalescer.run(
        key,
        signals,
        (signal) => this.execute(prepared, [signal]),
        (reason) => localFailure(prepared.ctx, 'ABORTED', reason),
      );
    }
    return this.execute(prepared, signals);
  }

  /**
   * Like {@link request}, and parses the body as JSON.
   * @throws HaloApiError `UPSTREAM_ERROR` when a 2xx body is not JSON.
   */
  async requestJson(
    call: HaloCall,
    options: ScopeOptions & { requestSignal?: AbortSignal | undefined } = {},
  ): Promise<HaloJsonResponse> {
    const res = await this.request(call, options);
    if (res.body.length === 0) return { status: res.status, headers: res.headers, body: undefined };
    try {
      return { status: res.status, headers: res.headers, body: JSON.parse(res.body.toString('utf8')) as unknown };
    } catch (error) {
      throw malformedResponse(
        { operationId: call.operationId, siteId: call.siteId },
        res.status,
        res.body.length,
        'not JSON',
        error,
      );
    }
  }

  /**
   * Performs a call and returns its 2xx body as a byte stream without buffering it. Retries (for
   * `read` calls) happen only before the response headers; the deadline covers the headers only,
   * after which the body is paced by the consumer (undici's idle body timeout still applies), and
   * cancelling the signals destroys the stream. The consumer must read the stream to the end or
   * destroy it: the connection is held until then.
   * @throws HaloApiError as {@link request}; errors while streaming are emitted as HaloApiError too.
   */
  async stream(
    call: HaloCall,
    options: ScopeOptions & { requestSignal?: AbortSignal | undefined } = {},
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Readable }> {
    const prepared = this.prepare({ ...call, coalesce: false }, options.deadlineMs);
    const signals = [options.requestSignal, options.signal].filter((s): s is AbortSignal => s !== undefined);
    const res = await this.execute(prepared, signals, 'stream');
    const ctx = prepared.ctx;
    const source = res.body;
    const toHalo = (error: unknown) =>
      error instanceof AbortReason
        ? localFailure(ctx, error.networkCode, error.original)
        : errorFromNetwork(ctx, error);
    let cleaned = false;
    const cleanup = () => {
      if (cleaned) return;
      cleaned = true;
      discard(source);
      res.release();
    };
    async function* chunks(): AsyncGenerator<Buffer> {
      try {
        for await (const chunk of source) yield chunk as Buffer;
      } catch (error) {
        throw toHalo(error);
      } finally {
        cleanup();
      }
    }
    const body = Readable.from(chunks(), { objectMode: false });
    // A stream destroyed before its first read never starts the generator, so its `finally`
    // would not run: release the connection on close as well.
    body.once('close', cleanup);
    return { status: res.status, headers: res.headers, body };
  }

  /** The state of every site circuit created so far, keyed by site GUID. */
  breakerStates(): Record<string, BreakerState> {
    const out: Record<string, BreakerState> = {};
    for (const [siteId, policies] of this.sites) out[siteId] = STATE_NAMES[policies.breaker.state];
    return out;
  }

  /** Counters for metrics and readiness: the connection pool, the retry budget and shared reads in flight. */
  stats(): HaloHttpStats {
    const s = this.pool.stats;
    return {
      pool: {
        connected: s.connected,
        free: s.free,
        pending: s.pending,
        queued: s.queued,
        running: s.running,
        size: s.size,
      },
      retryBudget: this.budget.balance,
      coalescedInFlight: this.coalescer.size,
    };
  }

  /** Closes the Pool once in-flight requests finish. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.close();
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────────

  private prepare(call: HaloCall, deadlineOverride: number | undefined): Prepared {
    const ctx: HaloErrorContext = { operationId: call.operationId, siteId: call.siteId };
    const encoded: string[] = [];
    for (const segment of call.segments) {
      // '.' and '..' survive encodeURIComponent and would be resolved as dot-segments upstream.
      if (segment === '' || segment === '.' || segment === '..') {
        throw new HaloApiError({ ...ctx, kind: 'general', code: 'BAD_USER_INPUT' });
      }
      encoded.push(encodeURIComponent(segment));
    }
    let path = `${this.pathPrefix}/${encoded.join('/')}`;
    const query = Object.entries(call.query ?? {})
      .filter((e): e is [string, string] => e[1] !== undefined)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
    if (call.rawQuery) query.push(call.rawQuery);
    if (query.length > 0) path += `?${query.join('&')}`;

    const headers: Record<string, string> = {
      'ocp-apim-subscription-key': this.key,
      accept: call.accept ?? 'application/json',
    };
    let bodyText: string | undefined;
    if (call.body && 'json' in call.body) {
      bodyText = JSON.stringify(call.body.json);
      headers['content-type'] = 'application/json';
    } else if (call.body) {
      bodyText = call.body.form;
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const deadlineMs = deadlineOverride ?? (call.siteBound ? this.opts.siteCallTimeoutMs : this.opts.deadlineMs);
    const attemptMs = call.siteBound ? deadlineMs : Math.min(this.opts.attemptTimeoutMs, deadlineMs);
    return { call, ctx, path, bodyText, headers, deadlineMs, attemptMs };
  }

  /** The coalescer belongs to this client (one tenant), so the key needs no tenant and no digest. */
  private coalescingKey(p: Prepared, scope: string | undefined): string {
    return JSON.stringify([scope ?? '', p.call.method, p.path, p.call.accept ?? '', p.bodyText ?? '']);
  }

  private execute(p: Prepared, parents: readonly AbortSignal[]): Promise<HaloResponse>;
  private execute(p: Prepared, parents: readonly AbortSignal[], mode: 'stream'): Promise<StreamAttempt>;
  private async execute(
    p: Prepared,
    parents: readonly AbortSignal[],
    mode: 'buffer' | 'stream' = 'buffer',
  ): Promise<HaloResponse | StreamAttempt> {
    const controller = new AbortController();
    const unlink: Array<() => void> = [];
    for (const parent of parents) {
      if (parent.aborted) throw localFailure(p.ctx, 'ABORTED', parent.reason);
      const onAbort = () => controller.abort(new AbortReason('ABORTED', parent.reason));
      parent.addEventListener('abort', onAbort, { once: true });
      unlink.push(() => parent.removeEventListener('abort', onAbort));
    }
    const deadlineAt = performance.now() + p.deadlineMs;
    const deadline = setTimeout(() => controller.abort(new AbortReason('DEADLINE_EXCEEDED')), p.deadlineMs);
    let handedOver = false;
    try {
      const run = this.withPolicies(p, controller.signal, deadlineAt, mode);
      const result = await raceAbort(run, controller.signal, (reason) =>
        reason instanceof AbortReason
          ? localFailure(p.ctx, reason.networkCode, reason.original)
          : localFailure(p.ctx, 'ABORTED', reason),
      );
      if (mode === 'stream') {
        // From here on the consumer paces the body: drop the deadline, keep caller cancellation.
        clearTimeout(deadline);
        const attempt = result as StreamAttempt;
        const releaseAttempt = attempt.release;
        handedOver = true;
        return {
          ...attempt,
          release: () => {
            releaseAttempt();
            for (const off of unlink) off();
          },
        };
      }
      return result as HaloResponse;
    } finally {
      clearTimeout(deadline);
      if (!handedOver) for (const off of unlink) off();
    }
  }

  private withPolicies(
    p: Prepared,
    signal: AbortSignal,
    deadlineAt: number,
    mode: 'buffer' | 'stream',
  ): Promise<HaloResponse | StreamAttempt> {
    const { maxAttempts, baseDelayMs, maxDelayMs, maxRateLimitRetries } = this.opts.retry;
    this.budget.deposit();
    if (maxAttempts === 1 || p.call.retry === 'never') {
      // Nothing to retry: no policy to build.
      if (signal.aborted) return Promise.reject(abortFailure(p.ctx, signal.reason));
      return this.observed(p.call.operationId, 1, () => this.guarded(p, signal, mode));
    }
    let attempts = 0;
    let rateLimitRetries = 0;
    let plannedDelay = 0;

    // The predicate decides everything (eligibility, attempts, deadline, budget) and plans the
    // delay; cockatiel runs the loop and the wait. It is consulted once per failed attempt.
    const shouldRetry = (error: Error): boolean => {
      if (!(error instanceof HaloApiError) || signal.aborted) return false;
      if (attempts >= maxAttempts || !isRetryable(p.call, error)) return false;
      if (error.code === 'RATE_LIMITED' && rateLimitRetries >= maxRateLimitRetries) return false;
      const delay =
        error.retryAfterSeconds !== undefined
          ? error.retryAfterSeconds * 1000
          : Math.floor(this.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempts - 1)));
      // A wait that outlasts the deadline would only burn it: refuse, and report Halo's answer.
      if (performance.now() + delay >= deadlineAt) return false;
      if (!this.budget.tryWithdraw()) return false;
      if (error.code === 'RATE_LIMITED') rateLimitRetries++;
      plannedDelay = delay;
      return true;
    };

    const policy = retry(handleWhen(shouldRetry), {
      maxAttempts: maxAttempts - 1, // cockatiel counts retries
      backoff: new DelegateBackoff(() => plannedDelay),
    });
    return policy.execute(async () => {
      attempts++;
      if (signal.aborted) throw abortFailure(p.ctx, signal.reason);
      return this.observed(p.call.operationId, attempts, () => this.guarded(p, signal, mode));
    }, signal);
  }

  /** Runs one attempt and reports its outcome to `onAttempt`. */
  private async observed<T extends HaloResponse | StreamAttempt>(
    operationId: HaloOperationId,
    attempt: number,
    run: () => Promise<T>,
  ): Promise<T> {
    const listener = this.onAttempt;
    if (!listener) return run();
    const started = performance.now();
    const report = (outcome: number | HaloNetworkCode) => {
      try {
        listener({ operationId, attempt, outcome, durationMs: performance.now() - started });
      } catch {
        // A metrics hook must never fail a call.
      }
    };
    try {
      const result = await run();
      report(result.status);
      return result;
    } catch (error) {
      report(error instanceof HaloApiError ? (error.status ?? error.networkCode ?? 'UND_ERR') : 'UND_ERR');
      throw error;
    }
  }

  /** One attempt through the site's breaker and bulkhead when the call runs on the practice server. */
  private async guarded(
    p: Prepared,
    signal: AbortSignal,
    mode: 'buffer' | 'stream',
  ): Promise<HaloResponse | StreamAttempt> {
    if (!p.call.siteBound || p.call.siteId === undefined) return this.attempt(p, signal, mode);
    const site = this.sitePolicies(p.call.siteId);
    try {
      return await site.breaker.execute(
        () => site.bulkhead.execute(({ signal: s }) => this.attempt(p, s, mode), signal),
        signal,
      );
    } catch (error) {
      if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError)
        throw localFailure(p.ctx, 'CIRCUIT_OPEN', error);
      if (error instanceof BulkheadRejectedError) throw localFailure(p.ctx, 'BULKHEAD_FULL', error);
      if (error instanceof TaskCancelledError) throw abortFailure(p.ctx, signal.reason);
      throw error;
    }
  }

  /**
   * Halo answers a practice-server call with the same 504 text ("Query took more than 30
   * seconds…") whether the query was slow or the site is unreachable. One `getSite` (coalesced,
   * short deadline, never retried) tells them apart: a site that is not online makes the failure
   * SITE_UNAVAILABLE; otherwise, or if the check itself fails, it stays UPSTREAM_TIMEOUT.
   */
  private async refineGatewayTimeout(p: Prepared, error: HaloApiError, signal: AbortSignal): Promise<HaloApiError> {
    const siteId = p.call.siteId;
    if (error.code !== 'UPSTREAM_TIMEOUT' || !p.call.siteBound || siteId === undefined) return error;
    try {
      const res = await this.requestJson(
        {
          operationId: 'getSite',
          method: 'GET',
          segments: ['integrator', 'sites', siteId],
          siteId,
          retry: 'never',
          coalesce: true,
        },
        { requestSignal: signal, deadlineMs: Math.min(this.opts.attemptTimeoutMs, 5_000) },
      );
      const body = res.body;
      const availability =
        typeof body === 'object' && body !== null ? (body as { availability?: unknown }).availability : undefined;
      return availability === 'offline' || availability === 'unreachable'
        ? reclassify(error, 'SITE_UNAVAILABLE')
        : error;
    } catch {
      return error;
    }
  }

  private sitePolicies(siteId: string): SitePolicies {
    let site = this.sites.get(siteId);
    if (!site) {
      if (this.sites.size >= MAX_IDLE_SITES) this.forgetIdleSites();
      const breaker = circuitBreaker(handleWhen(countsAgainstSite), {
        halfOpenAfter: this.opts.breaker.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(this.opts.breaker.threshold),
      });
      const listener = this.onBreakerStateChange;
      if (listener) breaker.onStateChange((state) => listener(siteId, STATE_NAMES[state]));
      site = { breaker, bulkhead: bulkhead(this.opts.siteConcurrency, this.opts.siteQueue) };
      this.sites.set(siteId, site);
    }
    return site;
  }

  /**
   * Site ids come from callers, so the per-site map must not grow without bound: past
   * MAX_IDLE_SITES, sites whose circuit is closed and that have nothing in flight are dropped
   * (their state is the same as a fresh one's, so nothing is lost).
   */
  private forgetIdleSites(): void {
    for (const [id, site] of this.sites) {
      const idle =
        site.bulkhead.executionSlots === this.opts.siteConcurrency && site.bulkhead.queueSlots === this.opts.siteQueue;
      if (idle && site.breaker.state === CircuitState.Closed) this.sites.delete(id);
    }
  }

  private attempt(p: Prepared, callSignal: AbortSignal, mode: 'buffer'): Promise<HaloResponse>;
  private attempt(
    p: Prepared,
    callSignal: AbortSignal,
    mode: 'buffer' | 'stream',
  ): Promise<HaloResponse | StreamAttempt>;
  private async attempt(
    p: Prepared,
    callSignal: AbortSignal,
    mode: 'buffer' | 'stream',
  ): Promise<HaloResponse | StreamAttempt> {
    if (callSignal.aborted) throw abortFailure(p.ctx, callSignal.reason);
    const controller = new AbortController();
    const onAbort = () => controller.abort(callSignal.reason);
    callSignal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new AbortReason('ATTEMPT_TIMEOUT')), p.attemptMs);
    let response: Dispatcher.ResponseData | undefined;
    let handedOver = false;
    try {
      response = await this.pool.request({
        method: p.call.method,
        path: p.path,
        headers: p.headers,
        body: p.bodyText,
        signal: controller.signal,
      });
      const { statusCode: status, headers } = response;
      if (status < 200 || status > 299) {
        const text = await readAtMost(response.body, ERROR_BODY_LIMIT);
        const failure = errorFromResponse({
          ...p.ctx,
          status,
          body: text,
          retryAfter: headers['retry-after'],
          nowMs: this.now(),
        });
        throw status === 504 ? await this.refineGatewayTimeout(p, failure, callSignal) : failure;
      }
      if (mode === 'stream') {
        clearTimeout(timer);
        handedOver = true;
        return {
          status,
          headers,
          body: response.body,
          release: () => callSignal.removeEventListener('abort', onAbort),
        };
      }
      const body = await readAll(response.body, this.opts.maxResponseBytes, headers['content-length']);
      if (body === undefined) throw localFailure(p.ctx, 'RESPONSE_TOO_LARGE');
      return { status, headers, body };
    } catch (error) {
      if (response) discard(response.body);
      if (error instanceof HaloApiError) throw error;
      if (error instanceof AbortReason) throw localFailure(p.ctx, error.networkCode, error.original);
      if (controller.signal.aborted && controller.signal.reason instanceof AbortReason) {
        const reason = controller.signal.reason;
        throw localFailure(p.ctx, reason.networkCode, reason.original);
      }
      throw errorFromNetwork(p.ctx, error);
    } finally {
      clearTimeout(timer);
      if (!handedOver) callSignal.removeEventListener('abort', onAbort);
    }
  }
}

function abortFailure(ctx: HaloErrorContext, reason: unknown): HaloApiError {
  return reason instanceof AbortReason
    ? localFailure(ctx, reason.networkCode, reason.original)
    : localFailure(ctx, 'ABORTED', reason);
}

/**
 * Settles with `work`, or rejects as soon as `signal` aborts (cockatiel's backoff wait and the
 * bulkhead queue do not watch the signal themselves; the abandoned `work` then fails fast).
 */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal, onAbort: (reason: unknown) => Error): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(onAbort(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      work.catch(() => undefined);
      reject(onAbort(signal.reason));
    };
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}

/**
 * Destroys a body we will not read further. Destroying an unfinished undici body emits an
 * 'error' (RequestAbortedError); we already know, so it is absorbed instead of going unhandled.
 */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** Reads a whole body, or returns undefined (body destroyed) when it exceeds `limit` bytes. */
async function readAll(
  body: Dispatcher.ResponseData['body'],
  limit: number,
  contentLength: string | string[] | undefined,
): Promise<Buffer | undefined> {
  const declared = typeof contentLength === 'string' ? Number(contentLength) : NaN;
  if (declared > limit) {
    discard(body);
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) {
      discard(body);
      return undefined;
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size);
}

/** Reads at most `limit` bytes of an (error) body as UTF-8 and discards the rest. */
async function readAtMost(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    chunks.push(buf);
    size += buf.length;
    if (size >= limit) {
      discard(body);
      break;
    }
  }
  return Buffer.concat(chunks, size).subarray(0, limit).toString('utf8');
}
