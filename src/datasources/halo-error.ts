/**
 * The one error type of the Halo datasource. Every upstream failure (the five Halo error bodies of
 * docs/halo/DOMAIN.md §7, an empty or malformed body, a network failure, our own deadline, an
 * open circuit) becomes a `HaloApiError` with a stable `code` from the table in docs/API.md.
 *
 * Safety: `message`, `String(err)`, `JSON.stringify(err)` and `util.inspect(err)` never contain the
 * upstream message text, SQL, parameter values, row data, FHIR search values or the subscription
 * key. They are built only from the operationId, the HTTP status and codes. The parsed upstream
 * body is kept on the non-enumerable `payload` property for code that knows what it is doing.
 */
import { isRecord } from '../lib/records.js';
import type { ErrorDetails, HaloOperationId, OperationOutcome } from './types.js';

/** The `extensions.code` values of docs/API.md that an upstream failure can produce. */
export type HaloErrorCode =
  | 'BAD_USER_INPUT'
  | 'SITE_NOT_FOUND'
  | 'NOT_FOUND'
  | 'SITE_UNAVAILABLE'
  | 'UPSTREAM_TIMEOUT'
  | 'RESULT_TOO_LARGE'
  | 'RESULT_EXPIRED'
  | 'RATE_LIMITED'
  | 'NOT_AUTHORITATIVE'
  /** A billed creation refused before sending: the site's monthly budget is spent (src/usage/ledger.ts). */
  | 'QUOTA_EXCEEDED'
  | 'UPSTREAM_ERROR';

/**
 * Which error body the failure carried: `general` (the three general envelopes, or none),
 * `query` (a query object with `errorDetails`), `fhir` (an OperationOutcome) or `network` (no HTTP
 * response at all, or a local refusal such as an open circuit or our deadline).
 */
export type HaloErrorKind = 'general' | 'query' | 'fhir' | 'network';

/**
 * Machine-readable cause of a `kind: 'network'` error: an undici/Node error code (`UND_ERR_SOCKET`,
 * `ECONNRESET`, `ECONNREFUSED`, …) or one of ours.
 */
export type HaloNetworkCode =
  | 'ATTEMPT_TIMEOUT'
  | 'DEADLINE_EXCEEDED'
  | 'ABORTED'
  | 'CIRCUIT_OPEN'
  | 'BULKHEAD_FULL'
  | 'RESPONSE_TOO_LARGE'
  | 'QUOTA_EXCEEDED'
  | (string & {});

/** The parsed upstream body, by the shape it had. */
export type HaloErrorPayload =
  /** Envelope 1, the spec's `Error`: `{"error":{"status","statusText","message"}}`. */
  | { shape: 'spec'; status?: number; statusText?: string; message?: string }
  /** Envelope 2, the troubleshooting page's unwrapped `{"status","statusText","message"}`. */
  | { shape: 'unwrapped'; status?: number; statusText?: string; message?: string }
  /** Envelope 3, Azure API Management's gateway body `{"statusCode","message"}`. */
  | { shape: 'apim'; statusCode?: number; message?: string }
  /** Envelope 4, a query object that failed: `errorDetails` (or the deprecated root fields). */
  | { shape: 'query'; query: Record<string, unknown>; errorDetails?: ErrorDetails }
  /** Envelope 5, a FHIR OperationOutcome. */
  | { shape: 'fhir'; outcome: OperationOutcome }
  | { shape: 'empty' }
  /** Not JSON, or not the JSON we needed. Only the size is kept: the text could be anything. */
  | { shape: 'malformed'; bytes: number; reason: string }
  /** Valid JSON in none of the known shapes. */
  | { shape: 'unknown'; body: unknown };

/** What the caller knew when the failure happened; used for the 404 disambiguation. */
export interface HaloErrorContext {
  operationId: HaloOperationId;
  siteId?: string | undefined;
}

