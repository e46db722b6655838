import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OfflineSite, OnlineSite } from '../../simulator/src/fixtures.js';
import type { HaloClientConfig } from '../../src/datasources/halo-client.js';
import { startHarness, type SimHarness } from './sim-harness.js';

let h: SimHarness;
beforeAll(async () => {
  h = await startHarness({ timeScale: 0 });
});
afterAll(async () => {
  await h.stop();
});
beforeEach(async () => {
  await h.reset();
});

/**
 * Short deadlines, and this process's clock is the simulator's (as a deployment's clock is close to
 * Halo's), so `createdAt` windows are exact while the simulated clock stands still.
 */
const client = (overrides: Partial<HaloClientConfig> = {}) =>
  h.client({
    deadlineMs: 400,
    attemptTimeoutMs: 400,
    siteCallTimeoutMs: 1_500,
    now: () => h.sim.clock.now(),
    reconcile: { attempts: 2, intervalMs: 20 },
    ...overrides,
  });

const registered = (name: string) => ({
  name,
  registeredQueryType: 'query' as const,
  frequency: 60,
  duration: 600,
  registerCommand: {
    command: {
      text: 'SELECT COUNT(*) AS n FROM BPS_Patients',
      executionMode: 'reader' as const,
      type: 'text' as const,
    },
  },
});
const select1 = { command: { text: 'SELECT 1 AS one' } };

/** The site's registered queries with this name (ground truth from the simulator's API). */
async function named(name: string): Promise<string[]> {
  const res = await fetch(`${h.sim.url}/integrator/sites/${OnlineSite.id}/queries/registered`, {
    headers: { 'ocp-apim-subscription-key': h.sim.key },
  });
  const body = (await res.json()) as { registeredQueries: Array<{ id: string; name: string }> };
  return body.registeredQueries.filter((q) => q.name === name).map((q) => q.id);
}

