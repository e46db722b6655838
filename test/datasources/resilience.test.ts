import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OnlineSite, ZedmedSite } from '../../simulator/src/fixtures.js';
import { startHarness, type SimHarness } from './sim-harness.js';

let h: SimHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(async () => {
  await h.reset();
});
afterEach(() => {
  vi.useRealTimers();
});

const select1 = { command: { text: 'SELECT 1 AS one' } };
const nonQuery = {
  command: {
    text: "UPDATE PATIENTS SET MOBILEPHONE = '0400000000' WHERE INTERNALID = 1",
    executionMode: 'nonQuery' as const,
  },
};

/** Resolves once the simulator has logged `n` calls of `operationId` (it logs on arrival). */
async function untilLogged(operationId: string, n: number): Promise<void> {
  await vi.waitFor(async () => expect(await h.count(operationId)).toBeGreaterThanOrEqual(n), {
    timeout: 5_000,
    interval: 10,
  });
}

describe('Retries', () => {
  it('should retry a 429 with Retry-After once and only once, after the advertised wait', async () => {
    const ds = h.client().forRequest();
    await h.fault({ operationId: 'getSite', status: 429, retryAfterSeconds: 1, count: 1 });
    const started = performance.now();
    await expect(ds.getSite(OnlineSite.id)).resolves.toMatchObject({ id: OnlineSite.id });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(await h.count('getSite')).toBe(2);
  });

  it('should not retry a second 429 in the same call (a rate-limit storm is not amplified)', async () => {
    const ds = h.client({ retry: { maxAttempts: 5 } }).forRequest();
    await h.fault({ operationId: 'getSite', status: 429, retryAfterSeconds: 1, count: 10 });
    await expect(ds.getSite(OnlineSite.id)).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
    expect(await h.count('getSite')).toBe(2);
  });

  it('should refuse a retry whose Retry-After exceeds the remaining deadline', async () => {
    const ds = h.client().forRequest();
    await h.fault({ operationId: 'getSite', status: 429, retryAfterSeconds: 30, count: 1 });
    await expect(ds.getSite(OnlineSite.id, { deadlineMs: 2_000 })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 30,
    });
    expect(await h.count('getSite')).toBe(1);
  });

  it('should retry reads on transient failures (5xx, dropped connection, slow attempt)', async () => {
    const ds = h.client({ attemptTimeoutMs: 300 }).forRequest();
    await h.fault({ operationId: 'getQueryStatusBatch', status: 503, count: 1 });
    await expect(
      ds.getQueryStatusBatch(OnlineSite.id, ['00000000-0000-4000-8000-000000000000']),
    ).resolves.toMatchObject({
      results: [{ status: 'notFound' }],
    });
    expect(await h.count('getQueryStatusBatch')).toBe(2);

    await h.fault({ operationId: 'getSite', dropConnection: true, count: 1 });
    await expect(ds.getSite(OnlineSite.id)).resolves.toMatchObject({ id: OnlineSite.id });
    expect(await h.count('getSite')).toBe(2);

    await h.fault({ operationId: 'getSites', delayMs: 2_000, count: 1 });
    await expect(
      ds.getSites({ practiceManagementSiteId: '10001', practiceManagementName: 'Best Practice' }),
    ).resolves.toMatchObject({
      sites: expect.any(Array),
    });
    expect(await h.count('getSites')).toBe(2);
  });

  it('should give up after maxAttempts', async () => {
    const ds = h.client({ retry: { maxAttempts: 3 } }).forRequest();
    await h.fault({ operationId: 'getSite', status: 500, count: 10 });
    await expect(ds.getSite(OnlineSite.id)).rejects.toMatchObject({ code: 'UPSTREAM_ERROR', status: 500 });
    expect(await h.count('getSite')).toBe(3);
  });

  it('should never retry a NON_QUERY, whatever the failure', async () => {
    const ds = h.client({ retry: { maxAttempts: 5 } }).forRequest();
    for (const fault of [
      { status: 500 },
      { status: 503 },
      { status: 429, retryAfterSeconds: 1 },
      { dropConnection: true },
    ]) {
      await h.control('DELETE', 'requests');
      await h.fault({ operationId: 'createImmediateQuery', count: 5, ...fault });
      await expect(ds.createImmediateQuery(OnlineSite.id, nonQuery)).rejects.toBeDefined();
      expect(await h.count('createImmediateQuery')).toBe(1);
      await h.control('DELETE', 'faults');
    }
  });

  it('should never retry billable or state-changing calls once sent', async () => {
    const ds = h.client({ retry: { maxAttempts: 5 } }).forRequest();
    const registered = {
      name: 'n',
      registeredQueryType: 'query' as const,
      frequency: 60,
      duration: 120,
      registerCommand: {
        command: { text: 'SELECT 1 AS one', executionMode: 'reader' as const, type: 'text' as const },
      },
    };
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['createImmediateQuery', () => ds.createImmediateQuery(OnlineSite.id, select1)],
      ['createAsyncQuery', () => ds.createAsyncQuery(OnlineSite.id, select1)],
      ['createRegisteredQuery', () => ds.createRegisteredQuery(OnlineSite.id, registered)],
      ['cancelRegisteredQuery', () => ds.cancelRegisteredQuery(OnlineSite.id, '00000000-0000-4000-8000-000000000000')],
      [
        'Integrator_PairSite',
        () => ds.integratorPairSite({ practiceManagementSiteId: '20001', practiceManagementName: 'Zedmed' }),
      ],
    ];
    for (const [operationId, call] of calls) {
      await h.fault({ operationId, status: 503, count: 5 });
      await h.fault({ operationId, dropConnection: true, count: 5 });
      await expect(call()).rejects.toBeDefined();
      await expect(call()).rejects.toBeDefined();
      expect(await h.count(operationId)).toBe(2);
      await h.control('DELETE', 'faults');
    }
  });

  it('should stop retrying when the retry budget is spent', async () => {
    const ds = h.client({ retry: { maxAttempts: 3, budget: { maxTokens: 1, tokenRatio: 0 } } }).forRequest();
    await h.fault({ operationId: 'getSite', status: 500, count: 100 });
    await expect(ds.getSite(OnlineSite.id)).rejects.toMatchObject({ status: 500 });
    expect(await h.count('getSite')).toBe(2);
    await expect(ds.getSite(OnlineSite.id)).rejects.toMatchObject({ status: 500 });
    expect(await h.count('getSite')).toBe(3);
  });
});

