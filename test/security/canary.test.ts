/**
 * Patient-safe logs and errors: canary patient names, SQL text and keys are planted through every
 * path (queries, mutations, variables, validation and syntax errors, the SQL guard, subscriptions,
 * WebSocket auth, webhooks, upstream failures and real patient rows coming back from Halo), and
 * none of them may appear in any log line or any error message.
 */
import { createHmac } from 'node:crypto';
import { parse } from 'graphql';
import WebSocket from 'ws';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logging.js';
import { OnlineSite, ZedmedSite } from '../../simulator/src/fixtures.js';
import { useApp } from '../helpers/app.js';
import { subscribe, wsClient } from '../helpers/ws.js';
import { captureLines, CLIENTS, clientKeyEntries, gql, raw, type RawResponse } from './harness.js';

const CANARY_SURNAME = 'Quillfeather';
const CANARY_GIVEN = 'Ottoline';
const CANARY_SQL = 'canary_sql_column_7f3a';
const CANARY_KEY = 'sk-canary-key-2b9e41d07c';
const WEBHOOK_SECRET = 'canary-webhook-secret-0123456789';

const log = captureLines();
const ctx = useApp({
  app: {
    security: { auth: { keys: clientKeyEntries() } },
    logger: createLogger({ level: 'debug', destination: log.stream }),
    halo: { deadlineMs: 2_000, attemptTimeoutMs: 1_000 },
  },
  webhookSecret: WEBHOOK_SECRET,
});

/** Every response's error messages, to search for canaries. */
const errorMessages: string[] = [];
function keep(r: RawResponse): RawResponse {
  for (const e of r.json?.errors ?? []) errorMessages.push(e.message);
  return r;
}
const as = CLIENTS.admin.key;

