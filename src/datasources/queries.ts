/**
 * SQL query operations (DOMAIN.md §1 #5–#10, §2, §3), named after their operationIds, plus the
 * decoding built on them (`readResultPage`, and `readResultRows`, the one streaming iterator of a
 * result's rows).
 */
import type { Readable } from 'node:stream';
import {
  HaloApiError,
  creationFailure,
  isHaloApiError,
  malformedResponse,
  type HaloErrorContext,
} from './halo-error.js';
import type { CallOptions, HaloCall } from './http/call.js';
import { expectBody, numericHeader, type RequestContext } from './request-context.js';
import { onPracticeServer } from './sites.js';
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

const queryPath = (siteId: string, queryId: string) => ['integrator', 'sites', siteId, 'queries', queryId];

function pageCall(siteId: string, queryId: string, pageNumber: number, stream: boolean): HaloCall {
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
}

export async function createImmediateQuery(
  rc: RequestContext,
  siteId: string,
  request: ImmediateQueryRequest,
  options?: CallOptions,
): Promise<ImmediateQueryOutcome> {
  const call: HaloCall = {
    operationId: 'createImmediateQuery',
    method: 'POST',
    segments: ['integrator', 'sites', siteId, 'queries', 'immediate'],
    body: { json: request },
    siteId,
    retry: request.command.executionMode === 'nonQuery' ? 'never' : 'unsent-only',
    siteBound: true,
    creation: true,
  };
  try {
    return await immediateOutcome(rc, siteId, call, options);
  } catch (error) {
    // Halo offers no way to find an immediate query it may have run (no list, and the id comes in
    // the answer): a caller can only be told it may have run.
    throw creationFailure(error);
  }
}

async function immediateOutcome(
  rc: RequestContext,
  siteId: string,
  call: HaloCall,
  options: CallOptions | undefined,
): Promise<ImmediateQueryOutcome> {
  let res;
  try {
    res = await onPracticeServer(rc, siteId, () => rc.callJson(call, options));
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
}

export async function createAsyncQuery(
  rc: RequestContext,
  siteId: string,
  request: AsyncQueryRequest,
  options?: CallOptions,
): Promise<AsyncQueryInitialised> {
  const call: HaloCall = {
    operationId: 'createAsyncQuery',
    method: 'POST',
    segments: ['integrator', 'sites', siteId, 'queries', 'async'],
    body: { json: request },
    siteId,
    retry: 'never',
    siteBound: true,
    creation: true,
  };
  try {
    const res = await onPracticeServer(rc, siteId, () => rc.callJson(call, options));
    return expectBody<AsyncQueryInitialised>(call, res, isQuery, 'a query');
  } catch (error) {
    // As for immediate queries, Halo lists no async queries: what cannot be told is only said.
    throw creationFailure(error);
  }
}

export async function getQuery(
  rc: RequestContext,
  siteId: string,
  queryId: string,
  options?: CallOptions,
): Promise<Query> {
  const call: HaloCall = {
    operationId: 'getQuery',
    method: 'GET',
    segments: queryPath(siteId, queryId),
    siteId,
    retry: 'read',
    coalesce: true,
  };
  return expectBody<Query>(call, await rc.callJson(call, options), isQuery, 'a query');
}

export async function getQueryStatusBatch(
  rc: RequestContext,
  siteId: string,
  queryIds: readonly string[],
  options?: CallOptions,
): Promise<QueryStatusBatchResponse> {
  const call: HaloCall = {
    operationId: 'getQueryStatusBatch',
    method: 'POST',
    segments: ['integrator', 'sites', siteId, 'queries', 'status'],
    body: { json: { queryIds: [...queryIds] } },
    siteId,
    retry: 'read',
    coalesce: true,
  };
  return expectBody<QueryStatusBatchResponse>(call, await rc.callJson(call, options), isBatch, '{results: [...]}');
}

export async function getResultPage(
  rc: RequestContext,
  siteId: string,
  queryId: string,
  pageNumber: number,
  options?: CallOptions,
): Promise<ResultPage> {
  const call = pageCall(siteId, queryId, pageNumber, false);
  const res = await rc.callJson(call, options);
  const body = expectBody<ResultPageBody>(call, res, isPageBody, '{data, parameters}');
  return {
    pageNumber,
    body,
    size: numericHeader(res.headers['size']),
    rowsCount: numericHeader(res.headers['rows-count']),
    rowsRangeStart: numericHeader(res.headers['rows-range-start']),
    rowsRangeEnd: numericHeader(res.headers['rows-range-end']),
  };
}

export function streamResultPage(
  rc: RequestContext,
  siteId: string,
  queryId: string,
  pageNumber: number,
  options?: CallOptions,
): Promise<Readable> {
  return rc.stream(pageCall(siteId, queryId, pageNumber, true), options);
}

export async function readResultPage(
  rc: RequestContext,
  siteId: string,
  queryId: string,
  pageNumber: number,
  options?: CallOptions,
): Promise<DecodedResultPage> {
  const page = await getResultPage(rc, siteId, queryId, pageNumber, options);
  const data = 'data' in page.body ? page.body.data : undefined;
  const decoded =
    data === undefined
      ? { columns: [], rows: [] }
      : decodeOrThrow({ operationId: 'getResultPage', siteId }, 200, data.length, () => decodeResultData(data));
  const { body, ...meta } = page;
  return { ...meta, ...decoded, parameters: body.parameters ?? undefined };
}

/** Rows of a result as they are decoded: one or more batches per page, in page order. */
export interface ResultRowBatch {
  pageNumber: number;
  rows: ResultRow[];
  /** The last batch of its page (its rows may be empty). */
  pageEnd: boolean;
}

/** The two operations the row iterator is built on (a datasource, or a wrapper of one). */
export interface ResultRowSource {
  getQuery(siteId: string, queryId: string, options?: CallOptions): Promise<Query>;
  streamResultPage(siteId: string, queryId: string, pageNumber: number, options?: CallOptions): Promise<Readable>;
}

export async function* readResultRows(
  source: ResultRowSource,
  siteId: string,
  queryId: string,
  options?: CallOptions,
): AsyncGenerator<ResultRowBatch, void, undefined> {
  const location = resultLocation(siteId, await source.getQuery(siteId, queryId, options));
  if (location.kind === 'inline') {
    const { data } = location;
    const rows =
      data === undefined
        ? []
        : decodeOrThrow({ operationId: 'getQuery', siteId }, 200, data.length, () => decodeResultData(data).rows);
    yield { pageNumber: 1, rows, pageEnd: true };
    return;
  }
  const ctx = { operationId: 'streamResultPage', siteId } as const;
  for (const pageNumber of location.pageNumbers) {
    // The page's bytes are read off the socket at once (the connection is not held while a slow
    // consumer writes), then decoded chunk by chunk as the consumer asks for rows.
    const body = await source.streamResultPage(siteId, queryId, pageNumber, options);
    const chunks: Array<Buffer | undefined> = [];
    try {
      for await (const chunk of body) chunks.push(chunk as Buffer);
    } finally {
      body.destroy();
    }
    const decoder = new StreamedRowsDecoder();
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i]!;
      chunks[i] = undefined; // let each chunk go once decoded
      const rows = decodeOrThrow(ctx, 200, decoder.bytes, () => decoder.push(chunk));
      if (rows.length > 0) yield { pageNumber, rows, pageEnd: false };
    }
    yield { pageNumber, rows: decodeOrThrow(ctx, 200, decoder.bytes, () => decoder.end()), pageEnd: true };
  }
}
