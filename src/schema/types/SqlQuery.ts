import { clearAllDataLoaders } from '@pothos/plugin-dataloader';
import { getDirectiveValues, type GraphQLResolveInfo } from 'graphql';
import { toInstant } from '../../lib/instant.js';
import { builder } from '../builder.js';
import { apiError, badUserInput, toApiError, upstream } from '../../errors/api-errors.js';
import { enumName, QueryMode, QueryStatus } from '../enums.js';
import { requireGuid, siteScopedKey, splitSiteScopedKey } from '../ids.js';
import { DateTime, JSONScalar } from '../scalars.js';
import { QueryError, type QueryErrorShape } from './QueryError.js';
import { loadPage, ResultPage, type ResultPageShape } from './ResultPage.js';
import { commandInputFields, SqlParameter, toCommandParameters } from './SqlParameter.js';
import { StatusTiming } from './StatusTiming.js';
import { decodeResultData } from '../../datasources/result-data.js';
import { isHaloApiError } from '../../datasources/halo-error.js';
import { RESULT_RETENTION_MS, TERMINAL_QUERY_STATUSES } from '../../datasources/query-status.js';
import type { DecodedQuery, QueryPhase, ResultRow, WireQuery } from '../../datasources/types.js';
import type { Context } from '../../request/context.js';

/** Halo's query bodies are a union of per-status schemas; read them through one structural view. */
export const toSqlQuery = (query: object, rows?: ResultRow[], reused?: boolean): DecodedQuery => ({
  query: query as WireQuery,
  ...(rows ? { rows } : {}),
  ...(reused ? { reused } : {}),
});

/**
 * Halo sends no errorDetails for these failed statuses (the status itself is the reason), yet a
 * failed query always carries its `error` (API.md): say what the status means.
 */
const STATUS_ERRORS: Readonly<Record<string, QueryErrorShape>> = {
  expiredInQueue: {
    errorType: 'haloLink',
    errorMessage: 'The query waited in the queue longer than maxTimeInQueueMs and was not run.',
  },
  initialisationFailedSiteOffline: {
    errorType: 'haloLink',
    errorMessage: 'The practice was offline: the query was not run.',
  },
  initialisationFailedSiteUnreachable: {
    errorType: 'haloLink',
    errorMessage: 'The practice server could not be reached: the query was not run.',
  },
  initialisationFailedCacheError: {
    errorType: 'haloLink',
    errorMessage: 'Halo could not initialise the query (cache error): it was not run.',
  },
};
const PHASES: readonly QueryPhase[] = ['initialising', 'queued', 'executing', 'downloading', 'uploading'];
const MAX_BATCH = 100;

async function loadQueries(keys: string[], ctx: Context): Promise<Array<DecodedQuery | Error>> {
  const bySite = new Map<string, string[]>();
  for (const key of keys) {
    const [siteId, id] = splitSiteScopedKey(key);
    const ids = bySite.get(siteId) ?? [];
    if (!ids.includes(id)) ids.push(id);
    bySite.set(siteId, ids);
  }
  const found = new Map<string, DecodedQuery | Error>();
  // One batch-status call per site (per 100 ids), all sites in parallel.
  await Promise.all(
    [...bySite].flatMap(([siteId, ids]) => {
      const chunks: string[][] = [];
      for (let i = 0; i < ids.length; i += MAX_BATCH) chunks.push(ids.slice(i, i + MAX_BATCH));
      return chunks.map(async (chunk) => {
        try {
          const res = await ctx.halo.getQueryStatusBatch(siteId, chunk);
          for (const r of res.results ?? []) {
            if (r.status === 'found' && r.query) found.set(siteScopedKey(siteId, r.queryId), toSqlQuery(r.query));
          }
        } catch (err) {
          const error = toApiError(err);
          for (const id of chunk) found.set(siteScopedKey(siteId, id), error);
        }
      });
    }),
  );
  return keys.map((key) => found.get(key) ?? apiError('NOT_FOUND', 'Query not found.'));
}

function immediateRows(q: DecodedQuery): ResultRow[] | null {
  if (q.rows) return q.rows;
  const data = q.query.result?.data;
  if (typeof data !== 'string') return null;
  try {
    return decodeResultData(data).rows;
  } catch {
    throw apiError('UPSTREAM_ERROR');
  }
}

