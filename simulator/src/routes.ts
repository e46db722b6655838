import { handleFhir } from './fhir/handle.js';
import { PAIRING_CODE, PMS_NAME_TO_TYPE, type PracticeManagementName } from './fixtures.js';
import { SimHttpError, badRequest, forbidden, notFound } from './errors.js';
import { HALO_MESSAGES, INFERRED } from './inferred.js';
import { byteLength, encodeOutputParameters, toBase64 } from './results.js';
import type { QueryRecord, SimState, SiteState } from './state.js';
import { optionalInt, parseCommand, requireObjectBody } from './validate.js';
import { isGuid } from '../../src/lib/guid.js';
import { isRecord } from '../../src/lib/records.js';
import { queryToWire, registeredResultToWire, registeredToWire, siteToWire } from './wire.js';

/** What a handler answers: a JSON body, no body, or a chunked stream of a string. */
export type RouteResult =
  | { status: number; body: unknown; headers?: Record<string, string> }
  | { status: number; empty: true }
  | { status: number; stream: string; headers?: Record<string, string> };

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  rawBodyBytes: number;
  /** The raw body as text, for form-encoded FHIR searches. */
  rawBody?: string;
  /** This server's origin as the client reached it, for absolute links. */
  baseUrl: string;
  state: SimState;
}

export interface Route {
  method: string;
  /** Path segments; `{name}` captures one segment, `{name*}` captures the rest. */
  pattern: string[];
  operationId: string;
  /** Site-scoped operations that send work to the practice (refused on non-authoritative sites). */
  queriesSite?: boolean;
  handler: (ctx: RouteContext) => RouteResult;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): RouteResult =>
  headers ? { status, body, headers } : { status, body };

function siteOf(ctx: RouteContext): SiteState {
  return ctx.state.sites.get(ctx.params.siteId!)!;
}

function queryOf(ctx: RouteContext): QueryRecord {
  const id = ctx.params.queryId!;
  if (!isGuid(id)) throw badRequest('Query ID must be a valid GUID.');
  const q = ctx.state.queries.get(id);
  if (!q || q.siteId !== ctx.params.siteId) throw notFound('Query not found.');
  return q;
}

function registeredOf(ctx: RouteContext) {
  const id = ctx.params.queryId!;
  if (!isGuid(id)) throw badRequest('Registered query ID must be a valid GUID.');
  const r = ctx.state.registered.get(id);
  if (!r || r.siteId !== ctx.params.siteId) throw notFound('Registered query not found.');
  return r;
}

function pairSite(ctx: RouteContext): RouteResult {
  const pmsSiteId = ctx.query.get('practiceManagementSiteId');
  const pmsName = ctx.query.get('practiceManagementName');
  if (!pmsSiteId) throw badRequest('practiceManagementSiteId is required.');
  if (!pmsName || !(pmsName in PMS_NAME_TO_TYPE))
    throw badRequest('practiceManagementName must be one of: Best Practice, Zedmed, D4w.');
  const pmsType = PMS_NAME_TO_TYPE[pmsName as PracticeManagementName];
  const code = ctx.query.get('pairingCode');
  if (pmsType === 'BestPractice' && !code) throw badRequest('pairingCode is required for Best Practice sites.');
  const candidates = [...ctx.state.sites.values()].filter(
    (s) => s.fixture.pmsType === pmsType && s.fixture.pmsSiteId === pmsSiteId,
  );
  const site = candidates.find((s) => s.fixture.authoritative) ?? candidates[0];
  if (!site) throw notFound('No site was found for that practice management site ID.');
  if (pmsType === 'BestPractice' && code !== PAIRING_CODE) {
    throw new SimHttpError(INFERRED.wrongPairingCodeStatus, 'The pairing code is not valid for this practice.');
  }
  site.paired = true;
  return json(200, siteToWire(site, ctx.state.clock.now()));
}

function getSites(ctx: RouteContext): RouteResult {
  const pmsSiteId = ctx.query.get('practiceManagementSiteId');
  const pmsName = ctx.query.get('practiceManagementName');
  if (!pmsSiteId) throw badRequest('practiceManagementSiteId is required.');
  if (!pmsName || !(pmsName in PMS_NAME_TO_TYPE))
    throw badRequest('practiceManagementName must be one of: Best Practice, Zedmed, D4w.');
  const pmsType = PMS_NAME_TO_TYPE[pmsName as PracticeManagementName];
  const now = ctx.state.clock.now();
  const sites = [...ctx.state.sites.values()]
    .filter((s) => s.fixture.pmsType === pmsType && s.fixture.pmsSiteId === pmsSiteId)
    .map((s) => siteToWire(s, now));
  return json(200, { sites });
}

