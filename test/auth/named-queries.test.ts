/**
 * Who may run what: `read` covers named queries (and their live subscriptions), raw SQL needs `sql`
 * as well, a site outside the client's list is SITE_NOT_FOUND, and a shared answer (maxAgeSeconds)
 * is never served to a client that may not run the query.
 */
import { describe, expect, it } from 'vitest';
import { OnlineSite, ZedmedSite } from '../../simulator/src/fixtures.js';
import { useApp } from '../helpers/app.js';
import { CLIENTS, clientKeyEntries, raw, type TestClient } from '../security/harness.js';

const asyncOnly = {
  id: 'async-sql',
  key: 'test-key-async-sql-0f1e2d3c4b',
  sites: '*',
  permissions: ['async', 'registered', 'sql'],
} satisfies TestClient;

async function post(app: Parameters<typeof raw>[0], key: string | undefined, query: string) {
  const res = await raw(app, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
    body: JSON.stringify({ query }),
  });
  return res.json as {
    data?: Record<string, unknown>;
    errors?: Array<{ path?: unknown[]; extensions?: Record<string, unknown> }>;
  };
}

const PROVIDERS = `{ site(id: "${OnlineSite.id}") { providers { userId surname } } }`;
const RAW = `mutation { runImmediateQuery(input: { siteId: "${OnlineSite.id}", sql: "SELECT TOP 1 UserID FROM BPS_Users" }) { status } }`;

describe('named queries and the sql permission', () => {
  const ctx = useApp({
    app: { security: { auth: { keys: clientKeyEntries([...Object.values(CLIENTS), asyncOnly]) } } },
  });

  it('should let a client with read alone run named queries, and refuse it raw SQL (FORBIDDEN, permission sql)', async () => {
    const named = await post(ctx.app, CLIENTS.north.key, PROVIDERS);
    expect(named.errors).toBeUndefined();
    expect((named.data!['site'] as { providers: unknown[] }).providers).toHaveLength(8);
    await ctx.clearRequests();
    for (const query of [
      RAW,
      `mutation { submitAsyncQuery(input: { siteId: "${OnlineSite.id}", sql: "SELECT 1 AS one" }) { id } }`,
    ]) {
      const res = await post(ctx.app, CLIENTS.north.key, query);
      expect(res.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
    }
    expect((await post(ctx.app, CLIENTS.north.key, RAW)).errors?.[0]?.extensions).toEqual({
      code: 'FORBIDDEN',
      permission: 'sql',
    });
    expect(await ctx.upstreamCalls()).toEqual([]);
    // With sql as well, the same client shape may send SQL.
    expect((await post(ctx.app, CLIENTS.northAll.key, RAW)).data).toEqual({
      runImmediateQuery: { status: 'SUCCESSFUL' },
    });
  });

  it('should refuse named queries to a client without read, even when an answer is shared (maxAgeSeconds)', async () => {
    expect((await post(ctx.app, CLIENTS.admin.key, PROVIDERS)).errors).toBeUndefined();
    await ctx.clearRequests();
    const res = await post(ctx.app, asyncOnly.key, PROVIDERS);
    expect(res.errors?.map((e) => [e.path, e.extensions])).toEqual([
      [['site', 'providers'], { code: 'FORBIDDEN', permission: 'read' }],
    ]);
    expect(await ctx.upstreamCalls('createImmediateQuery')).toEqual([]);
  });

  it('should answer a site outside the client’s list as unknown, in a fan-out too', async () => {
    const res = await post(
      ctx.app,
      CLIENTS.north.key,
      `{ sitesByIds(ids: ["${OnlineSite.id}", "${ZedmedSite.id}"]) { id providers { userId } } }`,
    );
    const sites = res.data!['sitesByIds'] as Array<{ id: string } | null>;
    expect(sites.map((s) => s?.id ?? null)).toEqual([OnlineSite.id, null]);
    expect(res.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([[['sitesByIds', 1], 'SITE_NOT_FOUND']]);
  });
});

describe('named queries in open (development) mode', () => {
  const ctx = useApp();

  it('should allow named queries and raw SQL alike', async () => {
    expect((await post(ctx.app, undefined, PROVIDERS)).errors).toBeUndefined();
    expect((await post(ctx.app, undefined, RAW)).data).toEqual({ runImmediateQuery: { status: 'SUCCESSFUL' } });
  });
});
