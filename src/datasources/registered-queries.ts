/** Registered-query operations (DOMAIN.md §1 #11–#15, §4), named after their operationIds. */
import type { CallOptions, HaloCall } from './halo-http.js';
import { callJson, expectBody, type RequestContext } from './request-context.js';
import { isRecord } from '../lib/records.js';
import { decodeOrThrow, decodeResultData } from './result-data.js';
import type {
  CommandParameter,
  DecodedResult,
  GetRegisteredQueriesResponse,
  RegisteredQuery,
  RegisteredQueryId,
  RegisteredQueryPostReq,
  RegisteredQueryResult,
} from './types.js';

/** The latest registered-query result, decoded. */
export interface DecodedRegisteredQueryResult extends DecodedResult {
  /** `rows` as Halo counts them. */
  rowCount: number;
  size: number;
  parameters: CommandParameter[] | null;
}

export interface RegisteredQueriesApi {
  /**
   * `createRegisteredQuery`: registers SQL to run every `frequency` s for `duration` s (HTTP 202).
   * Never retried: every POST creates a new registration.
   * @throws HaloApiError — BAD_USER_INPUT (e.g. frequency < 60 s), SITE_NOT_FOUND, UPSTREAM_ERROR.
   */
  createRegisteredQuery(
    siteId: string,
    request: RegisteredQueryPostReq,
    options?: CallOptions,
  ): Promise<RegisteredQueryId>;
  /**
   * `getRegisteredQueries`: the site's registered queries (finished ones included). Retried when
   * transient; coalesced.
   * @throws HaloApiError — SITE_NOT_FOUND, UPSTREAM_ERROR.
   */
  getRegisteredQueries(siteId: string, options?: CallOptions): Promise<GetRegisteredQueriesResponse>;
  /**
   * `getRegisteredQuery`: one registered query. Retried when transient; coalesced.
   * @throws HaloApiError — NOT_FOUND (unknown id), SITE_NOT_FOUND, UPSTREAM_ERROR.
   */
  getRegisteredQuery(siteId: string, queryId: string, options?: CallOptions): Promise<RegisteredQuery>;
  /**
   * `cancelRegisteredQuery`: stops a registered query (HTTP 204). Never retried.
   * @throws HaloApiError — NOT_FOUND, SITE_NOT_FOUND, UPSTREAM_ERROR.
   */
  cancelRegisteredQuery(siteId: string, queryId: string, options?: CallOptions): Promise<void>;
  /**
   * `getRegisteredQueryResult`: the latest uploaded result, still base64. Retried; coalesced.
   * @throws HaloApiError — NOT_FOUND (no such query, or no result yet), UPSTREAM_ERROR.
   */
  getRegisteredQueryResult(siteId: string, queryId: string, options?: CallOptions): Promise<RegisteredQueryResult>;
  /**
   * `getRegisteredQueryResult`, decoded into columns and rows.
   * @throws HaloApiError as getRegisteredQueryResult; UPSTREAM_ERROR for undecodable data.
   */
  readRegisteredQueryResult(
    siteId: string,
    queryId: string,
    options?: CallOptions,
  ): Promise<DecodedRegisteredQueryResult>;
}

const isRegistered = (b: unknown): boolean =>
  isRecord(b) && typeof b['id'] === 'string' && typeof b['status'] === 'string';
const isList = (b: unknown): boolean =>
  isRecord(b) && Array.isArray(b['registeredQueries']) && b['registeredQueries'].every(isRecord);
const isId = (b: unknown): boolean => isRecord(b) && typeof b['id'] === 'string';
const isResult = (b: unknown): boolean =>
  isRecord(b) &&
  typeof b['data'] === 'string' &&
  (b['parameters'] === null || b['parameters'] === undefined || Array.isArray(b['parameters']));

export function createRegisteredQueriesApi(rc: RequestContext): RegisteredQueriesApi {
  const base = (siteId: string) => ['integrator', 'sites', siteId, 'queries', 'registered'];
  const read = (operationId: HaloCall['operationId'], siteId: string, segments: string[]): HaloCall => ({
    operationId,
    method: 'GET',
    segments,
    siteId,
    retry: 'read',
    coalesce: true,
  });

  const api: RegisteredQueriesApi = {
    async createRegisteredQuery(siteId, request, options) {
      const call: HaloCall = {
        operationId: 'createRegisteredQuery',
        method: 'POST',
        segments: base(siteId),
        body: { json: request },
        siteId,
        retry: 'never',
      };
      return expectBody<RegisteredQueryId>(call, await callJson(rc, call, options), isId, '{id}');
    },

    async getRegisteredQueries(siteId, options) {
      const call = read('getRegisteredQueries', siteId, base(siteId));
      return expectBody<GetRegisteredQueriesResponse>(
        call,
        await callJson(rc, call, options),
        isList,
        '{registeredQueries: [...]}',
      );
    },

    async getRegisteredQuery(siteId, queryId, options) {
      const call = read('getRegisteredQuery', siteId, [...base(siteId), queryId]);
      return expectBody<RegisteredQuery>(call, await callJson(rc, call, options), isRegistered, 'a registered query');
    },

    async cancelRegisteredQuery(siteId, queryId, options) {
      const call: HaloCall = {
        operationId: 'cancelRegisteredQuery',
        method: 'DELETE',
        segments: [...base(siteId), queryId],
        siteId,
        retry: 'never',
      };
      await callJson(rc, call, options);
    },

    async getRegisteredQueryResult(siteId, queryId, options) {
      const call = read('getRegisteredQueryResult', siteId, [...base(siteId), queryId, 'results']);
      return expectBody<RegisteredQueryResult>(
        call,
        await callJson(rc, call, options),
        isResult,
        '{data, parameters, rows, size}',
      );
    },

    async readRegisteredQueryResult(siteId, queryId, options) {
      const result = await api.getRegisteredQueryResult(siteId, queryId, options);
      const decoded = decodeOrThrow({ operationId: 'getRegisteredQueryResult', siteId }, 200, result.data.length, () =>
        decodeResultData(result.data),
      );
      return { ...decoded, rowCount: result.rows, size: result.size, parameters: result.parameters ?? null };
    },
  };
  return api;
}