interface QueryInput {
  command: ReturnType<typeof parseCommand>;
  maxTimeInQueue: number;
  catalogue?: string;
}

function parseQueryInput(ctx: RouteContext, maxQueue: number, defaultQueue: number): QueryInput {
  const body = requireObjectBody(ctx.body);
  const command = parseCommand(body.command);
  const maxTimeInQueue = optionalInt(body.maxTimeInQueue, 'maxTimeInQueue', 0, maxQueue, defaultQueue);
  const input: QueryInput = { command, maxTimeInQueue };
  if (body.catalogue !== undefined && body.catalogue !== null) {
    if (typeof body.catalogue !== 'string') throw badRequest('catalogue must be a string.');
    if (!ctx.state.hasCatalogue(siteOf(ctx), body.catalogue))
      throw badRequest('The catalogue does not exist on this site.');
    input.catalogue = body.catalogue;
  }
  return input;
}

function createImmediateQuery(ctx: RouteContext): RouteResult {
  const input = parseQueryInput(ctx, 60_000, 30_000);
  const site = siteOf(ctx);
  if (site.availability === 'offline') throw new SimHttpError(503, HALO_MESSAGES.siteOffline);
  if (site.availability === 'unreachable') throw new SimHttpError(504, HALO_MESSAGES.siteUnreachable);
  const state = ctx.state;
  const q = state.newQuery(site, 'immediate', {
    maxTimeInQueue: input.maxTimeInQueue,
    commandSize: byteLength(input.command.text),
    requestSize: ctx.rawBodyBytes,
    command: input.command,
    ...(input.catalogue !== undefined ? { catalogue: input.catalogue } : {}),
  });
  const start = state.clock.now();
  q.timing.executing = { startTime: start };
  const outcome = state.execute(site, input.command, input.catalogue);
  q.timing.initialising!.endTime = start;
  q.timing.executing.endTime = start + outcome.ms;
  q.updatedAt = start + outcome.ms;
  q.completedAt = q.updatedAt;
  delete q.command;
  if ('error' in outcome) {
    q.status = 'executionFailed';
    q.errorDetails = outcome.error;
    return json(400, queryToWire(q));
  }
  q.sqlExecutionDuration = outcome.ms;
  state.storeResult(q, outcome.result);
  if ((q.resultBytes ?? 0) > INFERRED.immediateResultLimitBytes) {
    q.status = 'executionFailed';
    q.errorDetails = { errorType: 'http', errorCode: 413, errorMessage: HALO_MESSAGES.tooLarge };
    q.pages = [];
    q.resultBytes = 0;
    return json(413, queryToWire(q));
  }
  q.status = 'successful';
  q.timing.uploading = { startTime: q.updatedAt };
  return json(200, queryToWire(q));
}

function createAsyncQuery(ctx: RouteContext): RouteResult {
  const input = parseQueryInput(ctx, 7_200_000, 3_600_000);
  const site = siteOf(ctx);
  const q = ctx.state.newQuery(site, 'async', {
    maxTimeInQueue: input.maxTimeInQueue,
    commandSize: byteLength(input.command.text),
    requestSize: ctx.rawBodyBytes,
    command: input.command,
    ...(input.catalogue !== undefined ? { catalogue: input.catalogue } : {}),
  });
  const body = queryToWire(q);
  ctx.state.submitAsync(q);
  return json(201, body);
}

function getQuery(ctx: RouteContext): RouteResult {
  return json(200, queryToWire(queryOf(ctx)));
}

function getQueryStatusBatch(ctx: RouteContext): RouteResult {
  const body = requireObjectBody(ctx.body);
  const ids = body.queryIds;
  if (!Array.isArray(ids)) throw badRequest('queryIds is required and must be an array.');
  if (ids.length > INFERRED.maxBatchQueryIds)
    throw badRequest(`queryIds may hold at most ${INFERRED.maxBatchQueryIds} ids.`);
  const results = ids.map((id: unknown) => {
    if (typeof id !== 'string' || !isGuid(id)) throw badRequest('Every queryId must be a valid GUID.');
    const q = ctx.state.queries.get(id);
    return q && q.siteId === ctx.params.siteId
      ? { queryId: id, status: 'found', query: queryToWire(q) }
      : { queryId: id, status: 'notFound' };
  });
  return json(200, { results });
}

