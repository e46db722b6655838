/**
 * The request's Halo datasource, limited to what its principal may do (src/auth/policy.ts): a
 * refused call rejects without reaching Halo, and `getSites` keeps only the sites the client may
 * see. Commands are checked once, here (writes permission, SQL guard). Each method documents only
 * the refusal; the call itself is the datasource's (src/datasources/halo-client.ts).
 */
import type { Readable } from 'node:stream';
import { commandRefusal, refusal, type CommandShape, type Operation } from '../auth/policy.js';
import type { PreparedNamedQuery } from '../catalogue/prepare.js';
import { canSeeSite, type Principal } from '../auth/principal.js';
import type { HaloDataSource, HaloOperations } from '../datasources/halo-client.js';
import { isHaloApiError, reclassify } from '../datasources/halo-error.js';
import type { CallOptions } from '../datasources/http/call.js';
import type { DecodedResultPage, ImmediateQueryOutcome, ResultPage, ResultRowBatch } from '../datasources/queries.js';
import type { DecodedRegisteredQueryResult } from '../datasources/registered-queries.js';
import { PMS_NAMES } from '../datasources/sites.js';
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
  PmsType,
  Query,
  QueryStatusBatchResponse,
  RegisteredQuery,
  RegisteredQueryId,
  RegisteredQueryPostReq,
  RegisteredQueryResult,
  SiteForIntegrator,
} from '../datasources/types.js';
import { utcMonth, type SiteUsage, type UsageLedger } from '../usage/ledger.js';
import type { QueryReuse, ReusedOutcome } from '../usage/reuse.js';
import type { SitePmsTypes } from './site-pms-types.js';

/** What requests of one app share with each other. */
export interface SharedRequestState {
  /** Answers of immediate queries asked for with `maxAgeSeconds` (raw and named). @default none: every call goes to Halo */
  reuse?: QueryReuse | undefined;
  /**
   * A datasource bound to no request: shared calls (`maxAgeSeconds`) run on it, so that one client
   * leaving does not cancel a call others wait for. @default the request's own
   */
  unbound?: HaloDataSource | undefined;
  /** Billed queries per site this month (`Site.usage`). @default none counted */
  usage?: Pick<UsageLedger, 'usage'> | undefined;
  /** The PMS of each site read so far. @default none remembered */
  pmsTypes?: SitePmsTypes | undefined;
}

export class AuthorizedHalo implements HaloOperations {
  constructor(
    private readonly ds: HaloDataSource,
    readonly principal: Principal,
    private readonly shared: SharedRequestState = {},
    /** The request's cancellation: a caller waiting for a shared answer stops waiting when it aborts. */
    private readonly signal?: AbortSignal,
  ) {}

  /** @throws the policy's refusal of `operation` (on `siteId`), and of `command` when given. */
  private check(operation: Operation, siteId?: string, command?: CommandShape): void {
    const refused = refusal(this.principal, operation, siteId) ?? (command && commandRefusal(this.principal, command));
    if (refused) throw refused;
  }

  /** A call on one site: checked, then run, its failure explained. */
  private async onSite<T>(
    operation: Operation,
    siteId: string,
    run: () => Promise<T>,
    command?: CommandShape,
  ): Promise<T> {
    this.check(operation, siteId, command);
    try {
      return await run();
    } catch (error) {
      throw await this.explain(error, siteId);
    }
  }

  /**
   * NOT_AUTHORITATIVE (the site is a backup server) names the practice's authoritative site when
   * Halo lists it and this client may see it; any other failure is unchanged.
   */
  private async explain(error: unknown, siteId: string): Promise<unknown> {
    if (!isHaloApiError(error) || error.code !== 'NOT_AUTHORITATIVE') return error;
    try {
      const backup = await this.ds.getSite(siteId);
      const pmsSiteId = backup.practiceMetadata?.practiceManagementSiteId ?? backup.practiceManagementSiteId;
      const pmsType = backup.pmsType ?? backup.practiceMetadata?.pmsType;
      if (pmsSiteId === undefined || pmsType === undefined) return error;
      const { sites = [] } = await this.ds.getSites({
        practiceManagementSiteId: pmsSiteId,
        practiceManagementName: PMS_NAMES[pmsType],
      });
      const authoritative = sites.find(
        (s) => s.authoritative === true && typeof s.id === 'string' && canSeeSite(this.principal, s.id),
      );
      return authoritative?.id
        ? reclassify(error, 'NOT_AUTHORITATIVE', { authoritativeSiteId: authoritative.id.toLowerCase() })
        : error;
    } catch {
      return error;
    }
  }

  async integratorPairSite(params: PairSiteParams, options?: CallOptions): Promise<SiteForIntegrator> {
    this.check('integratorPairSite');
    return this.ds.integratorPairSite(params, options);
  }

  async pairSite(params: PairSiteParams, options?: CallOptions): Promise<SiteForIntegrator> {
    this.check('pairSite');
    return this.ds.pairSite(params, options);
  }

