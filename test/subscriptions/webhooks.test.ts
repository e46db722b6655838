import { createHash, createHmac, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import type { WebhookDelivery } from '../../simulator/src/webhooks.js';
import { useApp } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';
import { createManualScheduler } from '../helpers/scheduler.js';
import { subscribe, wsClient } from '../helpers/ws.js';
import { LiveCreateRegistered, LiveQueryStatus, LiveRegisteredResults, LiveSubmitAsync } from './documents.js';
import { RawWsClient } from './raw-ws.js';
import { statusesUntilTerminal } from './drive.js';

const SECRET = 'whsec-subscriptions-test';
const scheduler = createManualScheduler();
// The simulator signs and POSTs real webhooks to the app; the app's poll timers never fire unless a test ticks them.
const ctx = useApp({ webhookSecret: SECRET, deps: { scheduler } });
const siteId = OnlineSite.id;
let client: Client;

beforeAll(() => {
  client = wsClient(ctx.url);
});
afterAll(async () => {
  await client.dispose();
});
beforeEach(() => {
  ctx.sim.reset();
});

const nextDelivery = () => once(ctx.sim.webhooks.events, 'attempt') as Promise<[WebhookDelivery]>;
const batchCalls = async () => (await ctx.upstreamCalls('getQueryStatusBatch')).length;

async function submit(): Promise<string> {
  const res = await execute(ctx.app, LiveSubmitAsync, {
    input: { siteId, sql: 'SELECT TOP 2 InternalID FROM BPS_Patients' },
  });
  return res.data!.submitAsyncQuery.id;
}

/** Posts a webhook the way Halo does, with overridable parts. */
async function post(
  options: { body?: string; id?: string; timestamp?: string; signature?: string; method?: string } = {},
) {
  const id = options.id ?? randomUUID();
  const body =
    options.body ??
    JSON.stringify({ id, occurredAt: new Date().toISOString(), siteId, queryId: randomUUID(), webhookSource: 'async' });
  const timestamp = options.timestamp ?? new Date().toISOString();
  const signature = options.signature ?? createHmac('sha256', SECRET).update(`${body}.${timestamp}`).digest('hex');
  const res = await fetch(`${ctx.url}/webhooks/halo`, {
    method: options.method ?? 'POST',
    headers: {
      'content-type': 'application/json',
      'x-halo-id': id,
      'x-halo-timestamp': timestamp,
      'x-halo-signature-256': signature,
    },
    ...(options.method === 'GET' ? {} : { body }),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('Halo webhooks', () => {
  it('should deliver an async completion to subscribers at once, with no poll in between', async () => {
    const queryId = await submit();
    const sub = subscribe(client, LiveQueryStatus, { siteId, queryId });
    expect((await sub.next()).data?.queryStatusChanged.status).toBe('INITIALISING');
    await ctx.clearRequests();
    const delivered = nextDelivery();

    await ctx.advance(10_000); // the simulator completes the query and sends the signed webhook
    expect(await statusesUntilTerminal(sub)).toEqual(['QUEUED', 'EXECUTING', 'UPLOADING', 'SUCCESSFUL']);
    expect(sub.results.at(-1)?.data?.queryStatusChanged).toMatchObject({ status: 'SUCCESSFUL', rowCount: 2 });
    await sub.done;
    const [delivery] = await delivered;
    expect(delivery).toMatchObject({ queryId, source: 'async', delivered: true, lastStatus: 202, attempts: 1 });
    // The test never fired a poll timer: the one status call is the webhook's.
    expect(await batchCalls()).toBe(1);
    await ctx.app.live.whenIdle();
    expect(scheduler.pending()).toBe(0);
  });

  it('should deliver a registered result change at once, with the result read once', async () => {
    const created = await execute(ctx.app, LiveCreateRegistered, {
      input: {
        siteId,
        name: 'hooked',
        sql: "SELECT COUNT(*) AS n FROM PATIENTS WHERE SURNAME = 'Hook'",
        frequencySeconds: 60,
        durationSeconds: 600,
      },
    });
    const queryId = created.data!.createRegisteredQuery.id;
    const sub = subscribe(client, LiveRegisteredResults, { siteId, queryId });
    const first = (await sub.next()).data?.registeredQueryResultChanged;
    await ctx.clearRequests();
    await ctx.call('POST', '/_sim/sql', {
      body: { siteId, sql: "UPDATE PATIENTS SET SURNAME = 'Hook' WHERE INTERNALID = 2" },
    });
    await ctx.advance(60_000);
    const change = (await sub.next()).data?.registeredQueryResultChanged;
    expect(change).toMatchObject({
      hash: createHash('sha256')
        .update(JSON.stringify([{ n: 1 }]))
        .digest('base64'),
      previousHash: first?.hash,
      result: { rows: [{ n: 1 }] },
    });
    expect((await ctx.upstreamCalls()).map((c) => c.operationId).sort()).toEqual([
      'getRegisteredQuery',
      'getRegisteredQueryResult',
    ]);
    sub.unsubscribe();
    await vi.waitFor(() => expect(ctx.app.live.stats().watches).toBe(0));
  });

  it("should send a change to identical subscribers as one payload framed with each subscriber's id", async () => {
    const created = await execute(ctx.app, LiveCreateRegistered, {
      input: {
        siteId,
        name: 'fanned',
        sql: "SELECT COUNT(*) AS n FROM PATIENTS WHERE SURNAME = 'Fan'",
        frequencySeconds: 60,
        durationSeconds: 600,
      },
    });
    const queryId = created.data!.createRegisteredQuery.id;
    const clients = await Promise.all([1, 2, 3].map(() => RawWsClient.open(`${ctx.url}/graphql`)));
    const ids = ['1', '1', 'z'];
    clients.forEach((c, i) => c.subscribe(ids[i]!, print(LiveRegisteredResults), { siteId, queryId }));
    const payloadsOf = async () => {
      const messages = (await Promise.all(clients.map((c) => c.next()))).map(
        (m) => JSON.parse(m) as { id: string; type: string; payload: unknown },
      );
      expect(messages.map((m) => [m.id, m.type])).toEqual(ids.map((id) => [id, 'next']));
      return messages.map((m) => m.payload);
    };
    const initial = await payloadsOf();
    expect(new Set(initial.map((p) => JSON.stringify(p))).size).toBe(1);
    expect(ctx.app.ws.stats()).toMatchObject({ executions: 1, subscribers: 3 });
    await ctx.clearRequests();

    await ctx.call('POST', '/_sim/sql', {
      body: { siteId, sql: "UPDATE PATIENTS SET SURNAME = 'Fan' WHERE INTERNALID < 4" },
    });
    await ctx.advance(60_000);
    const [change, ...others] = await payloadsOf();
    expect(others).toEqual([change, change]);
    expect(change).toMatchObject({ data: { registeredQueryResultChanged: { result: { rows: [{ n: 3 }] } } } });
    expect((await ctx.upstreamCalls()).map((c) => c.operationId).sort()).toEqual([
      'getRegisteredQuery',
      'getRegisteredQueryResult',
    ]);
    await Promise.all(clients.map((c) => c.close()));
    await vi.waitFor(() => expect(ctx.app.live.stats().watches).toBe(0));
  });

  it('should reject bad signatures, stale timestamps, replays and malformed bodies without polling', async () => {
    const queryId = await submit();
    const sub = subscribe(client, LiveQueryStatus, { siteId, queryId });
    await sub.next();
    await ctx.clearRequests();
    const about = (id: string) =>
      JSON.stringify({ id, occurredAt: new Date().toISOString(), siteId, queryId, webhookSource: 'async' });

    const forged = randomUUID();
    expect(
      await post({
        id: forged,
        body: about(forged),
        signature: createHmac('sha256', 'wrong-secret').update('x').digest('hex'),
      }),
    ).toBe(401);
    expect(await post({ signature: 'not-hex' })).toBe(401);
    const stale = randomUUID();
    expect(
      await post({ id: stale, body: about(stale), timestamp: new Date(Date.now() - 5 * 60_000 - 1_000).toISOString() }),
    ).toBe(401);
    expect(await post({ timestamp: new Date(Date.now() + 6 * 60_000).toISOString() })).toBe(401);
    expect(await post({ body: '{"id": "no closing brace"' })).toBe(400);
    expect(await post({ id: randomUUID(), body: about(randomUUID()) })).toBe(400);
    expect(await post({ body: JSON.stringify({ pad: 'x'.repeat(70_000) }) })).toBe(413);
    expect(await post({ method: 'GET' })).toBe(405);
    await ctx.app.live.whenIdle();
    expect(await ctx.upstreamCalls()).toEqual([]);

    const id = randomUUID();
    expect(await post({ id, body: about(id) })).toBe(202);
    await ctx.app.live.whenIdle();
    expect(await batchCalls()).toBe(1);
    // The same delivery again (freshly signed): refused, and costs nothing upstream.
    expect(await post({ id, body: about(id) })).toBe(409);
    await ctx.app.live.whenIdle();
    expect(await batchCalls()).toBe(1);
    sub.unsubscribe();
    await vi.waitFor(() => expect(ctx.app.live.stats().watches).toBe(0));
  });

  it('should not poll on a webhook while Halo has asked for a pause (Retry-After)', async () => {
    const queryId = await submit();
    const sub = subscribe(client, LiveQueryStatus, { siteId, queryId });
    await sub.next();
    await ctx.call('POST', '/_sim/faults', {
      body: { operationId: 'getQueryStatusBatch', status: 429, retryAfterSeconds: 30, count: 1 },
    });
    scheduler.tick();
    await ctx.app.live.whenIdle();
    expect(scheduler.nextDelay()).toBe(30_000);
    await ctx.clearRequests();
    const id = randomUUID();
    expect(
      await post({
        id,
        body: JSON.stringify({ id, occurredAt: new Date().toISOString(), siteId, queryId, webhookSource: 'async' }),
      }),
    ).toBe(202);
    await ctx.app.live.whenIdle();
    expect(await batchCalls()).toBe(0);
    await ctx.advance(100);
    scheduler.advance(30_000);
    expect((await sub.next()).data?.queryStatusChanged.status).toBe('QUEUED');
    expect(await batchCalls()).toBe(1);
    sub.unsubscribe();
    await vi.waitFor(() => expect(ctx.app.live.stats().watches).toBe(0));
  });

  it('should answer 202 to a webhook about a query nobody watches, without an upstream call', async () => {
    await ctx.clearRequests();
    expect(await post()).toBe(202);
    await ctx.app.live.whenIdle();
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should answer 404 when no webhook secret is configured', async () => {
    const app = createApp({
      haloApiUrl: ctx.sim.url,
      haloSubscriptionKey: ctx.sim.key,
      halo: { keepAliveTimeoutMs: 10 },
    });
    try {
      const { url } = await app.start(0);
      const res = await fetch(`${url}/webhooks/halo`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(404);
      await res.arrayBuffer();
    } finally {
      await app.stop();
    }
  });
});
