import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHaloClient } from '../../src/datasources/halo-client.js';
import { HaloApiError } from '../../src/datasources/halo-error.js';
import { BackupSite, OfflineSite, OnlineSite, UnreachableSite } from '../../simulator/src/fixtures.js';
import { startHarness, type SimHarness } from './sim-harness.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

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

async function rejection(promise: Promise<unknown>): Promise<HaloApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HaloApiError);
  return error as HaloApiError;
}

describe('Halo error shapes → codes', () => {
  it('should map an unknown site GUID to SITE_NOT_FOUND', async () => {
    const ds = h.client().forRequest();
    await expect(ds.getSite(UNKNOWN)).rejects.toMatchObject({
      kind: 'general',
      code: 'SITE_NOT_FOUND',
      status: 404,
      payload: { shape: 'spec' },
    });
    await expect(ds.getQuery(UNKNOWN, UNKNOWN)).rejects.toMatchObject({ code: 'SITE_NOT_FOUND' });
  });

  it('should map an unknown query, registered query or page to NOT_FOUND', async () => {
    const ds = h.client().forRequest();
    await expect(ds.getQuery(OnlineSite.id, UNKNOWN)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    await expect(ds.getRegisteredQuery(OnlineSite.id, UNKNOWN)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ds.readResultPage(OnlineSite.id, UNKNOWN, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('should map a 400 to BAD_USER_INPUT, and reject a bad page number before calling Halo', async () => {
    const ds = h.client().forRequest();
    await expect(ds.getQuery(OnlineSite.id, 'not-a-guid')).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      status: 400,
    });
    await expect(ds.getResultPage(OnlineSite.id, UNKNOWN, 0)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      status: undefined,
    });
    await expect(ds.getSite('..')).rejects.toMatchObject({ code: 'BAD_USER_INPUT', status: undefined });
    expect(await h.count('getResultPage')).toBe(0);
  });

  it('should return a query that ran and failed as a value, with its errorDetails', async () => {
    const ds = h.client().forRequest();
    const outcome = await ds.createImmediateQuery(OnlineSite.id, {
      command: { text: 'SELECT NoSuchColumn FROM BPS_Patients' },
    });
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(outcome.httpStatus).toBe(400);
    expect(outcome.query.status).toBe('executionFailed');
    expect(outcome.query.errorDetails).toMatchObject({ errorType: 'mssql', errorCode: expect.any(Number) });
  });

  it('should map an offline site (503) and an unreachable site (504) to SITE_UNAVAILABLE', async () => {
    const ds = h.client().forRequest();
    const offline = await rejection(ds.createImmediateQuery(OfflineSite.id, { command: { text: 'SELECT 1 AS one' } }));
    expect(offline).toMatchObject({ code: 'SITE_UNAVAILABLE', status: 503, kind: 'general' });
    const unreachable = await rejection(
      ds.createImmediateQuery(UnreachableSite.id, { command: { text: 'SELECT 1 AS one' } }),
    );
    expect(unreachable).toMatchObject({ code: 'SITE_UNAVAILABLE', status: 504 });
  });

  it('should map a 504 from an online site to UPSTREAM_TIMEOUT', async () => {
    const ds = h.client().forRequest();
    await h.fault({ operationId: 'createImmediateQuery', status: 504 });
    await expect(
      ds.createImmediateQuery(OnlineSite.id, { command: { text: 'SELECT 1 AS one' } }),
    ).rejects.toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
      status: 504,
    });
  });

  it('should map our own deadline to UPSTREAM_TIMEOUT', async () => {
    const ds = h.client({ retry: { maxAttempts: 1 } }).forRequest();
    await h.fault({ operationId: 'getSite', delayMs: 2_000 });
    await expect(ds.getSite(OnlineSite.id, { deadlineMs: 100 })).rejects.toMatchObject({
      kind: 'network',
      code: 'UPSTREAM_TIMEOUT',
      networkCode: 'DEADLINE_EXCEEDED',
    });
  });

  it('should map 410 to RESULT_EXPIRED and 413 to RESULT_TOO_LARGE', async () => {
    const ds = h.client().forRequest();
    await h.fault({ operationId: 'getResultPage', status: 410 });
    await expect(ds.getResultPage(OnlineSite.id, UNKNOWN, 1)).rejects.toMatchObject({
      code: 'RESULT_EXPIRED',
      status: 410,
    });
    await h.fault({ operationId: 'createImmediateQuery', status: 413 });
    await expect(
      ds.createImmediateQuery(OnlineSite.id, { command: { text: 'SELECT 1 AS one' } }),
    ).rejects.toMatchObject({
      code: 'RESULT_TOO_LARGE',
      status: 413,
    });
  });

  it('should expire a result page after the simulated retention period', async () => {
    const ds = h.client().forRequest();
    const query = await ds.createAsyncQuery(OnlineSite.id, {
      command: { text: 'SELECT InternalID FROM BPS_Patients' },
    });
    await h.advance(60_000);
    expect((await ds.readResultPage(OnlineSite.id, query.id, 1)).rows.length).toBeGreaterThan(0);
    await h.advance(25 * 60 * 60 * 1000);
    await expect(ds.readResultPage(OnlineSite.id, query.id, 1)).rejects.toMatchObject({
      code: 'RESULT_EXPIRED',
      status: 410,
    });
  });

  it('should map 429 to RATE_LIMITED with retryAfterSeconds (APIM envelope)', async () => {
    const ds = h.client({ retry: { maxAttempts: 1 } }).forRequest();
    await h.fault({ operationId: 'getSite', status: 429, retryAfterSeconds: 17 });
    await expect(ds.getSite(OnlineSite.id)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
      retryAfterSeconds: 17,
      payload: { shape: 'apim', statusCode: 429 },
    });
  });

  it('should map Halo refusing our key (401) or the site (403) to UPSTREAM_ERROR', async () => {
    const wrongKey = createHaloClient({ baseUrl: h.sim.url, subscriptionKey: 'not-the-key' });
    try {
      await expect(wrongKey.forRequest().getSite(OnlineSite.id)).rejects.toMatchObject({
        code: 'UPSTREAM_ERROR',
        status: 401,
        payload: { shape: 'apim' },
      });
    } finally {
      await wrongKey.close();
    }
    const ds = h.client().forRequest();
    await expect(
      ds.createImmediateQuery(BackupSite.id, { command: { text: 'SELECT 1 AS one' } }),
    ).rejects.toMatchObject({
      code: 'NOT_AUTHORITATIVE',
      status: 403,
    });
  });

  it('should map 5xx to UPSTREAM_ERROR', async () => {
    const ds = h.client({ retry: { maxAttempts: 1 } }).forRequest();
    await h.fault({ operationId: 'getSite', status: 500 });
    await expect(ds.getSite(OnlineSite.id)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      status: 500,
      payload: { shape: 'spec' },
    });
    await h.fault({ operationId: 'Integrator_PairSite', status: 502 });
    await expect(
      ds.integratorPairSite({
        practiceManagementSiteId: '10001',
        practiceManagementName: 'Best Practice',
        pairingCode: 'ABC123',
      }),
    ).rejects.toMatchObject({ code: 'UPSTREAM_ERROR', status: 502 });
  });

  it('should map a malformed or empty 200 body to UPSTREAM_ERROR without crashing', async () => {
    const ds = h.client().forRequest();
    await h.fault({ operationId: 'getSite', body: 'malformed' });
    await expect(ds.getSite(OnlineSite.id)).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      status: 200,
      payload: { shape: 'malformed' },
    });
    await h.fault({ operationId: 'getQuery', body: 'empty' });
    await expect(ds.getQuery(OnlineSite.id, UNKNOWN)).rejects.toMatchObject({ code: 'UPSTREAM_ERROR', status: 200 });
    await h.fault({ operationId: 'getResultPage', body: 'malformed' });
    await expect(ds.readResultPage(OnlineSite.id, UNKNOWN, 1)).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
  });

  it('should keep the status code when an error body is malformed or empty', async () => {
    const ds = h.client().forRequest();
    await h.fault({ operationId: 'createImmediateQuery', status: 503, body: 'malformed' });
    await expect(
      ds.createImmediateQuery(OnlineSite.id, { command: { text: 'SELECT 1 AS one' } }),
    ).rejects.toMatchObject({
      code: 'SITE_UNAVAILABLE',
      payload: { shape: 'malformed' },
    });
    await h.fault({ operationId: 'getQuery', status: 404, body: 'empty' });
    await expect(ds.getQuery(OnlineSite.id, UNKNOWN)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      payload: { shape: 'empty' },
    });
  });

  it('should map a dropped connection to a network UPSTREAM_ERROR', async () => {
    const ds = h.client({ retry: { maxAttempts: 1 } }).forRequest();
    await h.fault({ operationId: 'getSite', dropConnection: true });
    const error = await rejection(ds.getSite(OnlineSite.id));
    expect(error).toMatchObject({ kind: 'network', code: 'UPSTREAM_ERROR', status: undefined });
    expect(error.networkCode).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/);
  });

  it('should map a FHIR OperationOutcome to kind fhir', async () => {
    const ds = h.client().forRequest();
    const error = await rejection(ds.getFhirQuery(OnlineSite.id, 'Patient/999999999'));
    expect(error).toMatchObject({ kind: 'fhir', code: 'NOT_FOUND', status: 404 });
    expect(error.payload).toMatchObject({ shape: 'fhir', outcome: { resourceType: 'OperationOutcome' } });
  });
});

