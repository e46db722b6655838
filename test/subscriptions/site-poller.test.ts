import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { HaloDataSource } from '../../src/datasources/halo-client.js';
import { HaloApiError } from '../../src/datasources/halo-error.js';
import type { DecodedRegisteredQueryResult } from '../../src/datasources/registered-queries.js';
import type { RegisteredQuery } from '../../src/datasources/types.js';
import { createLocalCoordination } from '../../src/subscriptions/coordination.js';
import { SitePoller } from '../../src/subscriptions/site-poller.js';
import {
  refreshTopic,
  snapshotTopic,
  type RefreshRequest,
  type RegisteredSnapshot,
} from '../../src/subscriptions/snapshots.js';
import { createManualScheduler } from '../helpers/scheduler.js';

const siteId = '0b8e3a52-0000-4000-8000-00000000a001';
const queryId = '0b8e3a52-0000-4000-8000-00000000b001';
const target = { kind: 'registered', siteId, queryId } as const;

type Operation = 'getRegisteredQuery' | 'readRegisteredQueryResult';
interface PendingCall {
  operation: Operation;
  settled: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const registered = (lastHash: string, runs: number): RegisteredQuery =>
  ({
    id: queryId,
    name: 'q',
    registeredQueryType: 'query',
    status: 'enabled',
    frequency: 60,
    duration: 600,
    lastHash,
    metrics: { executionSucceededCount: runs },
  }) as RegisteredQuery;
const resultOf = (n: number): DecodedRegisteredQueryResult => ({
  columns: ['n'],
  rows: [{ n }],
  rowCount: 1,
  size: 7,
  parameters: null,
});
const notFound = () =>
  new HaloApiError({ kind: 'general', status: 404, code: 'NOT_FOUND', operationId: 'getRegisteredQueryResult' });

/** A poller of one registered query whose upstream calls the test answers one by one. */
async function startPoller() {
  const calls: PendingCall[] = [];
  const call = (operation: Operation) =>
    new Promise((resolve, reject) => {
      const c: PendingCall = {
        operation,
        settled: false,
        resolve: (v) => ((c.settled = true), resolve(v)),
        reject: (e) => ((c.settled = true), reject(e)),
      };
      calls.push(c);
    });
  const halo = {
    getRegisteredQuery: () => call('getRegisteredQuery'),
    readRegisteredQueryResult: () => call('readRegisteredQueryResult'),
  } as unknown as HaloDataSource;
  const coordination = createLocalCoordination();
  const scheduler = createManualScheduler();
  const published: RegisteredSnapshot[] = [];
  const errors: unknown[] = [];
  await coordination.bus.subscribe(snapshotTopic(target), (m) => published.push(m as RegisteredSnapshot));
  await coordination.interest.add(target);
  const poller = new SitePoller({
    siteId,
    halo,
    coordination,
    scheduler,
    asyncIntervals: { minMs: 1_000, maxMs: 8_000, offlineMs: 30_000 },
    registeredIntervals: { minMs: 5_000, maxMs: 30_000, offlineMs: 30_000 },
    deadlineMs: 1_000,
    baseline: () => undefined,
    track: (work) => work,
    onError: (error) => errors.push(error),
  });
  onTestFinished(() => poller.stop());
  await poller.start();
  /** The calls started and not yet answered, by operation. */
  const pending = () => calls.filter((c) => !c.settled).map((c) => c.operation);
  const answer = (operation: Operation, outcome: { value: unknown } | { error: unknown }) => {
    const c = calls.find((x) => !x.settled && x.operation === operation);
    if (!c) throw new Error(`no pending ${operation}`);
    if ('value' in outcome) c.resolve(outcome.value);
    else c.reject(outcome.error);
  };
  const webhook = () =>
    coordination.bus.publish(refreshTopic(siteId), {
      kind: 'registered',
      queryId,
      when: 'now',
    } satisfies RefreshRequest);

  // The first (timer) poll: query, then its result, one after the other.
  scheduler.tick();
  await vi.waitFor(() => expect(pending()).toEqual(['getRegisteredQuery']));
  answer('getRegisteredQuery', { value: registered('h1', 1) });
  await vi.waitFor(() => expect(pending()).toEqual(['readRegisteredQueryResult']));
  answer('readRegisteredQueryResult', { value: resultOf(1) });
  await vi.waitFor(() => expect(published).toHaveLength(1));
  calls.length = 0;
  return { calls, pending, answer, webhook, published, errors };
}

describe('SitePoller after a webhook', () => {
  it('should read the registered query and its result at once, and publish that result when lastHash changed', async () => {
    const p = await startPoller();
    await p.webhook();
    await vi.waitFor(() => expect(p.pending().sort()).toEqual(['getRegisteredQuery', 'readRegisteredQueryResult']));
    p.answer('readRegisteredQueryResult', { value: resultOf(2) });
    p.answer('getRegisteredQuery', { value: registered('h2', 2) });
    await vi.waitFor(() => expect(p.published).toHaveLength(2));
    expect(p.published[1]).toEqual({
      type: 'registered',
      siteId,
      queryId,
      query: registered('h2', 2),
      result: resultOf(2),
    });
    expect(p.calls.map((c) => c.operation).sort()).toEqual(['getRegisteredQuery', 'readRegisteredQueryResult']);
    expect(p.errors).toEqual([]);
  });

  it("should read the result again when the one read along with the query is still the previous hash's", async () => {
    const p = await startPoller();
    await p.webhook();
    await vi.waitFor(() => expect(p.pending().sort()).toEqual(['getRegisteredQuery', 'readRegisteredQueryResult']));
    // Read before the new result was uploaded: the same data as h1's.
    p.answer('readRegisteredQueryResult', { value: resultOf(1) });
    p.answer('getRegisteredQuery', { value: registered('h2', 2) });
    await vi.waitFor(() => expect(p.pending()).toEqual(['readRegisteredQueryResult']));
    expect(p.published).toHaveLength(1);
    p.answer('readRegisteredQueryResult', { value: resultOf(2) });
    await vi.waitFor(() => expect(p.published).toHaveLength(2));
    expect(p.published[1]?.result).toEqual(resultOf(2));
    expect(
      p.calls
        .map((c) => c.operation)
        .slice(0, 2)
        .sort(),
    ).toEqual(['getRegisteredQuery', 'readRegisteredQueryResult']);
    expect(p.calls.map((c) => c.operation)[2]).toBe('readRegisteredQueryResult');
    expect(p.calls).toHaveLength(3);
  });

  it('should read the result again when the early read found none', async () => {
    const p = await startPoller();
    await p.webhook();
    await vi.waitFor(() => expect(p.pending().sort()).toEqual(['getRegisteredQuery', 'readRegisteredQueryResult']));
    p.answer('readRegisteredQueryResult', { error: notFound() });
    p.answer('getRegisteredQuery', { value: registered('h2', 2) });
    await vi.waitFor(() => expect(p.pending()).toEqual(['readRegisteredQueryResult']));
    p.answer('readRegisteredQueryResult', { value: resultOf(2) });
    await vi.waitFor(() => expect(p.published).toHaveLength(2));
    expect(p.published[1]?.result).toEqual(resultOf(2));
    expect(p.errors).toEqual([]);
  });

  it('should drop the early result, even a failed read, when lastHash did not change', async () => {
    const p = await startPoller();
    await p.webhook();
    await vi.waitFor(() => expect(p.pending().sort()).toEqual(['getRegisteredQuery', 'readRegisteredQueryResult']));
    p.answer('getRegisteredQuery', { value: registered('h1', 2) });
    p.answer('readRegisteredQueryResult', {
      error: new HaloApiError({
        kind: 'network',
        code: 'UPSTREAM_ERROR',
        networkCode: 'ECONNRESET',
        operationId: 'getRegisteredQueryResult',
      }),
    });
    // A second webhook polls again (nothing else happened in between): only then is the first poll surely over.
    await p.webhook();
    await vi.waitFor(() => expect(p.pending().sort()).toEqual(['getRegisteredQuery', 'readRegisteredQueryResult']));
    p.answer('getRegisteredQuery', { value: registered('h1', 3) });
    p.answer('readRegisteredQueryResult', { value: resultOf(1) });
    await vi.waitFor(() => expect(p.pending()).toEqual([]));
    expect(p.published).toHaveLength(1);
    expect(p.errors).toEqual([]);
  });
});
