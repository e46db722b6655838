import { beforeEach, describe, expect, it } from 'vitest';
import { OnlineSite, ZedmedSite } from '../src/fixtures.js';
import { useSimulator } from './helpers.js';

const ctx = useSimulator();
beforeEach(() => ctx.sim.reset());

const getSite = (id = OnlineSite.id) => ctx.call('GET', `/integrator/sites/${id}`);
const fault = (body: Record<string, unknown>) => ctx.call('POST', '/_sim/faults', { body });

describe('faults', () => {
  it('should fail the next `count` matching calls with Retry-After, then recover', async () => {
    expect((await fault({ operationId: 'getSite', status: 429, retryAfterSeconds: 3, count: 2 })).status).toBe(200);
    const first = await getSite();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(first.body).toEqual({ statusCode: 429, message: 'Rate limit is exceeded. Try again in 3 seconds.' });
    expect((await getSite()).status).toBe(429);
    expect((await getSite()).status).toBe(200);
  });

  it('should match on siteId and operationId only', async () => {
    await fault({ siteId: ZedmedSite.id, status: 503 });
    expect((await getSite()).status).toBe(200);
    expect(
      (await ctx.call('GET', '/integrator/sites?practiceManagementSiteId=20001&practiceManagementName=Zedmed')).status,
    ).toBe(200);
    const failed = await getSite(ZedmedSite.id);
    expect(failed).toMatchObject({ status: 503, body: { error: { status: 503 } } });
  });

  it('should send malformed and empty bodies', async () => {
    await fault({ operationId: 'getSite', body: 'malformed' });
    const malformed = await getSite();
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text)).toThrow();
    await fault({ operationId: 'getSite', status: 500, body: 'empty' });
    const empty = await getSite();
    expect(empty.status).toBe(500);
    expect(empty.text).toBe('');
  });

  it('should drop the connection', async () => {
    await fault({ operationId: 'getSite', dropConnection: true });
    await expect(getSite()).rejects.toThrow();
    expect((await getSite()).status).toBe(200);
  });

  it('should delay a call by real time and then answer normally', async () => {
    await fault({ operationId: 'getSite', delayMs: 50 });
    const started = performance.now();
    const res = await getSite();
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('should carry a call out before delaying, dropping or failing its answer (carriedOut)', async () => {
    const registered = `/integrator/sites/${OnlineSite.id}/queries/registered`;
    const create = (name: string) =>
      ctx.call('POST', registered, {
        body: {
          name,
          registeredQueryType: 'query',
          frequency: 60,
          duration: 600,
          registerCommand: { command: { text: 'SELECT 1 AS one' } },
        },
      });
    const names = async () =>
      ((await ctx.call('GET', registered)).body.registeredQueries as Array<{ name: string }>).map((q) => q.name);

    await fault({ operationId: 'createRegisteredQuery', dropConnection: true, carriedOut: true });
    await expect(create('dropped')).rejects.toThrow();
    await fault({ operationId: 'createRegisteredQuery', status: 500, carriedOut: true });
    expect((await create('failed')).status).toBe(500);
    await fault({ operationId: 'createRegisteredQuery', delayMs: 50, carriedOut: true });
    const started = performance.now();
    expect((await create('slow')).status).toBe(202);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    // Without carriedOut, a dropped call never reaches the handler.
    await fault({ operationId: 'createRegisteredQuery', dropConnection: true });
    await expect(create('never')).rejects.toThrow();
    expect((await names()).sort()).toEqual(['dropped', 'failed', 'slow']);
  });

  it('should reject a fault that does nothing or is malformed', async () => {
    expect((await fault({ operationId: 'getSite' })).status).toBe(400);
    expect((await fault({ status: 'x' })).status).toBe(400);
    expect((await fault({ body: 'weird' })).status).toBe(400);
    expect((await fault({ status: 500, carriedOut: 'yes' })).status).toBe(400);
    expect((await fault({ asyncFailure: 'meltdown' })).status).toBe(400);
  });
});

describe('request log and reset', () => {
  it('should log integrator calls with operationId, siteId, time and status', async () => {
    await ctx.call('DELETE', '/_sim/requests');
    await getSite();
    await ctx.call('GET', '/integrator/sites?practiceManagementSiteId=10001&practiceManagementName=Best%20Practice');
    await ctx.call('POST', `/integrator/sites/${OnlineSite.id}/queries/status`, { body: { queryIds: [] } });
    const log = (await ctx.call('GET', '/_sim/requests')).body;
    expect(
      log.map((e: { operationId: string; siteId: string | null; status: number }) => [
        e.operationId,
        e.siteId,
        e.status,
      ]),
    ).toEqual([
      ['getSite', OnlineSite.id, 200],
      ['getSites', null, 200],
      ['getQueryStatusBatch', OnlineSite.id, 200],
    ]);
    expect(new Date(log[0].at).toString()).not.toBe('Invalid Date');
    await ctx.call('DELETE', '/_sim/requests');
    expect((await ctx.call('GET', '/_sim/requests')).body).toEqual([]);
  });

  it('should count connections and requests', async () => {
    const stats = (await ctx.call('GET', '/_sim/stats')).body;
    expect(stats.connections).toBeGreaterThanOrEqual(1);
    expect(stats.requests).toBeGreaterThanOrEqual(1);
  });

  it('should reset data, clock, faults and log', async () => {
    const before = (await ctx.call('GET', '/_sim/clock')).body.now;
    await ctx.call('POST', '/_sim/clock/advance', { body: { ms: 3_600_000 } });
    await ctx.call('POST', '/_sim/sql', { body: { siteId: OnlineSite.id, sql: 'DELETE FROM PATIENTS' } });
    await fault({ operationId: 'getSite', status: 500, count: 5 });
    await getSite();
    const reset = await ctx.call('POST', '/_sim/reset');
    expect(reset.status).toBe(200);
    expect(Date.parse(reset.body.now) - Date.parse(before)).toBeLessThan(60_000);
    expect((await getSite()).status).toBe(200);
    const rows = (
      await ctx.call('POST', '/_sim/sql', {
        body: { siteId: OnlineSite.id, sql: 'SELECT COUNT(*) AS n FROM PATIENTS' },
      })
    ).body.rows;
    expect(rows[0].n).toBeGreaterThanOrEqual(2000);
    expect((await ctx.call('GET', '/_sim/requests')).body).toHaveLength(1);
  });

  it('should reject bad control input', async () => {
    expect((await ctx.call('POST', '/_sim/clock/advance', { body: { ms: -5 } })).status).toBe(400);
    expect((await ctx.call('POST', '/_sim/sql', { body: { siteId: OnlineSite.id, sql: 'SELEKT' } })).status).toBe(400);
    expect((await ctx.call('POST', '/_sim/sql', { body: { siteId: 'nope', sql: 'SELECT 1' } })).status).toBe(404);
    expect((await ctx.call('POST', '/_sim/nothing')).status).toBe(404);
  });
});
