/**
 * The plain-JSON fast path (src/graphql-fast-path.ts) must answer exactly as yoga does. Two apps
 * over one simulator, one with the fast path and one without, get the same requests over real HTTP;
 * status, headers and body must match (the request id and date aside), and the fast path must have
 * answered (or handed over) the ones it claims.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { responseMediaType } from '../src/http/graphql-fast-path.js';
import { createLogger } from '../src/observability/logging.js';
import { OnlineSite, ZedmedSite } from '../simulator/src/fixtures.js';
import { startSimulator, type Simulator } from '../simulator/src/server.js';
import { captureLines, CLIENTS, clientKeyEntries } from './security/harness.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request over node:http (fetch would add its own headers and normalise the body). */
function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/graphql`, { method: init.method ?? 'POST', headers: init.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** What must be equal: everything but the date and the (random) request id, which must be present. */
function comparable(answer: Answer): Answer {
  const { date: _date, 'x-request-id': requestId, ...headers } = answer.headers;
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  return { ...answer, headers };
}

const KEY = { authorization: `Bearer ${CLIENTS.admin.key}` };
const JSON_POST = { 'content-type': 'application/json', ...KEY };
const SITE = `query Site($id: ID!) { site(id: $id) { id practiceName } }`;
const body = (value: unknown) => JSON.stringify(value);

let sim: Simulator;
let fast: App;
let slow: App;
let fastUrl: string;
let slowUrl: string;
const fastLog = captureLines();
const slowLog = captureLines();

beforeAll(async () => {
  sim = await startSimulator({ port: 0, timeScale: 0 });
  const config = (log: ReturnType<typeof captureLines>) => ({
    haloApiUrl: sim.url,
    haloSubscriptionKey: sim.key,
    halo: { keepAliveTimeoutMs: 10 },
    logger: createLogger({ destination: log.stream }),
    security: {
      auth: { keys: clientKeyEntries() },
      // Two clients' worth of burst, so that the rate-limit case runs out on both apps alike.
      rateLimit: { ratePerSecond: 0.001, burst: 1_000 },
      limits: { maxAliases: 3 },
      maxBodyBytes: 4_096,
    },
  });
  fast = createApp(config(fastLog));
  slow = createApp({ ...config(slowLog), fastPath: false });
  fastUrl = (await fast.start(0)).url;
  slowUrl = (await slow.start(0)).url;
});

afterAll(async () => {
  await fast.stop();
  await slow.stop();
  await sim.stop();
});

beforeEach(() => {
  sim.reset();
});

const CASES: Array<{
  name: string;
  init: { method?: string; headers?: Record<string, string>; body?: string };
  path: 'answered' | 'handedOver' | 'yoga';
}> = [
  {
    name: 'a query, default Accept',
    init: { headers: JSON_POST, body: body({ query: SITE, variables: { id: OnlineSite.id } }) },
    path: 'answered',
  },
  {
    name: 'a query, Accept application/json',
    init: {
      headers: { ...JSON_POST, accept: 'application/json' },
      body: body({ query: SITE, variables: { id: OnlineSite.id } }),
    },
    path: 'answered',
  },
  {
    name: 'a query, Accept graphql-response+json',
    init: {
      headers: { ...JSON_POST, accept: 'application/graphql-response+json' },
      body: body({ query: SITE, variables: { id: OnlineSite.id } }),
    },
    path: 'answered',
  },
  {
    name: 'a query, Accept both with q-values and charset',
    init: {
      headers: { ...JSON_POST, accept: 'application/graphql-response+json; charset=utf-8, application/json;q=0.5' },
      body: body({ query: SITE, variables: { id: OnlineSite.id } }),
    },
    path: 'answered',
  },
  {
    name: 'a query, Accept */*',
    init: { headers: { ...JSON_POST, accept: '*/*' }, body: body({ query: '{ __typename }' }) },
    path: 'answered',
  },
  {
    name: 'content type with charset',
    init: {
      headers: { ...JSON_POST, 'content-type': 'application/json; charset=utf-8' },
      body: body({ query: '{ __typename }' }),
    },
    path: 'answered',
  },
  {
    name: 'operationName null, variables null, extensions {}',
    init: {
      headers: JSON_POST,
      body: body({ query: '{ __typename }', operationName: null, variables: null, extensions: {} }),
    },
    path: 'answered',
  },
  {
    name: 'an unknown site (SITE_NOT_FOUND in data errors)',
    init: {
      headers: JSON_POST,
      body: body({ query: SITE, variables: { id: '6f1d2c3b-0000-4000-8000-00000000dead' } }),
    },
    path: 'answered',
  },
  {
    name: 'a forbidden site for a narrow client',
    init: {
      headers: { ...JSON_POST, authorization: `Bearer ${CLIENTS.north.key}` },
      body: body({ query: SITE, variables: { id: ZedmedSite.id } }),
    },
    path: 'answered',
  },
  { name: 'a missing variable', init: { headers: JSON_POST, body: body({ query: SITE }) }, path: 'answered' },
  {
    name: 'a variable of the wrong type',
    init: { headers: JSON_POST, body: body({ query: SITE, variables: { id: 42.5 } }) },
    path: 'answered',
  },
  {
    name: 'a validation error (unknown field)',
    init: { headers: JSON_POST, body: body({ query: '{ nope }' }) },
    path: 'answered',
  },
  {
    name: 'a validation error, legacy JSON',
    init: { headers: { ...JSON_POST, accept: 'application/json' }, body: body({ query: '{ nope }' }) },
    path: 'answered',
  },
  { name: 'a parse error', init: { headers: JSON_POST, body: body({ query: '{ site(' }) }, path: 'answered' },
  { name: 'an empty query', init: { headers: JSON_POST, body: body({ query: '' }) }, path: 'answered' },
  {
    name: 'too many aliases',
    init: { headers: JSON_POST, body: body({ query: '{ a: __typename b: __typename c: __typename d: __typename }' }) },
    path: 'answered',
  },
  {
    name: 'an unknown operationName',
    init: { headers: JSON_POST, body: body({ query: 'query A { __typename }', operationName: 'B' }) },
    path: 'answered',
  },
  {
    name: 'two operations, none named',
    init: { headers: JSON_POST, body: body({ query: 'query A { __typename } query B { __typename }' }) },
    path: 'answered',
  },
  {
    name: 'no credentials (401)',
    init: { headers: { 'content-type': 'application/json' }, body: body({ query: '{ __typename }' }) },
    path: 'answered',
  },
  {
    name: 'an unknown key (401)',
    init: {
      headers: { 'content-type': 'application/json', 'x-api-key': 'not-a-key' },
      body: body({ query: '{ __typename }' }),
    },
    path: 'answered',
  },
  {
    name: 'a mutation the client may not run',
    init: {
      headers: { ...JSON_POST, authorization: `Bearer ${CLIENTS.north.key}` },
      body: body({
        query: 'mutation M($i: RunQueryInput!) { runImmediateQuery(input: $i) { status } }',
        variables: { i: { siteId: OnlineSite.id, sql: 'UPDATE Patients SET FirstName = 1' } },
      }),
    },
    path: 'answered',
  },
  { name: 'invalid JSON', init: { headers: JSON_POST, body: '{"query": "{ __typename }"' }, path: 'handedOver' },
  {
    name: 'a JSON array (batching is off)',
    init: { headers: JSON_POST, body: body([{ query: '{ __typename }' }]) },
    path: 'handedOver',
  },
  { name: 'an empty object', init: { headers: JSON_POST, body: '{}' }, path: 'handedOver' },
  { name: 'null', init: { headers: JSON_POST, body: 'null' }, path: 'handedOver' },
  {
    name: 'an unknown parameter',
    init: { headers: JSON_POST, body: body({ query: '{ __typename }', nope: 1 }) },
    path: 'handedOver',
  },
  {
    name: 'variables as a string',
    init: { headers: JSON_POST, body: body({ query: '{ __typename }', variables: '{}' }) },
    path: 'handedOver',
  },
  { name: 'query as a number', init: { headers: JSON_POST, body: body({ query: 1 }) }, path: 'handedOver' },
  {
    name: '@stream',
    init: {
      headers: JSON_POST,
      body: body({ query: `{ site(id: "${OnlineSite.id}") { registeredQueries(first: 2) @stream { __typename } } }` }),
    },
    path: 'handedOver',
  },
  {
    name: 'a subscription over POST',
    init: { headers: JSON_POST, body: body({ query: 'subscription { __typename }' }) },
    path: 'handedOver',
  },
  {
    name: 'Accept text/event-stream',
    init: { headers: { ...JSON_POST, accept: 'text/event-stream' }, body: body({ query: '{ __typename }' }) },
    path: 'yoga',
  },
  {
    name: 'Accept with another charset',
    init: {
      headers: { ...JSON_POST, accept: 'application/json; charset=iso-8859-1' },
      body: body({ query: '{ __typename }' }),
    },
    path: 'yoga',
  },
  {
    name: 'Accept text/html only',
    init: { headers: { ...JSON_POST, accept: 'text/html' }, body: body({ query: '{ __typename }' }) },
    path: 'yoga',
  },
  {
    name: 'text/plain body (CSRF)',
    init: { headers: { ...KEY, 'content-type': 'text/plain' }, body: body({ query: '{ __typename }' }) },
    path: 'yoga',
  },
  {
    name: 'a body over the limit',
    init: { headers: JSON_POST, body: body({ query: `{ __typename } # ${'x'.repeat(5_000)}` }) },
    path: 'yoga',
  },
  { name: 'GET with a query', init: { method: 'GET', headers: KEY }, path: 'yoga' },
  {
    name: 'text with an APQ hash (trusted documents off: the text runs)',
    init: {
      headers: JSON_POST,
      body: body({
        query: SITE,
        variables: { id: OnlineSite.id },
        extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
      }),
    },
    path: 'answered',
  },
  {
    name: 'a documentId alone (trusted documents off: 404)',
    init: { headers: JSON_POST, body: body({ documentId: `sha256:${'a'.repeat(64)}` }) },
    path: 'handedOver',
  },
];

