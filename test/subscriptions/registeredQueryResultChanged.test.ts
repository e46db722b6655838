import { createHash } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { useApp } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';
import { createManualScheduler } from '../helpers/scheduler.js';
import { subscribe, wsClient } from '../helpers/ws.js';
import { LiveCancelRegistered, LiveCreateRegistered, LiveRegisteredResults } from './documents.js';

const scheduler = createManualScheduler();
const ctx = useApp({ listen: true, deps: { scheduler } });
const siteId = OnlineSite.id;
const COUNT_ZZYZX = "SELECT COUNT(*) AS n FROM PATIENTS WHERE SURNAME = 'Zzyzx'";
const hashOf = (rows: unknown) => createHash('sha256').update(JSON.stringify(rows)).digest('base64');
let client: Client;

beforeAll(() => {
  client = wsClient(ctx.url);
});
afterAll(async () => {
  await client.dispose();
});
beforeEach(async () => {
  ctx.sim.reset();
});

async function register(sql: string, frequencySeconds = 60, durationSeconds = 600): Promise<string> {
  const res = await execute(ctx.app, LiveCreateRegistered, {
    input: { siteId, name: 'watch me', sql, frequencySeconds, durationSeconds },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.createRegisteredQuery.id;
}

async function poll(): Promise<void> {
  scheduler.tick();
  await ctx.app.live.whenIdle();
}

const count = async (operationId: string) => (await ctx.upstreamCalls(operationId)).length;

describe('registeredQueryResultChanged', () => {
  it('should send the current result at once, then each new result with the previous hash, reading results only when lastHash changes', async () => {
    const queryId = await register(COUNT_ZZYZX);
    await ctx.clearRequests();
    const sub = subscribe(client, LiveRegisteredResults, { siteId, queryId });
    const h1 = hashOf([{ n: 0 }]);
    expect((await sub.next()).data?.registeredQueryResultChanged).toEqual({
      hash: h1,
      previousHash: null,
      query: { id: queryId, status: 'ENABLED', lastHash: h1 },
      result: { rowCount: 1, columns: ['n'], rows: [{ n: 0 }] },
    });
    expect(await count('getRegisteredQuery')).toBe(1);
    expect(await count('getRegisteredQueryResult')).toBe(1);

    // A run with the same result: polled, nothing sent, no result read.
    await ctx.advance(60_000);
    await poll();
    expect(sub.results).toHaveLength(1);
    expect(await count('getRegisteredQuery')).toBe(2);
    expect(await count('getRegisteredQueryResult')).toBe(1);

    await ctx.call('POST', '/_sim/sql', {
      body: { siteId, sql: "UPDATE PATIENTS SET SURNAME = 'Zzyzx' WHERE INTERNALID = 1" },
    });
    await ctx.advance(60_000);
    await poll();
    const h2 = hashOf([{ n: 1 }]);
    expect((await sub.next()).data?.registeredQueryResultChanged).toEqual({
      hash: h2,
      previousHash: h1,
      query: { id: queryId, status: 'ENABLED', lastHash: h2 },
      result: { rowCount: 1, columns: ['n'], rows: [{ n: 1 }] },
    });
    expect(await count('getRegisteredQuery')).toBe(3);
    expect(await count('getRegisteredQueryResult')).toBe(2);

    const cancelled = await execute(ctx.app, LiveCancelRegistered, { siteId, id: queryId });
    expect(cancelled.data?.cancelRegisteredQuery.status).toBe('CANCELLED');
    await poll();
    await sub.done;
    expect(sub.results).toHaveLength(2);
    await ctx.app.live.whenIdle();
    expect(ctx.app.live.stats()).toEqual({ watches: 0, subscribers: 0, pollingSites: [], activeLanes: 0 });
    expect(scheduler.pending()).toBe(0);
  });

  it('should complete when the registered query completes', async () => {
    const queryId = await register(COUNT_ZZYZX, 60, 120);
    const sub = subscribe(client, LiveRegisteredResults, { siteId, queryId });
    await sub.next();
    await ctx.advance(120_000);
    await poll();
    await sub.done;
    expect(sub.results.map((r) => r.data?.registeredQueryResultChanged.previousHash)).toEqual([null]);
  });

  it('should send nothing until there is a result', async () => {
    const queryId = await register('SELECT Nope FROM NoSuchTable', 60, 120);
    const sub = subscribe(client, LiveRegisteredResults, { siteId, queryId });
    await vi.waitFor(() => expect(ctx.app.live.stats().watches).toBe(1));
    await ctx.app.live.whenIdle();
    await ctx.advance(60_000);
    await poll();
    expect(sub.results).toEqual([]);
    await ctx.advance(60_000);
    await poll();
    await sub.done;
    expect(sub.results).toEqual([]);
    expect(await count('getRegisteredQueryResult')).toBe(0);
  });

  it('should give a late subscriber the current result without an upstream call, and run each change once for all subscribers', async () => {
    const queryId = await register(COUNT_ZZYZX);
    const a = subscribe(client, LiveRegisteredResults, { siteId, queryId });
    await a.next();
    await ctx.clearRequests();
    const b = subscribe(client, LiveRegisteredResults, { siteId, queryId });
    // The late subscriber gets the current result without any upstream call.
    expect((await b.next()).data?.registeredQueryResultChanged.result?.rows).toEqual([{ n: 0 }]);
    expect(await ctx.upstreamCalls()).toEqual([]);
    expect(ctx.app.live.stats()).toMatchObject({ watches: 1, subscribers: 1 });
    expect(ctx.app.ws.stats()).toMatchObject({ executions: 1, subscribers: 2 });

    await ctx.call('POST', '/_sim/sql', {
      body: { siteId, sql: "UPDATE PATIENTS SET SURNAME = 'Zzyzx' WHERE INTERNALID < 3" },
    });
    await ctx.advance(60_000);
    await poll();
    expect((await a.next()).data?.registeredQueryResultChanged.result?.rows).toEqual([{ n: 2 }]);
    expect((await b.next()).data?.registeredQueryResultChanged.result?.rows).toEqual([{ n: 2 }]);
    expect(await count('getRegisteredQueryResult')).toBe(1);
    a.unsubscribe();
    b.unsubscribe();
    await vi.waitFor(() => expect(ctx.app.live.stats().watches).toBe(0));
  });

  it('should answer NOT_FOUND for an unknown registered query', async () => {
    const sub = subscribe(client, LiveRegisteredResults, { siteId, queryId: '00000000-0000-4000-8000-000000000000' });
    await sub.done;
    expect(sub.results).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'NOT_FOUND' } })] }]);
  });
});