function pageOf(ctx: RouteContext) {
  const q = queryOf(ctx);
  const raw = ctx.params.pageNumber!;
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1) throw badRequest('pageNumber must be an integer of at least 1.');
  if (q.expired) throw new SimHttpError(410, HALO_MESSAGES.gone);
  if (q.mode !== 'async' || (q.status !== 'successful' && q.status !== 'uploading'))
    throw notFound('The query has no result pages.');
  const page = q.pages[n - 1];
  if (!page) throw notFound('Page not found.');
  if (page.status !== 'cached') throw new SimHttpError(INFERRED.pageNotReadyStatus, 'Page is not available yet.');
  return { q, page };
}

function getResultPage(ctx: RouteContext): RouteResult {
  const { q, page } = pageOf(ctx);
  const parameters = q.outputParameters.length > 0 ? { parameters: encodeOutputParameters(q.outputParameters) } : {};
  const headers = {
    Size: String(page.size),
    'Rows-Count': String(page.count),
    'Rows-Range-Start': String(page.rangeStart),
    'Rows-Range-End': String(page.rangeEnd),
  };
  if (q.executionMode === 'nonQuery') return json(200, parameters, headers);
  return json(200, { data: toBase64(page.json), ...parameters }, headers);
}

function streamResultPage(ctx: RouteContext): RouteResult {
  const { q, page } = pageOf(ctx);
  return {
    status: 200,
    stream: q.executionMode === 'nonQuery' ? '[]' : page.json,
    headers: { Size: String(page.size), 'Rows-Count': String(page.count) },
  };
}

function createRegisteredQuery(ctx: RouteContext): RouteResult {
  const body = requireObjectBody(ctx.body);
  if (typeof body.name !== 'string' || body.name.trim() === '') throw badRequest('name is required.');
  if (body.registeredQueryType !== 'query') throw badRequest('registeredQueryType must be "query".');
  if (typeof body.frequency !== 'number' || !Number.isInteger(body.frequency) || body.frequency < 60) {
    throw badRequest('frequency must be an integer number of seconds, at least 60.');
  }
  if (
    typeof body.duration !== 'number' ||
    !Number.isInteger(body.duration) ||
    body.duration < 1 ||
    body.duration > 86_400
  ) {
    throw badRequest('duration must be an integer number of seconds between 1 and 86400.');
  }
  if (!isRecord(body.registerCommand)) throw badRequest('registerCommand is required.');
  const command = parseCommand(body.registerCommand.command, 'registerCommand.command');
  const r = ctx.state.createRegistered(siteOf(ctx), {
    name: body.name,
    frequency: body.frequency,
    duration: body.duration,
    command,
    requestSize: ctx.rawBodyBytes,
  });
  return json(202, { id: r.id });
}

function getRegisteredQueries(ctx: RouteContext): RouteResult {
  const registeredQueries = [...ctx.state.registered.values()]
    .filter((r) => r.siteId === ctx.params.siteId)
    .map(registeredToWire);
  return json(200, { registeredQueries });
}

function getRegisteredQueryResult(ctx: RouteContext): RouteResult {
  const body = registeredResultToWire(registeredOf(ctx));
  if (!body) throw notFound('The registered query has no result yet.');
  return json(200, body);
}

function cancelRegisteredQuery(ctx: RouteContext): RouteResult {
  ctx.state.cancelRegistered(registeredOf(ctx));
  return { status: 204, empty: true };
}

function fhir(ctx: RouteContext, method: 'GET' | 'POST'): RouteResult {
  const site = siteOf(ctx);
  const db = site.databases.get(site.fixture.catalogues.find((c) => c.isDefault)?.name ?? '');
  const path = method === 'GET' ? ctx.params.fhirParameters! : ctx.params.resource!;
  const params = method === 'GET' ? ctx.query : new URLSearchParams(ctx.rawBody ?? '');
  const res = handleFhir({
    method,
    path,
    params,
    site: site.fixture,
    db: db!,
    availability: site.availability,
    baseUrl: `${ctx.baseUrl}/integrator/sites/${site.fixture.id}/fhir/R4`,
    now: () => ctx.state.clock.date(),
  });
  return { status: res.status, body: res.body, headers: { 'content-type': 'application/fhir+json; charset=utf-8' } };
}