  /** The sites Halo lists, without those this client may not see. */
  async getSites(params: GetSitesParams, options?: CallOptions): Promise<GetSitesResponse> {
    this.check('getSites');
    const answer = await this.ds.getSites(params, options);
    const visible = this.principal.sites;
    if (visible === '*') return answer;
    return {
      ...answer,
      sites: (answer.sites ?? []).filter((s) => typeof s.id === 'string' && visible.has(s.id.toLowerCase())),
    };
  }

  async getSite(siteId: string, options?: CallOptions): Promise<SiteForIntegrator> {
    const site = await this.onSite('getSite', siteId, () => this.ds.getSite(siteId, options));
    this.shared.pmsTypes?.remember(siteId, site);
    return site;
  }

  /**
   * The PMS Halo reported for a site read before (by any request), or undefined: not known yet,
   * or a site this client may not see (which is then read, and refused, as any other).
   */
  knownPmsType(siteId: string): PmsType | undefined {
    return canSeeSite(this.principal, siteId) ? this.shared.pmsTypes?.get(siteId) : undefined;
  }

  createImmediateQuery(
    siteId: string,
    request: ImmediateQueryRequest,
    options?: CallOptions,
  ): Promise<ImmediateQueryOutcome> {
    return this.onSite(
      'createImmediateQuery',
      siteId,
      () => this.ds.createImmediateQuery(siteId, request, options),
      request.command,
    );
  }

  createAsyncQuery(siteId: string, request: AsyncQueryRequest, options?: CallOptions): Promise<AsyncQueryInitialised> {
    return this.onSite(
      'createAsyncQuery',
      siteId,
      () => this.ds.createAsyncQuery(siteId, request, options),
      request.command,
    );
  }

  /**
   * `createImmediateQuery`, or with `maxAgeSeconds` (1 or more) an identical query's answer (same
   * site, SQL, parameters, mode and catalogue, asked by a client with the same permissions) given
   * within that many seconds, or the one in flight, instead of a new billed query
   * (src/usage/reuse.ts). Refused as createImmediateQuery is, before any answer is looked up.
   */
  async reuseImmediateQuery(
    siteId: string,
    request: ImmediateQueryRequest,
    maxAgeSeconds: number | null | undefined,
    options?: CallOptions,
  ): Promise<ReusedOutcome> {
    if (!maxAgeSeconds || !this.shared.reuse) {
      return { outcome: await this.createImmediateQuery(siteId, request, options), reused: false };
    }
    const { text, parameters, executionMode, type } = request.command;
    const identity = ['sql', siteId.toLowerCase(), text, parameters ?? null, executionMode ?? 'reader', type ?? 'text'];
    return this.reused('createImmediateQuery', siteId, [...identity, request.catalogue ?? null], maxAgeSeconds, {
      request,
      command: request.command,
      options,
    });
  }

  /**
   * A named query's statement as an immediate query. The SQL is the catalogue's (read-only, checked
   * when it loaded), so it needs `read`, not `sql`. Identical calls within the entry's
   * `maxAgeSeconds` share one Halo query (src/usage/reuse.ts).
   */
  async runNamedQuery(prepared: PreparedNamedQuery, options?: CallOptions): Promise<ImmediateQueryOutcome> {
    const { siteId, entry } = prepared;
    const request: ImmediateQueryRequest = { command: prepared.command };
    if (!entry.maxAgeSeconds || !this.shared.reuse) {
      return this.onSite('runNamedQuery', siteId, () => this.ds.createImmediateQuery(siteId, request, options));
    }
    const reused = await this.reused('runNamedQuery', siteId, ['named', prepared.callKey], entry.maxAgeSeconds, {
      request,
      options,
    });
    return reused.outcome;
  }

  /** Checked first (a kept answer is served only to a client that may run the query now), then reused or called. */
  private async reused(
    operation: 'createImmediateQuery' | 'runNamedQuery',
    siteId: string,
    identity: unknown[],
    maxAgeSeconds: number,
    call: { request: ImmediateQueryRequest; command?: CommandShape | undefined; options: CallOptions | undefined },
  ): Promise<ReusedOutcome> {
    this.check(operation, siteId, call.command);
    const reuse = this.shared.reuse!;
    // The call may answer several clients: it runs unbound, with this caller's deadline if any.
    const ds = this.shared.unbound ?? this.ds;
    const deadline = call.options?.deadlineMs !== undefined ? { deadlineMs: call.options.deadlineMs } : undefined;
    try {
      return await reuse.run({
        key: reuse.key([...identity, [...this.principal.permissions].sort()]),
        siteId,
        maxAgeSeconds,
        call: () => ds.createImmediateQuery(siteId, call.request, deadline),
        signal: this.signal,
      });
    } catch (error) {
      throw await this.explain(error, siteId);
    }
  }

