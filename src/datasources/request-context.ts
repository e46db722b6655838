/**
 * What a per-request datasource carries (the shared HaloHttp plus the request's cancellation and
 * access scope), and the small helpers the resource modules use to call it and check the shape of
 * what comes back.
 */
import { setMaxListeners } from 'node:events';
import type { Readable } from 'node:stream';
import { malformedResponse } from './halo-error.js';
import type { CallOptions, HaloCall, HaloJsonResponse } from './http/call.js';
import type { HaloHttp } from './http/halo-http.js';
import type { HttpSettings } from './http/settings.js';

/** Upstream calls one request may have in flight at once before Node warns of a listener leak. */
const MAX_CALLS_PER_REQUEST = 1_000;

export class RequestContext {
  private listenersRaised = false;

  constructor(
    private readonly http: HaloHttp,
    /** The GraphQL request's signal: when the client goes away, upstream calls are aborted. */
    readonly signal: AbortSignal | undefined,
    /** Part of the coalescing key (see `HaloClient.forRequest`). */
    readonly scope: string | undefined,
  ) {}

  /** The timeout of one attempt of a cloud-served call (for short checks of their own). */
  get attemptTimeoutMs(): number {
    return this.http.settings.attemptTimeoutMs;
  }

  /** How ambiguous creations are reconciled. */
  get reconcile(): HttpSettings['reconcile'] {
    return this.http.settings.reconcile;
  }

  /** The client's wall clock (epoch ms). */
  now(): number {
    return this.http.now();
  }

  /** Registered-query ids already handed out as the answer to a creation, process-wide. */
  get createdIds(): Pick<HaloHttp, 'claimCreated' | 'wasCreated'> {
    return this.http;
  }

  /** Performs `call` for this request and parses its JSON body. */
  callJson(call: HaloCall, options: CallOptions | undefined): Promise<HaloJsonResponse> {
    this.raiseListenerLimit();
    return this.http.requestJson(call, { ...options, requestSignal: this.signal, scope: this.scope });
  }

  /** Performs `call` for this request and hands back its 2xx body as a stream. */
  async stream(call: HaloCall, options: CallOptions | undefined): Promise<Readable> {
    this.raiseListenerLimit();
    return (await this.http.stream(call, { ...options, requestSignal: this.signal, scope: this.scope })).body;
  }

  /**
   * Every upstream call in flight listens on the request's signal (and drops the listener when it
   * settles): one GraphQL request reading 20 result pages at once is not a leak.
   */
  private raiseListenerLimit(): void {
    if (this.listenersRaised || !this.signal) return;
    setMaxListeners(MAX_CALLS_PER_REQUEST, this.signal);
    this.listenersRaised = true;
  }
}

/**
 * Returns `res.body` as `T` when `check` accepts it.
 * @throws HaloApiError `UPSTREAM_ERROR` (payload `malformed`) when it does not.
 */
export function expectBody<T>(
  call: HaloCall,
  res: HaloJsonResponse,
  check: (body: unknown) => boolean,
  what: string,
): T {
  if (!check(res.body)) {
    throw malformedResponse({ operationId: call.operationId, siteId: call.siteId }, res.status, 0, `expected ${what}`);
  }
  return res.body as T;
}

/** A header that Halo sends as a number (`Size`, `Rows-Count`, …). */
export function numericHeader(value: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}
