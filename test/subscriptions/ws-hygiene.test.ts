import { once } from 'node:events';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import WebSocket from 'ws';
import { createApp } from '../../src/app.js';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { graphql } from '../gql/index.js';
import { useApp } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';
import { createManualScheduler } from '../helpers/scheduler.js';
import { subscribe, wsClient } from '../helpers/ws.js';
import { LiveQueryStatus, LiveSubmitAsync } from './documents.js';

const scheduler = createManualScheduler();
const LIMITS = {
  maxSubscriptionsPerConnection: 3,
  connectionInitWaitTimeoutMs: 200,
  keepAliveMs: 100,
  maxPayloadBytes: 4_096,
};
const ctx = useApp({ listen: true, deps: { scheduler }, app: { subscriptions: LIMITS } });
const siteId = OnlineSite.id;
const PROTOCOL = 'graphql-transport-ws';
let client: Client;

beforeAll(() => {
  client = wsClient(ctx.url);
});
afterAll(async () => {
  await client.dispose();
});

const wsUrl = () => `${ctx.url.replace(/^http/, 'ws')}/graphql`;
async function open(protocol: string | null = PROTOCOL, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  const ws = protocol === null ? new WebSocket(wsUrl(), options) : new WebSocket(wsUrl(), protocol, options);
  await once(ws, 'open');
  return ws;
}
async function acknowledged(options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  const ws = await open(PROTOCOL, options);
  ws.send(JSON.stringify({ type: 'connection_init' }));
  const [data] = await once(ws, 'message');
  expect(JSON.parse(String(data))).toEqual({ type: 'connection_ack' });
  return ws;
}
const closeOf = async (ws: WebSocket) => {
  const [code, reason] = (await once(ws, 'close')) as [number, Buffer];
  return { code, reason: reason.toString() };
};

describe('WebSocket connection hygiene', () => {
  it('should close a connection that never sends connection_init with 4408', async () => {
    const ws = await open();
    expect(await closeOf(ws)).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
  });

  it('should refuse a client without the graphql-transport-ws subprotocol with 4406', async () => {
    const ws = await open(null);
    expect(await closeOf(ws)).toEqual({ code: 4406, reason: 'Subprotocol not acceptable' });
  });

  it('should answer 404 to a WebSocket upgrade on another path', async () => {
    const ws = new WebSocket(`${ctx.url.replace(/^http/, 'ws')}/elsewhere`, PROTOCOL);
    ws.on('error', () => undefined); // terminating a socket that never opened reports an error
    const [, res] = (await once(ws, 'unexpected-response')) as [unknown, { statusCode: number }];
    expect(res.statusCode).toBe(404);
    ws.terminate();
  });

  it('should close with 4401 on a subscribe before connection_init is acknowledged', async () => {
    const ws = await open();
    ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ __typename }' } }));
    expect((await closeOf(ws)).code).toBe(4401);
  });

  it('should close with 1009 on a message above maxPayload', async () => {
    // graphql-ws logs the socket error it is told about; expected here.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => quiet.mockRestore());
    const ws = await acknowledged();
    ws.send(
      JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ __typename } # ${'x'.repeat(5_000)}` } }),
    );
    expect((await closeOf(ws)).code).toBe(1009);
  });

  it('should ping, and drop a peer that stops answering pings', async () => {
    const live = await acknowledged();
    await once(live, 'ping');
    live.close();
    const silent = await acknowledged({ autoPong: false });
    await once(silent, 'ping');
    expect((await closeOf(silent)).code).toBe(1006);
  });

  it('should refuse operations beyond the per-connection cap with BAD_USER_INPUT, and keep the connection', async () => {
    const res = await execute(ctx.app, LiveSubmitAsync, {
      input: { siteId, sql: 'SELECT TOP 1 InternalID FROM BPS_Patients' },
    });
    const queryId = res.data!.submitAsyncQuery.id;
    const subs = [1, 2, 3].map(() => subscribe(client, LiveQueryStatus, { siteId, queryId }));
    for (const s of subs) await s.next();
    const refused = subscribe(client, LiveQueryStatus, { siteId, queryId });
    await expect(refused.done).rejects.toEqual([
      expect.objectContaining({
        message: 'Too many operations on this connection: at most 3 at a time.',
        extensions: { code: 'BAD_USER_INPUT', limit: 3 },
      }),
    ]);
    subs[0]!.unsubscribe();
    await vi.waitFor(() => expect(ctx.app.ws.stats().operations).toBe(2));
    const again = subscribe(client, LiveQueryStatus, { siteId, queryId });
    expect((await again.next()).data?.queryStatusChanged.status).toBe('INITIALISING');
    expect(ctx.app.ws.stats()).toMatchObject({ connections: 1, operations: 3 });
    for (const s of [...subs, again]) s.unsubscribe();
    await vi.waitFor(() => expect(ctx.app.live.stats().watches).toBe(0));
  });

  it('should run queries over the same transport, through the same context and error masking', async () => {
    const SiteName = graphql(`
      query LiveSiteName($id: ID!) {
        site(id: $id) {
          practiceName
        }
      }
    `);
    const ok = subscribe(client, SiteName, { id: siteId });
    await ok.done;
    expect(ok.results).toEqual([{ data: { site: { practiceName: 'Halo Clinic North' } } }]);
    const missing = subscribe(client, SiteName, { id: '00000000-0000-4000-8000-000000000000' });
    await missing.done;
    expect(missing.results[0]?.errors?.map((e) => e.extensions?.['code'])).toEqual(['SITE_NOT_FOUND']);
  });

  it('should close every connection with 1001 on stop', async () => {
    const app = createApp(
      { haloApiUrl: ctx.sim.url, haloSubscriptionKey: ctx.sim.key, halo: { keepAliveTimeoutMs: 10 } },
      { scheduler },
    );
    const { url } = await app.start(0);
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, PROTOCOL);
    await once(ws, 'open');
    ws.send(JSON.stringify({ type: 'connection_init' }));
    await once(ws, 'message');
    const closed = closeOf(ws);
    await app.stop();
    expect(await closed).toEqual({ code: 1001, reason: 'Going away' });
  });
});
