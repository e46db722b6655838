/**
 * The README's client snippets for graphql-ws and Server-Sent Events, run as they are printed
 * (examples/clients/), against the real server. Apollo Client and urql are run by caches.test.ts,
 * trusted documents by test/http/trusted-documents.test.ts.
 */
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { createWsClient, watchQueryStatus } from '../../examples/clients/graphql-ws.js';
import { subscribeOverSse } from '../../examples/clients/sse.js';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { useApp } from '../helpers/app.js';
import { CLIENTS, clientKeyEntries } from '../security/harness.js';

// graphql-ws uses the WebSocket global of browsers (and of Node 22); Node 20 has none.
Object.assign(globalThis, { WebSocket });

const ctx = useApp({ listen: true, app: { security: { auth: { keys: clientKeyEntries() } } } });
const KEY = CLIENTS.admin.key;
const SITE = OnlineSite.id;

async function submit(): Promise<string> {
  const res = await fetch(`${ctx.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({
      query: `mutation { submitAsyncQuery(input: { siteId: "${SITE}", sql: "SELECT TOP 2 InternalID FROM BPS_Patients" }) { id } }`,
    }),
  });
  return ((await res.json()) as { data: { submitAsyncQuery: { id: string } } }).data.submitAsyncQuery.id;
}

describe('the graphql-ws snippet', () => {
  const clients: Array<ReturnType<typeof createWsClient>> = [];
  afterAll(async () => {
    for (const c of clients) await c.dispose();
  });

  it('should follow a query to its terminal status with the key in connection_init', async () => {
    const client = createWsClient(ctx.url, KEY);
    clients.push(client);
    const queryId = await submit();
    const statuses: string[] = [];
    // The query moves on once its current state has arrived.
    await watchQueryStatus(client, SITE, queryId, (status) => {
      if (statuses.push(status) === 1) void ctx.advance(10_000);
    });
    expect(statuses[0]).toBe('INITIALISING');
    expect(statuses.at(-1)).toBe('SUCCESSFUL');
    // Every phase in order, each once, whatever the polls saw.
    expect(statuses).toEqual(['INITIALISING', 'QUEUED', 'EXECUTING', 'UPLOADING', 'SUCCESSFUL']);
  });
});

describe('the Server-Sent Events snippet', () => {
  it('should yield each result and end at complete', async () => {
    const queryId = await submit();
    await ctx.advance(10_000);
    const results = [];
    for await (const result of subscribeOverSse<{ queryStatusChanged: { status: string } }>(
      ctx.url,
      {
        query: 'subscription S($s: ID!, $q: ID!) { queryStatusChanged(siteId: $s, queryId: $q) { status } }',
        variables: { s: SITE, q: queryId },
      },
      KEY,
    ))
      results.push(result);
    expect(results).toEqual([{ data: { queryStatusChanged: { status: 'SUCCESSFUL' } } }]);
  });

  it('should throw on a refused request', async () => {
    const stream = subscribeOverSse(ctx.url, { query: 'subscription { __typename }' });
    await expect(stream.next()).rejects.toThrow('HTTP 401');
  });
});
