import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import WebSocket from 'ws';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BackupSite, OnlineSite, ZedmedSite } from '../../simulator/src/fixtures.js';
import { useApp } from '../helpers/app.js';
import { subscribe, wsClient } from '../helpers/ws.js';
import { parse } from 'graphql';
import { CLIENTS, clientKeyEntries, codes, gql, raw, type TestClient } from '../security/harness.js';

const UNKNOWN_SITE = '6f1d2c3b-0000-4000-8000-00000000dead';
const SITE = `query Site($id: ID!) { site(id: $id) { id practiceName } }`;
const SITES = `query Sites { sites(pmsSiteId: "10001", pms: BEST_PRACTICE) { id } }`;
const RUN = `mutation Run($input: RunQueryInput!) { runImmediateQuery(input: $input) { status rowsAffected rows } }`;
const SUBMIT = `mutation Submit($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id status } }`;
const QUERY = `query Q($s: ID!, $id: ID!) { sqlQuery(siteId: $s, id: $id) { id } }`;
const PATIENTS = `query P($s: ID!) { patients(siteId: $s, first: 1) { totalCount } }`;
const STATUS_SUB = `subscription S($s: ID!, $q: ID!) { queryStatusChanged(siteId: $s, queryId: $q) { status } }`;

describe('client auth and per-site access', () => {
  const ctx = useApp({ app: { security: { auth: { keys: clientKeyEntries() } } }, listen: true });
  beforeEach(async () => {
    ctx.sim.reset();
    await ctx.clearRequests();
  });

  it('should answer UNAUTHENTICATED (401) without credentials or with an unknown key, and call nothing upstream', async () => {
    for (const key of [undefined, 'not-a-key', CLIENTS.admin.key.toUpperCase()]) {
      const res = await gql(ctx.app, SITE, { id: OnlineSite.id }, key);
      expect(res.status).toBe(401);
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(res.text).not.toContain('not-a-key');
    }
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should accept the key as Bearer or X-Api-Key', async () => {
    expect((await gql(ctx.app, SITE, { id: OnlineSite.id }, CLIENTS.north.key)).json?.data).toEqual({
      site: { id: OnlineSite.id, practiceName: 'Halo Clinic North' },
    });
    const viaHeader = await gql(ctx.app, SITE, { id: OnlineSite.id }, undefined, { 'x-api-key': CLIENTS.north.key });
    expect(viaHeader.status).toBe(200);
  });

  it('should answer a forbidden site exactly like an unknown one, without calling Halo for it', async () => {
    const forbidden = await gql(ctx.app, SITE, { id: ZedmedSite.id }, CLIENTS.north.key);
    expect(await ctx.upstreamCalls()).toEqual([]);
    const unknown = await gql(ctx.app, SITE, { id: UNKNOWN_SITE }, CLIENTS.admin.key);
    expect(codes(forbidden)).toEqual(['SITE_NOT_FOUND']);
    expect(forbidden.json?.errors?.[0]?.message).toBe(unknown.json?.errors?.[0]?.message);
    expect({ ...forbidden.json, errors: forbidden.json?.errors?.map((e) => ({ ...e, message: '' })) }).toEqual({
      ...unknown.json,
      errors: unknown.json?.errors?.map((e) => ({ ...e, message: '' })),
    });
  });

  it('should list only the sites a client may see', async () => {
    const admin = (await gql(ctx.app, SITES, {}, CLIENTS.admin.key)).json?.data as { sites: Array<{ id: string }> };
    expect(admin.sites.map((s) => s.id).sort()).toEqual([OnlineSite.id, BackupSite.id].sort());
    expect((await gql(ctx.app, SITES, {}, CLIENTS.north.key)).json?.data).toEqual({ sites: [{ id: OnlineSite.id }] });
  });

  it('should refuse every site-scoped root field for an invisible site with SITE_NOT_FOUND', async () => {
    const q = '5d0c3a10-0000-4000-8000-000000000001';
    const results = await Promise.all([
      gql(ctx.app, QUERY, { s: ZedmedSite.id, id: q }, CLIENTS.north.key),
      gql(ctx.app, PATIENTS, { s: ZedmedSite.id }, CLIENTS.north.key),
      gql(ctx.app, RUN, { input: { siteId: ZedmedSite.id, sql: 'SELECT 1 AS one' } }, CLIENTS.north.key),
      gql(
        ctx.app,
        `query R($s: ID!, $id: ID!) { registeredQuery(siteId: $s, id: $id) { id } }`,
        { s: ZedmedSite.id, id: q },
        CLIENTS.northAll.key,
      ),
    ]);
    for (const r of results) expect(codes(r)).toEqual(['SITE_NOT_FOUND']);
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should answer FORBIDDEN for an operation the client has no permission for', async () => {
    const res = await gql(
      ctx.app,
      SUBMIT,
      { input: { siteId: OnlineSite.id, sql: 'SELECT 1 AS one' } },
      CLIENTS.north.key,
    );
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.json?.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', permission: 'async' });
    const none = await gql(ctx.app, SITE, { id: OnlineSite.id }, CLIENTS.noPerms.key);
    expect(codes(none)).toEqual(['FORBIDDEN']);
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should refuse writes disguised as READER or SCALAR with BAD_USER_INPUT, even for a client with writes', async () => {
    for (const [sql, mode] of [
      ["UPDATE PATIENTS SET SURNAME = 'X' WHERE INTERNALID = 1", 'READER'],
      ['SELECT 1 AS one; DELETE FROM PATIENTS', 'SCALAR'],
      ['SELECT * INTO Copy FROM PATIENTS', 'READER'],
      ['EXEC sp_who', 'READER'],
    ] as const) {
      const res = await gql(
        ctx.app,
        RUN,
        { input: { siteId: OnlineSite.id, sql, executionMode: mode } },
        CLIENTS.admin.key,
      );
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.json?.errors?.[0]?.extensions?.['reason']).toMatch(/^SQL_GUARD_/);
      expect(res.text).not.toContain('PATIENTS');
    }
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should let NON_QUERY through only with the writes permission (WRITES_DISABLED otherwise)', async () => {
    const input = {
      siteId: OnlineSite.id,
      sql: 'UPDATE PATIENTS SET SURNAME = SURNAME WHERE INTERNALID = 1',
      executionMode: 'NON_QUERY',
    };
    expect(codes(await gql(ctx.app, RUN, { input }, CLIENTS.northAll.key))).toEqual(['WRITES_DISABLED']);
    expect(
      codes(
        await gql(
          ctx.app,
          RUN,
          { input: { siteId: OnlineSite.id, sql: 'BP_AddAppointment', commandType: 'STORED_PROCEDURE' } },
          CLIENTS.northAll.key,
        ),
      ),
    ).toEqual(['WRITES_DISABLED']);
    expect(await ctx.upstreamCalls()).toEqual([]);
    const ok = await gql(ctx.app, RUN, { input }, CLIENTS.admin.key);
    expect(ok.json?.errors).toBeUndefined();
    expect(ok.json?.data).toMatchObject({ runImmediateQuery: { status: 'SUCCESSFUL', rowsAffected: 1 } });
  });

  it('should never retry a NON_QUERY, even on a 503', async () => {
    await ctx.call('POST', '/_sim/faults', { body: { operationId: 'createImmediateQuery', status: 503, count: 5 } });
    const res = await gql(
      ctx.app,
      RUN,
      { input: { siteId: OnlineSite.id, sql: 'UPDATE PATIENTS SET SURNAME = SURNAME', executionMode: 'NON_QUERY' } },
      CLIENTS.admin.key,
    );
    expect(codes(res)).toEqual(['SITE_UNAVAILABLE']);
    expect(await ctx.upstreamCalls('createImmediateQuery')).toHaveLength(1);
  });

  it('should refuse ids that could steer a request to another path before any upstream call', async () => {
    for (const [query, variables] of [
      [SITE, { id: 'x/../other-site' }],
      [SITE, { id: `${OnlineSite.id}/../..` }],
      [QUERY, { s: OnlineSite.id, id: '../../sites' }],
      [
        `query P($s: ID!, $id: ID!) { patient(siteId: $s, id: $id) { id } }`,
        { s: OnlineSite.id, id: '../../queries/async' },
      ],
      [`query P($s: ID!, $id: ID!) { patient(siteId: $s, id: $id) { id } }`, { s: OnlineSite.id, id: '..' }],
    ] as const) {
      const res = await gql(ctx.app, query, variables, CLIENTS.admin.key);
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    }
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should protect the export endpoint the same way', async () => {
    const q = '5d0c3a10-0000-4000-8000-000000000001';
    const noKey = await fetch(`${ctx.url}/export/${OnlineSite.id}/${q}.ndjson`);
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const forbidden = await fetch(`${ctx.url}/export/${ZedmedSite.id}/${q}.ndjson`, {
      headers: { authorization: `Bearer ${CLIENTS.north.key}` },
    });
    expect(forbidden.status).toBe(404);
    expect(await forbidden.json()).toMatchObject({ errors: [{ extensions: { code: 'SITE_NOT_FOUND' } }] });
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  describe('over WebSocket', () => {
    it('should close a connection without valid credentials with 4403', async () => {
      for (const params of [{}, { authorization: 'Bearer nope' }]) {
        const socket = new WebSocket(`${ctx.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
        const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: params })));
        expect(await closed).toBe(4403);
      }
    });

    it('should accept connectionParams credentials and authorize each subscription by site', async () => {
      const client = wsClient(ctx.url, { connectionParams: { 'x-api-key': CLIENTS.north.key } });
      const forbidden = subscribe(client, parse(STATUS_SUB), {
        s: ZedmedSite.id,
        q: '5d0c3a10-0000-4000-8000-000000000001',
      });
      await forbidden.done;
      expect(forbidden.results.map((r) => r.errors?.map((e) => e.extensions?.['code']))).toEqual([['SITE_NOT_FOUND']]);
      const submitted = await gql(
        ctx.app,
        SUBMIT,
        { input: { siteId: OnlineSite.id, sql: 'SELECT 1 AS one' } },
        CLIENTS.admin.key,
      );
      const id = (submitted.json?.data as { submitAsyncQuery: { id: string } }).submitAsyncQuery.id;
      const allowed = subscribe(client, parse(STATUS_SUB), { s: OnlineSite.id, q: id });
      expect((await allowed.next()).data).toEqual({ queryStatusChanged: { status: 'INITIALISING' } });
      allowed.unsubscribe();
      await client.dispose();
    });
  });
});

describe('JWT client auth', () => {
  const issuer = 'https://idp.test';
  const audience = 'halo-graphql-test';
  let jwk: JWK;
  let key: CryptoKey;
  const keys = createLocalJWKSet({ keys: [] });
  let verifyKeys: ReturnType<typeof createLocalJWKSet> = keys;
  const ctx = useApp({ app: { security: { auth: { jwt: { issuer, audience, keys: (h, t) => verifyKeys(h, t) } } } } });
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test', alg: 'RS256' };
    verifyKeys = createLocalJWKSet({ keys: [jwk] });
  });

  const token = (claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('svc-north')
      .setExpirationTime('2m')
      .sign(key);

  it("should authorize by the token's sites and permissions claims", async () => {
    const t = await token({ sites: [OnlineSite.id], permissions: ['read'] });
    expect((await gql(ctx.app, SITE, { id: OnlineSite.id }, t)).json?.data).toMatchObject({
      site: { id: OnlineSite.id },
    });
    expect(codes(await gql(ctx.app, SITE, { id: ZedmedSite.id }, t))).toEqual(['SITE_NOT_FOUND']);
    expect(codes(await gql(ctx.app, SITE, { id: OnlineSite.id }, `${t.slice(0, -4)}AAAA`))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });
});

describe('per-client rate limit', () => {
  const ctx = useApp({
    app: { security: { auth: { keys: clientKeyEntries() }, rateLimit: { ratePerSecond: 0.001, burst: 3 } } },
  });

  it('should answer RATE_LIMITED (429, Retry-After) past the burst, per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await gql(ctx.app, SITE, { id: OnlineSite.id }, CLIENTS.north.key)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await gql(ctx.app, SITE, { id: OnlineSite.id }, CLIENTS.north.key);
    expect(codes(limited)).toEqual(['RATE_LIMITED']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await gql(ctx.app, SITE, { id: OnlineSite.id }, CLIENTS.admin.key)).status).toBe(200);
  });
});

describe('HTTP limits', () => {
  const ctx = useApp({ app: { security: { corsOrigins: ['https://app.example.org'], maxBodyBytes: 4096 } } });

  it('should refuse operations over GET (405) but still serve GraphiQL', async () => {
    const get = await raw(ctx.app, {
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('{ __typename }')}`,
      headers: { accept: 'application/json' },
    });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const page = await raw(ctx.app, { method: 'GET', headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html');
  });

  it('should refuse a POST a browser could forge cross-site (403), and accept JSON', async () => {
    const form = await raw(ctx.app, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B__typename%7D',
    });
    expect(form.status).toBe(403);
    expect(
      (
        await raw(ctx.app, {
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'graphql-require-preflight': '1' },
          body: 'query=%7B__typename%7D',
        })
      ).status,
    ).toBe(200);
    // No parser reads text/plain: 415 before anything runs.
    expect(
      (await raw(ctx.app, { headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' })).status,
    ).toBe(415);
    const multipart = await raw(ctx.app, {
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x--',
    });
    expect(multipart.status).toBeGreaterThanOrEqual(400);
    expect(multipart.status).toBeLessThan(500);
    expect((await gql(ctx.app, '{ __typename }')).status).toBe(200);
  });

  it('should answer CORS only for allowed origins', async () => {
    const allowed = await raw(ctx.app, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.org', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const other = await raw(ctx.app, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('should refuse a body over the limit with 413', async () => {
    const res = await gql(ctx.app, `{ __typename } # ${'x'.repeat(5000)}`);
    expect(res.status).toBe(413);
  });
});

describe('production switches', () => {
  const ctx = useApp({ app: { graphiql: false, security: { limits: { introspection: false } } } });

  it('should refuse introspection and hide field suggestions when introspection is off', async () => {
    const res = await gql(ctx.app, '{ __schema { types { name } } }');
    expect(res.status).toBe(400);
    expect(new Set(codes(res))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    const typo = await gql(ctx.app, `{ sitez(pmsSiteId: "1", pms: ZEDMED) { id } }`);
    expect(typo.text).not.toMatch(/Did you mean/);
    expect((await gql(ctx.app, '{ __typename }')).status).toBe(200);
  });

  it('should not serve GraphiQL when it is off', async () => {
    const page = await raw(ctx.app, { method: 'GET', headers: { accept: 'text/html' } });
    expect(page.text).not.toContain('<html');
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(page.status).toBeLessThan(500);
  });
});

describe('a backup (non-authoritative) site', () => {
  const backupOnly = {
    id: 'backup-only',
    key: 'test-key-backup-5d4c3b2a1f',
    sites: [BackupSite.id],
    permissions: ['read', 'sql'],
  } satisfies TestClient;
  const ctx = useApp({ app: { security: { auth: { keys: clientKeyEntries([CLIENTS.admin, backupOnly]) } } } });

  it('should answer NOT_AUTHORITATIVE naming the authoritative site only to a client that may see it', async () => {
    const input = { siteId: BackupSite.id, sql: 'SELECT 1 AS one' };
    const admin = await gql(ctx.app, RUN, { input }, CLIENTS.admin.key);
    expect(admin.json?.errors?.map((e) => e.extensions)).toEqual([
      { code: 'NOT_AUTHORITATIVE', authoritativeSiteId: OnlineSite.id },
    ]);
    expect(admin.json?.errors?.[0]?.message).toMatch(/authoritative site/);
    const restricted = await gql(ctx.app, RUN, { input }, backupOnly.key);
    expect(restricted.json?.errors?.map((e) => e.extensions)).toEqual([{ code: 'NOT_AUTHORITATIVE' }]);
    expect(restricted.json?.errors?.[0]?.message).toBe(admin.json?.errors?.[0]?.message);
  });
});
