import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { useApp } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';
import { createManualScheduler } from '../helpers/scheduler.js';
import { subscribe, wsClient, type LiveSubscription } from '../helpers/ws.js';
import type { LiveQueryPhasesSubscription } from '../gql/graphql.js';
import { advanceUntil } from './drive.js';
import { LiveQueryPhases, LiveQueryStatus, LiveSubmitAsync } from './documents.js';

const scheduler = createManualScheduler();
// One attempt per upstream call: the watcher's own backoff is what these tests observe.
const ctx = useApp({ listen: true, deps: { scheduler }, app: { halo: { retry: { maxAttempts: 1 } } } });
const siteId = OnlineSite.id;
let client: Client;

beforeAll(() => {
  client = wsClient(ctx.url);
});
afterAll(async () => {
  await client.dispose();
});
beforeEach(async () => {
  ctx.sim.reset();
  await ctx.call('DELETE', '/_sim/faults');
});

async function submit(sql = 'SELECT TOP 3 InternalID FROM BPS_Patients ORDER BY InternalID'): Promise<string> {
  const res = await execute(ctx.app, LiveSubmitAsync, { input: { siteId, sql } });
  expect(res.errors).toBeUndefined();
  return res.data!.submitAsyncQuery.id;
}

/** Fires the earliest poll timer and waits until that poll and what it published are done. */
async function poll(): Promise<number | undefined> {
  const moved = scheduler.tick();
  await ctx.app.live.whenIdle();
  return moved;
}

async function batchCalls(): Promise<number> {
  return (await ctx.upstreamCalls('getQueryStatusBatch')).length;
}

