import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Client } from 'graphql-ws';
import { OnlineSite, ZedmedSite } from '../simulator/src/fixtures.js';
import { useApp } from './helpers/app.js';
import { parseMetrics, type Scrape } from './helpers/metrics.js';
import { directSql } from './helpers/halo.js';
import { createSiteRef } from '../src/lib/site-ref.js';
import { subscribe, wsClient } from './helpers/ws.js';
import { LiveQueryStatus } from './subscriptions/documents.js';

const WEBHOOK_SECRET = 'metrics-test-webhook-secret';
const ctx = useApp({
  listen: true,
  app: {
    haloWebhookSecret: WEBHOOK_SECRET,
    // One site failure opens its circuit; retries wait at most a millisecond.
    halo: { breaker: { threshold: 1 }, retry: { baseDelayMs: 1, maxDelayMs: 1 } },
  },
});

// ── Scraping ─────────────────────────────────────────────────────────────────────────────────────

async function scrape(): Promise<Scrape> {
  const res = await fetch(`${ctx.url}/metrics`);
  expect(res.status).toBe(200);
  return parseMetrics(await res.text());
}

async function send(
  query: string,
  variables?: Record<string, unknown>,
  operationName?: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads its own operation's data
): Promise<{ data?: any; errors?: Array<{ extensions?: { code?: string } }> }> {
  const res = await fetch(`${ctx.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables, operationName }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  return (await res.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
}

let client: Client;
beforeAll(() => {
  client = wsClient(ctx.url);
});
afterAll(async () => {
  await client.dispose();
});

// ── Tests ────────────────────────────────────────────────────────────────────────────────────────

describe('GET /metrics', () => {
  it('should serve every documented metric in the Prometheus text format', async () => {
    const res = await fetch(`${ctx.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    for (const name of [
      'graphql_requests_total',
      'graphql_request_duration_seconds',
      'subscriptions_active',
      'graphql_ws_connections',
      'graphql_ws_operations',
      'watchers_active',
      'watcher_subscribers',
      'polling_sites',
      'halo_calls_total',
      'halo_call_duration_seconds',
      'halo_retries_total',
      'halo_breaker_sites',
      'halo_breaker_transitions_total',
      'halo_breaker_site_state',
      'halo_breaker_site_backoff_seconds',
      'halo_breaker_site_next_probe_seconds',
      'redis_local_mode',
      'redis_mode_changes_total',
      'halo_retry_budget_tokens',
      'halo_pool_requests',
      'halo_coalesced_reads_in_flight',
      'webhooks_received_total',
      'process_cpu_user_seconds_total',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(text, name).toContain(`# TYPE ${name} `);
    }
  });

  it('should count GraphQL operations by name, type and outcome, and time them', async () => {
    const before = await scrape();
    const site = `query MetricsSite($id: ID!) { site(id: $id) { practiceName } }`;
    expect((await send(site, { id: OnlineSite.id })).errors).toBeUndefined();
    expect((await send(site, { id: OnlineSite.id })).errors).toBeUndefined();
    const missing = await send(site, { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.errors?.[0]?.extensions?.code).toBe('SITE_NOT_FOUND');
    expect((await send(`query MetricsInvalid { site { nope } }`)).errors?.length).toBeGreaterThan(0);
    expect((await send(`query MetricsBroken {`)).errors?.length).toBe(1);
    expect((await send(`{ __typename }`)).data).toEqual({ __typename: 'Query' });
    expect(
      (
        await send(
          `mutation MetricsImmediate($s: ID!) { runImmediateQuery(input: { siteId: $s, sql: "SELECT 1 AS One" }) { status } }`,
          { s: OnlineSite.id },
        )
      ).data,
    ).toEqual({
      runImmediateQuery: { status: 'SUCCESSFUL' },
    });
    const after = await scrape();

    const delta = (labels: Record<string, string>) =>
      after.value('graphql_requests_total', labels) - before.value('graphql_requests_total', labels);
    expect(delta({ operation_name: 'MetricsSite', operation_type: 'query', outcome: 'success' })).toBe(2);
    expect(delta({ operation_name: 'MetricsSite', operation_type: 'query', outcome: 'error' })).toBe(1);
    expect(delta({ operation_name: 'MetricsInvalid', operation_type: 'query', outcome: 'invalid' })).toBe(1);
    expect(delta({ operation_name: 'anonymous', operation_type: 'unknown', outcome: 'invalid' })).toBe(1);
    expect(delta({ operation_name: 'anonymous', operation_type: 'query', outcome: 'success' })).toBe(1);
    expect(delta({ operation_name: 'MetricsImmediate', operation_type: 'mutation', outcome: 'success' })).toBe(1);
    const count = (s: Scrape, name: string, type: string) =>
      s.value('graphql_request_duration_seconds_count', { operation_name: name, operation_type: type });
    expect(count(after, 'MetricsSite', 'query') - count(before, 'MetricsSite', 'query')).toBe(3);
    expect(count(after, 'MetricsImmediate', 'mutation') - count(before, 'MetricsImmediate', 'mutation')).toBe(1);
    expect(
      after.value('graphql_request_duration_seconds_sum', {
        operation_name: 'MetricsImmediate',
        operation_type: 'mutation',
      }),
    ).toBeGreaterThan(0);
  });

  it('should count Halo calls by operationId and status, and the retries', async () => {
    await ctx.call('POST', '/_sim/faults', {
      body: { operationId: 'getSite', siteId: OnlineSite.id, status: 503, count: 1 },
    });
    const before = await scrape();
    const res = await send(`query MetricsRetried($id: ID!) { site(id: $id) { haloLinkVersion } }`, {
      id: OnlineSite.id,
    });
    expect(res.errors).toBeUndefined();
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) =>
      after.value(name, labels) - before.value(name, labels);
    expect(delta('halo_calls_total', { operation_id: 'getSite', status: '503' })).toBe(1);
    expect(delta('halo_calls_total', { operation_id: 'getSite', status: '200' })).toBe(1);
    expect(delta('halo_retries_total', { operation_id: 'getSite' })).toBe(1);
    expect(delta('halo_call_duration_seconds_count', { operation_id: 'getSite' })).toBe(2);
  });

  it('should count breaker transitions and the sites in each breaker state, and refused calls as CIRCUIT_OPEN', async () => {
    const before = await scrape();
    await ctx.call('POST', '/_sim/faults', {
      body: { operationId: 'createImmediateQuery', siteId: ZedmedSite.id, status: 503, count: 1 },
    });
    const run = `mutation MetricsBreaker($s: ID!) { runImmediateQuery(input: { siteId: $s, sql: "SELECT 1 AS One" }) { status } }`;
    expect((await send(run, { s: ZedmedSite.id })).errors?.[0]?.extensions?.code).toBe('SITE_UNAVAILABLE');
    // The circuit is open now: the next call is refused here, without reaching Halo.
    expect((await send(run, { s: ZedmedSite.id })).errors?.[0]?.extensions?.code).toBe('SITE_UNAVAILABLE');
    const after = await scrape();
    expect(
      after.value('halo_breaker_transitions_total', { state: 'open' }) -
        before.value('halo_breaker_transitions_total', { state: 'open' }),
    ).toBe(1);
    expect(after.value('halo_breaker_sites', { state: 'open' })).toBe(1);
    expect(after.value('halo_breaker_sites', { state: 'closed' })).toBeGreaterThanOrEqual(1);
    const calls = (s: Scrape, status: string) =>
      s.value('halo_calls_total', { operation_id: 'createImmediateQuery', status });
    expect(calls(after, '503') - calls(before, '503')).toBe(1);
    expect(calls(after, 'CIRCUIT_OPEN') - calls(before, 'CIRCUIT_OPEN')).toBe(1);
    // Per site, under a keyed pseudonym (the breaker log line maps it to the site): never the GUID.
    const ref = createSiteRef(ctx.sim.key)(ZedmedSite.id);
    expect(ref).toMatch(/^s[0-9a-f]{12}$/);
    expect(after.value('halo_breaker_site_state', { site_ref: ref, state: 'open' })).toBe(1);
    expect(after.value('halo_breaker_site_backoff_seconds', { site_ref: ref })).toBe(2);
    const nextProbe = after.value('halo_breaker_site_next_probe_seconds', { site_ref: ref });
    expect(nextProbe).toBeGreaterThan(0);
    expect(nextProbe).toBeLessThanOrEqual(2);
    expect(after.labelValues().join(' ')).not.toContain(ZedmedSite.id);
    // Only failing sites have a series: the healthy one has none.
    expect(after.text).not.toContain(createSiteRef(ctx.sim.key)(OnlineSite.id));
  });

  it('should show active subscriptions, WebSocket operations and watchers while a subscription runs', async () => {
    const submitted = await send(
      `mutation MetricsSubmit($s: ID!) { submitAsyncQuery(input: { siteId: $s, sql: "SELECT TOP 2 InternalID FROM BPS_Patients" }) { id } }`,
      {
        s: OnlineSite.id,
      },
    );
    const queryId = submitted.data.submitAsyncQuery.id as string;
    const before = await scrape();
    expect(before.value('subscriptions_active')).toBe(0);
    expect(before.value('watchers_active')).toBe(0);

    const sub = subscribe(client, LiveQueryStatus, { siteId: OnlineSite.id, queryId });
    expect((await sub.next()).data?.queryStatusChanged.status).toBe('INITIALISING');
    const during = await scrape();
    expect(during.value('subscriptions_active')).toBe(1);
    expect(during.value('graphql_ws_connections')).toBe(1);
    expect(during.value('graphql_ws_operations')).toBe(1);
    expect(during.value('watchers_active')).toBe(1);
    expect(during.value('watcher_subscribers')).toBe(1);
    expect(
      during.value('graphql_requests_total', {
        operation_name: 'LiveQueryStatus',
        operation_type: 'subscription',
        outcome: 'success',
      }),
    ).toBe(1);

    sub.unsubscribe();
    await vi.waitFor(async () => {
      const s = await scrape();
      expect([s.value('subscriptions_active'), s.value('graphql_ws_operations'), s.value('watchers_active')]).toEqual([
        0, 0, 0,
      ]);
    });
  });

  it('should count webhooks by result: verified, bad signature, stale, replay and malformed', async () => {
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${ctx.url}/webhooks/halo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const signed = (body: string, timestamp: string, id: string, secret = WEBHOOK_SECRET) => ({
      'x-halo-id': id,
      'x-halo-timestamp': timestamp,
      'x-halo-signature-256': `sha256=${createHmac('sha256', secret).update(body).update('.').update(timestamp).digest('hex')}`,
    });
    const event = (id: string) =>
      JSON.stringify({
        id,
        occurredAt: new Date().toISOString(),
        siteId: OnlineSite.id,
        queryId: randomUUID(),
        webhookSource: 'async',
      });
    const now = new Date().toISOString();
    const before = await scrape();

    const id = randomUUID();
    const body = event(id);
    expect((await post(body, signed(body, now, id))).status).toBe(202);
    expect((await post(body, signed(body, now, id))).status).toBe(409);
    const other = randomUUID();
    const forged = event(other);
    expect((await post(forged, signed(forged, now, other, 'not-the-secret-at-all'))).status).toBe(401);
    const stale = new Date(Date.now() - 60 * 60_000).toISOString();
    const late = randomUUID();
    const old = event(late);
    expect((await post(old, signed(old, stale, late))).status).toBe(401);
    expect((await post('{"not":"a webhook"}', signed('{"not":"a webhook"}', now, 'x'))).status).toBe(400);

    const after = await scrape();
    const delta = (result: string) =>
      after.value('webhooks_received_total', { result }) - before.value('webhooks_received_total', { result });
    expect(['verified', 'replay', 'bad_signature', 'stale', 'malformed'].map(delta)).toEqual([1, 1, 1, 1, 1]);
  });

  it('should never put SQL, parameter values, variables, ids or patient data in a label', async () => {
    // A real patient of the fixture, read straight from the practice database.
    const [patient] = (await directSql(
      ctx,
      OnlineSite.id,
      'SELECT InternalID, Firstname, Surname FROM BPS_Patients ORDER BY InternalID LIMIT 1',
    )) as Array<{
      Firstname: string;
      Surname: string;
    }>;
    if (!patient) throw new Error('the fixture has no patient');
    const immediate = await send(
      `mutation MetricsCanary($s: ID!, $p: String!) {
        runImmediateQuery(input: { siteId: $s, sql: "SELECT Firstname, Surname FROM BPS_Patients WHERE Surname = @surname /* CANARY_SQL_TEXT */", parameters: [{ name: "@surname", type: VarChar, value: $p }] }) { rows }
      }`,
      { s: OnlineSite.id, p: patient.Surname },
    );
    expect(JSON.stringify(immediate.data)).toContain(patient.Firstname);
    const search = await send(
      `query MetricsPatientSearch($s: ID!, $n: String!) { patients(siteId: $s, search: { family: [$n] }, first: 5) { edges { node { id name { family given } } } } }`,
      {
        s: OnlineSite.id,
        n: patient.Surname,
      },
    );
    expect(JSON.stringify(search.data)).toContain(patient.Surname);
    const failed = await send(
      `query MetricsCanaryFailure { patient(siteId: "${OnlineSite.id}", id: "CANARY-PATIENT-ID") { id } }`,
    );
    expect(failed.errors?.length).toBeGreaterThan(0);

    const s = await scrape();
    const canaries = [
      'CANARY',
      'SELECT',
      'BPS_Patients',
      patient.Surname,
      patient.Firstname,
      OnlineSite.id,
      ZedmedSite.id,
      WEBHOOK_SECRET,
    ];
    for (const canary of canaries) expect(s.text, canary).not.toContain(canary);
    for (const value of s.labelValues()) expect(value).toMatch(/^[A-Za-z0-9_.+-]{1,64}$/);
    expect(
      s.value('graphql_requests_total', {
        operation_name: 'MetricsPatientSearch',
        operation_type: 'query',
        outcome: 'success',
      }),
    ).toBe(1);
  });

  // Last: it fills this app's operation-name label set.
  it('should keep operation-name labels bounded: long names and names past the first 200 count as other', async () => {
    const long = `Q${'x'.repeat(80)}`;
    const before = await scrape();
    await send(`query ${long} { __typename }`);
    const names = Array.from({ length: 210 }, (_, i) => `MetricsMany${i}`);
    for (const name of names) await send(`query ${name} { __typename }`);
    const after = await scrape();
    expect(after.text).not.toContain(long);
    const other = after.value('graphql_requests_total', {
      operation_name: 'other',
      operation_type: 'query',
      outcome: 'success',
    });
    const distinct = new Set(after.labelValues().filter((v) => v.startsWith('MetricsMany')));
    // Whatever names earlier tests used, the set stops at 200 and the rest are counted, as other.
    expect(distinct.size).toBeLessThan(names.length);
    expect(
      other -
        before.value('graphql_requests_total', {
          operation_name: 'other',
          operation_type: 'query',
          outcome: 'success',
        }),
    ).toBe(1 + names.length - distinct.size);
  });
});