describe('Per-site isolation', () => {
  it("should open a failing site's breaker while another site keeps answering, then recover after halfOpenAfter", async () => {
    const transitions: string[] = [];
    const client = h.client({
      breaker: { threshold: 3, halfOpenAfterMs: 60_000 },
      onBreakerStateChange: (siteId, state) =>
        transitions.push(`${siteId === OnlineSite.id ? 'online' : siteId}:${state}`),
    });
    const ds = client.forRequest();
    await h.fault({ operationId: 'createImmediateQuery', siteId: OnlineSite.id, status: 503, count: 100 });

    for (let i = 0; i < 3; i++) {
      await expect(ds.createImmediateQuery(OnlineSite.id, select1)).rejects.toMatchObject({
        code: 'SITE_UNAVAILABLE',
        status: 503,
      });
    }
    expect(client.breakerStates()[OnlineSite.id]).toBe('open');
    await expect(ds.createImmediateQuery(OnlineSite.id, select1)).rejects.toMatchObject({
      code: 'SITE_UNAVAILABLE',
      kind: 'network',
      networkCode: 'CIRCUIT_OPEN',
    });
    expect(await h.count('createImmediateQuery', OnlineSite.id)).toBe(3);

    await expect(ds.createImmediateQuery(ZedmedSite.id, select1)).resolves.toMatchObject({
      kind: 'successful',
      rows: [{ one: 1 }],
    });
    await expect(ds.getSite(OnlineSite.id)).resolves.toMatchObject({ id: OnlineSite.id }); // cloud reads are not blocked
    expect(client.breakerStates()).toMatchObject({ [OnlineSite.id]: 'open', [ZedmedSite.id]: 'closed' });

    await h.control('DELETE', 'faults');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    await expect(ds.createImmediateQuery(OnlineSite.id, select1)).resolves.toMatchObject({ kind: 'successful' });
    vi.useRealTimers();
    expect(client.breakerStates()[OnlineSite.id]).toBe('closed');
    expect(transitions).toEqual(['online:open', 'online:half-open', 'online:closed']);
  });

  it('should probe an open site with backoff: after the first wait, doubling per failed probe up to the maximum, from the start again after recovery', async () => {
    const client = h.client({ breaker: { threshold: 2, halfOpenAfterMs: 1_000, maxHalfOpenAfterMs: 3_000 } });
    const ds = client.forRequest();
    vi.useFakeTimers({ toFake: ['Date'] });
    let now = Date.now();
    const at = (ms: number) => vi.setSystemTime((now += ms));
    const refused = { code: 'SITE_UNAVAILABLE', networkCode: 'CIRCUIT_OPEN' };
    const failed = { code: 'SITE_UNAVAILABLE', status: 503 };
    await h.fault({ operationId: 'createImmediateQuery', status: 503, count: 100 });
    for (let i = 0; i < 2; i++)
      await expect(ds.createImmediateQuery(OnlineSite.id, select1)).rejects.toMatchObject(failed);
    expect(client.troubledSites()[OnlineSite.id]).toEqual({ state: 'open', probeDelayMs: 1_000, probeInMs: 1_000 });

    // Each probe is the first call after the wait; it fails, and the wait doubles: 1 s, 2 s, 3 s (the cap), 3 s.
    for (const wait of [1_000, 2_000, 3_000, 3_000]) {
      at(wait - 1);
      await expect(ds.createImmediateQuery(OnlineSite.id, select1)).rejects.toMatchObject(refused);
      at(1);
      await expect(ds.createImmediateQuery(OnlineSite.id, select1)).rejects.toMatchObject(failed);
      expect(client.troubledSites()[OnlineSite.id]?.probeDelayMs).toBe(Math.min(3_000, wait * 2));
    }
    expect(await h.count('createImmediateQuery')).toBe(2 + 4);

    // Halo is healthy again: the next probe closes the circuit, and the site leaves the troubled list.
    await h.control('DELETE', 'faults');
    at(3_000);
    await expect(ds.createImmediateQuery(OnlineSite.id, select1)).resolves.toMatchObject({ kind: 'successful' });
    expect(client.breakerStates()[OnlineSite.id]).toBe('closed');
    expect(client.troubledSites()).toEqual({});

    // A new outage starts from the first wait again, not from the cap.
    await h.fault({ operationId: 'createImmediateQuery', status: 503, count: 2 });
    for (let i = 0; i < 2; i++)
      await expect(ds.createImmediateQuery(OnlineSite.id, select1)).rejects.toMatchObject(failed);
    expect(client.troubledSites()[OnlineSite.id]).toMatchObject({ state: 'open', probeDelayMs: 1_000 });
    at(1_000);
    await expect(ds.createImmediateQuery(OnlineSite.id, select1)).resolves.toMatchObject({ kind: 'successful' });
  });

  it('should not let 4xx answers open the breaker', async () => {
    const client = h.client({ breaker: { threshold: 2 } });
    const ds = client.forRequest();
    for (let i = 0; i < 4; i++) {
      await expect(
        ds.createImmediateQuery(OnlineSite.id, { command: { text: 'SELECT nope FROM nowhere' } }),
      ).resolves.toMatchObject({ kind: 'failed' });
    }
    await h.fault({ operationId: 'createImmediateQuery', status: 400, count: 4 });
    for (let i = 0; i < 4; i++) {
      await expect(ds.createImmediateQuery(OnlineSite.id, select1)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    expect(client.breakerStates()[OnlineSite.id]).toBe('closed');
  });

  it('should bound concurrent practice calls per site without touching other sites', async () => {
    const client = h.client({ siteConcurrency: 1, siteQueue: 0 });
    const ds = client.forRequest();
    await h.fault({ operationId: 'createImmediateQuery', siteId: OnlineSite.id, delayMs: 500, count: 1 });
    const slow = ds.createImmediateQuery(OnlineSite.id, select1);
    await untilLogged('createImmediateQuery', 1);
    await expect(ds.createImmediateQuery(OnlineSite.id, select1)).rejects.toMatchObject({
      code: 'SITE_UNAVAILABLE',
      networkCode: 'BULKHEAD_FULL',
    });
    await expect(ds.createImmediateQuery(ZedmedSite.id, select1)).resolves.toMatchObject({ kind: 'successful' });
    await expect(slow).resolves.toMatchObject({ kind: 'successful' });
    expect(await h.count('createImmediateQuery', OnlineSite.id)).toBe(1);
  });
});

describe('Coalescing', () => {
  it('should share one upstream request between identical concurrent reads', async () => {
    const client = h.client();
    await h.fault({ operationId: 'getSite', delayMs: 200, count: 1 });
    const [a, b, c] = await Promise.all([
      client.forRequest().getSite(OnlineSite.id),
      client.forRequest().getSite(OnlineSite.id),
      client.forRequest().getSite(OnlineSite.id),
    ]);
    expect(a).toEqual(b);
    expect(b).toEqual(c);
    expect(a).not.toBe(b); // each caller gets its own object
    expect(await h.count('getSite')).toBe(1);
  });

  it('should not share between different access scopes, sites or pages', async () => {
    const client = h.client();
    await h.fault({ operationId: 'getSite', delayMs: 200, count: 1 });
    await Promise.all([
      client.forRequest(undefined, { scope: 'client-a' }).getSite(OnlineSite.id),
      client.forRequest(undefined, { scope: 'client-b' }).getSite(OnlineSite.id),
      client.forRequest(undefined, { scope: 'client-a' }).getSite(ZedmedSite.id),
    ]);
    expect(await h.count('getSite')).toBe(3);
  });

  it('should keep serving the remaining callers when one of them cancels', async () => {
    const client = h.client();
    await h.fault({ operationId: 'getSite', delayMs: 300, count: 1 });
    const leaving = new AbortController();
    const first = client.forRequest(leaving.signal).getSite(OnlineSite.id);
    const second = client.forRequest().getSite(OnlineSite.id);
    await untilLogged('getSite', 1);
    leaving.abort();
    await expect(first).rejects.toMatchObject({ networkCode: 'ABORTED' });
    await expect(second).resolves.toMatchObject({ id: OnlineSite.id });
    expect(await h.count('getSite')).toBe(1);
  });
});

describe('Cancellation', () => {
  it('should abort the upstream call when the GraphQL request goes away', async () => {
    const client = h.client();
    await h.fault({ operationId: 'createImmediateQuery', delayMs: 5_000, count: 1 });
    const request = new AbortController();
    const pending = client.forRequest(request.signal).createImmediateQuery(OnlineSite.id, select1);
    await untilLogged('createImmediateQuery', 1);
    expect(client.stats().pool.running).toBe(1);
    request.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'network', networkCode: 'ABORTED' });
    // The socket carrying the request is destroyed, not left to finish in the background.
    await vi.waitFor(() => expect(client.stats().pool.running).toBe(0), { timeout: 1_000, interval: 5 });
    expect(await h.count('createImmediateQuery')).toBe(1);
  });

  it('should not start a call whose request is already cancelled', async () => {
    const request = new AbortController();
    request.abort();
    await expect(h.client().forRequest(request.signal).getSite(OnlineSite.id)).rejects.toMatchObject({
      networkCode: 'ABORTED',
    });
    expect(await h.count('getSite')).toBe(0);
  });
});
