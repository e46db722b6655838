/**
 * What a per-request datasource carries (the shared HaloHttp plus the request's cancellation and
 * access scope), and the small helpers the resource modules use to call it and check the shape of
 * what comes back.
 */
import { malformedResponse } from './halo-error.js';
import type { CallOptions, HaloCall, HaloHttp, HaloJsonResponse } from './halo-http.js';

export interface RequestContext {
  readonly http: HaloHttp;
  /** The GraphQL request's signal: when the client goes away, upstream calls are aborted. */
  readonly signal: AbortSignal | undefined;
  /** Part of the coalescing key (see `HaloClient.forRequest`). */
  readonly scope: string | undefined;
}

export function callJson(
  rc: RequestContext,
  call: HaloCall,
  options: CallOptions | undefined,
): Promise<HaloJsonResponse> {
  return rc.http.requestJson(call, { ...options, requestSignal: rc.signal, scope: rc.scope });
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