describe('Error messages never leak', () => {
  const CANARY_SQL = "SELECT Surname FROM BPS_Patients WHERE Surname = 'CANARY-sql-7d1e'";
  const CANARY_VALUE = 'CANARY-param-Bloggs';
  const CANARY_KEY = 'CANARY-key-0f9a8b';

  function expectClean(error: unknown) {
    expect(error).toBeInstanceOf(HaloApiError);
    for (const rendered of [
      (error as Error).message,
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 5 }),
    ]) {
      expect(rendered).not.toContain('CANARY');
    }
  }

  it('should keep SQL, parameter values, patient search values and the key out of every rendering', async () => {
    const ds = h.client().forRequest();
    const command = {
      text: CANARY_SQL,
      parameters: [{ name: '@s', direction: 'input' as const, type: 'VarChar' as const, value: CANARY_VALUE }],
    };
    expectClean(await ds.createImmediateQuery(OfflineSite.id, { command }).catch((e: unknown) => e));
    await h.fault({ operationId: 'createImmediateQuery', body: 'malformed' });
    expectClean(await ds.createImmediateQuery(OnlineSite.id, { command }).catch((e: unknown) => e));
    await h.fault({ operationId: 'createAsyncQuery', status: 400 });
    expectClean(await ds.createAsyncQuery(OnlineSite.id, { command }).catch((e: unknown) => e));
    await h.fault({ operationId: 'getFhirQuery', status: 400 });
    expectClean(await ds.getFhirQuery(OnlineSite.id, 'Patient', { family: CANARY_VALUE }).catch((e: unknown) => e));
    await h.fault({ operationId: 'postFhirSearch', body: 'malformed' });
    expectClean(await ds.postFhirSearch(OnlineSite.id, 'Patient', { family: CANARY_VALUE }).catch((e: unknown) => e));

    const wrongKey = createHaloClient({ baseUrl: h.sim.url, subscriptionKey: CANARY_KEY });
    try {
      expectClean(
        await wrongKey
          .forRequest()
          .createImmediateQuery(OnlineSite.id, { command })
          .catch((e: unknown) => e),
      );
    } finally {
      await wrongKey.close();
    }
  });
});