export interface HaloApiErrorInit extends HaloErrorContext {
  kind: HaloErrorKind;
  code: HaloErrorCode;
  status?: number | undefined;
  retryAfterSeconds?: number | undefined;
  networkCode?: HaloNetworkCode | undefined;
  payload?: HaloErrorPayload | undefined;
  cause?: unknown;
  /** NOT_AUTHORITATIVE: the practice's authoritative site, when it is known. */
  authoritativeSiteId?: string | undefined;
  /** A creation that failed in a way that does not prove Halo did not carry it out. */
  mayHaveSucceeded?: boolean | undefined;
}

const SAFE_CODE = /^[A-Z][A-Z0-9_]{0,40}$/;

export class HaloApiError extends Error {
  override readonly name = 'HaloApiError';
  readonly kind: HaloErrorKind;
  /** Stable product code (docs/API.md); match on this, not on the message. */
  readonly code: HaloErrorCode;
  /** Upstream HTTP status; undefined when no response was received. */
  readonly status: number | undefined;
  readonly operationId: HaloOperationId;
  readonly siteId: string | undefined;
  /** For RATE_LIMITED (and 503s that said so): seconds Halo asked us to wait, when known. */
  readonly retryAfterSeconds: number | undefined;
  readonly networkCode: HaloNetworkCode | undefined;
  /** NOT_AUTHORITATIVE: the Halo GUID of the practice's authoritative site, when it is known. */
  readonly authoritativeSiteId: string | undefined;
  /** `errorDetails.errorType`/`errorCode` of a failed query: safe to show (no message text). */
  readonly queryError: { errorType?: string; errorCode?: number } | undefined;
  /**
   * A billable creation (immediate, async or registered query) that failed after it may have
   * reached Halo (a timeout, a connection lost after sending, a 5xx, an unreadable 2xx), and that
   * reconciliation could not settle: Halo may have created it. Never retried for the caller.
   */
  readonly mayHaveSucceeded: boolean;
  /** The parsed upstream body. Non-enumerable: may echo SQL or patient data, never log it whole. */
  declare readonly payload: HaloErrorPayload | undefined;
  /**
   * The error underneath (undici's, a JSON SyntaxError, a cockatiel error), for debugging.
   * Deliberately not the standard `cause`: `util.inspect` and log serializers print `cause`, and a
   * SyntaxError from `JSON.parse` quotes the text it failed on.
   */
  declare readonly underlying: unknown;

  constructor(init: HaloApiErrorInit) {
    super(safeMessage(init));
    this.kind = init.kind;
    this.code = init.code;
    this.status = init.status;
    this.operationId = init.operationId;
    this.siteId = init.siteId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.authoritativeSiteId = init.authoritativeSiteId;
    this.mayHaveSucceeded = init.mayHaveSucceeded === true;
    this.networkCode =
      init.networkCode !== undefined && SAFE_CODE.test(init.networkCode) ? init.networkCode : undefined;
    const details = init.payload?.shape === 'query' ? init.payload.errorDetails : undefined;
    this.queryError =
      details === undefined
        ? undefined
        : {
            ...(typeof details.errorType === 'string' && SAFE_TYPE.test(details.errorType)
              ? { errorType: details.errorType }
              : {}),
            ...(typeof details.errorCode === 'number' ? { errorCode: details.errorCode } : {}),
          };
    Object.defineProperty(this, 'payload', { value: init.payload, enumerable: false, writable: false });
    Object.defineProperty(this, 'underlying', { value: init.cause, enumerable: false, writable: false });
  }

