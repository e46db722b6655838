/**
 * The composition root of the Halo datasource: one `HaloClient` per process (created and closed by
 * the app) owns the connection pool and the per-site policies; `forRequest()` hands each GraphQL
 * request a cheap `HaloDataSource` bound to that request's cancellation signal.
 *
 * ```ts
 * const halo = createHaloClient({ baseUrl: config.haloApiUrl, subscriptionKey: config.haloKey });
 * const ds = halo.forRequest(request.signal);
 * const site = await ds.getSite(siteId);
 * for await (const page of ds.readAllPages(siteId, queryId)) …
 * await halo.close();
 * ```
 */
import { setMaxListeners } from 'node:events';
import { createFhirApi, type FhirApi } from './fhir.js';
import { HaloHttp, type BreakerState, type HaloHttpConfig, type HaloHttpStats } from './halo-http.js';
import type { RequestContext } from './request-context.js';
import { createQueriesApi, type QueriesApi } from './queries.js';
import { createRegisteredQueriesApi, type RegisteredQueriesApi } from './registered-queries.js';
import { createSitesApi, type SitesApi } from './sites.js';

export type HaloClientConfig = HaloHttpConfig;

/** Upstream calls one request may have in flight at once before Node warns of a listener leak. */
const MAX_CALLS_PER_REQUEST = 1_000;

/**
 * All 17 integrator operations, each a method named after its operationId (`Integrator_PairSite`
 * is `integratorPairSite`), plus the decoding helpers (`readResultPage`, `readAllPages`,
 * `readStreamedResultPage`, `readRegisteredQueryResult`). Every method rejects only with
 * `HaloApiError`.
 */
export interface HaloDataSource extends SitesApi, QueriesApi, RegisteredQueriesApi, FhirApi {}

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
    forRequest(signal, options = {}) {
      return new RequestDataSource({ http, signal, scope: options.scope }) as unknown as HaloDataSource;
    },
    breakerStates: () => http.breakerStates(),
    stats: () => http.stats(),
    close: () => http.close(),
  };
}

/**
 * A request's datasource is one small object: its methods live on the prototype and build their
 * resource module's closures (sites, queries, registered queries, FHIR) on first use, so a request
 * that reads one site pays for the sites module only. A spread copy has no methods.
 */
class RequestDataSource {
  readonly apis: { [G in keyof typeof RESOURCES]?: ReturnType<(typeof RESOURCES)[G]> } = {};
  listenersRaised = false;
  constructor(readonly rc: RequestContext) {}
}

const RESOURCES = {
  sites: createSitesApi,
  queries: createQueriesApi,
  registered: createRegisteredQueriesApi,
  fhir: createFhirApi,
};

// The method names of each module, read once from a module built on a context that is never called.
const UNUSED: RequestContext = { http: undefined as unknown as HaloHttp, signal: undefined, scope: undefined };
for (const group of Object.keys(RESOURCES) as Array<keyof typeof RESOURCES>) {
  const create = RESOURCES[group] as unknown as (rc: RequestContext) => Record<string, (...args: unknown[]) => unknown>;
  for (const name of Object.keys(create(UNUSED))) {
    Object.defineProperty(RequestDataSource.prototype, name, {
      configurable: true,
      writable: true,
      value: function call(this: RequestDataSource, ...args: unknown[]): unknown {
        const apis = this.apis as Record<string, Record<string, (...a: unknown[]) => unknown>>;
        let api = apis[group];
        if (!api) {
          // Every upstream call in flight listens on the request's signal (and drops the listener
          // when it settles): one GraphQL request reading 20 result pages at once is not a leak.
          if (this.rc.signal && !this.listenersRaised) {
            setMaxListeners(MAX_CALLS_PER_REQUEST, this.rc.signal);
            this.listenersRaised = true;
          }
          api = apis[group] = create(this.rc);
        }
        return api[name]!(...args);
      },
    });
  }
}
