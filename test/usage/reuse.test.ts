/**
 * Reuse of identical immediate queries (`maxAgeSeconds`): an identical query answered within that
 * age is served again (`reused: true`, the same answer as the first), identical calls in flight share
 * one Halo call, nothing is kept longer than asked or past its byte bound, failures are never kept,
 * and a kept answer never reaches a client with other permissions. Off unless asked for.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EastSite, OnlineSite } from '../../simulator/src/fixtures.js';
import { useApp, type AppContext } from '../helpers/app.js';
import { injectFault } from '../helpers/halo.js';
import { CLIENTS, clientKeyEntries, codes, gql, type RawResponse } from '../security/harness.js';
import { parseMetrics } from '../helpers/metrics.js';
import { billedLog, RUN, SQL, usageOf } from './harness.js';

const siteId = OnlineSite.id;
const admin = CLIENTS.admin.key;
const START = Date.UTC(2026, 2, 2, 9, 0, 0);

interface Answer {
  id: string;
  status: string;
  rows: Array<Record<string, unknown>> | null;
  reused: boolean;
}
const answer = (r: RawResponse): Answer => {
  expect(r.json?.errors).toBeUndefined();
  return (r.json?.data as { runImmediateQuery: Answer }).runImmediateQuery;
};

describe('maxAgeSeconds: reuse of identical immediate queries', () => {
  let wallClock = START;
  const ctx: AppContext = useApp({
    app: {
      security: { auth: { keys: clientKeyEntries() } },
      queryBudgets: { sites: { [EastSite.id.toLowerCase()]: 1 } },
      halo: { now: () => wallClock },
    },
  });
  beforeEach(async () => {
    ctx.sim.reset();
    await ctx.clearRequests();
    // Each test starts an hour later: nothing kept by the one before is fresh.
    wallClock += 3_600_000;
  });
  const run = async (input: Record<string, unknown>, key: string = admin) =>
    answer(await gql(ctx.app, RUN, { input }, key));

  it('should serve an identical query again within maxAgeSeconds, the same answer as a fresh one', async () => {
    const first = await run({ siteId, sql: SQL, maxAgeSeconds: 60 });
    wallClock += 59_000;
    const again = await run({ siteId, sql: SQL, maxAgeSeconds: 60 });
    expect(first.reused).toBe(false);
    expect(again).toEqual({ ...first, reused: true });
    expect(first.rows).toHaveLength(3);
    // A fresh query (no maxAgeSeconds) answers the same rows.
    const fresh = await run({ siteId, sql: SQL });
    expect(fresh.reused).toBe(false);
    expect(fresh.id).not.toBe(first.id);
    expect(fresh.rows).toEqual(first.rows);
    expect(await billedLog(ctx, siteId)).toEqual({ createImmediateQuery: 2 });
  });

  it('should send a new query once the answer is older than the caller’s maxAgeSeconds', async () => {
    const first = await run({ siteId, sql: SQL, maxAgeSeconds: 60 });
    wallClock += 30_000;
    // This caller accepts 10 s at most: the 30-second-old answer is too old for it.
    const stricter = await run({ siteId, sql: SQL, maxAgeSeconds: 10 });
    expect(stricter.reused).toBe(false);
    expect(stricter.id).not.toBe(first.id);
    wallClock += 61_000;
    const later = await run({ siteId, sql: SQL, maxAgeSeconds: 60 });
    expect(later.reused).toBe(false);
    expect(await billedLog(ctx, siteId)).toEqual({ createImmediateQuery: 3 });
  });

  it('should tell apart SQL, parameters, mode, catalogue, site and permissions', async () => {
    const base = {
      siteId,
      sql: 'SELECT TOP 2 InternalID FROM BPS_Patients WHERE InternalID > @min',
      maxAgeSeconds: 60,
    };
    const params = (min: number) => [{ name: '@min', value: String(min), type: 'Int' }];
    await run({ ...base, parameters: params(1) });
    expect((await run({ ...base, parameters: params(1) })).reused).toBe(true);
    expect((await run({ ...base, parameters: params(2) })).reused).toBe(false);
    expect((await run({ ...base, sql: `${base.sql} ORDER BY InternalID`, parameters: params(1) })).reused).toBe(false);
    expect((await run({ ...base, parameters: params(1), executionMode: 'SCALAR' })).reused).toBe(false);
    expect((await run({ ...base, parameters: params(1), catalogue: 'BPSPatients' })).reused).toBe(false);
    // Another client with other permissions: its own query, never the admin's answer.
    expect((await run({ ...base, parameters: params(1) }, CLIENTS.northAll.key)).reused).toBe(false);
    expect((await run({ ...base, parameters: params(1) }, CLIENTS.northAll.key)).reused).toBe(true);
    expect(await billedLog(ctx, siteId)).toEqual({ createImmediateQuery: 6 });
  });

  it('should refuse a client that may not run the query, even when an answer is kept', async () => {
    await run({ siteId, sql: SQL, maxAgeSeconds: 60 });
    // `north` reads named queries but may not send SQL; noPerms may do nothing.
    expect(
      codes(await gql(ctx.app, RUN, { input: { siteId, sql: SQL, maxAgeSeconds: 60 } }, CLIENTS.north.key)),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(await gql(ctx.app, RUN, { input: { siteId, sql: SQL, maxAgeSeconds: 60 } }, CLIENTS.noPerms.key)),
    ).toEqual(['FORBIDDEN']);
    expect(await billedLog(ctx, siteId)).toEqual({ createImmediateQuery: 1 });
  });

  it('should share one Halo call between identical calls in flight', async () => {
    await injectFault(ctx, { operationId: 'createImmediateQuery', siteId, delayMs: 1_500, count: 1 });
    const first = gql(ctx.app, RUN, { input: { siteId, sql: SQL, maxAgeSeconds: 30 } }, admin);
    // The first call has reached Halo (and waits there): the second one joins it.
    await vi.waitFor(async () => expect(await billedLog(ctx, siteId)).toEqual({ createImmediateQuery: 1 }));
    const second = gql(ctx.app, RUN, { input: { siteId, sql: SQL, maxAgeSeconds: 30 } }, admin);
    const [a, b] = [answer(await first), answer(await second)];
    expect(a.reused).toBe(false);
    expect(b).toEqual({ ...a, reused: true });
    expect(await billedLog(ctx, siteId)).toEqual({ createImmediateQuery: 1 });
  });

  it('should keep no failure: a query the practice could not run is sent again', async () => {
    const input = { siteId, sql: 'SELECT NoSuchColumn FROM BPS_Patients', maxAgeSeconds: 60 };
    const first = await gql(ctx.app, RUN, { input }, admin);
    const second = await gql(ctx.app, RUN, { input }, admin);
    const [a, b] = [answer(first), answer(second)];
    expect(a).toMatchObject({ status: 'EXECUTION_FAILED', rows: null, reused: false });
    expect(b).toMatchObject({ status: 'EXECUTION_FAILED', rows: null, reused: false });
    expect(b.id).not.toBe(a.id);
    expect(await billedLog(ctx, siteId)).toEqual({ createImmediateQuery: 2 });
  });

  it('should serve a kept answer when the site’s budget is spent, and refuse a new query', async () => {
    const east = { siteId: EastSite.id, sql: SQL, maxAgeSeconds: 300 };
    const first = await run(east);
    expect((await run(east)).reused).toBe(true);
    expect(codes(await gql(ctx.app, RUN, { input: { ...east, sql: 'SELECT 1 AS one' } }, admin))).toEqual([
      'QUOTA_EXCEEDED',
    ]);
    expect(await usageOf(ctx.app, EastSite.id, admin)).toMatchObject({ billedQueries: 1, remaining: 0 });
    expect((await run(east)).id).toBe(first.id);
  });

  it('should refuse maxAgeSeconds out of range, on writes and on async queries, sending nothing', async () => {
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ siteId, sql: SQL, maxAgeSeconds: -1 }, 'runImmediateQuery'],
      [{ siteId, sql: SQL, maxAgeSeconds: 86_401 }, 'runImmediateQuery'],
      [
        { siteId, sql: 'UPDATE BPS_Patients SET Surname = Surname', executionMode: 'NON_QUERY', maxAgeSeconds: 5 },
        'runImmediateQuery',
      ],
      [{ siteId, sql: SQL, maxAgeSeconds: 5 }, 'submitAsyncQuery'],
    ];
    for (const [input, mutation] of refusals) {
      const res = await gql(
        ctx.app,
        `mutation M($input: RunQueryInput!) { ${mutation}(input: $input) { id } }`,
        { input },
        admin,
      );
      expect(res.json?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'maxAgeSeconds' });
    }
    expect(await billedLog(ctx, siteId)).toEqual({});
    // 0 and null mean "always a new query".
    expect((await run({ siteId, sql: SQL, maxAgeSeconds: 0 })).reused).toBe(false);
    expect((await run({ siteId, sql: SQL, maxAgeSeconds: null })).reused).toBe(false);
    expect((await run({ siteId, sql: SQL })).reused).toBe(false);
    expect(await billedLog(ctx, siteId)).toEqual({ createImmediateQuery: 3 });
  });

  it('should count answers by where they came from in Prometheus', async () => {
    const before = parseMetrics((await ctx.app.metrics.scrape()).body);
    await run({ siteId, sql: SQL, maxAgeSeconds: 60 });
    await run({ siteId, sql: SQL, maxAgeSeconds: 60 });
    await run({ siteId, sql: SQL, maxAgeSeconds: 60 });
    const after = parseMetrics((await ctx.app.metrics.scrape()).body);
    const delta = (source: string) =>
      after.value('halo_query_reuse_total', { source }) - before.value('halo_query_reuse_total', { source });
    expect([delta('called'), delta('kept'), delta('shared')]).toEqual([1, 2, 0]);
    expect(after.value('halo_query_reuse_kept_bytes')).toBeGreaterThan(0);
  });
});

describe('maxAgeSeconds: the byte bound', () => {
  // 8 KiB kept at most: an answer over 2 KiB (a quarter) is not kept.
  const ctx: AppContext = useApp({ app: { reuseMaxBytes: 8192 } });
  it('should not keep an answer over a quarter of QUERY_REUSE_MAX_BYTES, and keep a small one', async () => {
    await ctx.clearRequests();
    const big = { siteId, sql: 'SELECT TOP 200 * FROM BPS_Patients ORDER BY InternalID', maxAgeSeconds: 60 };
    expect(answer(await gql(ctx.app, RUN, { input: big })).reused).toBe(false);
    expect(answer(await gql(ctx.app, RUN, { input: big })).reused).toBe(false);
    const small = { siteId, sql: 'SELECT TOP 1 InternalID FROM BPS_Patients ORDER BY InternalID', maxAgeSeconds: 60 };
    expect(answer(await gql(ctx.app, RUN, { input: small })).reused).toBe(false);
    expect(answer(await gql(ctx.app, RUN, { input: small })).reused).toBe(true);
    expect(await billedLog(ctx, siteId)).toEqual({ createImmediateQuery: 3 });
    const kept = parseMetrics((await ctx.app.metrics.scrape()).body).value('halo_query_reuse_kept_bytes');
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(8192);
  });
});