/** Every row of a successful async query, page by page, so `@stream` can send each page as it arrives. */
async function* asyncRows(q: DecodedQuery, ctx: Context): AsyncGenerator<ResultRow> {
  for (const pageNumber of pageNumbers(q)) {
    const decoded = await loadPage(ctx, q.query.siteId, q.query.id, pageNumber);
    yield* decoded.rows;
  }
}

/**
 * Every row of a successful async query as one list, for an operation that does not stream it:
 * the pages' arrays are joined, with the next page already requested while one is decoded.
 */
async function allRows(q: DecodedQuery, ctx: Context): Promise<ResultRow[]> {
  const numbers = pageNumbers(q);
  const load = (i: number) => {
    const page = loadPage(ctx, q.query.siteId, q.query.id, numbers[i]!);
    // Awaited below unless an earlier page fails first: never an unhandled rejection meanwhile.
    page.catch(() => undefined);
    return page;
  };
  const pages: ResultRow[][] = [];
  let next = numbers.length > 0 ? load(0) : undefined;
  for (let i = 0; next; i++) {
    const current = next;
    next = i + 1 < numbers.length ? load(i + 1) : undefined;
    pages.push((await current).rows);
  }
  return pages.length === 1 ? pages[0]! : ([] as ResultRow[]).concat(...pages);
}

/** The query's result pages, as Halo last listed them. */
const resultPages = (q: DecodedQuery): ResultPageShape[] =>
  (q.query.result?.pages ?? []).flatMap((p) =>
    p.pageNumber === undefined
      ? []
      : [
          {
            siteId: q.query.siteId,
            queryId: q.query.id,
            pageNumber: p.pageNumber,
            status: p.status ?? 'queued',
            size: p.size,
            count: p.rows?.count,
            rangeStart: p.rows?.rangeStart,
            rangeEnd: p.rows?.rangeEnd,
          },
        ],
  );

/** Page `number` of the result; BAD_USER_INPUT (on `number`) saying why there is none. */
function resultPage(q: DecodedQuery, number: number): ResultPageShape {
  const pages = resultPages(q);
  const page = pages.find((p) => p.pageNumber === number);
  if (page) return page;
  const argument = { argument: 'number', pageCount: pages.length };
  if (q.query.mode === 'immediate')
    throw badUserInput('An immediate query has no result pages: its rows come with it (SqlQuery.rows).', argument);
  if (number < 1) throw badUserInput('Result pages are numbered from 1.', argument);
  if (pages.length === 0)
    throw badUserInput(`This query has no result pages (status ${enumName(q.query.status)}).`, argument);
  throw badUserInput(
    `There is no page ${number}: this result has ${pages.length} page${pages.length === 1 ? '' : 's'}.`,
    argument,
  );
}

/** Halo's retention after completion (inferred: RESULT_RETENTION_MS); null when there is nothing to expire. */
function expiresAt(q: DecodedQuery): string | null {
  if (q.query.mode !== 'async' || q.query.status !== 'successful' || !q.query.completedAt) return null;
  const completed = Date.parse(toInstant(q.query.completedAt) ?? '');
  return Number.isNaN(completed) ? null : new Date(completed + RESULT_RETENTION_MS).toISOString();
}

const pageNumbers = (q: DecodedQuery): number[] =>
  (q.query.result?.pages ?? []).flatMap((p) => (p.pageNumber === undefined ? [] : [p.pageNumber]));

/** Whether the field is under an active `@stream` (its `if` argument, when given, is not false). */
function isStreamed(info: GraphQLResolveInfo): boolean {
  const stream = info.schema.getDirective('stream');
  return (
    stream != null &&
    info.fieldNodes.some((node) => {
      const values = getDirectiveValues(stream, node, info.variableValues);
      return values !== undefined && values['if'] !== false;
    })
  );
}

