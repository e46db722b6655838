/**
 * A Halo call described as data (`HaloCall`), as the resource modules write it, and prepared for
 * sending: path segments validated and percent-encoded, headers and body built, deadlines chosen.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { HaloApiError, type HaloErrorContext } from '../halo-error.js';
import type { HaloOperationId } from '../types.js';
import type { HttpSettings } from './settings.js';

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
  /**
   * Creates something billable (a query): gets the practice-server deadline even when Halo's cloud
   * answers it, so a slow answer is waited for rather than abandoned while Halo goes on creating.
   */
  creation?: boolean;
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
  /** The request's cancellation signal. */
  requestSignal?: AbortSignal | undefined;
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

/** A call ready to send. */
export interface PreparedCall {
  call: HaloCall;
  ctx: HaloErrorContext;
  path: string;
  bodyText: string | undefined;
  headers: Record<string, string>;
  deadlineMs: number;
  attemptMs: number;
}

/**
 * Prepares `call` for `pathPrefix` (the base URL's path) with the subscription `key`.
 * @throws HaloApiError BAD_USER_INPUT for an empty, `.` or `..` path segment.
 */
export function prepareCall(
  call: HaloCall,
  settings: HttpSettings,
  pathPrefix: string,
  key: string,
  deadlineOverride: number | undefined,
): PreparedCall {
  const ctx: HaloErrorContext = { operationId: call.operationId, siteId: call.siteId };
  const encoded: string[] = [];
  for (const segment of call.segments) {
    // '.' and '..' survive encodeURIComponent and would be resolved as dot-segments upstream.
    if (segment === '' || segment === '.' || segment === '..') {
      throw new HaloApiError({ ...ctx, kind: 'general', code: 'BAD_USER_INPUT' });
    }
    encoded.push(encodeURIComponent(segment));
  }
  let path = `${pathPrefix}/${encoded.join('/')}`;
  const query = Object.entries(call.query ?? {})
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  if (call.rawQuery) query.push(call.rawQuery);
  if (query.length > 0) path += `?${query.join('&')}`;

  const headers: Record<string, string> = {
    'ocp-apim-subscription-key': key,
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
  const long = call.siteBound === true || call.creation === true;
  const deadlineMs = deadlineOverride ?? (long ? settings.siteCallTimeoutMs : settings.deadlineMs);
  const attemptMs = long ? deadlineMs : Math.min(settings.attemptTimeoutMs, deadlineMs);
  return { call, ctx, path, bodyText, headers, deadlineMs, attemptMs };
}

/** Identical concurrent reads share one flight: same scope, method, path, Accept and body. */
export function coalescingKey(p: PreparedCall, scope: string | undefined): string {
  return JSON.stringify([scope ?? '', p.call.method, p.path, p.call.accept ?? '', p.bodyText ?? '']);
}
