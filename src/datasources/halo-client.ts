/**
 * The composition root of the Halo datasource: one `HaloClient` per process (created and closed by
 * the app) owns the connection pool and the per-site policies; `forRequest()` hands each GraphQL
 * request a cheap `HaloDataSource` bound to that request's cancellation signal.
 *
 * ```ts
 * const halo = createHaloClient({ baseUrl: config.haloApiUrl, subscriptionKey: config.haloKey });
 * const ds = halo.forRequest(request.signal);
 * const site = await ds.getSite(siteId);
 * for await (const { rows } of ds.readResultRows(siteId, queryId)) …
 * await halo.close();
 * ```
 */
import type { Readable } from 'node:stream';
import * as fhir from './fhir.js';
import { HaloHttp } from './http/halo-http.js';
import { type BreakerState, type HaloHttpConfig, type HaloHttpStats, type SiteBreaker } from './http/settings.js';
import { type CallOptions } from './http/call.js';
import * as queries from './queries.js';
import type { DecodedResultPage, ImmediateQueryOutcome, ResultPage, ResultRowBatch } from './queries.js';
import * as registered from './registered-queries.js';
import type { DecodedRegisteredQueryResult } from './registered-queries.js';
import { RequestContext } from './request-context.js';
import * as sites from './sites.js';
import type {
  AsyncQueryInitialised,
  AsyncQueryRequest,
  FhirBundle,
  FhirResource,
  FhirSearchParams,
  GetRegisteredQueriesResponse,
  GetSitesParams,
  GetSitesResponse,
  ImmediateQueryRequest,
  PairSiteParams,
  Query,
  QueryStatusBatchResponse,
  RegisteredQuery,
  RegisteredQueryId,
  RegisteredQueryPostReq,
  RegisteredQueryResult,
  SiteForIntegrator,
} from './types.js';

export type HaloClientConfig = HaloHttpConfig;

export interface ForRequestOptions {
  /**
   * Identity of whatever limits what this caller may see beyond the subscription key (e.g. the
   * authenticated client's id). Identical concurrent reads are shared only within one scope.
   */
  scope?: string;
}

export interface HaloClient {
  /**
   * A datasource for one GraphQL request. When `signal` aborts (the client went away), every
   * upstream call made through it is aborted and rejects with `HaloApiError{networkCode:'ABORTED'}`.
   */
  forRequest(signal?: AbortSignal, options?: ForRequestOptions): HaloDataSource;
  /** Circuit state of every site that has had a practice-server call, keyed by site GUID. */
  breakerStates(): Record<string, BreakerState>;
  /** Sites whose circuit is open or half-open, with the wait before the next probe, keyed by site GUID. */
  troubledSites(): Record<string, SiteBreaker>;
  /** Connection-pool counters, retry-budget balance and shared reads in flight (for metrics). */
  stats(): HaloHttpStats;
  /** Closes the connection pool after in-flight calls finish. Idempotent. */
  close(): Promise<void>;
}

/**
 * Creates the process-wide client. No I/O happens here; sockets open on the first call.
 * @throws TypeError when `baseUrl` is not an http(s) URL or the key is empty.
 */
export function createHaloClient(config: HaloClientConfig): HaloClient {
  const http = new HaloHttp(config);
  return {
    forRequest: (signal, options = {}) => new HaloDataSource(new RequestContext(http, signal, options.scope)),
    breakerStates: () => http.breakerStates(),
    troubledSites: () => http.troubledSites(),
    stats: () => http.stats(),
    close: () => http.close(),
  };
}

/**
 * One request's view of Halo: the 17 integrator operations, each a method named after its
 * operationId (`Integrator_PairSite` is `integratorPairSite`), plus the decoding built on them
 * (`readResultPage`, `readResultRows`, `readRegisteredQueryResult`). Every method rejects only
 * with `HaloApiError`.
 */
export class HaloDataSource {
  constructor(private readonly rc: RequestContext) {}

  // ── Sites (DOMAIN.md §1 #1–#4) ──