export const SqlQuery = builder.loadableObject('SqlQuery', {
  description: 'An immediate or async SQL query on a practice database, in its current status.',
  load: loadQueries,
  fields: (t) => ({
    id: t.id({
      description: "Halo's GUID of the query (unique across sites): pass it to sqlQuery and queryStatusChanged.",
      resolve: (q) => q.query.id,
    }),
    siteId: t.id({ description: 'The Halo GUID of the site it runs on.', resolve: (q) => q.query.siteId }),
    mode: t.field({ description: 'Immediate or async.', type: QueryMode, resolve: (q) => q.query.mode }),
    status: t.field({
      description: 'Where it is in its lifecycle.',
      type: QueryStatus,
      resolve: (q) => q.query.status as never,
    }),
    isTerminal: t.boolean({
      description: 'True once the status can no longer change.',
      resolve: (q) => TERMINAL_QUERY_STATUSES.has(q.query.status),
    }),
    createdAt: t.field({ description: 'When it was submitted.', type: DateTime, resolve: (q) => q.query.createdAt }),
    updatedAt: t.field({
      description: 'When its state last changed.',
      type: DateTime,
      resolve: (q) => q.query.updatedAt,
    }),
    completedAt: t.field({
      description: 'When it reached a terminal status.',
      type: DateTime,
      nullable: true,
      resolve: (q) => q.query.completedAt ?? null,
    }),
    maxTimeInQueueMs: t.int({
      description: 'How long it may wait on the practice server before it expires, in milliseconds.',
      resolve: (q) => q.query.maxTimeInQueue,
    }),
    timings: t.field({
      description: "When it entered and left each phase, in lifecycle order (from Halo's statusTiming).",
      type: [StatusTiming],
      resolve: (q) =>
        PHASES.flatMap((phase) => {
          const timing = q.query.statusTiming?.[phase];
          return timing ? [{ phase, startTime: timing.startTime, endTime: timing.endTime }] : [];
        }),
    }),
    sqlExecutionDurationMs: t.int({
      description: 'How long the database took, in milliseconds (from Halo Link sending it to the answer).',
      nullable: true,
      resolve: (q) => q.query.metrics?.sqlExecutionDuration ?? null,
    }),
    rowCount: t.int({
      description: 'Rows in the result (READER, SCALAR); null until known.',
      nullable: true,
      resolve: (q) => q.query.result?.rows ?? (q.rows ? q.rows.length : null),
    }),
    rowsAffected: t.int({
      description: 'Rows written (NON_QUERY); null otherwise.',
      nullable: true,
      resolve: (q) => q.query.result?.rowsAffected ?? null,
    }),
    resultSizeBytes: t.int({
      description: 'Size of the whole result, in bytes of JSON.',
      nullable: true,
      resolve: (q) => q.query.resultSize ?? q.query.result?.size ?? null,
    }),
    error: t.field({
      type: QueryError,
      nullable: true,
      description:
        'Why the query failed: set for every failed status (EXECUTION_FAILED, UPLOAD_FAILED, EXPIRED_IN_QUEUE, INITIALISATION_FAILED_…), null otherwise.',
      resolve: (q) =>
        q.query.errorDetails ??
        (q.query.errorCode !== undefined || q.query.errorMessage !== undefined
          ? {
              ...(q.query.errorCode !== undefined ? { errorCode: q.query.errorCode } : {}),
              ...(q.query.errorMessage !== undefined ? { errorMessage: q.query.errorMessage } : {}),
            }
          : (STATUS_ERRORS[q.query.status] ?? null)),
    }),
    outputParameters: t.field({
      description: 'Output, inputOutput and returnValue parameters after execution.',
      type: [SqlParameter],
      nullable: true,
      resolve: (q) => q.query.result?.parameters ?? null,
    }),
    rows: t.field({
      type: [JSONScalar],
      nullable: true,
      description:
        "The decoded rows: an immediate query's answer, or every page of a successful async query (use @stream to receive them page by page). Null until the query succeeded.",
      resolve: (q, _args, ctx, info) => {
        if (q.query.mode === 'immediate') return immediateRows(q);
        if (q.query.status !== 'successful') return null;
        // Under @stream, an AsyncIterable list: yoga's executor sends it item by item as pages arrive.
        // Otherwise a plain array: an async step per row would only slow the whole list down.
        return isStreamed(info) ? (asyncRows(q, ctx) as unknown as ResultRow[]) : allRows(q, ctx);
      },
    }),
    pages: t.field({
      type: [ResultPage],
      description:
        "An async query's result pages (about 1 MB each), listed from UPLOADING on; empty before, and for an immediate query.",
      resolve: resultPages,
    }),
    page: t.field({
      type: ResultPage,
      nullable: true,
      description:
        'One result page by number, alone. BAD_USER_INPUT (on number, with extensions.pageCount) when the result has no such page.',
      args: { number: t.arg.int({ required: true, description: 'The page number, from 1 (pages.pageNumber).' }) },
      resolve: (q, { number }) => resultPage(q, number),
    }),
    reused: t.boolean({
      description:
        "True when this is an identical immediate query's answer served again (runImmediateQuery with maxAgeSeconds: same site, SQL, parameters, mode and catalogue, from a client with the same permissions, answered within that many seconds, or in flight at the time) instead of a new billed Halo query. The id, rows and status are that answer's.",
      resolve: (q) => q.reused === true,
    }),
    expiresAt: t.field({
      type: DateTime,
      nullable: true,
      description:
        "When Halo drops a successful async query's result: about 24 hours after completedAt (Halo's documented retention; the exact figure is inferred). Reading rows or pages after it answers RESULT_EXPIRED: run the query again. Null for other queries.",
      resolve: expiresAt,
    }),
  }),
});