describe('queryStatusChanged', () => {
  it('should send the current status at once, then each status change in order, then complete', async () => {
    const queryId = await submit();
    await ctx.clearRequests();
    const sub = subscribe(client, LiveQueryStatus, { siteId, queryId });
    expect((await sub.next()).data?.queryStatusChanged).toEqual({
      id: queryId,
      status: 'INITIALISING',
      isTerminal: false,
      rowCount: null,
    });

    const steps = ['QUEUED', 'EXECUTING', 'UPLOADING', 'SUCCESSFUL'];
    for (const status of steps) {
      await advanceUntil(ctx, queryId, status.toLowerCase());
      scheduler.tick();
      expect((await sub.next()).data?.queryStatusChanged.status).toBe(status);
    }
    await sub.done;
    expect(sub.results.map((r) => r.data?.queryStatusChanged.status)).toEqual([
      'INITIALISING',
      'QUEUED',
      'EXECUTING',
      'UPLOADING',
      'SUCCESSFUL',
    ]);
    expect(sub.results.at(-1)?.data?.queryStatusChanged).toEqual({
      id: queryId,
      status: 'SUCCESSFUL',
      isTerminal: true,
      rowCount: 3,
    });
    // One read for the current state, then one batch call per poll.
    expect(await batchCalls()).toBe(1 + steps.length);
    await ctx.app.live.whenIdle();
    expect(ctx.app.live.stats()).toEqual({ watches: 0, subscribers: 0, pollingSites: [], activeLanes: 0 });
    expect(scheduler.pending()).toBe(0);
  });

  it('should send a query that is already terminal once and complete', async () => {
    const queryId = await submit();
    await ctx.advance(10_000);
    const sub = subscribe(client, LiveQueryStatus, { siteId, queryId });
    await sub.done;
    expect(sub.results.map((r) => r.data?.queryStatusChanged.status)).toEqual(['SUCCESSFUL']);
  });

  it('should answer NOT_FOUND for an unknown query and BAD_USER_INPUT for a non-GUID', async () => {
    const unknown = subscribe(client, LiveQueryStatus, { siteId, queryId: '00000000-0000-4000-8000-000000000000' });
    await unknown.done;
    // An error creating the event stream: one result with errors and no data, then complete (GraphQL spec, graphql-ws).
    expect(unknown.results).toEqual([
      { errors: [expect.objectContaining({ message: 'Query not found.', extensions: { code: 'NOT_FOUND' } })] },
    ]);

    const bad = subscribe(client, LiveQueryStatus, { siteId, queryId: 'not-a-guid' });
    await bad.done;
    expect(bad.results[0]?.errors?.map((e) => e.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    await ctx.app.live.whenIdle();
    expect(ctx.app.live.stats().watches).toBe(0);
  });

  it('should start without an event while Halo is unavailable, then deliver the state from polling', async () => {
    const queryId = await submit();
    await ctx.call('POST', '/_sim/faults', { body: { operationId: 'getQueryStatusBatch', status: 503, count: 1 } });
    const sub = subscribe(client, LiveQueryStatus, { siteId, queryId });
    await vi.waitFor(() => expect(ctx.app.ws.stats().executions).toBe(1));
    await ctx.app.live.whenIdle();
    expect(sub.results).toEqual([]);
    await poll();
    expect((await sub.next()).data?.queryStatusChanged.status).toBe('INITIALISING');
    sub.unsubscribe();
    await vi.waitFor(() => expect(ctx.app.live.stats().watches).toBe(0));
  });

  it('should stop polling, with no timer left, when the last subscriber leaves', async () => {
    const queryId = await submit();
    const a = subscribe(client, LiveQueryStatus, { siteId, queryId });
    const b = subscribe(client, LiveQueryStatus, { siteId, queryId });
    await a.next();
    await b.next();
    await poll();
    expect(ctx.app.live.stats()).toMatchObject({ watches: 1, pollingSites: [siteId], activeLanes: 1 });

    a.unsubscribe();
    await vi.waitFor(() => expect(ctx.app.ws.stats().subscribers).toBe(1));
    expect(ctx.app.live.stats()).toMatchObject({ watches: 1, pollingSites: [siteId] });

    b.unsubscribe();
    await vi.waitFor(() => expect(ctx.app.live.stats().watches).toBe(0));
    await ctx.app.live.whenIdle();
    expect(ctx.app.live.stats()).toEqual({ watches: 0, subscribers: 0, pollingSites: [], activeLanes: 0 });
    expect(scheduler.pending()).toBe(0);
    await ctx.clearRequests();
    scheduler.advance(10 * 60_000);
    await ctx.advance(10_000);
    await ctx.app.live.whenIdle();
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should back off while nothing changes, return to the fastest interval on a change, and honour Retry-After', async () => {
    const queryId = await submit();
    const sub = subscribe(client, LiveQueryStatus, { siteId, queryId });
    await sub.next();
    expect(scheduler.nextDelay()).toBe(250);
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      await poll();
      delays.push(scheduler.nextDelay()!);
    }
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);

    await ctx.advance(100);
    await poll();
    expect((await sub.next()).data?.queryStatusChanged.status).toBe('QUEUED');
    expect(scheduler.nextDelay()).toBe(250);

    await ctx.call('POST', '/_sim/faults', {
      body: { operationId: 'getQueryStatusBatch', status: 429, retryAfterSeconds: 45, count: 1 },
    });
    await ctx.clearRequests();
    await poll();
    expect(await batchCalls()).toBe(1);
    expect(scheduler.nextDelay()).toBe(45_000);
    scheduler.advance(44_999);
    await ctx.app.live.whenIdle();
    expect(await batchCalls()).toBe(1);

    await ctx.call('POST', '/_sim/faults', { body: { operationId: 'getQueryStatusBatch', status: 503, count: 1 } });
    scheduler.advance(1);
    await ctx.app.live.whenIdle();
    expect(await batchCalls()).toBe(2);
    // Site unavailable: the offline interval.
    expect(scheduler.nextDelay()).toBe(30_000);

    // The watcher survived both failures.
    await ctx.advance(200);
    await poll();
    expect((await sub.next()).data?.queryStatusChanged.status).toBe('EXECUTING');
    sub.unsubscribe();
    await vi.waitFor(() => expect(scheduler.pending()).toBe(0));
  });

  it('should batch every watched query of a site into one status call per poll', async () => {
    const ids = [await submit(), await submit(), await submit()];
    const subs = ids.map((queryId) => subscribe(client, LiveQueryStatus, { siteId, queryId }));
    for (const s of subs) expect((await s.next()).data?.queryStatusChanged.status).toBe('INITIALISING');
    await ctx.clearRequests();
    await ctx.advance(100);
    await poll();
    for (const s of subs) expect((await s.next()).data?.queryStatusChanged.status).toBe('QUEUED');
    expect(await batchCalls()).toBe(1);
    for (const s of subs) s.unsubscribe();
    await vi.waitFor(() => expect(ctx.app.live.stats().watches).toBe(0));
  });
});