  /**
   * `Integrator_PairSite`: pairs this integrator with a practice (`POST /integrator/pair-site`).
   * Never retried (it is a write).
   * @throws HaloApiError — SITE_NOT_FOUND for an unknown PMS site id, BAD_USER_INPUT for a bad
   *   pairing code or PMS name, UPSTREAM_ERROR for 502 (the PMS answered unexpectedly) and the rest.
   */
  integratorPairSite(params: PairSiteParams, options?: CallOptions): Promise<SiteForIntegrator> {
    return sites.pairSite(this.rc, 'Integrator_PairSite', params, options);
  }

  /**
   * `pairSite`: the deprecated spelling of {@link integratorPairSite} (`POST /integrator/pairSite`).
   * @deprecated Halo marks this operation deprecated; use `integratorPairSite`.
   */
  pairSite(params: PairSiteParams, options?: CallOptions): Promise<SiteForIntegrator> {
    return sites.pairSite(this.rc, 'pairSite', params, options);
  }

  /**
   * `getSites`: every site (authoritative or not) for a PMS site id. Retried when transient;
   * concurrent identical calls share one request.
   * @throws HaloApiError — BAD_USER_INPUT for a bad PMS name, UPSTREAM_ERROR otherwise.
   */
  getSites(params: GetSitesParams, options?: CallOptions): Promise<GetSitesResponse> {
    return sites.getSites(this.rc, params, options);
  }

  /**
   * `getSite`: one site's status by Halo GUID. Retried when transient; coalesced.
   * @throws HaloApiError — SITE_NOT_FOUND for an unknown (or invisible) site.
   */
  getSite(siteId: string, options?: CallOptions): Promise<SiteForIntegrator> {
    return sites.getSite(this.rc, siteId, options);
  }

  // ── SQL queries (§1 #5–#10, §2, §3) ──

  /**
   * `createImmediateQuery`: runs SQL on the practice server and blocks until it finishes; rows come
   * back decoded. Billable: never retried once the request may have been sent (a reader/scalar is
   * retried only when the connection was refused), and a NON_QUERY is never retried at all.
   * Subject to the site's circuit breaker and concurrency limit.
   * @returns `{kind:'failed'}` when the SQL ran and failed (errorDetails in `query`).
   * @throws HaloApiError — RESULT_TOO_LARGE (413, or errorDetails http/413), SITE_UNAVAILABLE
   *   (offline/unreachable, or the site's circuit is open), UPSTREAM_TIMEOUT (504 or our deadline),
   *   SITE_NOT_FOUND, BAD_USER_INPUT (a 400 without a query body), RATE_LIMITED, UPSTREAM_ERROR
   *   (including a successful body whose data is not valid base64 JSON). `mayHaveSucceeded` when
   *   the query may have run (a timeout or a connection lost after sending is UPSTREAM_TIMEOUT):
   *   Halo lists no immediate queries, so it cannot be found out.
   */
  createImmediateQuery(
    siteId: string,
    request: ImmediateQueryRequest,
    options?: CallOptions,
  ): Promise<ImmediateQueryOutcome> {
    return queries.createImmediateQuery(this.rc, siteId, request, options);
  }

  /**
   * `createAsyncQuery`: queues SQL and returns the query in status `initialising` (HTTP 201).
   * Never retried (billable; Halo has no idempotency key). Subject to the site's breaker.
   * @throws HaloApiError as createImmediateQuery, without the query-failure outcome
   *   (`mayHaveSucceeded` as there: Halo lists no async queries either).
   */
  createAsyncQuery(siteId: string, request: AsyncQueryRequest, options?: CallOptions): Promise<AsyncQueryInitialised> {
    return queries.createAsyncQuery(this.rc, siteId, request, options);
  }

  /**
   * `getQuery`: an immediate or async query in its current status. Retried when transient; coalesced.
   * @throws HaloApiError — NOT_FOUND (unknown query), SITE_NOT_FOUND, UPSTREAM_ERROR.
   */
  getQuery(siteId: string, queryId: string, options?: CallOptions): Promise<Query> {
    return queries.getQuery(this.rc, siteId, queryId, options);
  }

  /**
   * `getQueryStatusBatch`: several queries of one site in one call; unknown ids come back as
   * `notFound` entries, not errors. A read: retried when transient; coalesced on identical id lists.
   * @throws HaloApiError — SITE_NOT_FOUND, BAD_USER_INPUT, UPSTREAM_ERROR.
   */
  getQueryStatusBatch(
    siteId: string,
    queryIds: readonly string[],
    options?: CallOptions,
  ): Promise<QueryStatusBatchResponse> {
    return queries.getQueryStatusBatch(this.rc, siteId, queryIds, options);
  }