  /** Only the safe fields: what logs and GraphQL extensions may carry. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      kind: this.kind,
      code: this.code,
      status: this.status,
      operationId: this.operationId,
      siteId: this.siteId,
      retryAfterSeconds: this.retryAfterSeconds,
      networkCode: this.networkCode,
      authoritativeSiteId: this.authoritativeSiteId,
      queryError: this.queryError,
      mayHaveSucceeded: this.mayHaveSucceeded,
    };
  }
}

const SAFE_TYPE = /^[A-Za-z]{1,20}$/;

/**
 * The same failure under another code (e.g. a 504 found to mean an unreachable site), or with what
 * was found out about it (`authoritativeSiteId`).
 */
export function reclassify(
  error: HaloApiError,
  code: HaloErrorCode,
  extra: Pick<HaloApiErrorInit, 'authoritativeSiteId' | 'mayHaveSucceeded'> = {},
): HaloApiError {
  return new HaloApiError({
    ...extra,
    kind: error.kind,
    code,
    status: error.status,
    operationId: error.operationId,
    siteId: error.siteId,
    retryAfterSeconds: error.retryAfterSeconds,
    networkCode: error.networkCode,
    payload: error.payload,
    cause: error.underlying,
  });
}

export function isHaloApiError(error: unknown): error is HaloApiError {
  return error instanceof HaloApiError;
}

function safeMessage(init: HaloApiErrorInit): string {
  const what =
    init.status !== undefined
      ? `HTTP ${init.status}`
      : init.networkCode !== undefined && SAFE_CODE.test(init.networkCode)
        ? init.networkCode
        : 'no response';
  return `Halo ${init.operationId} failed: ${what} (${init.code})`;
}

// ── Parsing the upstream body ────────────────────────────────────────────────────────────────────

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Parses an error response body into one of the known envelopes. Pure; never throws.
 * @param text the body as received (already decoded as UTF-8)
 */
export function parseErrorPayload(text: string): HaloErrorPayload {
  if (text.trim() === '') return { shape: 'empty' };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { shape: 'malformed', bytes: Buffer.byteLength(text), reason: 'not JSON' };
  }
  return classifyPayload(body);
}

/** Like {@link parseErrorPayload}, for a body that is already parsed. */
export function classifyPayload(body: unknown): HaloErrorPayload {
  if (!isRecord(body)) return { shape: 'unknown', body };
  if (body['resourceType'] === 'OperationOutcome') return { shape: 'fhir', outcome: body as OperationOutcome };
  const error = body['error'];
  if (isRecord(error)) {
    return {
      shape: 'spec',
      ...optional({
        status: num(error['status']),
        statusText: str(error['statusText']),
        message: str(error['message']),
      }),
    };
  }
  if (isQueryBody(body)) {
    const details = isRecord(body['errorDetails'])
      ? (body['errorDetails'] as ErrorDetails)
      : num(body['errorCode']) !== undefined || str(body['errorMessage']) !== undefined
        ? // Before release 23.927 the failure was only in the (now deprecated) root fields.
          (optional({ errorCode: num(body['errorCode']), errorMessage: str(body['errorMessage']) }) as ErrorDetails)
        : undefined;
    return { shape: 'query', query: body, ...(details ? { errorDetails: details } : {}) };
  }
  if (num(body['statusCode']) !== undefined) {
    return { shape: 'apim', ...optional({ statusCode: num(body['statusCode']), message: str(body['message']) }) };
  }
  if (
    num(body['status']) !== undefined ||
    str(body['statusText']) !== undefined ||
    str(body['message']) !== undefined
  ) {
    return {
      shape: 'unwrapped',
      ...optional({ status: num(body['status']), statusText: str(body['statusText']), message: str(body['message']) }),
    };
  }
  return { shape: 'unknown', body };
}

function isQueryBody(body: Record<string, unknown>): boolean {
  return (
    isRecord(body['errorDetails']) ||
    body['status'] === 'executionFailed' ||
    (typeof body['id'] === 'string' && (body['mode'] === 'immediate' || body['mode'] === 'async'))
  );
}

function optional<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** The human text Halo put in the body, whatever the envelope. For classification only. */
export function upstreamMessage(payload: HaloErrorPayload): string | undefined {
  switch (payload.shape) {
    case 'spec':
    case 'unwrapped':
    case 'apim':
      return payload.message;
    case 'query':
      return payload.errorDetails?.errorMessage;
    case 'fhir':
      return payload.outcome.issue?.map((i) => i.details?.text ?? i.diagnostics ?? '').join(' ') || undefined;
    default:
      return undefined;
  }
}

// ── Retry-After ──────────────────────────────────────────────────────────────────────────────────

/**
 * Parses a `Retry-After` header (delta-seconds or an HTTP date) into whole seconds from `nowMs`.
 * Returns undefined when absent or unparseable; a date in the past gives 0.
 */