  /** The billed queries this deployment sent to the site this month, and its budget: any site permission. */
  async siteUsage(siteId: string): Promise<SiteUsage> {
    this.check('siteUsage', siteId);
    const usage = this.shared.usage;
    if (usage) return usage.usage(siteId);
    return { month: utcMonth(Date.now()), billedQueries: 0, budget: null, remaining: null };
  }

  /** A named query's statement as an async query (an entry with `mode: async`); needs `read`, as runNamedQuery. */
  submitNamedQuery(prepared: PreparedNamedQuery, options?: CallOptions): Promise<AsyncQueryInitialised> {
    const { siteId } = prepared;
    return this.onSite('submitNamedQuery', siteId, () =>
      this.ds.createAsyncQuery(siteId, { command: prepared.command }, options),
    );
  }

  getQuery(siteId: string, queryId: string, options?: CallOptions): Promise<Query> {
    return this.onSite('getQuery', siteId, () => this.ds.getQuery(siteId, queryId, options));
  }

  getQueryStatusBatch(
    siteId: string,
    queryIds: readonly string[],
    options?: CallOptions,
  ): Promise<QueryStatusBatchResponse> {
    return this.onSite('getQueryStatusBatch', siteId, () => this.ds.getQueryStatusBatch(siteId, queryIds, options));
  }

  getResultPage(siteId: string, queryId: string, pageNumber: number, options?: CallOptions): Promise<ResultPage> {
    return this.onSite('getResultPage', siteId, () => this.ds.getResultPage(siteId, queryId, pageNumber, options));
  }

  streamResultPage(siteId: string, queryId: string, pageNumber: number, options?: CallOptions): Promise<Readable> {
    return this.onSite('streamResultPage', siteId, () =>
      this.ds.streamResultPage(siteId, queryId, pageNumber, options),
    );
  }

  readResultPage(
    siteId: string,
    queryId: string,
    pageNumber: number,
    options?: CallOptions,
  ): Promise<DecodedResultPage> {
    return this.onSite('readResultPage', siteId, () => this.ds.readResultPage(siteId, queryId, pageNumber, options));
  }

  /** Refused at the first `next()`. */
  async *readResultRows(
    siteId: string,
    queryId: string,
    options?: CallOptions,
  ): AsyncGenerator<ResultRowBatch, void, undefined> {
    this.check('readResultRows', siteId);
    try {
      yield* this.ds.readResultRows(siteId, queryId, options);
    } catch (error) {
      throw await this.explain(error, siteId);
    }
  }

  createRegisteredQuery(
    siteId: string,
    request: RegisteredQueryPostReq,
    options?: CallOptions,
  ): Promise<RegisteredQueryId> {
    return this.onSite(
      'createRegisteredQuery',
      siteId,
      () => this.ds.createRegisteredQuery(siteId, request, options),
      request.registerCommand?.command,
    );
  }

  findCreatedRegisteredQuery(
    siteId: string,
    request: RegisteredQueryPostReq,
    sentAt: number,
    options?: CallOptions,
  ): Promise<string | undefined> {
    return this.onSite('findCreatedRegisteredQuery', siteId, () =>
      this.ds.findCreatedRegisteredQuery(siteId, request, sentAt, options),
    );
  }

  getRegisteredQueries(siteId: string, options?: CallOptions): Promise<GetRegisteredQueriesResponse> {
    return this.onSite('getRegisteredQueries', siteId, () => this.ds.getRegisteredQueries(siteId, options));
  }

  getRegisteredQuery(siteId: string, queryId: string, options?: CallOptions): Promise<RegisteredQuery> {
    return this.onSite('getRegisteredQuery', siteId, () => this.ds.getRegisteredQuery(siteId, queryId, options));
  }

  cancelRegisteredQuery(siteId: string, queryId: string, options?: CallOptions): Promise<void> {
    return this.onSite('cancelRegisteredQuery', siteId, () => this.ds.cancelRegisteredQuery(siteId, queryId, options));
  }

  getRegisteredQueryResult(siteId: string, queryId: string, options?: CallOptions): Promise<RegisteredQueryResult> {
    return this.onSite('getRegisteredQueryResult', siteId, () =>
      this.ds.getRegisteredQueryResult(siteId, queryId, options),
    );
  }

  readRegisteredQueryResult(
    siteId: string,
    queryId: string,
    options?: CallOptions,
  ): Promise<DecodedRegisteredQueryResult> {
    return this.onSite('readRegisteredQueryResult', siteId, () =>
      this.ds.readRegisteredQueryResult(siteId, queryId, options),
    );
  }

  getFhirQuery(siteId: string, path: string, search?: FhirSearchParams, options?: CallOptions): Promise<FhirResource> {
    return this.onSite('getFhirQuery', siteId, () => this.ds.getFhirQuery(siteId, path, search, options));
  }

  postFhirSearch(
    siteId: string,
    resource: string,
    params: FhirSearchParams,
    options?: CallOptions,
  ): Promise<FhirBundle> {
    return this.onSite('postFhirSearch', siteId, () => this.ds.postFhirSearch(siteId, resource, params, options));
  }
}