  /**
   * `getResultPage`: one page of an async result, still base64 (see `readResultPage`). Retried
   * when transient; coalesced.
   * @throws HaloApiError — RESULT_EXPIRED (410), NOT_FOUND, BAD_USER_INPUT (page < 1), UPSTREAM_ERROR.
   */
  getResultPage(siteId: string, queryId: string, pageNumber: number, options?: CallOptions): Promise<ResultPage> {
    return queries.getResultPage(this.rc, siteId, queryId, pageNumber, options);
  }

  /**
   * `streamResultPage`: one page as a byte stream (`/stream`), not buffered. The stream must be
   * read to the end or destroyed. Retried only before the response headers.
   * @throws HaloApiError as getResultPage; stream errors are HaloApiErrors too.
   */
  streamResultPage(siteId: string, queryId: string, pageNumber: number, options?: CallOptions): Promise<Readable> {
    return queries.streamResultPage(this.rc, siteId, queryId, pageNumber, options);
  }

  /**
   * `getResultPage`, decoded into columns and rows.
   * @throws HaloApiError as getResultPage; UPSTREAM_ERROR when `data` is not base64 of a JSON array of objects.
   */
  readResultPage(
    siteId: string,
    queryId: string,
    pageNumber: number,
    options?: CallOptions,
  ): Promise<DecodedResultPage> {
    return queries.readResultPage(this.rc, siteId, queryId, pageNumber, options);
  }

  /**
   * Every row of a successful query, in batches as they are decoded: `getQuery` once, then each
   * page through `streamResultPage` (`/stream`), one page at a time and only when the consumer asks
   * for more, decoded row by row (`StreamedRowsDecoder`: never the page as one string), so memory
   * is bounded by a page, not by the result. Each page ends with a `pageEnd` batch (whose rows may
   * be empty); an immediate query yields its inline result as page 1. Stopping early (`break`)
   * requests nothing more. Accepts both a JSON array of rows and the `{data: base64}` envelope from
   * `/stream` (Halo does not document which one it sends).
   * @throws HaloApiError — BAD_USER_INPUT (no HTTP status) when the query has not succeeded, and
   *   the errors of getQuery and streamResultPage; UPSTREAM_ERROR for an undecodable page.
   */
  readResultRows(
    siteId: string,
    queryId: string,
    options?: CallOptions,
  ): AsyncGenerator<ResultRowBatch, void, undefined> {
    return queries.readResultRows(this, siteId, queryId, options);
  }

  // ── Registered queries (§1 #11–#15, §4) ──

  /**
   * `createRegisteredQuery`: registers SQL to run every `frequency` s for `duration` s (HTTP 202).
   * Never retried: every POST creates a new registration. Gets the practice-server deadline. When
   * the answer is lost after sending (a timeout, a dropped connection, a 5xx), the site's registered
   * queries are listed to find the one just created (same name, type, frequency and duration,
   * created since it was sent) and that one is the answer.
   * @throws HaloApiError — BAD_USER_INPUT (e.g. frequency < 60 s), SITE_NOT_FOUND, UPSTREAM_ERROR;
   *   UPSTREAM_TIMEOUT (or UPSTREAM_ERROR) with `mayHaveSucceeded` when none or several match.
   */
  createRegisteredQuery(
    siteId: string,
    request: RegisteredQueryPostReq,
    options?: CallOptions,
  ): Promise<RegisteredQueryId> {
    return registered.createRegisteredQuery(this.rc, siteId, request, options);
  }

  /**
   * Reconciliation of `createRegisteredQuery` (`getRegisteredQueries`, listed until found, never
   * coalesced): the id of the registered query that a creation of `request` sent at `sentAt` (the
   * client's `now` clock) made, when exactly one matches it (same name, type, frequency and
   * duration, created since then give or take the clock skew) and none of this process's creations
   * was answered with it already. Undefined when none or several match, or the site cannot be listed.
   */
  findCreatedRegisteredQuery(
    siteId: string,
    request: RegisteredQueryPostReq,
    sentAt: number,
    options?: CallOptions,
  ): Promise<string | undefined> {
    return registered.findCreatedRegisteredQuery(this.rc, siteId, request, sentAt, options);
  }

