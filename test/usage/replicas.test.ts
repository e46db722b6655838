/**
 * Usage, budgets and reuse on two replicas sharing a redis-server (which the last test kills and
 * restarts empty): the figures are the simulator's own count whichever replica sent the creations,
 * a budget holds across both, and an answer or a call in flight on one replica serves the other.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/app.js';
import { EastSite, OnlineSite, ZedmedSite } from '../../simulator/src/fixtures.js';
import { hasRedisServer } from '../helpers/redis.js';
import { useReplicas } from '../helpers/replicas.js';
import { codes, gql, type RawResponse } from '../security/harness.js';
import { billedLog, REGISTER, registration, RUN, SQL, SUBMIT, usageOf } from './harness.js';

const siteId = OnlineSite.id;

describe.skipIf(!hasRedisServer())('usage, budgets and reuse across replicas', () => {
  const ctx = useReplicas({ queryBudgets: { sites: { [EastSite.id.toLowerCase()]: 5 } } });
  const { apps } = ctx;

  beforeEach(async () => {
    await ctx.call('DELETE', '/_sim/requests');
  });

  const run = (app: App, input: Record<string, unknown>) => gql(app, RUN, { input });
  const data = (r: RawResponse) => {
    expect(r.json?.errors).toBeUndefined();
    return (r.json?.data as { runImmediateQuery: { id: string; rows: unknown[]; reused: boolean } }).runImmediateQuery;
  };

  it('should show both replicas the same usage, exactly the simulator’s count', async () => {
    await run(apps.a, { siteId, sql: SQL });
    await run(apps.b, { siteId, sql: SQL });
    await run(apps.b, { siteId, sql: 'SELECT NoSuchColumn FROM BPS_Patients' });
    await gql(apps.a, SUBMIT, { input: { siteId, sql: SQL } });
    await gql(apps.b, REGISTER, { input: registration(siteId, 'replicas-daily') });
    expect(await billedLog(ctx, siteId)).toEqual({
      createImmediateQuery: 3,
      createAsyncQuery: 1,
      createRegisteredQuery: 1,
    });
    for (const app of [apps.a, apps.b])
      expect(await usageOf(app, siteId)).toMatchObject({ billedQueries: 5, budget: null, remaining: null });
  });

  it('should hold a budget across replicas: of twelve concurrent calls, exactly five reach Halo', async () => {
    const calls = Array.from({ length: 12 }, (_, i) => run(i % 2 ? apps.a : apps.b, { siteId: EastSite.id, sql: SQL }));
    const results = await Promise.all(calls);
    const outcomes = results.map((r) => codes(r)[0] ?? 'ok');
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'QUOTA_EXCEEDED')).toHaveLength(7);
    expect(await billedLog(ctx, EastSite.id)).toEqual({ createImmediateQuery: 5 });
    for (const app of [apps.a, apps.b])
      expect(await usageOf(app, EastSite.id)).toMatchObject({ billedQueries: 5, budget: 5, remaining: 0 });
  });

  it('should serve one replica’s answer on the other, and share a call in flight across them', async () => {
    const input = { siteId, sql: SQL, maxAgeSeconds: 60 };
    const first = data(await run(apps.a, input));
    const other = data(await run(apps.b, input));
    expect(first.reused).toBe(false);
    expect(other).toEqual({ ...first, reused: true });

    const slow = { siteId, sql: 'SELECT TOP 4 InternalID FROM BPS_Patients ORDER BY InternalID', maxAgeSeconds: 60 };
    await ctx.call('POST', '/_sim/faults', { body: { operationId: 'createImmediateQuery', delayMs: 2_000, count: 1 } });
    const onA = run(apps.a, slow);
    await vi.waitFor(async () => expect(await billedLog(ctx, siteId)).toEqual({ createImmediateQuery: 2 }));
    const onB = run(apps.b, slow);
    const [a, b] = [data(await onA), data(await onB)];
    expect(a.reused).toBe(false);
    expect(b).toEqual({ ...a, reused: true });
    expect(a.rows).toHaveLength(4);
    expect(await billedLog(ctx, siteId)).toEqual({ createImmediateQuery: 2 });
  });

  it('should count alone while Redis is down, and give Redis back the month’s figures when it returns empty', async () => {
    const zedmed = ZedmedSite.id;
    const sql = 'SELECT 1 AS one';
    await run(apps.a, { siteId: zedmed, sql });
    await run(apps.b, { siteId: zedmed, sql });
    expect(await usageOf(apps.a, zedmed)).toMatchObject({ billedQueries: 2 });
    await ctx.redis.kill();
    await run(apps.a, { siteId: zedmed, sql });
    // Each replica: the last shared figure, and what it sent alone since.
    expect(await usageOf(apps.a, zedmed)).toMatchObject({ billedQueries: 3 });
    expect(await usageOf(apps.b, zedmed)).toMatchObject({ billedQueries: 2 });
    await ctx.redis.restart();
    await vi.waitFor(
      async () => {
        for (const app of [apps.a, apps.b]) expect(await usageOf(app, zedmed)).toMatchObject({ billedQueries: 3 });
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(await billedLog(ctx, zedmed)).toEqual({ createImmediateQuery: 3 });
  });
});
