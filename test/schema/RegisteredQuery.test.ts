import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { OnlineSite, ZedmedSite } from '../../simulator/src/fixtures.js';
import { graphql } from '../gql/index.js';
import { useApp } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';
import { callCounts, directSql, directWrite, UNKNOWN_ID } from '../helpers/halo.js';

const ctx = useApp({ app: { halo: { reconcile: { attempts: 2, intervalMs: 20 } } } });
beforeEach(() => {
  ctx.sim.reset();
});

const CreateRegistered = graphql(`
  mutation CreateRegistered($input: CreateRegisteredQueryInput!) {
    createRegisteredQuery(input: $input) {
      id
      siteId
      name
      status
      frequencySeconds
      durationSeconds
      lastHash
      createdAt
      completedAt
      lastError {
        type
        code
        message
      }
      metrics {
        executionSucceededCount
        executionFailedCount
        lastSucceededAt
        lastFailedAt
        resultSizeSum
      }
      result {
        rowCount
        sizeBytes
        columns
        rows
        outputParameters {
          name
        }
      }
    }
  }
`);

const Registered = graphql(`
  query Registered($siteId: ID!, $id: ID!) {
    registeredQuery(siteId: $siteId, id: $id) {
      id
      status
      lastHash
      completedAt
      metrics {
        executionSucceededCount
      }
      result {
        rowCount
        rows
      }
    }
  }
`);

const CancelRegistered = graphql(`
  mutation CancelRegistered($siteId: ID!, $id: ID!) {
    cancelRegisteredQuery(siteId: $siteId, id: $id) {
      id
      status
      completedAt
    }
  }
`);

const COUNT_SQL = "SELECT COUNT(*) AS n FROM BPS_Patients WHERE Surname = 'Canary'";
/** Halo's lastHash: base64 SHA-256 of the result's JSON. */
const hashOf = (rows: unknown[]) => createHash('sha256').update(JSON.stringify(rows)).digest('base64');