  /**
   * `getRegisteredQueries`: the site's registered queries (finished ones included). Retried when
   * transient; coalesced.
   * @throws HaloApiError — SITE_NOT_FOUND, UPSTREAM_ERROR.
   */
  getRegisteredQueries(siteId: string, options?: CallOptions): Promise<GetRegisteredQueriesResponse> {
    return registered.getRegisteredQueries(this.rc, siteId, options);
  }

  /**
   * `getRegisteredQuery`: one registered query. Retried when transient; coalesced.
   * @throws HaloApiError — NOT_FOUND (unknown id), SITE_NOT_FOUND, UPSTREAM_ERROR.
   */
  getRegisteredQuery(siteId: string, queryId: string, options?: CallOptions): Promise<RegisteredQuery> {
    return registered.getRegisteredQuery(this.rc, siteId, queryId, options);
  }

  /**
   * `cancelRegisteredQuery`: stops a registered query (HTTP 204). Never retried.
   * @throws HaloApiError — NOT_FOUND, SITE_NOT_FOUND, UPSTREAM_ERROR.
   */
  cancelRegisteredQuery(siteId: string, queryId: string, options?: CallOptions): Promise<void> {
    return registered.cancelRegisteredQuery(this.rc, siteId, queryId, options);
  }

  /**
   * `getRegisteredQueryResult`: the latest uploaded result, still base64. Retried; coalesced.
   * @throws HaloApiError — NOT_FOUND (no such query, or no result yet), UPSTREAM_ERROR.
   */
  getRegisteredQueryResult(siteId: string, queryId: string, options?: CallOptions): Promise<RegisteredQueryResult> {
    return registered.getRegisteredQueryResult(this.rc, siteId, queryId, options);
  }

  /**
   * `getRegisteredQueryResult`, decoded into columns and rows.
   * @throws HaloApiError as getRegisteredQueryResult; UPSTREAM_ERROR for undecodable data.
   */
  readRegisteredQueryResult(
    siteId: string,
    queryId: string,
    options?: CallOptions,
  ): Promise<DecodedRegisteredQueryResult> {
    return registered.readRegisteredQueryResult(this.rc, siteId, queryId, options);
  }

  // ── FHIR (§1 #16–#17, §5) ──

  /**
   * `getFhirQuery`: `GET …/fhir/R4/{path}?{search}`, e.g. `('Patient', {given: 'John'})`,
   * `('Patient/1')` or `('metadata')`. `path` may also carry the query string itself
   * (`'Patient?given=John'`, the spec's `fhirParameters`); it is re-encoded either way.
   * A read: retried on transient gateway failures (not on 503/504 or a timeout, which would only
   * load a struggling practice server), coalesced, subject to the site's breaker and concurrency limit.
   * @throws HaloApiError (`kind: 'fhir'` when Halo sent an OperationOutcome) — NOT_FOUND,
   *   BAD_USER_INPUT, SITE_UNAVAILABLE, UPSTREAM_TIMEOUT, SITE_NOT_FOUND, UPSTREAM_ERROR.
   */
  getFhirQuery(siteId: string, path: string, search?: FhirSearchParams, options?: CallOptions): Promise<FhirResource> {
    return fhir.getFhirQuery(this.rc, siteId, path, search, options);
  }

  /**
   * `postFhirSearch`: `POST …/fhir/R4/{resource}/_search` with a form-encoded body; returns a
   * searchset Bundle. Retried, coalesced and isolated like `getFhirQuery`.
   * @throws HaloApiError as getFhirQuery.
   */
  postFhirSearch(
    siteId: string,
    resource: string,
    params: FhirSearchParams,
    options?: CallOptions,
  ): Promise<FhirBundle> {
    return fhir.postFhirSearch(this.rc, siteId, resource, params, options);
  }
}

/** The operations of a datasource, without its internals: what an authorizing wrapper must provide. */
export type HaloOperations = { [K in keyof HaloDataSource]: HaloDataSource[K] };
