import { serverAudits, type AuditResult } from 'graphql-http';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { graphiqlExamples } from '../src/http/graphiql-examples.js';
import { OnlineSite } from '../simulator/src/fixtures.js';
import { startSimulator } from '../simulator/src/server.js';
import { useApp } from './helpers/app.js';

const ctx = useApp();
let url: string;
beforeAll(async () => {
  ({ url } = await ctx.app.start(0));
});

const post = (body: string, accept = 'application/graphql-response+json') =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body });

describe('GraphQL over HTTP', () => {
  // graphql-http's audit of the GraphQL-over-HTTP spec (graphql-http 1.23): every MUST passes, and
  // so does every SHOULD and MAY today; only MUST failures would make the server non-compliant.
  it('should pass every MUST audit of the GraphQL-over-HTTP spec', async () => {
    const results: AuditResult[] = [];
    for (const audit of serverAudits({ url: `${url}/graphql` })) results.push(await audit.fn());
    expect(results.length).toBeGreaterThan(40);
    const failed = (level: string) =>
      results.filter((r) => r.name.startsWith(level) && r.status !== 'ok').map((r) => `${r.id} ${r.name}`);
    expect(failed('MUST')).toEqual([]);
    expect(failed('SHOULD')).toEqual([]);
  });

  it('should answer application/graphql-response+json when asked for it, and application/json otherwise', async () => {
    const body = JSON.stringify({ query: `{ site(id: "${OnlineSite.id}") { practiceName } }` });
    const modern = await post(body);
    expect(modern.status).toBe(200);
    expect(modern.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(await modern.json()).toEqual({ data: { site: { practiceName: 'Halo Clinic North' } } });
    const legacy = await post(body, 'application/json');
    expect(legacy.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await legacy.json()).toEqual({ data: { site: { practiceName: 'Halo Clinic North' } } });
  });

  it('should answer a malformed JSON body with 400 and a GraphQL error, and keep serving', async () => {
    const bad = await post('{"query": "{ __typename }"');
    expect(bad.status).toBe(400);
    const json = (await bad.json()) as { errors?: Array<{ message: string }>; data?: unknown };
    expect(json.data).toBeUndefined();
    expect(json.errors).toHaveLength(1);
    expect(json.errors?.[0]?.message).toMatch(/JSON/);
    const good = await post(JSON.stringify({ query: '{ __typename }' }));
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('GraphiQL', () => {
  it('should serve GraphiQL with the example operations to a browser', async () => {
    const res = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('halo-graphql');
    for (const operation of [
      'query SiteLookup',
      'mutation ImmediateQuery',
      'mutation SubmitAsyncQuery',
      'query AsyncQueryStatus',
      'mutation WatchNewAppointments',
    ]) {
      expect(html).toContain(operation);
    }
    expect(html).toContain(OnlineSite.id);
  });

  it('should offer example operations that run against the simulator', async () => {
    const document = graphiqlExamples(OnlineSite.id);
    const run = async (operationName: string) => {
      const res = await post(JSON.stringify({ query: document, operationName }));
      expect(res.status, operationName).toBe(200);
      return (await res.json()) as {
        data?: Record<
          string,
          { status?: string; rows?: unknown[]; lastHash?: string | null } | Array<{ id: string }> | null
        >;
        errors?: Array<{ extensions?: { code?: string } }>;
      };
    };
    const lookup = await run('SiteLookup');
    expect(lookup.errors).toBeUndefined();
    expect(lookup.data?.['sites']).toHaveLength(2);
    for (const name of ['ImmediateQuery', 'ImmediateQueryWithParameters']) {
      const res = await run(name);
      expect(res.errors, name).toBeUndefined();
      expect(res.data?.['runImmediateQuery']).toMatchObject({ status: 'SUCCESSFUL' });
    }
    // Billed queries: the second run within maxAgeSeconds is the first answer again.
    const first = await run('ReusedQuery');
    const again = await run('ReusedQuery');
    expect(first.data?.['runImmediateQuery']).toMatchObject({
      reused: false,
      rows: [{ activePatients: expect.any(Number) }],
    });
    expect(again.data?.['runImmediateQuery']).toEqual({ ...first.data?.['runImmediateQuery'], reused: true });
    const usage = await run('SiteUsage');
    expect(usage.errors).toBeUndefined();
    expect(usage.data?.['site']).toEqual({
      usage: {
        month: expect.stringMatching(/^\d{4}-\d{2}$/),
        billedQueries: expect.any(Number),
        budget: null,
        remaining: null,
      },
    });
    const submitted = await run('SubmitAsyncQuery');
    expect(submitted.data?.['submitAsyncQuery']).toMatchObject({ status: 'INITIALISING' });
    // The placeholder id is nobody's query: NOT_FOUND, not a validation error.
    const status = await run('AsyncQueryStatus');
    expect(status.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const watch = await run('WatchNewAppointments');
    expect(watch.errors).toBeUndefined();
    expect(watch.data?.['createRegisteredQuery']).toMatchObject({ lastHash: expect.any(String) });
    // The named-query examples answer typed rows without errors.
    for (const name of ['AppointmentBook', 'FindPatient', 'PatientSummary']) {
      const res = await run(name);
      expect(res.errors, name).toBeUndefined();
      expect(res.data?.['site'], name).toEqual(expect.any(Object));
    }
    const book = (await run('AppointmentBook')).data?.['site'] as unknown as { appointments: unknown[] };
    expect(book.appointments.length).toBeGreaterThan(20);
  });
});

describe('health and readiness', () => {
  it('should answer /health with 200', async () => {
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
  });

  it('should answer /readiness with 200 when Halo answers', async () => {
    const res = await fetch(`${url}/readiness`);
    expect(res.status).toBe(200);
  });

  it('should answer /readiness with 503 when Halo does not answer', async () => {
    const stopped = await startSimulator({ port: 0, timeScale: 0 });
    await stopped.stop();
    const app = createApp({
      haloApiUrl: stopped.url,
      haloSubscriptionKey: stopped.key,
      halo: { keepAliveTimeoutMs: 10, retry: { maxAttempts: 1 } },
    });
    try {
      const { url: deadUrl } = await app.start(0);
      const res = await fetch(`${deadUrl}/readiness`);
      expect(res.status).toBe(503);
      // Liveness is not readiness: the process itself is fine.
      expect((await fetch(`${deadUrl}/health`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});
