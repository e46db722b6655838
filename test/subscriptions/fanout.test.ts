import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { useApp } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';
import { createManualScheduler } from '../helpers/scheduler.js';
import { subscribe, wsClient, type LiveSubscription } from '../helpers/ws.js';
import { advanceUntil } from './drive.js';
import { LiveQueryStatus, LiveQueryStatusBrief, LiveSubmitAsync } from './documents.js';

const CONNECTIONS = 10;
const PER_CONNECTION = 100;
const scheduler = createManualScheduler();
const ctx = useApp({
  listen: true,
  deps: { scheduler },
  app: { subscriptions: { maxSubscriptionsPerConnection: PER_CONNECTION } },
});
const siteId = OnlineSite.id;
let clients: Client[] = [];

beforeAll(() => {
  clients = Array.from({ length: CONNECTIONS }, () => wsClient(ctx.url));
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
});

describe('fan-out', () => {
  it('should serve 1,000 subscribers of one async query from one watcher and one status call per poll', async () => {
    const res = await execute(ctx.app, LiveSubmitAsync, {
      input: { siteId, sql: 'SELECT TOP 5 InternalID FROM BPS_Patients' },
    });
    const queryId = res.data!.submitAsyncQuery.id;
    await ctx.clearRequests();
    const started = performance.now();

    // Two documents (a full and a brief selection): two shared executions over one watcher.
    const subs: Array<LiveSubscription<{ queryStatusChanged: { status: string } }>> = clients.flatMap((client, c) =>
      Array.from({ length: PER_CONNECTION }, (_, i) =>
        (c * PER_CONNECTION + i) % 2 === 0
          ? subscribe(client, LiveQueryStatus, { siteId, queryId })
          : subscribe(client, LiveQueryStatusBrief, { siteId, queryId }),
      ),
    );
    const initial = await Promise.all(subs.map((s) => s.next()));
    const subscribedMs = performance.now() - started;
    expect(new Set(initial.map((r) => r.data?.queryStatusChanged.status))).toEqual(new Set(['INITIALISING']));
    expect(ctx.app.live.stats()).toMatchObject({ watches: 1, subscribers: 2, pollingSites: [siteId] });
    expect(ctx.app.ws.stats()).toEqual({
      connections: CONNECTIONS,
      operations: 1_000,
      executions: 2,
      subscribers: 1_000,
    });

    const steps = ['QUEUED', 'EXECUTING', 'UPLOADING', 'SUCCESSFUL'];
    const stepsStarted = performance.now();
    for (const status of steps) {
      await advanceUntil(ctx, queryId, status.toLowerCase());
      scheduler.tick();
      const got = await Promise.all(subs.map((s) => s.next()));
      expect(got.every((r) => r.data?.queryStatusChanged.status === status)).toBe(true);
    }
    await Promise.all(subs.map((s) => s.done));
    const eventsMs = performance.now() - stepsStarted;

    // Upstream: one read of the current state, then exactly one batch-status call per poll.
    const calls = await ctx.upstreamCalls();
    expect(calls.map((c) => c.operationId)).toEqual(Array(1 + steps.length).fill('getQueryStatusBatch'));
    await ctx.app.live.whenIdle();
    expect(ctx.app.live.stats()).toEqual({ watches: 0, subscribers: 0, pollingSites: [], activeLanes: 0 });
    expect(ctx.app.ws.stats()).toMatchObject({ operations: 0, executions: 0, subscribers: 0 });
    expect(scheduler.pending()).toBe(0);
    console.info(
      `fan-out: 1,000 subscribers on ${CONNECTIONS} connections subscribed in ${subscribedMs.toFixed(0)} ms; ` +
        `4 status events to all of them in ${eventsMs.toFixed(0)} ms; ${calls.length} upstream calls`,
    );
  });
});