async function create(sql = COUNT_SQL, frequencySeconds = 60, durationSeconds = 600) {
  const res = await execute(ctx.app, CreateRegistered, {
    input: { siteId: OnlineSite.id, name: 'Canary count', sql, frequencySeconds, durationSeconds },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.createRegisteredQuery;
}

describe('createRegisteredQuery', () => {
  it('should register the query and return it with its first result at once', async () => {
    const expected = await directSql(ctx, OnlineSite.id, COUNT_SQL);
    const now = new Date(ctx.sim.clock.now()).toISOString();
    const created = await create();
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      siteId: OnlineSite.id,
      name: 'Canary count',
      status: 'ENABLED',
      frequencySeconds: 60,
      durationSeconds: 600,
      lastHash: hashOf(expected),
      createdAt: now,
      completedAt: null,
      lastError: null,
      metrics: {
        executionSucceededCount: 1,
        executionFailedCount: 0,
        lastSucceededAt: now,
        lastFailedAt: null,
        resultSizeSum: 9,
      },
      result: { rowCount: 1, sizeBytes: 9, columns: ['n'], rows: [{ n: 0 }], outputParameters: null },
    });
    expect(expected).toEqual([{ n: 0 }]);
    expect(await callCounts(ctx)).toEqual({
      createRegisteredQuery: 1,
      getRegisteredQuery: 1,
      getRegisteredQueryResult: 1,
    });
  });

  it('should refuse a frequency below 60 s and other invalid input with BAD_USER_INPUT, without calling Halo', async () => {
    const base = {
      siteId: OnlineSite.id,
      name: 'n',
      sql: 'SELECT 1 AS one',
      frequencySeconds: 60,
      durationSeconds: 600,
    };
    const cases = [
      { ...base, frequencySeconds: 59 },
      { ...base, durationSeconds: 0 },
      { ...base, durationSeconds: 86_401 },
      { ...base, name: ' ' },
      { ...base, sql: '' },
      { ...base, siteId: 'x/../other-site' },
      { ...base, parameters: [{ name: '@when', type: 'Date' as const, value: 'tomorrow' }] },
    ];
    const messages: string[] = [];
    for (const input of cases) {
      const res = await execute(ctx.app, CreateRegistered, { input });
      expect(res.data).toBeNull();
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      messages.push(res.errors![0]!.message);
    }
    expect(messages[0]).toBe('frequencySeconds must be at least 60.');
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should answer with the registered query Halo created when the connection dropped before its answer', async () => {
    await ctx.call('POST', '/_sim/faults', {
      body: { operationId: 'createRegisteredQuery', dropConnection: true, carriedOut: true },
    });
    const input = {
      siteId: OnlineSite.id,
      name: 'dropped',
      sql: COUNT_SQL,
      frequencySeconds: 60,
      durationSeconds: 600,
    };
    const res = await execute(ctx.app, CreateRegistered, { input });
    expect(res.errors).toBeUndefined();
    expect(res.data?.createRegisteredQuery).toMatchObject({ name: 'dropped', status: 'ENABLED' });
    expect(await callCounts(ctx)).toMatchObject({ createRegisteredQuery: 1, getRegisteredQueries: 1 });
  });

  it('should answer UPSTREAM_TIMEOUT with mayHaveSucceeded when it cannot tell whether Halo created it', async () => {
    await ctx.call('POST', '/_sim/faults', { body: { operationId: 'createRegisteredQuery', dropConnection: true } });
    const input = { siteId: OnlineSite.id, name: 'lost', sql: COUNT_SQL, frequencySeconds: 60, durationSeconds: 600 };
    const res = await execute(ctx.app, CreateRegistered, { input });
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([
      {
        message:
          'Halo did not confirm the creation in time, and it may have been carried out: check before trying again, or retry with the same idempotencyKey.',
        path: ['createRegisteredQuery'],
        locations: expect.any(Array),
        extensions: { code: 'UPSTREAM_TIMEOUT', mayHaveSucceeded: true },
      },
    ]);
    // Never sent twice: one creation, and the lists that looked for it.
    expect(await callCounts(ctx)).toEqual({ createRegisteredQuery: 1, getRegisteredQueries: 2 });
  });

  it('should change lastHash only when the result changes', async () => {
    const created = await create();
    await ctx.advance(60_000);
    const unchanged = await execute(ctx.app, Registered, { siteId: OnlineSite.id, id: created.id });
    expect(unchanged.data!.registeredQuery).toMatchObject({
      lastHash: created.lastHash,
      metrics: { executionSucceededCount: 2 },
    });

    expect(await directWrite(ctx, OnlineSite.id, "UPDATE PATIENTS SET SURNAME = 'Canary' WHERE INTERNALID <= 3")).toBe(
      3,
    );
    await ctx.advance(60_000);
    const changed = await execute(ctx.app, Registered, { siteId: OnlineSite.id, id: created.id });
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.registeredQuery).toEqual({
      id: created.id,
      status: 'ENABLED',
      lastHash: hashOf([{ n: 3 }]),
      completedAt: null,
      metrics: { executionSucceededCount: 3 },
      result: { rowCount: 1, rows: [{ n: 3 }] },
    });
    expect(changed.data!.registeredQuery?.lastHash).not.toBe(created.lastHash);
  });

  it('should report a failing run in lastError, with no result', async () => {
    const res = await execute(ctx.app, CreateRegistered, {
      input: {
        siteId: OnlineSite.id,
        name: 'broken',
        sql: 'SELECT * FROM NoSuchTable',
        frequencySeconds: 60,
        durationSeconds: 600,
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createRegisteredQuery).toMatchObject({
      status: 'ENABLED',
      lastHash: null,
      result: null,
      lastError: { type: 'MSSQL', code: 208, message: "Invalid object name 'NoSuchTable'." },
      metrics: { executionSucceededCount: 0, executionFailedCount: 1 },
    });
  });

  it('should be COMPLETED once its duration has passed', async () => {
    const created = await create(COUNT_SQL, 60, 120);
    await ctx.advance(120_000);
    const res = await execute(ctx.app, Registered, { siteId: OnlineSite.id, id: created.id });
    expect(res.data!.registeredQuery).toMatchObject({
      status: 'COMPLETED',
      completedAt: new Date(Date.parse(created.createdAt) + 120_000).toISOString(),
      metrics: { executionSucceededCount: 3 },
      result: { rows: [{ n: 0 }] },
    });
  });
});

describe('registeredQuery', () => {
  it('should load a registered query once however often it is selected', async () => {
    const created = await create();
    await ctx.clearRequests();
    const res = await execute(
      ctx.app,
      graphql(`
        query RegisteredTwice($siteId: ID!, $id: ID!) {
          a: registeredQuery(siteId: $siteId, id: $id) {
            id
            name
          }
          b: registeredQuery(siteId: $siteId, id: $id) {
            status
            lastHash
          }
        }
      `),
      { siteId: OnlineSite.id, id: created.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      a: { id: created.id, name: 'Canary count' },
      b: { status: 'ENABLED', lastHash: created.lastHash },
    });
    expect(await callCounts(ctx)).toEqual({ getRegisteredQuery: 1 });
  });

  it('should answer NOT_FOUND for an unknown registered query and SITE_NOT_FOUND for an unknown site', async () => {
    const unknown = await execute(ctx.app, Registered, { siteId: OnlineSite.id, id: UNKNOWN_ID });
    expect(unknown.data).toEqual({ registeredQuery: null });
    expect(unknown.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([['NOT_FOUND', ['registeredQuery']]]);
    const unknownSite = await execute(ctx.app, Registered, { siteId: UNKNOWN_ID, id: UNKNOWN_ID });
    expect(unknownSite.errors?.map((e) => e.extensions?.code)).toEqual(['SITE_NOT_FOUND']);
    await ctx.clearRequests();
    const bad = await execute(ctx.app, Registered, { siteId: OnlineSite.id, id: 'x/../other-site' });
    expect(bad.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(await ctx.upstreamCalls()).toEqual([]);
  });
});

describe('cancelRegisteredQuery', () => {
  it('should cancel the query so that it runs no more', async () => {
    const created = await create();
    const res = await execute(ctx.app, CancelRegistered, { siteId: OnlineSite.id, id: created.id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.cancelRegisteredQuery).toEqual({ id: created.id, status: 'CANCELLED', completedAt: null });
    await ctx.advance(600_000);
    const after = await execute(ctx.app, Registered, { siteId: OnlineSite.id, id: created.id });
    expect(after.data!.registeredQuery).toMatchObject({
      status: 'CANCELLED',
      metrics: { executionSucceededCount: 1 },
      result: { rows: [{ n: 0 }] },
    });
  });

  it('should answer NOT_FOUND for an unknown registered query', async () => {
    const res = await execute(ctx.app, CancelRegistered, { siteId: OnlineSite.id, id: UNKNOWN_ID });
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });
});

describe('Site.registeredQueries', () => {
  it("should list the site's registered queries and no other site's", async () => {
    const first = await create();
    const second = await create('SELECT TOP 2 InternalID FROM BPS_Patients ORDER BY InternalID', 300, 3_600);
    const res = await execute(
      ctx.app,
      graphql(`
        query SiteRegistered($a: ID!, $b: ID!) {
          a: site(id: $a) {
            registeredQueries {
              id
              siteId
              status
              frequencySeconds
              result {
                rows
              }
            }
          }
          b: site(id: $b) {
            registeredQueries {
              id
            }
          }
        }
      `),
      { a: OnlineSite.id, b: ZedmedSite.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.a?.registeredQueries).toEqual([
      { id: first.id, siteId: OnlineSite.id, status: 'ENABLED', frequencySeconds: 60, result: { rows: [{ n: 0 }] } },
      {
        id: second.id,
        siteId: OnlineSite.id,
        status: 'ENABLED',
        frequencySeconds: 300,
        result: { rows: [{ InternalID: 1 }, { InternalID: 2 }] },
      },
    ]);
    expect(res.data!.b?.registeredQueries).toEqual([]);
  });
});

describe('with writes disabled', () => {
  const ro = useApp({ app: { allowWrites: false } });

  it('should refuse a NON_QUERY registered query with WRITES_DISABLED and never call Halo', async () => {
    await ro.clearRequests();
    const res = await execute(ro.app, CreateRegistered, {
      input: {
        siteId: OnlineSite.id,
        name: 'w',
        sql: "UPDATE PATIENTS SET SURNAME = 'X'",
        executionMode: 'NON_QUERY',
        frequencySeconds: 60,
        durationSeconds: 60,
      },
    });
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['WRITES_DISABLED']);
    expect(await ro.upstreamCalls()).toEqual([]);
  });
});