export function parseRetryAfter(value: string | readonly string[] | undefined, nowMs: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // HTTP dates always name the weekday or month in letters; a bare number was handled above.
  if (!/[A-Za-z]/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** APIM's 429 text says "Try again in N seconds."; used when the header is missing. */
function retryAfterFromMessage(message: string | undefined): number | undefined {
  const m = message === undefined ? null : /try again in (\d{1,6}) second/i.exec(message);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

// ── Status → code ────────────────────────────────────────────────────────────────────────────────

/**
 * What a 404 from this operation most likely means when the message does not say: the entity the
 * path names last. `getSites` cannot 404 per the spec; pairing 404s mean an unknown PMS site.
 */
const NOT_FOUND_TARGET: Readonly<Record<HaloOperationId, 'site' | 'entity'>> = {
  Integrator_PairSite: 'site',
  pairSite: 'site',
  getSites: 'entity',
  getSite: 'site',
  createImmediateQuery: 'site',
  createAsyncQuery: 'site',
  getQueryStatusBatch: 'site',
  createRegisteredQuery: 'site',
  getRegisteredQueries: 'site',
  getQuery: 'entity',
  getResultPage: 'entity',
  streamResultPage: 'entity',
  getRegisteredQuery: 'entity',
  cancelRegisteredQuery: 'entity',
  getRegisteredQueryResult: 'entity',
  getFhirQuery: 'entity',
  postFhirSearch: 'entity',
};

/** The pairing operations: a 403 in Halo's own envelope there means the pairing code was refused. */
const PAIRING: ReadonlySet<HaloOperationId> = new Set(['Integrator_PairSite', 'pairSite']);

/** Operations without a site in the path: a 503 there is Halo's own outage, not a practice's. */
const NOT_SITE_SCOPED: ReadonlySet<HaloOperationId> = new Set(['getSites', 'Integrator_PairSite', 'pairSite']);

/**
 * Which entity a 404 message names. Halo and the simulator say "Site … not found" for an unknown
 * site GUID and "Query … not found" for an unknown query id; a message that starts with one of them
 * is decided by that word, otherwise by which of the two words it contains. FHIR OperationOutcomes
 * are never read this way (their text is about the FHIR resource, and may quote patient data).
 */
function notFoundSubject(message: string | undefined): 'site' | 'entity' | undefined {
  if (message === undefined) return undefined;
  if (/^\W*(?:the\s+)?(?:site|halo\s+guid|practice)\b/i.test(message)) return 'site';
  if (/^\W*(?:the\s+)?(?:registered\s+)?(?:query|result|page)\b/i.test(message)) return 'entity';
  const site = /\b(?:site|halo\s+guid)\b/i.test(message);
  const query = /\bquer(?:y|ies)\b/i.test(message);
  if (site && !query) return 'site';
  if (query) return 'entity';
  return undefined;
}

/** 403 texts that mean the site is a backup (non-authoritative) server of its practice (DOMAIN.md §6). */
const NOT_AUTHORITATIVE = /\b(?:non-?|not the )authoritative\b/i;

/** 504 texts that mean the practice server did not answer, rather than the query being slow. */
const UNREACHABLE =
  /unreachable|could not be contacted|cannot be contacted|offline|not connected|no connection to (?:the )?site/i;

function isTooLargeQueryFailure(payload: HaloErrorPayload): boolean {
  return (
    payload.shape === 'query' && payload.errorDetails?.errorType === 'http' && payload.errorDetails.errorCode === 413
  );
}

/**
 * Maps an HTTP failure to its product code. This is the error-mapping table of the datasource:
 *
 * | upstream | code | why |
 * |---|---|---|
 * | 400 (any envelope) | BAD_USER_INPUT | Halo rejected what we sent on the client's behalf (path, body, SQL) |
 * | 400/500 with `errorDetails{errorType:'http', errorCode:413}` | RESULT_TOO_LARGE | DOMAIN.md §3.3: the status may be 400 |
 * | 401, 403 | UPSTREAM_ERROR | Halo refused *our* subscription key (or IP, quota, pairing): an operator problem. UNAUTHENTICATED/FORBIDDEN would tell the GraphQL client that *its* credentials are wrong |
 * | 403 on a site whose text says it is not the authoritative one | NOT_AUTHORITATIVE | a backup server: the client should use the practice's authoritative site |
 * | 403 from pairing, not from the gateway | BAD_USER_INPUT | the pairing code the caller gave was refused |
 * | 404 naming a site (or a site-only path) | SITE_NOT_FOUND | see `notFoundSubject` |
 * | 404 naming a query/page, or a FHIR 404 | NOT_FOUND | |
 * | 404 "Operation not found" from APIM | UPSTREAM_ERROR | a route we built wrong, not a missing entity |
 * | 408 | UPSTREAM_TIMEOUT | |
 * | 410 | RESULT_EXPIRED | |
 * | 413 | RESULT_TOO_LARGE | |
 * | 422 | BAD_USER_INPUT | |
 * | 429 | RATE_LIMITED (+ retryAfterSeconds) | |
 * | 503 on a site-scoped call | SITE_UNAVAILABLE | "Site could not be contacted" |
 * | 504 whose text says unreachable/offline/not contacted | SITE_UNAVAILABLE | |
 * | other 504 | UPSTREAM_TIMEOUT | "Query took more than 30 seconds…"; but see HaloHttp: Halo sends that same text when the site is unreachable, so a 504 from a practice-server call is checked against the site's availability (one getSite) and becomes SITE_UNAVAILABLE when the site is not online |
 * | 5xx, any other status, 2xx with an unusable body | UPSTREAM_ERROR | |
 */
export function codeForStatus(status: number, payload: HaloErrorPayload, ctx: HaloErrorContext): HaloErrorCode {
  if (isTooLargeQueryFailure(payload)) return 'RESULT_TOO_LARGE';
  const message = upstreamMessage(payload);
  switch (status) {
    case 400:
    case 422:
      return 'BAD_USER_INPUT';
    case 403:
      // The gateway's own 403 (APIM shape: IP not allowed, quota) stays an operator problem.
      if (payload.shape === 'apim') return 'UPSTREAM_ERROR';
      if (PAIRING.has(ctx.operationId)) return 'BAD_USER_INPUT';
      return ctx.siteId !== undefined && NOT_AUTHORITATIVE.test(message ?? '') ? 'NOT_AUTHORITATIVE' : 'UPSTREAM_ERROR';
    case 404: {
      if (payload.shape === 'apim' && /operation not found/i.test(message ?? '')) return 'UPSTREAM_ERROR';
      const subject =
        payload.shape === 'fhir' ? 'entity' : (notFoundSubject(message) ?? NOT_FOUND_TARGET[ctx.operationId]);
      return subject === 'site' ? 'SITE_NOT_FOUND' : 'NOT_FOUND';
    }
    case 408:
      return 'UPSTREAM_TIMEOUT';
    case 410:
      return 'RESULT_EXPIRED';
    case 413:
      return 'RESULT_TOO_LARGE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return NOT_SITE_SCOPED.has(ctx.operationId) ? 'UPSTREAM_ERROR' : 'SITE_UNAVAILABLE';
    case 504:
      return UNREACHABLE.test(message ?? '') ? 'SITE_UNAVAILABLE' : 'UPSTREAM_TIMEOUT';
    default:
      return 'UPSTREAM_ERROR';
  }
}

function kindOf(payload: HaloErrorPayload): HaloErrorKind {
  return payload.shape === 'query' ? 'query' : payload.shape === 'fhir' ? 'fhir' : 'general';
}

export interface ResponseFailure extends HaloErrorContext {
  status: number;
  /** The response body text (possibly truncated), or an already-classified payload. */
  body: string | HaloErrorPayload;
  /** The raw `Retry-After` header value, if any. */
  retryAfter?: string | readonly string[] | undefined;
  /** Epoch ms now, for HTTP-date Retry-After values. */
  nowMs: number;
}

/** Builds the error for a non-2xx response. Pure; never throws. */
export function errorFromResponse(failure: ResponseFailure): HaloApiError {
  const payload = typeof failure.body === 'string' ? parseErrorPayload(failure.body) : failure.body;
  const code = codeForStatus(failure.status, payload, failure);
  const retryAfterSeconds =
    parseRetryAfter(failure.retryAfter, failure.nowMs) ??
    (failure.status === 429 ? retryAfterFromMessage(upstreamMessage(payload)) : undefined);
  return new HaloApiError({
    kind: kindOf(payload),
    code,
    status: failure.status,
    operationId: failure.operationId,
    siteId: failure.siteId,
    retryAfterSeconds,
    payload,
  });
}

/** A 2xx whose body we could not use (not JSON, wrong shape, bad base64). */
export function malformedResponse(
  ctx: HaloErrorContext,
  status: number,
  bytes: number,
  reason: string,
  cause?: unknown,
): HaloApiError {
  return new HaloApiError({
    ...ctx,
    kind: 'general',
    code: 'UPSTREAM_ERROR',
    status,
    payload: { shape: 'malformed', bytes, reason },
    cause,
  });
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);

/**
 * Errors that prove the request never left this process (nothing was sent, nothing can have run
 * upstream), so even a billable call may be tried again.
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'CIRCUIT_OPEN',
  'BULKHEAD_FULL',
  'QUOTA_EXCEEDED',
]);

/** Wraps an error thrown by undici/Node (no HTTP response) into a `kind: 'network'` HaloApiError. */
export function errorFromNetwork(ctx: HaloErrorContext, error: unknown): HaloApiError {
  if (error instanceof HaloApiError) return error;
  const rawCode = isRecord(error) || error instanceof Error ? (error as { code?: unknown }).code : undefined;
  const networkCode = typeof rawCode === 'string' && SAFE_CODE.test(rawCode) ? rawCode : 'UND_ERR';
  return new HaloApiError({
    ...ctx,
    kind: 'network',
    code: TIMEOUT_CODES.has(networkCode) ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_ERROR',
    networkCode,
    cause: error,
  });
}

/** A failure we produced ourselves (deadline, attempt timeout, abort, open circuit, full bulkhead, spent budget). */
export function localFailure(ctx: HaloErrorContext, networkCode: HaloNetworkCode, cause?: unknown): HaloApiError {
  const code: HaloErrorCode =
    networkCode === 'ATTEMPT_TIMEOUT' || networkCode === 'DEADLINE_EXCEEDED'
      ? 'UPSTREAM_TIMEOUT'
      : networkCode === 'CIRCUIT_OPEN' || networkCode === 'BULKHEAD_FULL'
        ? 'SITE_UNAVAILABLE'
        : networkCode === 'QUOTA_EXCEEDED'
          ? 'QUOTA_EXCEEDED'
          : 'UPSTREAM_ERROR';
  return new HaloApiError({ ...ctx, kind: 'network', code, networkCode, cause });
}

/** True when the failed attempt certainly did not reach Halo (safe to retry even a billable call). */
export function wasNotSent(error: HaloApiError): boolean {
  return error.kind === 'network' && error.networkCode !== undefined && NOT_SENT_CODES.has(error.networkCode);
}

/**
 * A failed creation as the caller must see it: when the failure does not prove that Halo did not
 * carry the creation out, the same failure with `mayHaveSucceeded`, and a timeout or a connection
 * lost after sending as `UPSTREAM_TIMEOUT` (Halo took too long to say). Proof that it did not: a
 * 4xx, a 503 or an unavailable site, a local refusal, a request that never left this process, or a
 * caller that went away.
 */
export function creationFailure(error: unknown): unknown {
  if (!(error instanceof HaloApiError) || error.mayHaveSucceeded || !mayHaveBeenCarriedOut(error)) return error;
  return reclassify(error, error.kind === 'network' ? 'UPSTREAM_TIMEOUT' : error.code, { mayHaveSucceeded: true });
}

function mayHaveBeenCarriedOut(error: HaloApiError): boolean {
  if (error.kind === 'network') return !wasNotSent(error) && error.networkCode !== 'ABORTED';
  if (error.code !== 'UPSTREAM_TIMEOUT' && error.code !== 'UPSTREAM_ERROR') return false;
  const status = error.status ?? 500;
  // 401/403 from the gateway: our key was refused, nothing was done.
  return status < 300 || status === 408 || (status >= 500 && status !== 503);
}