const RunQueryInput = builder.inputType('RunQueryInput', {
  description: 'A SQL command and the site to run it on.',
  fields: (t) => ({
    siteId: t.id({ required: true, description: 'The Halo GUID of the site.' }),
    ...commandInputFields(t),
    catalogue: t.string({ description: "A database name from the site's catalogues; the default one when omitted." }),
    maxTimeInQueueMs: t.int({
      description:
        'How long the query may wait on the practice server before it expires, in milliseconds. Immediate: 0–60,000 (default 30,000). Async: 0–7,200,000 (default 3,600,000).',
    }),
    maxAgeSeconds: t.int({
      description: `runImmediateQuery only, READER or SCALAR text: serve an identical query's answer (same site, SQL, parameters, mode and catalogue, asked by a client with the same permissions) given within this many seconds, or share the identical call in flight, instead of sending a new billed query (SqlQuery.reused says so). 1 to ${MAX_AGE_SECONDS.toLocaleString('en')}; null or 0: always a new query. Answers are kept this long at most, by this process (bounded in bytes) and, with Redis, shared by the replicas.`,
    }),
    idempotencyKey: t.string({
      description:
        'Any 1–128 printable ASCII characters you choose per intent. The same key from the same client within 24 hours returns the first answer (the same query, read again; or waits for it while it is in flight) instead of sending a second billed query to Halo. The same key with different input is BAD_USER_INPUT.',
    }),
  }),
});

type RunQueryArgs = typeof RunQueryInput.$inferInput;

/** The longest `maxAgeSeconds` (a day, as a named query's). */
const MAX_AGE_SECONDS = 86_400;

/** `input.maxAgeSeconds` checked: a whole number of seconds for a READER or SCALAR text query (writes are never reused). */
function maxAgeOf(input: RunQueryArgs): number | undefined {
  const maxAge = input.maxAgeSeconds;
  if (maxAge === null || maxAge === undefined || maxAge === 0) return undefined;
  if (maxAge < 0 || maxAge > MAX_AGE_SECONDS)
    throw badUserInput(`maxAgeSeconds must be between 0 and ${MAX_AGE_SECONDS}.`, { argument: 'maxAgeSeconds' });
  if (input.executionMode === 'nonQuery' || input.commandType === 'storedProcedure')
    throw badUserInput(
      'maxAgeSeconds applies to READER and SCALAR text queries only: a write or a stored procedure is always sent.',
      {
        argument: 'maxAgeSeconds',
      },
    );
  return maxAge;
}

/**
 * The Halo command for `input`, its arguments checked. Who may send it (the site, the permission,
 * writes, the SQL guard) is the request's datasource's to check (src/auth/policy.ts).
 */
function toCommand(input: RunQueryArgs, maxQueue: number) {
  const siteId = requireGuid(input.siteId, 'siteId');
  if (input.sql.trim() === '') throw badUserInput('sql must not be empty.');
  if (input.sql.length > 1_000_000) throw badUserInput('sql is longer than 1,000,000 characters.');
  const executionMode = input.executionMode ?? 'reader';
  if (
    input.maxTimeInQueueMs !== null &&
    input.maxTimeInQueueMs !== undefined &&
    (input.maxTimeInQueueMs < 0 || input.maxTimeInQueueMs > maxQueue)
  ) {
    throw badUserInput(`maxTimeInQueueMs must be between 0 and ${maxQueue}.`);
  }
  const parameters = toCommandParameters(input.parameters);
  return {
    siteId,
    request: {
      command: {
        text: input.sql,
        executionMode,
        type: input.commandType ?? 'text',
        ...(parameters ? { parameters } : {}),
      },
      ...(input.maxTimeInQueueMs !== null && input.maxTimeInQueueMs !== undefined
        ? { maxTimeInQueue: input.maxTimeInQueueMs }
        : {}),
      ...(input.catalogue ? { catalogue: input.catalogue } : {}),
    },
  };
}