describe('the plain-JSON fast path', () => {
  it.each(CASES)('should answer $name exactly as yoga does', async ({ init, path }) => {
    const before = fast.fastPath!.stats();
    const viaFast = await send(fastUrl, init);
    const viaYoga = await send(slowUrl, init);
    expect(comparable(viaFast)).toEqual(comparable(viaYoga));
    const after = fast.fastPath!.stats();
    expect({ answered: after.answered - before.answered, handedOver: after.handedOver - before.handedOver }).toEqual({
      answered: path === 'answered' ? 1 : 0,
      handedOver: path === 'handedOver' ? 1 : 0,
    });
  });

  it('should answer the site query with its data, 200 and the GraphQL response media type', async () => {
    const res = await send(fastUrl, {
      headers: { ...JSON_POST, accept: 'application/graphql-response+json' },
      body: body({ query: SITE, variables: { id: OnlineSite.id } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual({ data: { site: { id: OnlineSite.id, practiceName: 'Halo Clinic North' } } });
  });

  it('should answer 401 with WWW-Authenticate, and log the operation line and refusal as yoga does', async () => {
    fastLog.lines.length = 0;
    slowLog.lines.length = 0;
    const init = {
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: body({ query: '{ __typename }' }),
    };
    const res = await send(fastUrl, init);
    await send(slowUrl, init);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    const shape = (lines: string[]) =>
      lines.map((l) => {
        const {
          time: _t,
          pid: _p,
          hostname: _h,
          requestId,
          durationMs,
          ...rest
        } = JSON.parse(l) as Record<string, unknown>;
        expect(typeof requestId).toBe('string');
        expect(typeof durationMs).toBe('number');
        return rest;
      });
    expect(shape(fastLog.lines)).toEqual(shape(slowLog.lines));
    expect(shape(fastLog.lines)).toEqual([
      expect.objectContaining({ event: 'http.refused', status: 401, level: 'warn' }),
    ]);
  });

  it('should log one operation line per operation with the request id it answered with', async () => {
    fastLog.lines.length = 0;
    const res = await send(fastUrl, { headers: JSON_POST, body: body({ query: 'query Named { __typename }' }) });
    const lines = fastLog.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({
        event: 'operation',
        operationName: 'Named',
        operationType: 'query',
        transport: 'http',
        clientId: 'admin',
        errors: 0,
        requestId: res.headers['x-request-id'],
      }),
    ]);
  });

  it('should count the operation in /metrics', async () => {
    const scrape = async () => (await fetch(`${fastUrl}/metrics`)).text();
    const count = (text: string) =>
      Number(/graphql_requests_total\{[^}]*operation_name="Counted"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0);
    const before = count(await scrape());
    await send(fastUrl, { headers: JSON_POST, body: body({ query: 'query Counted { __typename }' }) });
    expect(count(await scrape())).toBe(before + 1);
  });
});

describe('responseMediaType', () => {
  it('should pick the media type yoga answers a single result with', () => {
    expect(responseMediaType(undefined)).toBe('application/json');
    expect(responseMediaType('*/*')).toBe('application/json');
    expect(responseMediaType('application/json')).toBe('application/json');
    expect(responseMediaType('application/graphql-response+json')).toBe('application/graphql-response+json');
    expect(responseMediaType('application/graphql-response+json, application/json;q=0.9')).toBe(
      'application/graphql-response+json',
    );
    expect(responseMediaType('application/json, application/graphql-response+json')).toBe('application/json');
    expect(responseMediaType('application/json; charset=latin1')).toBeUndefined();
    expect(responseMediaType('text/event-stream')).toBeUndefined();
    expect(responseMediaType('multipart/mixed, application/json')).toBeUndefined();
  });
});