describe('patient-safe logs and errors', () => {
  let realPatient: { Firstname: string; Surname: string };

  beforeAll(async () => {
    await ctx.call('POST', '/_sim/sql', {
      body: {
        siteId: OnlineSite.id,
        sql: `UPDATE PATIENTS SET SURNAME = '${CANARY_SURNAME}', FIRSTNAME = '${CANARY_GIVEN}' WHERE INTERNALID = 1`,
      },
    });
    const rows = (
      await ctx.call('POST', '/_sim/sql', {
        body: {
          siteId: OnlineSite.id,
          sql: 'SELECT FIRSTNAME AS Firstname, SURNAME AS Surname FROM PATIENTS WHERE INTERNALID = 2',
        },
      })
    ).body.rows;
    realPatient = rows[0];
  });

  it('should keep canaries out of every log line and error message, on every path', async () => {
    const canaries = [
      CANARY_SURNAME,
      CANARY_GIVEN,
      CANARY_SQL,
      CANARY_KEY,
      realPatient.Surname,
      realPatient.Firstname,
      WEBHOOK_SECRET,
    ];

    // Queries that return patient data (as data: allowed in the response, never in a log).
    const search = keep(
      await gql(
        ctx.app,
        `query Search($s: ID!, $q: PatientSearch) { patients(siteId: $s, search: $q, first: 5) { edges { node { name { family given } } } } }`,
        { s: OnlineSite.id, q: { family: [CANARY_SURNAME] } },
        as,
      ),
    );
    expect(search.text).toContain(CANARY_SURNAME);
    keep(
      await gql(
        ctx.app,
        `query Search($s: ID!, $q: PatientSearch) { patients(siteId: $s, search: $q) { totalCount } }`,
        { s: OnlineSite.id, q: { name: [realPatient.Surname] } },
        as,
      ),
    );
    const rows = keep(
      await gql(
        ctx.app,
        `mutation R($i: RunQueryInput!) { runImmediateQuery(input: $i) { rows } }`,
        {
          i: {
            siteId: OnlineSite.id,
            sql: `SELECT SURNAME AS ${CANARY_SQL} FROM PATIENTS WHERE SURNAME = @s`,
            parameters: [{ name: '@s', type: 'VarChar', value: CANARY_SURNAME }],
          },
        },
        as,
      ),
    );
    expect(rows.text).toContain(CANARY_SURNAME);
    keep(
      await gql(
        ctx.app,
        `mutation R($i: RunQueryInput!) { submitAsyncQuery(input: $i) { id } }`,
        { i: { siteId: OnlineSite.id, sql: `SELECT '${CANARY_SURNAME}' AS ${CANARY_SQL}` } },
        as,
      ),
    );

    // Refusals: the SQL guard, bad ids, wrong types, syntax, forbidden sites, bad keys.
    keep(
      await gql(
        ctx.app,
        `mutation R($i: RunQueryInput!) { runImmediateQuery(input: $i) { rows } }`,
        {
          i: {
            siteId: OnlineSite.id,
            sql: `DELETE FROM PATIENTS WHERE SURNAME = '${CANARY_SURNAME}' -- ${CANARY_SQL}`,
          },
        },
        as,
      ),
    );
    keep(
      await gql(
        ctx.app,
        `mutation R($i: RunQueryInput!) { runImmediateQuery(input: $i) { rows } }`,
        { i: { siteId: CANARY_SURNAME, sql: `SELECT 1 AS ${CANARY_SQL}` } },
        as,
      ),
    );
    keep(
      await gql(
        ctx.app,
        `query P($s: ID!, $id: ID!) { patient(siteId: $s, id: $id) { id } }`,
        { s: OnlineSite.id, id: `${CANARY_SURNAME} ${CANARY_GIVEN}` },
        as,
      ),
    );
    keep(
      await gql(
        ctx.app,
        `query P($s: ID!, $n: Int) { patients(siteId: $s, first: $n) { totalCount } }`,
        { s: OnlineSite.id, n: CANARY_SURNAME },
        as,
      ),
    );
    keep(
      await gql(
        ctx.app,
        `query P($s: ID!, $q: PatientSearch) { patients(siteId: $s, search: $q) { totalCount } }`,
        { s: OnlineSite.id, q: { family: { surname: CANARY_SURNAME } } },
        as,
      ),
    );
    keep(
      await gql(ctx.app, `{ patients(siteId: "${OnlineSite.id}", first: "${CANARY_SURNAME}") { totalCount } }`, {}, as),
    );
    keep(await gql(ctx.app, `{ patients(siteId: "${OnlineSite.id}") "${CANARY_SURNAME}" }`, {}, as));
    keep(await gql(ctx.app, `{ sites(pmsSiteId: "1", pms: ${CANARY_SURNAME}) { id } }`, {}, as));
    keep(
      await gql(
        ctx.app,
        `query P($s: ID!, $q: PatientSearch) { patients(siteId: $s, search: $q) { totalCount } }`,
        { s: ZedmedSite.id, q: { family: [CANARY_SURNAME] } },
        CLIENTS.north.key,
      ),
    );
    keep(await gql(ctx.app, '{ __typename }', {}, CANARY_KEY));
    keep(await gql(ctx.app, '{ __typename }', {}, undefined, { 'x-api-key': CANARY_KEY }));
    keep(
      await raw(ctx.app, {
        method: 'GET',
        path: `/graphql?query=${encodeURIComponent(`{ patients(siteId: "${OnlineSite.id}", search: { family: ["${CANARY_SURNAME}"] }) { totalCount } }`)}`,
        headers: { accept: 'application/json' },
      }),
    );
    keep(
      await raw(ctx.app, {
        headers: { 'content-type': 'application/json' },
        body: `{"query": "{ __typename }", "variables": {"x": "${CANARY_SURNAME}"`,
      }),
    );

    // Upstream failures while patient data is in flight.
    for (const fault of [
      { status: 500 },
      { status: 503 },
      { body: 'malformed', status: 200 },
      { dropConnection: true },
      { status: 429, retryAfterSeconds: 1 },
    ]) {
      await ctx.call('POST', '/_sim/faults', { body: { operationId: 'postFhirSearch', count: 3, ...fault } });
      keep(
        await gql(
          ctx.app,
          `query Search($s: ID!, $q: PatientSearch) { patients(siteId: $s, search: $q) { totalCount } }`,
          { s: OnlineSite.id, q: { family: [CANARY_SURNAME] } },
          as,
        ),
      );
      await ctx.call('DELETE', '/_sim/faults');
    }

    // Subscriptions over WebSocket: canary variables, and a canary key in connectionParams.
    const client = wsClient(ctx.url, { connectionParams: { authorization: `Bearer ${as}` } });
    const sub = subscribe(
      client,
      parse(`subscription S($s: ID!, $q: ID!) { queryStatusChanged(siteId: $s, queryId: $q) { status } }`),
      { s: OnlineSite.id, q: CANARY_SURNAME },
    );
    await sub.done.catch(() => undefined);
    for (const r of sub.results) for (const e of r.errors ?? []) errorMessages.push(e.message);
    await client.dispose();
    const socket = new WebSocket(`${ctx.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${CANARY_KEY}` } })),
    );
    await closed;

    // Webhooks: forged, stale and replayed deliveries carrying canaries.
    const body = JSON.stringify({
      id: `evt-${CANARY_SURNAME}`,
      occurredAt: new Date().toISOString(),
      siteId: OnlineSite.id,
      queryId: '5d0c3a10-0000-4000-8000-000000000001',
      webhookSource: 'async',
      note: CANARY_SURNAME,
    });
    const post = (signature: string, timestamp = new Date().toISOString()) =>
      fetch(`${ctx.url}/webhooks/halo`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-halo-timestamp': timestamp,
          'x-halo-signature-256': signature,
        },
        body,
      });
    const sign = (ts: string) => createHmac('sha256', WEBHOOK_SECRET).update(`${body}.${ts}`).digest('hex');
    const webhookTexts = [
      await (await post(createHmac('sha256', CANARY_KEY).update(body).digest('hex'))).text(),
      await (await post(sign('2001-01-01T00:00:00Z'), '2001-01-01T00:00:00Z')).text(),
    ];
    const ts = new Date().toISOString();
    webhookTexts.push(await (await post(sign(ts), ts)).text(), await (await post(sign(ts), ts)).text());

    // Named queries: patient data as arguments (parameters), in the answer, in a refused value,
    // through an upstream failure, and in a live subscription's arguments.
    const named = keep(
      await gql(
        ctx.app,
        `query N($s: ID!, $n: String!) { site(id: $s) { patientsByName(surname: $n) { surname firstname } } }`,
        { s: OnlineSite.id, n: CANARY_SURNAME },
        as,
      ),
    );
    expect(named.text).toContain(CANARY_GIVEN);
    keep(
      await gql(
        ctx.app,
        `query N($s: ID!, $d: Date) { site(id: $s) { patientsByName(surname: "x", dob: $d) { surname } } }`,
        { s: OnlineSite.id, d: CANARY_SURNAME },
        as,
      ),
    );
    await ctx.call('POST', '/_sim/faults', { body: { operationId: 'createImmediateQuery', status: 500 } });
    keep(
      await gql(
        ctx.app,
        `query N($s: ID!, $n: String!) { site(id: $s) { patientsByName(surname: $n) { surname } } }`,
        { s: OnlineSite.id, n: CANARY_GIVEN },
        as,
      ),
    );
    await ctx.call('DELETE', '/_sim/faults');
    const liveClient = wsClient(ctx.url, { connectionParams: { authorization: `Bearer ${as}` } });
    const live = subscribe(
      liveClient,
      parse(
        `subscription L($s: ID!, $p: String) { appointmentsChanged(siteId: $s, from: "2026-03-02", to: "2026-03-02", provider: $p) { patientName } }`,
      ),
      { s: OnlineSite.id, p: CANARY_SURNAME },
    );
    expect((await live.next()).data).toEqual({ appointmentsChanged: [] });
    live.unsubscribe();
    await liveClient.dispose();
    const registrations = (await ctx.call('GET', `/integrator/sites/${OnlineSite.id}/queries/registered`)).text;
    expect(registrations).not.toContain(CANARY_SURNAME);

    // Let pino flush.
    await new Promise((r) => setImmediate(r));
    expect(log.lines.length).toBeGreaterThan(20);
    const logged = log.lines.join('\n');
    const answered = [...errorMessages, ...webhookTexts].join('\n');
    for (const canary of canaries) {
      expect(logged, `a log line contains ${canary}`).not.toContain(canary);
      expect(answered, `an error message contains ${canary}`).not.toContain(canary);
    }
    expect(logged).not.toMatch(/SELECT|DELETE FROM/i);
    expect(answered).not.toMatch(/SELECT|DELETE FROM/i);
    // …and the log still says what happened.
    const events = log.lines.map((l) => JSON.parse(l) as { event?: string; codes?: string[] });
    expect(new Set(events.map((e) => e.event))).toEqual(new Set(['operation', 'http.refused', 'upstream', 'webhook']));
    expect(events.flatMap((e) => e.codes ?? [])).toEqual(
      expect.arrayContaining(['BAD_USER_INPUT', 'SITE_NOT_FOUND', 'UPSTREAM_ERROR', 'SITE_UNAVAILABLE']),
    );
  });
});