/**
 * The first answer to an idempotency key, read again: the same query in its current state. An
 * immediate query Halo no longer has is RESULT_EXPIRED (the first answer cannot be given again).
 */
async function readAgain(ctx: Context, ref: { siteId: string; id: string }) {
  try {
    return toSqlQuery(await ctx.halo.getQuery(ref.siteId, ref.id));
  } catch (error) {
    if (isHaloApiError(error) && error.code === 'NOT_FOUND')
      throw apiError('RESULT_EXPIRED', 'The first answer to this idempotencyKey is no longer available from Halo.');
    throw toApiError(error);
  }
}

builder.queryFields((t) => ({
  sqlQuery: t.field({
    type: SqlQuery,
    nullable: true,
    description: 'A query by id. Several in one operation cost one batch-status call per site.',
    args: {
      siteId: t.arg.id({ required: true, description: 'The Halo GUID of the site.' }),
      id: t.arg.id({ required: true, description: "The query's Halo GUID (SqlQuery.id)." }),
    },
    resolve: (_root, args) => siteScopedKey(requireGuid(args.siteId, 'siteId'), requireGuid(args.id, 'id')),
  }),
}));

builder.mutationFields((t) => ({
  runImmediateQuery: t.field({
    type: SqlQuery,
    description:
      "Runs SQL on the practice database and waits for it (up to Halo's limits). A query that ran and failed is returned with status EXECUTION_FAILED and its error.",
    args: { input: t.arg({ type: RunQueryInput, required: true, description: 'The SQL and the site to run it on.' }) },
    resolve: async (_root, { input }, ctx) => {
      const { siteId, request } = toCommand(input, 60_000);
      const maxAge = maxAgeOf(input);
      const intent = ['runImmediateQuery', siteId, request, ...(maxAge ? [maxAge] : [])];
      return ctx.idempotent(input.idempotencyKey, intent, {
        create: async (halo) => {
          const { outcome, reused } = await upstream(halo.reuseImmediateQuery(siteId, request, maxAge));
          return outcome.kind === 'successful'
            ? toSqlQuery(outcome.query, outcome.rows, reused)
            : toSqlQuery(outcome.query, undefined, reused);
        },
        remember: (q) => ({ siteId, id: q.query.id }),
        replay: (ref) => readAgain(ctx, ref),
      });
    },
  }),
  submitAsyncQuery: t.field({
    type: SqlQuery,
    description:
      'Queues SQL on the practice database and returns at once (status INITIALISING). Watch it with queryStatusChanged or poll sqlQuery.',
    args: { input: t.arg({ type: RunQueryInput, required: true, description: 'The SQL and the site to run it on.' }) },
    resolve: async (_root, { input }, ctx) => {
      if (input.maxAgeSeconds)
        throw badUserInput('maxAgeSeconds applies to runImmediateQuery: an async query is always sent.', {
          argument: 'maxAgeSeconds',
        });
      const { siteId, request } = toCommand(input, 7_200_000);
      return ctx.idempotent(input.idempotencyKey, ['submitAsyncQuery', siteId, request], {
        create: async (halo) => toSqlQuery(await upstream(halo.createAsyncQuery(siteId, request))),
        remember: (q) => ({ siteId, id: q.query.id }),
        replay: (ref) => readAgain(ctx, ref),
      });
    },
  }),
}));

builder.subscriptionFields((t) => ({
  queryStatusChanged: t.field({
    type: SqlQuery,
    description:
      "An async (or immediate) query's current state at once, then every phase it passes, in lifecycle order and each once (a phase Halo's statusTiming recorded between two polls is sent too, with its times: updatedAt is when it began), and an event whenever a result page changes status while UPLOADING (page progress); completes after a terminal status. NOT_FOUND for an unknown query. All subscribers of one query share one upstream watcher.",
    args: {
      siteId: t.arg.id({ required: true, description: 'The Halo GUID of the site.' }),
      queryId: t.arg.id({ required: true, description: "The query's Halo GUID (SqlQuery.id)." }),
    },
    subscribe: (_root, args, ctx) =>
      ctx.live.queryStatus(requireGuid(args.siteId, 'siteId'), requireGuid(args.queryId, 'queryId'), ctx.signal),
    resolve: (event, _args, ctx) => {
      // The context lives as long as the subscription: loaders must not serve the previous event's data.
      clearAllDataLoaders(ctx);
      return event;
    },
  }),
}));

export { toCommand, RunQueryInput };
