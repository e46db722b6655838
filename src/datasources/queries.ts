/**
 * SQL query operations (DOMAIN.md §1 #5–#10, §2, §3), named after their operationIds, plus the
 * decoding helpers built on them (`readResultPage`, `readAllPages`, `readStreamedResultPage`).
 */
import type { Readable } from 'node:stream';
import { HaloApiError, isHaloApiError, malformedResponse, type HaloErrorContext } from './halo-error.js';
import type { CallOptions, HaloCall } from './halo-http.js';
import { callJson, expectBody, numericHeader, type RequestContext } from './request-context.js';
import { isRecord } from '../lib/records.js';
import { decodeOrThrow, decodeResultData, StreamedRowsDecoder } from './result-data.js';
import type {
  AsyncQueryInitialised,
  AsyncQueryRequest,
  CommandParameter,
  DecodedResult,
  ExecutionFailedImmediateQuery,
  ImmediateQueryRequest,
  Query,
  QueryStatusBatchResponse,
  ResultPageBody,
  ResultRow,
  SuccessfulImmediateQuery,
} from './types.js';

/**
 * What an immediate query came to. A query that ran and failed (SQL error, HTTP 400/500 with an
 * `executionFailed` body) is a value, not an exception: the GraphQL layer shows it as data.
 */
export type ImmediateQueryOutcome =
  | (DecodedResult & { kind: 'successful'; query: SuccessfulImmediateQuery })
  | { kind: 'failed'; query: ExecutionFailedImmediateQuery; httpStatus: number };

/** A result page as returned, with the page headers Halo sends alongside it. */
export interface ResultPage {
  pageNumber: number;
  body: ResultPageBody;
  /** `Size` header. */
  size: number | undefined;
  /** `Rows-Count` header. */
  rowsCount: number | undefined;
  /** `Rows-Range-Start` header. */
  rowsRangeStart: number | undefined;
  /** `Rows-Range-End` header. */
  rowsRangeEnd: number | undefined;
}

/** A result page decoded into rows. */
export interface DecodedResultPage extends DecodedResult {
  pageNumber: number;
  parameters: CommandParameter[] | undefined;
  size: number | undefined;
  rowsCount: number | undefined;
  rowsRangeStart: number | undefined;
  rowsRangeEnd: number | undefined;
}

export interface ReadAllPagesOptions extends CallOptions {
  /** Pages to read (1…pageCount). When omitted, `getQuery` is called first to find them. */
  pageCount?: number;
}

