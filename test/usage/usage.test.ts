/**
 * What Halo bills: `Site.usage` counts the billed creations (immediate, async, registered) this
 * deployment sent to each site in the UTC month, exactly as the simulator's own request log has
 * them; a monthly budget refuses a creation with QUOTA_EXCEEDED before Halo sees it; Prometheus
 * counts billed calls by operation and outcome, never by site.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { EastSite, OnlineSite, ZedmedSite } from '../../simulator/src/fixtures.js';
import { useApp } from '../helpers/app.js';
import { injectFault } from '../helpers/halo.js';
import { CLIENTS, clientKeyEntries, codes, gql, type RawResponse } from '../security/harness.js';
import { parseMetrics } from '../helpers/metrics.js';
import { billedLog, REGISTER, RUN, SQL, SUBMIT, USAGE, registration, usageOf } from './harness.js';

const siteId = OnlineSite.id;
const admin = CLIENTS.admin.key;
/** March 2026, 10:00 UTC on the 31st: the app's wall clock (it decides the month). */
const MARCH_31 = Date.UTC(2026, 2, 31, 10, 0, 0);

describe('Site.usage and monthly budgets', () => {
  let wallClock = MARCH_31;
  const ctx = useApp({
    app: {
      security: { auth: { keys: clientKeyEntries() } },
      queryBudgets: { default: 1000, sites: { [EastSite.id.toLowerCase()]: 2, [ZedmedSite.id.toLowerCase()]: 0 } },
      halo: { now: () => wallClock, siteCallTimeoutMs: 2_000 },
    },
  });
  beforeEach(async () => {
    ctx.sim.reset();
    await ctx.clearRequests();
  });
  const run = (input: Record<string, unknown>, key: string = admin) => gql(ctx.app, RUN, { input }, key);

  it('should count every billed creation the simulator received, whatever Halo answered, and nothing else', async () => {
    expect(await usageOf(ctx.app, siteId, admin)).toEqual({
      month: '2026-03',
      billedQueries: 0,
      budget: 1000,
      remaining: 1000,
    });

    expect(codes(await run({ siteId, sql: SQL }))).toEqual([]);
    // SQL the practice cannot run: Halo answers, and bills it.
    const failed = await run({ siteId, sql: 'SELECT NoSuchColumn FROM BPS_Patients' });
    expect(failed.json?.errors?.[0]?.extensions?.['code']).not.toBe('QUOTA_EXCEEDED');
    expect(codes(await gql(ctx.app, SUBMIT, { input: { siteId, sql: SQL } }, admin))).toEqual([]);
    expect(codes(await gql(ctx.app, REGISTER, { input: registration(siteId, 'usage-daily') }, admin))).toEqual([]);
    // A named query is an immediate query too.
    const providers = await gql(
      ctx.app,
      `query P($siteId: ID!) { site(id: $siteId) { providers { userId } } }`,
      {
        siteId,
      },
      admin,
    );
    expect(codes(providers)).toEqual([]);
    // Halo's own failure: sent, answered 500, billed.
    await injectFault(ctx, { operationId: 'createImmediateQuery', siteId, status: 500, count: 1 });
    expect(codes(await run({ siteId, sql: SQL }))).toEqual(['UPSTREAM_ERROR']);
    // Reads are not billed.
    await gql(ctx.app, `query S($id: ID!) { site(id: $id) { practiceName } }`, { id: siteId }, admin);

    const log = await billedLog(ctx, siteId);
    expect(log).toEqual({ createImmediateQuery: 4, createAsyncQuery: 1, createRegisteredQuery: 1 });
    // Exactly the simulator's own count.
    expect(await usageOf(ctx.app, siteId, admin)).toEqual({
      month: '2026-03',
      billedQueries: 6,
      budget: 1000,
      remaining: 994,
    });
    // Another site's figures are its own.
    expect((await usageOf(ctx.app, EastSite.id, admin)).billedQueries).toBe(0);
  });

  it('should refuse a creation beyond the budget with QUOTA_EXCEEDED, sending nothing to Halo', async () => {
    const east = EastSite.id;
    expect(codes(await run({ siteId: east, sql: SQL }))).toEqual([]);
    expect(codes(await run({ siteId: east, sql: SQL }))).toEqual([]);
    const refused = await run({ siteId: east, sql: SQL });
    expect(refused.json?.errors).toEqual([
      {
        message:
          "This site's monthly budget of billed Halo queries (SITE_MONTHLY_QUERY_BUDGET) is spent, so nothing was sent to Halo: Site.usage shows the month's figures. Named queries with maxAgeSeconds may still be answered from kept results.",
        path: ['runImmediateQuery'],
        locations: expect.any(Array),
        extensions: { code: 'QUOTA_EXCEEDED' },
      },
    ]);
    expect(codes(await gql(ctx.app, SUBMIT, { input: { siteId: east, sql: SQL } }, admin))).toEqual(['QUOTA_EXCEEDED']);
    expect(codes(await gql(ctx.app, REGISTER, { input: registration(east, 'over-budget') }, admin))).toEqual([
      'QUOTA_EXCEEDED',
    ]);
    expect(await billedLog(ctx, east)).toEqual({ createImmediateQuery: 2 });
    expect(await usageOf(ctx.app, east, admin)).toEqual({
      month: '2026-03',
      billedQueries: 2,
      budget: 2,
      remaining: 0,
    });
    // A budget of 0 refuses the first one; reads still work.
    expect(codes(await run({ siteId: ZedmedSite.id, sql: 'SELECT 1 AS one' }))).toEqual(['QUOTA_EXCEEDED']);
    const read = await gql(ctx.app, `query S($id: ID!) { site(id: $id) { practiceName } }`, { id: east }, admin);
    expect(read.json?.data).toEqual({ site: { practiceName: 'Halo Clinic East' } });
    expect(await billedLog(ctx, ZedmedSite.id)).toEqual({});
  });

  it('should start afresh in a new UTC month, and not count SQL refused before sending', async () => {
    const east = EastSite.id;
    // The East budget is spent (previous test); a new month opens it again.
    wallClock = Date.UTC(2026, 3, 1, 0, 0, 1);
    expect(await usageOf(ctx.app, east, admin)).toEqual({
      month: '2026-04',
      billedQueries: 0,
      budget: 2,
      remaining: 2,
    });
    // Refused by the read-only guard: it never reaches Halo.
    expect(codes(await run({ siteId: east, sql: 'DELETE FROM BPS_Patients' }, CLIENTS.northAll.key))).toEqual([
      'SITE_NOT_FOUND',
    ]);
    expect(codes(await run({ siteId: east, sql: 'SELECT FROM WHERE' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await run({ siteId: east, sql: SQL }))).toEqual([]);
    expect(await usageOf(ctx.app, east, admin)).toMatchObject({ billedQueries: 1, remaining: 1 });
    expect(await billedLog(ctx, east)).toEqual({ createImmediateQuery: 1 });
  });

  it('should show usage to any client of the site, and to no one else', async () => {
    const north = await usageOf(ctx.app, siteId, CLIENTS.north.key);
    expect(north.month).toBe('2026-04');
    const outside = await gql(ctx.app, USAGE, { id: EastSite.id }, CLIENTS.north.key);
    expect(codes(outside)).toEqual(['SITE_NOT_FOUND']);
    const none = await gql(ctx.app, USAGE, { id: siteId }, CLIENTS.noPerms.key);
    expect(codes(none)).toEqual(['FORBIDDEN']);
  });

  it('should count billed calls in Prometheus by operation and outcome, with no site label', async () => {
    const before = parseMetrics((await ctx.app.metrics.scrape()).body);
    await run({ siteId, sql: SQL });
    await injectFault(ctx, { operationId: 'createAsyncQuery', siteId, status: 503, count: 5 });
    await gql(ctx.app, SUBMIT, { input: { siteId, sql: SQL } }, admin);
    await run({ siteId: EastSite.id, sql: SQL });
    await run({ siteId: EastSite.id, sql: SQL }); // over East's budget of 2 (1 used this month)
    const after = parseMetrics((await ctx.app.metrics.scrape()).body);
    const delta = (name: string, labels: Record<string, string>) =>
      after.value(name, labels) - before.value(name, labels);
    expect(delta('halo_billed_queries_total', { operation_id: 'createImmediateQuery', outcome: 'succeeded' })).toBe(2);
    const asyncFailed = delta('halo_billed_queries_total', { operation_id: 'createAsyncQuery', outcome: 'failed' });
    expect(asyncFailed).toBe((await billedLog(ctx, siteId)).createAsyncQuery);
    expect(asyncFailed).toBeGreaterThanOrEqual(1);
    expect(delta('halo_budget_refusals_total', { operation_id: 'createImmediateQuery' })).toBe(1);
    const labels = after.labels('halo_billed_queries_total');
    expect(new Set(labels.flatMap((l) => Object.keys(l)))).toEqual(new Set(['operation_id', 'outcome']));
    expect(after.text).not.toContain(siteId);
    expect(after.text).not.toContain(EastSite.id);
  });
});

describe('SITE_MONTHLY_QUERY_BUDGET and Site.usage without a budget', () => {
  const ctx = useApp();
  it('should show null budget and remaining, and never refuse', async () => {
    const usage = await usageOf(ctx.app, siteId);
    expect(usage).toEqual({
      month: new Date().toISOString().slice(0, 7),
      billedQueries: usage.billedQueries,
      budget: null,
      remaining: null,
    });
    const res: RawResponse = await gql(ctx.app, RUN, { input: { siteId, sql: SQL } });
    expect(codes(res)).toEqual([]);
    expect((await usageOf(ctx.app, siteId)).billedQueries).toBe(usage.billedQueries + 1);
  });
});