describe('queryStatusChanged phases and page progress', () => {
  type Event = NonNullable<
    Awaited<ReturnType<LiveSubscription<LiveQueryPhasesSubscription>['next']>>['data']
  >['queryStatusChanged'];

  /** Events until the terminal one. */
  async function untilTerminal(sub: LiveSubscription<LiveQueryPhasesSubscription>): Promise<Event[]> {
    const events: Event[] = [];
    for (let e = (await sub.next()).data!.queryStatusChanged; ; e = (await sub.next()).data!.queryStatusChanged) {
      events.push(e);
      if (e.isTerminal) return events;
    }
  }

  it('should send every phase statusTiming records, with its times, when one poll sees a later status', async () => {
    const queryId = await submit();
    const sub = subscribe(client, LiveQueryPhases, { siteId, queryId });
    expect((await sub.next()).data?.queryStatusChanged.status).toBe('INITIALISING');
    await ctx.clearRequests();
    await ctx.advance(10_000);
    await poll();
    const events = await untilTerminal(sub);
    expect(events.map((e) => e.status)).toEqual(['QUEUED', 'EXECUTING', 'UPLOADING', 'SUCCESSFUL']);
    expect(await batchCalls()).toBe(1);
    const final = events.at(-1)!;
    const started = Object.fromEntries(final.timings.map((t) => [t.phase, t]));
    for (const [i, phase] of (['QUEUED', 'EXECUTING', 'UPLOADING'] as const).entries()) {
      const event = events[i]!;
      // Each derived phase: when it began, and the timings up to it (its end included).
      expect(event.updatedAt).toBe(started[phase]!.startTime);
      expect(event.timings).toEqual(final.timings.slice(0, i + 2));
      expect(event).toMatchObject({ isTerminal: false, rowCount: null, pages: [] });
    }
    expect(final).toMatchObject({ rowCount: 3, pages: [{ pageNumber: 1, status: 'CACHED' }] });
    await sub.done;
  });

  it('should derive QUEUED before EXPIRED_IN_QUEUE, and no phase that never happened', async () => {
    const res = await execute(ctx.app, LiveSubmitAsync, {
      input: { siteId, sql: 'SELECT TOP 1 InternalID FROM BPS_Patients', maxTimeInQueueMs: 50 },
    });
    const queryId = res.data!.submitAsyncQuery.id;
    const sub = subscribe(client, LiveQueryPhases, { siteId, queryId });
    await sub.next();
    await ctx.advance(10_000);
    await poll();
    expect((await untilTerminal(sub)).map((e) => e.status)).toEqual(['QUEUED', 'EXPIRED_IN_QUEUE']);
  });
});