export interface QueriesApi {
  /**
   * `createImmediateQuery`: runs SQL on the practice server and blocks until it finishes; rows come
   * back decoded. Billable: never retried once the request may have been sent (a reader/scalar is
   * retried only when the connection was refused), and a NON_QUERY is never retried at all.
   * Subject to the site's circuit breaker and concurrency limit.
   * @returns `{kind:'failed'}` when the SQL ran and failed (errorDetails in `query`).
   * @throws HaloApiError — RESULT_TOO_LARGE (413, or errorDetails http/413), SITE_UNAVAILABLE
   *   (offline/unreachable, or the site's circuit is open), UPSTREAM_TIMEOUT (504 or our deadline),
   *   SITE_NOT_FOUND, BAD_USER_INPUT (a 400 without a query body), RATE_LIMITED, UPSTREAM_ERROR
   *   (including a successful body whose data is not valid base64 JSON).
   */
  createImmediateQuery(
    siteId: string,
    request: ImmediateQueryRequest,
    options?: CallOptions,
  ): Promise<ImmediateQueryOutcome>;
  /**
   * `createAsyncQuery`: queues SQL and returns the query in status `initialising` (HTTP 201).
   * Never retried (billable; there is no idempotency key). Subject to the site's breaker.
   * @throws HaloApiError as createImmediateQuery, without the query-failure outcome.
   */
  createAsyncQuery(siteId: string, request: AsyncQueryRequest, options?: CallOptions): Promise<AsyncQueryInitialised>;
  /**
   * `getQuery`: an immediate or async query in its current status. Retried when transient; coalesced.
   * @throws HaloApiError — NOT_FOUND (unknown query), SITE_NOT_FOUND, UPSTREAM_ERROR.
   */
  getQuery(siteId: string, queryId: string, options?: CallOptions): Promise<Query>;
  /**
   * `getQueryStatusBatch`: several queries of one site in one call; unknown ids come back as
   * `notFound` entries, not errors. A read: retried when transient; coalesced on identical id lists.
   * @throws HaloApiError — SITE_NOT_FOUND, BAD_USER_INPUT, UPSTREAM_ERROR.
   */
  getQueryStatusBatch(
    siteId: string,
    queryIds: readonly string[],
    options?: CallOptions,
  ): Promise<QueryStatusBatchResponse>;
  /**
   * `getResultPage`: one page of an async result, still base64 (see `readResultPage`). Retried
   * when transient; coalesced.
   * @throws HaloApiError — RESULT_EXPIRED (410), NOT_FOUND, BAD_USER_INPUT (page < 1), UPSTREAM_ERROR.
   */
  getResultPage(siteId: string, queryId: string, pageNumber: number, options?: CallOptions): Promise<ResultPage>;
  /**
   * `streamResultPage`: one page as a byte stream (`/stream`), not buffered. The stream must be
   * read to the end or destroyed. Retried only before the response headers.
   * @throws HaloApiError as getResultPage; stream errors are HaloApiErrors too.
   */
  streamResultPage(siteId: string, queryId: string, pageNumber: number, options?: CallOptions): Promise<Readable>;
  /**
   * `getResultPage`, decoded into columns and rows.
   * @throws HaloApiError as getResultPage; UPSTREAM_ERROR when `data` is not base64 of a JSON array of objects.
   */
  readResultPage(
    siteId: string,
    queryId: string,
    pageNumber: number,
    options?: CallOptions,
  ): Promise<DecodedResultPage>;
  /**
   * `streamResultPage`, decoded row by row as the body arrives (`StreamedRowsDecoder`: the page is
   * never held as one string). Accepts both a JSON array of rows and the `{data: base64}` envelope
   * (Halo does not document which one `/stream` sends).
   * @throws HaloApiError as readResultPage.
   */
  readStreamedResultPage(
    siteId: string,
    queryId: string,
    pageNumber: number,
    options?: CallOptions,
  ): Promise<DecodedResult>;
  /**
   * Every page of a successful query, one page at a time: the next page is requested only when
   * the consumer asks for it and no page is kept after it is yielded, so memory is bounded by a
   * page, not by the result. Stopping early (`break`) requests nothing more. An immediate query
   * yields its one inline result as page 1.
   * @throws HaloApiError — BAD_USER_INPUT when the query has not succeeded (no pages to read), and
   *   the errors of getQuery/readResultPage.
   */
  readAllPages(
    siteId: string,
    queryId: string,
    options?: ReadAllPagesOptions,
  ): AsyncGenerator<DecodedResultPage, void, undefined>;
}

function isExecutionFailed(body: unknown): body is ExecutionFailedImmediateQuery {
  return (
    isRecord(body) &&
    (body['status'] === 'executionFailed' || (body['status'] === undefined && isRecord(body['errorDetails'])))
  );
}

const isQuery = (body: unknown): boolean =>
  isRecord(body) && typeof body['id'] === 'string' && typeof body['status'] === 'string';
const isBatch = (body: unknown): boolean =>
  isRecord(body) && Array.isArray(body['results']) && body['results'].every(isRecord);
const isPageBody = (body: unknown): boolean =>
  isRecord(body) &&
  (body['data'] === undefined || typeof body['data'] === 'string') &&
  (body['parameters'] === undefined || body['parameters'] === null || Array.isArray(body['parameters']));

function localInputError(ctx: HaloErrorContext): HaloApiError {
  return new HaloApiError({ ...ctx, kind: 'general', code: 'BAD_USER_INPUT' });
}

/** Where a successful query's rows are: inline (an immediate query's `data`) or in pages (async). */
export type ResultLocation = { kind: 'inline'; data: string | undefined } | { kind: 'pages'; pageNumbers: number[] };

/**
 * Where the rows of `query` (as `getQuery` returns it) are to be read from: an immediate query's
 * own `data`, or the async result's page numbers in order.
 * @throws HaloApiError BAD_USER_INPUT (local: no HTTP status) when the query has not succeeded.
 */
