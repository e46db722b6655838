/**
 * The client's HTTP pipeline to Halo. It owns the process's undici Pool (keep-alive, bounded
 * connections) and puts every call through the same steps, each in its own module:
 *
 *   coalesce (./coalesce.ts: identical idempotent reads share one flight)
 *     → call deadline + caller cancellation (one AbortSignal, here)
 *       → retry (./retry.ts: only where safe, full-jitter backoff or Retry-After, retry budget)
 *         → the usage ledger (billed creations: each attempt reserved against the site's budget)
 *           → per-site circuit breaker and bulkhead (./site-guard.ts: calls that run on the practice server)
 *             → one attempt (./attempt.ts: per-attempt timeout; body always consumed or destroyed)
 *
 * and turns every failure into a `HaloApiError`. Resource modules (`sites.ts`, `queries.ts`, …)
 * describe calls as data (`HaloCall`, ./call.ts) and never see undici.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { Pool } from 'undici';
import {
  HaloApiError,
  errorFromNetwork,
  localFailure,
  malformedResponse,
  wasNotSent,
  type HaloNetworkCode,
} from '../halo-error.js';
import type { HaloOperationId } from '../types.js';
import { AbortReason, abortFailure, attempt, discard, type AttemptContext, type StreamAttempt } from './attempt.js';
import {
  coalescingKey,
  prepareCall,
  type HaloCall,
  type HaloJsonResponse,
  type HaloResponse,
  type PreparedCall,
  type ScopeOptions,
} from './call.js';
import { Coalescer } from './coalesce.js';
import { RetryBudget } from './retry-budget.js';
import { withRetries, type RetryContext } from './retry.js';
import {
  BILLED_OPERATIONS,
  resolveSettings,
  type BilledOperationId,
  type BreakerState,
  type CreationLedger,
  type HaloAttemptEvent,
  type HaloHttpConfig,
  type HaloHttpStats,
  type HttpSettings,
  type SiteBreaker,
} from './settings.js';
import { SiteGuards } from './site-guard.js';

export class HaloHttp {
  /** The resolved settings (every option with its value or default). */
  readonly settings: HttpSettings;
  private readonly pool: Pool;
  private readonly pathPrefix: string;
  private readonly key: string;
  private readonly coalescer = new Coalescer<HaloResponse>();
  private readonly sites: SiteGuards;
  private readonly retries: RetryContext;
  private readonly attempts: AttemptContext;
  private readonly onAttempt: ((event: HaloAttemptEvent) => void) | undefined;
  private readonly ledger: CreationLedger | undefined;
  private closed = false;
  /** Ids of registered queries this process has answered a creation with (so reconciliation never hands one out twice). */
  private readonly created = new Set<string>();

  /**
   * Creates the Pool. No I/O happens until the first call.
   * @throws TypeError when `baseUrl` is not an http(s) URL or the key is empty.
   */
  constructor(config: HaloHttpConfig) {
    const url = new URL(config.baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('baseUrl must be an http(s) URL');
    if (config.subscriptionKey === '') throw new TypeError('subscriptionKey must not be empty');
    this.settings = resolveSettings(config);
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.key = config.subscriptionKey;
    this.pool = new Pool(url.origin, {
      connections: this.settings.connections,
      keepAliveTimeout: this.settings.keepAliveTimeoutMs,
      pipelining: 1,
    });
    this.sites = new SiteGuards(this.settings, config.onBreakerStateChange);
    this.retries = {
      retry: this.settings.retry,
      budget: new RetryBudget(config.retry?.budget),
      random: config.random ?? Math.random,
    };
    this.attempts = { pool: this.pool, maxResponseBytes: this.settings.maxResponseBytes, now: config.now ?? Date.now };
    this.onAttempt = config.onAttempt;
    this.ledger = config.ledger;
  }

  /**
   * Performs a call and returns the raw 2xx response, body fully read.
   * @throws HaloApiError for every failure: a non-2xx status (after any retries), a network error,
   *   our deadline, an open circuit or full bulkhead, or cancellation (`networkCode: 'ABORTED'`).
   */
  async request(call: HaloCall, options: ScopeOptions = {}): Promise<HaloResponse> {
    const prepared = this.prepare(call, options.deadlineMs);
    const signals = signalsOf(options);
    if (call.coalesce) {
      return this.coalescer.run(
        coalescingKey(prepared, options.scope),
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
  async requestJson(call: HaloCall, options: ScopeOptions = {}): Promise<HaloJsonResponse> {
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
    options: ScopeOptions = {},
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Readable }> {
    const prepared = this.prepare({ ...call, coalesce: false }, options.deadlineMs);
    const res = await this.execute(prepared, signalsOf(options), 'stream');
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
    return this.sites.states();
  }

  /** Every site circuit that is not closed, with its probe backoff, keyed by site GUID. */
  troubledSites(): Record<string, SiteBreaker> {
    return this.sites.troubled();
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
      retryBudget: this.retries.budget.balance,
      coalescedInFlight: this.coalescer.size,
    };
  }

  /** Wall clock (epoch ms): the `now` of the configuration. */
  now(): number {
    return this.attempts.now();
  }

  /**
   * Records that `id` answered a creation; false when it already had. The most recent 10,000 are
   * kept (older ones fall outside any reconciliation window long before).
   */
  claimCreated(id: string): boolean {
    const key = id.toLowerCase();
    if (this.created.has(key)) return false;
    this.created.add(key);
    if (this.created.size > 10_000) this.created.delete(this.created.values().next().value as string);
    return true;
  }

  /** Whether `id` already answered a creation of this process. */
  wasCreated(id: string): boolean {
    return this.created.has(id.toLowerCase());
  }

  /** Closes the Pool once in-flight requests finish. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.close();
  }

  private prepare(call: HaloCall, deadlineOverride: number | undefined): PreparedCall {
    return prepareCall(call, this.settings, this.pathPrefix, this.key, deadlineOverride);
  }

  /** The call under one signal: the callers' cancellation and the call's deadline. */
  private execute(p: PreparedCall, parents: readonly AbortSignal[]): Promise<HaloResponse>;
  private execute(p: PreparedCall, parents: readonly AbortSignal[], mode: 'stream'): Promise<StreamAttempt>;
  private async execute(
    p: PreparedCall,
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
      const signal = controller.signal;
      const run = withRetries(this.retries, p.call, p.ctx, signal, deadlineAt, (n) =>
        this.observed(p.call.operationId, n, () => this.billed(p, signal, mode)),
      );
      const result = await raceAbort(run, signal, (reason) => abortFailure(p.ctx, reason));
      if (mode === 'stream') {
        // From here on the consumer paces the body: drop the deadline, keep caller cancellation.
        clearTimeout(deadline);
        const streamed = result as StreamAttempt;
        const releaseAttempt = streamed.release;
        handedOver = true;
        return {
          ...streamed,
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

  /** Runs one attempt and reports its outcome to `onAttempt`. */
  private async observed<T extends HaloResponse | StreamAttempt>(
    operationId: HaloOperationId,
    n: number,
    run: () => Promise<T>,
  ): Promise<T> {
    const listener = this.onAttempt;
    if (!listener) return run();
    const started = performance.now();
    const report = (outcome: number | HaloNetworkCode) => {
      try {
        listener({ operationId, attempt: n, outcome, durationMs: performance.now() - started });
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

  /**
   * One attempt, counted by the ledger when it creates a billed query: a reservation against the
   * site's budget first (QUOTA_EXCEEDED, nothing sent, when it is spent), given back when the
   * attempt provably never left this process, kept (billed) when it may have reached Halo.
   */
  private async billed(
    p: PreparedCall,
    signal: AbortSignal,
    mode: 'buffer' | 'stream',
  ): Promise<HaloResponse | StreamAttempt> {
    const operationId = p.call.operationId;
    if (!this.ledger || p.call.creation !== true || p.call.siteId === undefined || !isBilled(operationId))
      return this.guarded(p, signal, mode);
    const reservation = await this.ledger.reserve(p.call.siteId, operationId);
    if (!reservation) throw localFailure(p.ctx, 'QUOTA_EXCEEDED');
    let sent = false;
    try {
      const result = await this.guarded(p, signal, mode, () => (sent = true));
      reservation.settle('succeeded');
      return result;
    } catch (error) {
      const unsent = !sent || (error instanceof HaloApiError && wasNotSent(error));
      reservation.settle(
        unsent ? 'unsent' : error instanceof HaloApiError && error.status !== undefined ? 'failed' : 'unanswered',
      );
      throw error;
    }
  }

  /** One attempt, through the site's breaker and bulkhead when the call runs on the practice server. */
  private guarded(
    p: PreparedCall,
    signal: AbortSignal,
    mode: 'buffer' | 'stream',
    onSend?: () => void,
  ): Promise<HaloResponse | StreamAttempt> {
    if (!p.call.siteBound || p.call.siteId === undefined) return attempt(this.attempts, p, signal, mode, onSend);
    return this.sites.run(p.call.siteId, p.ctx, signal, (s) => attempt(this.attempts, p, s, mode, onSend));
  }
}

const BILLED: ReadonlySet<HaloOperationId> = new Set<BilledOperationId>(BILLED_OPERATIONS);
const isBilled = (operationId: HaloOperationId): operationId is BilledOperationId => BILLED.has(operationId);

function signalsOf(options: ScopeOptions): AbortSignal[] {
  return [options.requestSignal, options.signal].filter((s): s is AbortSignal => s !== undefined);
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
