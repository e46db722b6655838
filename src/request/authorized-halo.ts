/**
 * The request's Halo datasource, limited to what its principal may do (src/auth/policy.ts): a
 * refused call rejects without reaching Halo, and `getSites` keeps only the sites the client may
 * see. Commands are checked once, here (writes permission, SQL guard). Each method documents only
 * the refusal; the call itself is the datasource's (src/datasources/halo-client.ts).
 */
import type { Readable } from 'node:stream';
import { commandRefusal, refusal, type CommandShape, type Operation } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { HaloDataSource, HaloOperations } from '../datasources/halo-client.js';
import type { CallOptions } from '../datasources/http/call.js';
import type { DecodedResultPage, ImmediateQueryOutcome, ResultPage, ResultRowBatch } from '../datasources/queries.js';
import type { DecodedRegisteredQueryResult } from '../datasources/registered-queries.js';
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
} from '../datasources/types.js';

export class AuthorizedHalo implements HaloOperations {
  constructor(
    private readonly ds: HaloDataSource,
    readonly principal: Principal,
  ) {}

  /** @throws the policy's refusal of `operation` (on `siteId`), and of `command` when given. */
  private check(operation: Operation, siteId?: string, command?: CommandShape): void {
    const refused = refusal(this.principal, operation, siteId) ?? (command && commandRefusal(this.principal, command));
    if (refused) throw refused;
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
    this.check('getSite', siteId);
    return this.ds.getSite(siteId, options);
  }

  async createImmediateQuery(
    siteId: string,
    request: ImmediateQueryRequest,
    options?: CallOptions,
  ): Promise<ImmediateQueryOutcome> {
    this.check('createImmediateQuery', siteId, request.command);
    return this.ds.createImmediateQuery(siteId, request, options);
  }

  async createAsyncQuery(
    siteId: string,
    request: AsyncQueryRequest,
    options?: CallOptions,
  ): Promise<AsyncQueryInitialised> {
    this.check('createAsyncQuery', siteId, request.command);
    return this.ds.createAsyncQuery(siteId, request, options);
  }

  async getQuery(siteId: string, queryId: string, options?: CallOptions): Promise<Query> {
    this.check('getQuery', siteId);
    return this.ds.getQuery(siteId, queryId, options);
  }

  async getQueryStatusBatch(
    siteId: string,
    queryIds: readonly string[],
    options?: CallOptions,
  ): Promise<QueryStatusBatchResponse> {
    this.check('getQueryStatusBatch', siteId);
    return this.ds.getQueryStatusBatch(siteId, queryIds, options);
  }

  async getResultPage(siteId: string, queryId: string, pageNumber: number, options?: CallOptions): Promise<ResultPage> {
    this.check('getResultPage', siteId);
    return this.ds.getResultPage(siteId, queryId, pageNumber, options);
  }

  async streamResultPage(
    siteId: string,
    queryId: string,
    pageNumber: number,
    options?: CallOptions,
  ): Promise<Readable> {
    this.check('streamResultPage', siteId);
    return this.ds.streamResultPage(siteId, queryId, pageNumber, options);
  }

  async readResultPage(
    siteId: string,
    queryId: string,
    pageNumber: number,
    options?: CallOptions,
  ): Promise<DecodedResultPage> {
    this.check('readResultPage', siteId);
    return this.ds.readResultPage(siteId, queryId, pageNumber, options);
  }

  /** Refused at the first `next()`. */
  async *readResultRows(
    siteId: string,
    queryId: string,
    options?: CallOptions,
  ): AsyncGenerator<ResultRowBatch, void, undefined> {
    this.check('readResultRows', siteId);
    yield* this.ds.readResultRows(siteId, queryId, options);
  }

  async createRegisteredQuery(
    siteId: string,
    request: RegisteredQueryPostReq,
    options?: CallOptions,
  ): Promise<RegisteredQueryId> {
    this.check('createRegisteredQuery', siteId, request.registerCommand?.command);
    return this.ds.createRegisteredQuery(siteId, request, options);
  }

  async getRegisteredQueries(siteId: string, options?: CallOptions): Promise<GetRegisteredQueriesResponse> {
    this.check('getRegisteredQueries', siteId);
    return this.ds.getRegisteredQueries(siteId, options);
  }

  async getRegisteredQuery(siteId: string, queryId: string, options?: CallOptions): Promise<RegisteredQuery> {
    this.check('getRegisteredQuery', siteId);
    return this.ds.getRegisteredQuery(siteId, queryId, options);
  }

  async cancelRegisteredQuery(siteId: string, queryId: string, options?: CallOptions): Promise<void> {
    this.check('cancelRegisteredQuery', siteId);
    return this.ds.cancelRegisteredQuery(siteId, queryId, options);
  }

  async getRegisteredQueryResult(
    siteId: string,
    queryId: string,
    options?: CallOptions,
  ): Promise<RegisteredQueryResult> {
    this.check('getRegisteredQueryResult', siteId);
    return this.ds.getRegisteredQueryResult(siteId, queryId, options);
  }

  async readRegisteredQueryResult(
    siteId: string,
    queryId: string,
    options?: CallOptions,
  ): Promise<DecodedRegisteredQueryResult> {
    this.check('readRegisteredQueryResult', siteId);
    return this.ds.readRegisteredQueryResult(siteId, queryId, options);
  }

  async getFhirQuery(
    siteId: string,
    path: string,
    search?: FhirSearchParams,
    options?: CallOptions,
  ): Promise<FhirResource> {
    this.check('getFhirQuery', siteId);
    return this.ds.getFhirQuery(siteId, path, search, options);
  }

  async postFhirSearch(
    siteId: string,
    resource: string,
    params: FhirSearchParams,
    options?: CallOptions,
  ): Promise<FhirBundle> {
    this.check('postFhirSearch', siteId);
    return this.ds.postFhirSearch(siteId, resource, params, options);
  }
}