export function resultLocation(siteId: string, query: Query): ResultLocation {
  if (query.status !== 'successful' || !('result' in query) || !isRecord(query.result)) {
    throw localInputError({ operationId: 'getResultPage', siteId });
  }
  const result = query.result as Record<string, unknown>;
  // The spec types getQuery as async only, but it answers for immediate queries too.
  if ((query as { mode?: unknown }).mode === 'immediate') {
    const data = result['data'];
    return { kind: 'inline', data: typeof data === 'string' ? data : undefined };
  }
  const pages = Array.isArray(result['pages']) ? (result['pages'] as unknown[]) : [];
  // Page numbers are 1-based upstream; trust them when present, else the list order.
  const pageNumbers = pages
    .map((p, i) => (isRecord(p) && typeof p['pageNumber'] === 'number' ? p['pageNumber'] : i + 1))
    .sort((a, b) => a - b);
  return { kind: 'pages', pageNumbers };
}

export function createQueriesApi(rc: RequestContext): QueriesApi {
  const queryPath = (siteId: string, queryId: string) => ['integrator', 'sites', siteId, 'queries', queryId];
  const pageCall = (siteId: string, queryId: string, pageNumber: number, stream: boolean): HaloCall => {
    const operationId = stream ? 'streamResultPage' : 'getResultPage';
    if (!Number.isSafeInteger(pageNumber) || pageNumber < 1) throw localInputError({ operationId, siteId });
    return {
      operationId,
      method: 'GET',
      segments: [...queryPath(siteId, queryId), 'results', String(pageNumber), ...(stream ? ['stream'] : [])],
      siteId,
      retry: 'read',
      coalesce: !stream,
    };
  };

  const api: QueriesApi = {
    async createImmediateQuery(siteId, request, options) {
      const call: HaloCall = {
        operationId: 'createImmediateQuery',
        method: 'POST',
        segments: ['integrator', 'sites', siteId, 'queries', 'immediate'],
        body: { json: request },
        siteId,
        retry: request.command.executionMode === 'nonQuery' ? 'never' : 'unsent-only',
        siteBound: true,
      };
      let res;
      try {
        res = await callJson(rc, call, options);
      } catch (error) {
        // The SQL ran and failed: Halo answers 400 (or 500) with the query itself. That is data.
        if (
          isHaloApiError(error) &&
          error.kind === 'query' &&
          error.code !== 'RESULT_TOO_LARGE' &&
          error.status !== undefined &&
          error.payload?.shape === 'query' &&
          isExecutionFailed(error.payload.query)
        ) {
          return { kind: 'failed', query: error.payload.query, httpStatus: error.status };
        }
        throw error;
      }
      // Before release 23.927 a failed immediate query came back as 200 (DOMAIN.md §2.4).
      if (isExecutionFailed(res.body)) return { kind: 'failed', query: res.body, httpStatus: res.status };
      const query = expectBody<SuccessfulImmediateQuery>(
        call,
        res,
        (b) => isRecord(b) && (b['status'] === undefined || b['status'] === 'successful') && isRecord(b['result']),
        'a successful query',
      );
      const data = 'data' in query.result ? query.result.data : undefined;
      if (data === undefined) return { kind: 'successful', query, columns: [], rows: [] };
      if (typeof data !== 'string') throw malformedResponse(call, res.status, 0, 'result data is not a string');
      const decoded = decodeOrThrow({ operationId: call.operationId, siteId }, res.status, data.length, () =>
        decodeResultData(data),
      );
      return { kind: 'successful', query, ...decoded };
    },

    async createAsyncQuery(siteId, request, options) {
      const call: HaloCall = {
        operationId: 'createAsyncQuery',
        method: 'POST',
        segments: ['integrator', 'sites', siteId, 'queries', 'async'],
        body: { json: request },
        siteId,
        retry: 'never',
        siteBound: true,
      };
      return expectBody<AsyncQueryInitialised>(call, await callJson(rc, call, options), isQuery, 'a query');
    },

    async getQuery(siteId, queryId, options) {
      const call: HaloCall = {
        operationId: 'getQuery',
        method: 'GET',
        segments: queryPath(siteId, queryId),
        siteId,
        retry: 'read',
        coalesce: true,
      };
      return expectBody<Query>(call, await callJson(rc, call, options), isQuery, 'a query');
    },

    async getQueryStatusBatch(siteId, queryIds, options) {
      const call: HaloCall = {
        operationId: 'getQueryStatusBatch',
        method: 'POST',
        segments: ['integrator', 'sites', siteId, 'queries', 'status'],
        body: { json: { queryIds: [...queryIds] } },
        siteId,
        retry: 'read',
        coalesce: true,
      };
      return expectBody<QueryStatusBatchResponse>(call, await callJson(rc, call, options), isBatch, '{results: [...]}');
    },

    async getResultPage(siteId, queryId, pageNumber, options) {
      const call = pageCall(siteId, queryId, pageNumber, false);
      const res = await callJson(rc, call, options);
      const body = expectBody<ResultPageBody>(call, res, isPageBody, '{data, parameters}');
      return {
        pageNumber,
        body,
        size: numericHeader(res.headers['size']),
        rowsCount: numericHeader(res.headers['rows-count']),
        rowsRangeStart: numericHeader(res.headers['rows-range-start']),
        rowsRangeEnd: numericHeader(res.headers['rows-range-end']),
      };
    },

    async streamResultPage(siteId, queryId, pageNumber, options) {
      const call = pageCall(siteId, queryId, pageNumber, true);
      const res = await rc.http.stream(call, { ...options, requestSignal: rc.signal, scope: rc.scope });
      return res.body;
    },

    async readResultPage(siteId, queryId, pageNumber, options) {
      const page = await api.getResultPage(siteId, queryId, pageNumber, options);
      const data = 'data' in page.body ? page.body.data : undefined;
      const decoded =
        data === undefined
          ? { columns: [], rows: [] }
          : decodeOrThrow({ operationId: 'getResultPage', siteId }, 200, data.length, () => decodeResultData(data));
      const { body, ...meta } = page;
      return { ...meta, ...decoded, parameters: body.parameters ?? undefined };
    },

    async readStreamedResultPage(siteId, queryId, pageNumber, options) {
      const stream = await api.streamResultPage(siteId, queryId, pageNumber, options);
      const decoder = new StreamedRowsDecoder();
      const ctx = { operationId: 'streamResultPage', siteId } as const;
      const rows: ResultRow[] = [];
      try {
        for await (const chunk of stream) {
          for (const row of decodeOrThrow(ctx, 200, decoder.bytes, () => decoder.push(chunk as Buffer))) rows.push(row);
        }
      } finally {
        stream.destroy();
      }
      for (const row of decodeOrThrow(ctx, 200, decoder.bytes, () => decoder.end())) rows.push(row);
      const first = rows[0];
      return { columns: first ? Object.keys(first) : [], rows };
    },

    async *readAllPages(siteId, queryId, options = {}) {
      const { pageCount, ...callOptions } = options;
      let pageNumbers: number[];
      if (pageCount !== undefined) {
        if (!Number.isSafeInteger(pageCount) || pageCount < 0)
          throw localInputError({ operationId: 'getResultPage', siteId });
        pageNumbers = Array.from({ length: pageCount }, (_, i) => i + 1);
      } else {
        const location = resultLocation(siteId, await api.getQuery(siteId, queryId, callOptions));
        if (location.kind === 'inline') {
          const { data } = location;
          const decoded =
            data === undefined
              ? { columns: [], rows: [] }
              : decodeOrThrow({ operationId: 'getQuery', siteId }, 200, data.length, () => decodeResultData(data));
          yield {
            pageNumber: 1,
            ...decoded,
            parameters: undefined,
            size: undefined,
            rowsCount: decoded.rows.length,
            rowsRangeStart: undefined,
            rowsRangeEnd: undefined,
          };
          return;
        }
        pageNumbers = location.pageNumbers;
      }
      for (const pageNumber of pageNumbers) {
        yield await api.readResultPage(siteId, queryId, pageNumber, callOptions);
      }
    },
  };
  return api;
}