describe('Ambiguous creations', () => {
  it('should wait for a slow registered-query creation with the practice-server deadline, not the cloud one', async () => {
    const ds = client().forRequest();
    // Slower than the cloud deadline (400 ms), within the practice-server one (1.5 s).
    await h.fault({ operationId: 'createRegisteredQuery', delayMs: 800, carriedOut: true });
    const { id } = await ds.createRegisteredQuery(OnlineSite.id, registered('slow'));
    expect(await h.count('createRegisteredQuery')).toBe(1);
    expect(await h.count('getRegisteredQueries')).toBe(0);
    expect(await named('slow')).toEqual([id]);
  });

  it('should find the registered query Halo created when the connection dropped before its answer', async () => {
    const ds = client().forRequest();
    await h.fault({ operationId: 'createRegisteredQuery', dropConnection: true, carriedOut: true });
    const { id } = await ds.createRegisteredQuery(OnlineSite.id, registered('dropped'));
    expect(await h.count('createRegisteredQuery')).toBe(1);
    expect(await h.count('getRegisteredQueries')).toBe(1);
    expect(await named('dropped')).toEqual([id]);
  });

  it('should find the registered query Halo created when the creation timed out', async () => {
    const ds = client({ siteCallTimeoutMs: 300 }).forRequest();
    await h.fault({ operationId: 'createRegisteredQuery', delayMs: 1_000, carriedOut: true });
    const { id } = await ds.createRegisteredQuery(OnlineSite.id, registered('timed out'));
    expect(await named('timed out')).toEqual([id]);
    expect(await h.count('createRegisteredQuery')).toBe(1);
  });

  it('should answer UPSTREAM_TIMEOUT with mayHaveSucceeded when no registered query matches, after listing again', async () => {
    const ds = client().forRequest();
    await h.fault({ operationId: 'createRegisteredQuery', dropConnection: true });
    await expect(ds.createRegisteredQuery(OnlineSite.id, registered('lost'))).rejects.toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
      mayHaveSucceeded: true,
      kind: 'network',
    });
    expect(await h.count('createRegisteredQuery')).toBe(1);
    expect(await h.count('getRegisteredQueries')).toBe(2);
    expect(await named('lost')).toEqual([]);
  });

  it('should not take a registered query that already answered a creation, nor choose between two that match', async () => {
    const ds = client().forRequest();
    const first = await ds.createRegisteredQuery(OnlineSite.id, registered('twice'));
    // Its namesake never reached Halo: the first one is not mistaken for it.
    await h.fault({ operationId: 'createRegisteredQuery', dropConnection: true });
    await expect(ds.createRegisteredQuery(OnlineSite.id, registered('twice'))).rejects.toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
      mayHaveSucceeded: true,
    });
    expect(await named('twice')).toEqual([first.id]);

    // Two matching queries nobody here answered with (another replica made one): cannot tell which.
    const other = client().forRequest();
    await fetch(`${h.sim.url}/integrator/sites/${OnlineSite.id}/queries/registered`, {
      method: 'POST',
      headers: { 'ocp-apim-subscription-key': h.sim.key, 'content-type': 'application/json' },
      body: JSON.stringify(registered('pair')),
    });
    await h.fault({ operationId: 'createRegisteredQuery', dropConnection: true, carriedOut: true });
    await expect(other.createRegisteredQuery(OnlineSite.id, registered('pair'))).rejects.toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
      mayHaveSucceeded: true,
    });
    expect(await named('pair')).toHaveLength(2);
  });

  it('should not match a registered query created long before (outside the clock-skew window)', async () => {
    const ds = client({ reconcile: { attempts: 1, clockSkewMs: 5_000 } }).forRequest();
    await fetch(`${h.sim.url}/integrator/sites/${OnlineSite.id}/queries/registered`, {
      method: 'POST',
      headers: { 'ocp-apim-subscription-key': h.sim.key, 'content-type': 'application/json' },
      body: JSON.stringify(registered('yesterday')),
    });
    await h.advance(60_000);
    await h.fault({ operationId: 'createRegisteredQuery', dropConnection: true });
    await expect(ds.createRegisteredQuery(OnlineSite.id, registered('yesterday'))).rejects.toMatchObject({
      mayHaveSucceeded: true,
    });
  });

  it('should say an immediate or async query may have run when its answer is lost, and never send it again', async () => {
    const ds = client({ siteCallTimeoutMs: 300 }).forRequest();
    for (const fault of [{ delayMs: 800 }, { dropConnection: true }, { status: 500 }]) {
      await h.fault({ operationId: 'createImmediateQuery', carriedOut: true, ...fault });
      await expect(ds.createImmediateQuery(OnlineSite.id, select1), JSON.stringify(fault)).rejects.toMatchObject({
        code: 'status' in fault ? 'UPSTREAM_ERROR' : 'UPSTREAM_TIMEOUT',
        mayHaveSucceeded: true,
      });
      await h.fault({ operationId: 'createAsyncQuery', carriedOut: true, ...fault });
      await expect(ds.createAsyncQuery(OnlineSite.id, select1), JSON.stringify(fault)).rejects.toMatchObject({
        code: 'status' in fault ? 'UPSTREAM_ERROR' : 'UPSTREAM_TIMEOUT',
        mayHaveSucceeded: true,
      });
    }
    expect(await h.count('createImmediateQuery')).toBe(3);
    expect(await h.count('createAsyncQuery')).toBe(3);
  });

  it('should not say a creation may have succeeded when Halo refused it or the site was offline', async () => {
    const ds = client().forRequest();
    await expect(ds.createImmediateQuery(OfflineSite.id, select1)).rejects.toMatchObject({
      code: 'SITE_UNAVAILABLE',
      mayHaveSucceeded: false,
    });
    await h.fault({ operationId: 'createAsyncQuery', status: 429, retryAfterSeconds: 1 });
    await expect(ds.createAsyncQuery(OnlineSite.id, select1)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      mayHaveSucceeded: false,
    });
    await expect(
      ds.createRegisteredQuery(OnlineSite.id, { ...registered('too often'), frequency: 10 }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', mayHaveSucceeded: false });
    expect(await h.count('getRegisteredQueries')).toBe(0);
  });
});