describe('queryStatusChanged page progress', () => {
  // Small pages: a result of several pages, each uploaded in 100 simulated ms (queued → uploading → cached).
  const pagedScheduler = createManualScheduler();
  const paged = useApp({ listen: true, deps: { scheduler: pagedScheduler }, simulator: { pageBytes: 16 * 1024 } });

  it('should send an event each time a page changes status while UPLOADING, never going backwards', async () => {
    const pagedClient = wsClient(paged.url);
    const res = await execute(paged.app, LiveSubmitAsync, {
      input: { siteId, sql: 'SELECT InternalID, Surname, Firstname, DOB, Postcode FROM BPS_Patients' },
    });
    const queryId = res.data!.submitAsyncQuery.id;
    const sub = subscribe(pagedClient, LiveQueryPhases, { siteId, queryId });
    await sub.next();
    const step = async () => {
      pagedScheduler.tick();
      await paged.app.live.whenIdle();
    };
    await advanceUntil(paged, queryId, 'uploading');
    await step();
    const pages = paged.sim.state.queries.get(queryId)!.pages.length;
    expect(pages).toBeGreaterThan(2);
    // Half a page upload at a time: every poll sees one page move.
    while (paged.sim.state.queries.get(queryId)!.status === 'uploading') {
      await paged.advance(50);
      await step();
    }
    await sub.done;
    const events = sub.results.map((r) => r.data!.queryStatusChanged);
    const uploading = events.filter((e) => e.status === 'UPLOADING');
    // The first UPLOADING (all pages queued), then one event per page move: queued → uploading → cached.
    const cached = uploading.map((e) => e.pages.filter((p) => p.status === 'CACHED').length);
    expect(cached[0]).toBe(0);
    expect(uploading).toHaveLength(2 * pages);
    expect([...cached].sort((a, b) => a - b)).toEqual(cached);
    const states = uploading.map((e) => e.pages.map((p) => p.status).join());
    expect(new Set(states).size).toBe(states.length);
    expect(events.at(-1)).toMatchObject({ status: 'SUCCESSFUL', rowCount: 2000 });
    expect(events.at(-1)!.pages).toHaveLength(pages);
    await pagedClient.dispose();
  });
});

describe('queryStatusChanged over Server-Sent Events', () => {
  async function* sse(body: unknown): AsyncGenerator<{ event: string; data: unknown }> {
    const res = await fetch(`${ctx.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(body),
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: ?(.*)$/m.exec(block)?.[1];
        const data = /^data: ?(.*)$/m.exec(block)?.[1];
        if (event) yield { event, data: data ? JSON.parse(data) : null };
      }
    }
  }

  it('should stream the same events, share the watcher, and end with complete', async () => {
    const queryId = await submit();
    const stream = sse({ query: print(LiveQueryStatus), variables: { siteId, queryId } });
    const first = await stream.next();
    expect(first.value).toEqual({
      event: 'next',
      data: {
        data: { queryStatusChanged: { id: queryId, status: 'INITIALISING', isTerminal: false, rowCount: null } },
      },
    });
    const ws = subscribe(client, LiveQueryStatus, { siteId, queryId });
    await ws.next();
    expect(ctx.app.live.stats()).toMatchObject({ watches: 1, subscribers: 2 });
    await ctx.advance(10_000);
    await poll();
    const rest = [];
    for await (const e of stream) rest.push(e);
    expect(
      rest.map(
        (e) =>
          (e.data as { data?: { queryStatusChanged: { status: string } } })?.data?.queryStatusChanged.status ?? e.event,
      ),
    ).toEqual(['QUEUED', 'EXECUTING', 'UPLOADING', 'SUCCESSFUL', 'complete']);
    expect(rest[3]).toMatchObject({
      event: 'next',
      data: { data: { queryStatusChanged: { status: 'SUCCESSFUL', rowCount: 3 } } },
    });
    await ws.done;
  });

  it('should answer NOT_FOUND the same way as over WebSocket', async () => {
    const events = [];
    for await (const e of sse({
      query: print(LiveQueryStatus),
      variables: { siteId, queryId: '00000000-0000-4000-8000-000000000000' },
    }))
      events.push(e);
    expect(events).toEqual([
      {
        event: 'next',
        data: { errors: [expect.objectContaining({ message: 'Query not found.', extensions: { code: 'NOT_FOUND' } })] },
      },
      { event: 'complete', data: null },
    ]);
  });
});