const S = ['integrator', 'sites', '{siteId}'];
const Q = [...S, 'queries'];

export const ROUTES: readonly Route[] = [
  { method: 'POST', pattern: ['integrator', 'pair-site'], operationId: 'Integrator_PairSite', handler: pairSite },
  { method: 'POST', pattern: ['integrator', 'pairSite'], operationId: 'pairSite', handler: pairSite },
  { method: 'GET', pattern: ['integrator', 'sites'], operationId: 'getSites', handler: getSites },
  {
    method: 'GET',
    pattern: S,
    operationId: 'getSite',
    handler: (ctx) => json(200, siteToWire(siteOf(ctx), ctx.state.clock.now())),
  },
  {
    method: 'POST',
    pattern: [...Q, 'immediate'],
    operationId: 'createImmediateQuery',
    queriesSite: true,
    handler: createImmediateQuery,
  },
  {
    method: 'POST',
    pattern: [...Q, 'async'],
    operationId: 'createAsyncQuery',
    queriesSite: true,
    handler: createAsyncQuery,
  },
  {
    method: 'POST',
    pattern: [...Q, 'status'],
    operationId: 'getQueryStatusBatch',
    queriesSite: true,
    handler: getQueryStatusBatch,
  },
  {
    method: 'POST',
    pattern: [...Q, 'registered'],
    operationId: 'createRegisteredQuery',
    queriesSite: true,
    handler: createRegisteredQuery,
  },
  {
    method: 'GET',
    pattern: [...Q, 'registered'],
    operationId: 'getRegisteredQueries',
    queriesSite: true,
    handler: getRegisteredQueries,
  },
  {
    method: 'GET',
    pattern: [...Q, 'registered', '{queryId}'],
    operationId: 'getRegisteredQuery',
    queriesSite: true,
    handler: (ctx) => json(200, registeredToWire(registeredOf(ctx))),
  },
  {
    method: 'DELETE',
    pattern: [...Q, 'registered', '{queryId}'],
    operationId: 'cancelRegisteredQuery',
    queriesSite: true,
    handler: cancelRegisteredQuery,
  },
  {
    method: 'GET',
    pattern: [...Q, 'registered', '{queryId}', 'results'],
    operationId: 'getRegisteredQueryResult',
    queriesSite: true,
    handler: getRegisteredQueryResult,
  },
  { method: 'GET', pattern: [...Q, '{queryId}'], operationId: 'getQuery', queriesSite: true, handler: getQuery },
  {
    method: 'GET',
    pattern: [...Q, '{queryId}', 'results', '{pageNumber}'],
    operationId: 'getResultPage',
    queriesSite: true,
    handler: getResultPage,
  },
  {
    method: 'GET',
    pattern: [...Q, '{queryId}', 'results', '{pageNumber}', 'stream'],
    operationId: 'streamResultPage',
    queriesSite: true,
    handler: streamResultPage,
  },
  {
    method: 'POST',
    pattern: [...S, 'fhir', 'R4', '{resource}', '_search'],
    operationId: 'postFhirSearch',
    queriesSite: true,
    handler: (ctx) => fhir(ctx, 'POST'),
  },
  {
    method: 'GET',
    pattern: [...S, 'fhir', 'R4', '{fhirParameters*}'],
    operationId: 'getFhirQuery',
    queriesSite: true,
    handler: (ctx) => fhir(ctx, 'GET'),
  },
];

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Matches decoded path segments against the table; literal segments win by table order. */
export function matchRoute(method: string, segments: readonly string[]): RouteMatch | 'method-not-allowed' | undefined {
  let pathMatched = false;
  for (const route of ROUTES) {
    const params = matchPattern(route.pattern, segments);
    if (!params) continue;
    if (route.method !== method) {
      pathMatched = true;
      continue;
    }
    return { route, params };
  }
  return pathMatched ? 'method-not-allowed' : undefined;
}

function matchPattern(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p.endsWith('*}')) {
      if (i >= segments.length) return undefined;
      params[p.slice(1, -2)] = segments.slice(i).join('/');
      return params;
    }
    const s = segments[i];
    if (s === undefined) return undefined;
    if (p.startsWith('{')) {
      if (s === '') return undefined;
      params[p.slice(1, -1)] = s;
    } else if (p !== s) return undefined;
  }
  return segments.length === pattern.length ? params : undefined;
}

export { forbidden };
