import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { startHarness, type SimHarness } from './sim-harness.js';

const PATIENTS_SQL = 'SELECT InternalID, Firstname, Surname, DOB, Postcode FROM BPS_Patients ORDER BY InternalID';

let h: SimHarness;
beforeAll(async () => {
  // Small pages so an ordinary result spans many of them.
  h = await startHarness({ pageBytes: 8 * 1024 });
});
afterAll(async () => {
  await h.stop();
});
beforeEach(async () => {
  await h.reset();
});

async function completedAsyncQuery(sql: string): Promise<string> {
  const ds = h.client().forRequest();
  const query = await ds.createAsyncQuery(OnlineSite.id, { command: { text: sql } });
  expect(query.status).toBe('initialising');
  await h.advance(120_000);
  await expect(ds.getQuery(OnlineSite.id, query.id)).resolves.toMatchObject({ status: 'successful' });
  return query.id;
}

describe('Sites', () => {
  it('should pair, list and read sites', async () => {
    const ds = h.client().forRequest();
    const paired = await ds.integratorPairSite({
      practiceManagementSiteId: '10001',
      practiceManagementName: 'Best Practice',
      pairingCode: 'ABC123',
    });
    expect(paired.id).toBe(OnlineSite.id);
    const { sites = [] } = await ds.getSites({
      practiceManagementSiteId: '10001',
      practiceManagementName: 'Best Practice',
    });
    expect(sites.map((s) => s.id)).toContain(OnlineSite.id);
    expect(sites.length).toBe(2);
    await expect(ds.getSite(OnlineSite.id)).resolves.toMatchObject({ id: OnlineSite.id, availability: 'online' });
  });
});

describe('Immediate results', () => {
  it('should decode rows exactly as a direct SELECT returns them', async () => {
    const ds = h.client().forRequest();
    const sql = 'SELECT InternalID, Firstname, Surname FROM BPS_Patients WHERE InternalID <= 25 ORDER BY InternalID';
    const outcome = await ds.createImmediateQuery(OnlineSite.id, { command: { text: sql } });
    expect(outcome.kind).toBe('successful');
    if (outcome.kind !== 'successful') return;
    expect(outcome.columns).toEqual(['InternalID', 'Firstname', 'Surname']);
    expect(outcome.rows).toEqual(await h.sql(OnlineSite.id, sql));
  });

  it('should give no rows and no columns for an empty result', async () => {
    const ds = h.client().forRequest();
    const outcome = await ds.createImmediateQuery(OnlineSite.id, {
      command: { text: 'SELECT InternalID FROM BPS_Patients WHERE InternalID < 0' },
    });
    expect(outcome).toMatchObject({ kind: 'successful', columns: [], rows: [] });
  });
});

describe('Async results', () => {
  it('should read a multi-page result page by page into exactly the rows of a direct SELECT', async () => {
    const queryId = await completedAsyncQuery(PATIENTS_SQL);
    const ds = h.client().forRequest();
    const expected = await h.sql(OnlineSite.id, PATIENTS_SQL);
    expect(expected.length).toBeGreaterThanOrEqual(2_000);

    const rows: unknown[] = [];
    const byPage: unknown[][] = [];
    for await (const batch of ds.readResultRows(OnlineSite.id, queryId)) {
      // Pages come in order, each in one or more batches.
      expect(batch.pageNumber === byPage.length || batch.pageNumber === byPage.length + 1).toBe(true);
      (byPage[batch.pageNumber - 1] ??= []).push(...batch.rows);
      for (const row of batch.rows)
        expect(Object.keys(row)).toEqual(['InternalID', 'Firstname', 'Surname', 'DOB', 'Postcode']);
      rows.push(...batch.rows);
    }
    expect(byPage.length).toBeGreaterThan(5);
    expect(rows).toEqual(expected);
    for (const [i, pageRows] of byPage.entries()) {
      const page = await ds.readResultPage(OnlineSite.id, queryId, i + 1);
      expect(page.rowsCount).toBe(page.rows.length);
      expect(pageRows).toEqual(page.rows);
    }
  });

  it('should fetch the next page only when asked, holding one page at a time', async () => {
    const queryId = await completedAsyncQuery(PATIENTS_SQL);
    const ds = h.client().forRequest();
    await h.control('DELETE', 'requests');
    let consumed = 0;
    let largestPageBytes = 0;
    for await (const batch of ds.readResultRows(OnlineSite.id, queryId)) {
      if (batch.pageNumber > consumed) consumed = batch.pageNumber;
      // Nothing is read ahead: the pages requested so far are exactly the pages handed out.
      expect(await h.count('streamResultPage')).toBe(consumed);
      largestPageBytes = Math.max(largestPageBytes, Buffer.byteLength(JSON.stringify(batch.rows)));
      if (consumed === 3) break;
    }
    expect(await h.count('streamResultPage')).toBe(3);
    expect(await h.count('getResultPage')).toBe(0);
    expect(largestPageBytes).toBeLessThanOrEqual(8 * 1024 + 1024);
  });

  it('should stream a page through /stream with the same rows', async () => {
    const queryId = await completedAsyncQuery(PATIENTS_SQL);
    const ds = h.client().forRequest();
    const page = await ds.readResultPage(OnlineSite.id, queryId, 2);
    const streamed: unknown[] = [];
    for await (const batch of ds.readResultRows(OnlineSite.id, queryId)) {
      if (batch.pageNumber === 2) streamed.push(...batch.rows);
      if (batch.pageNumber > 2) break;
    }
    expect(streamed).toEqual(page.rows);

    const stream = await ds.streamResultPage(OnlineSite.id, queryId, 1);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toEqual(
      (await ds.readResultPage(OnlineSite.id, queryId, 1)).rows,
    );
  });

  it('should release the connection when a stream is abandoned', async () => {
    const queryId = await completedAsyncQuery(PATIENTS_SQL);
    const client = h.client();
    const stream = await client.forRequest().streamResultPage(OnlineSite.id, queryId, 1);
    stream.destroy();
    await new Promise((resolve) => stream.once('close', resolve));
    await expect(client.forRequest().getQuery(OnlineSite.id, queryId)).resolves.toMatchObject({ status: 'successful' });
  });

  it('should report status of several queries in one batch call', async () => {
    const queryId = await completedAsyncQuery('SELECT InternalID FROM BPS_Patients WHERE InternalID <= 3');
    const missing = '00000000-0000-4000-8000-000000000000';
    const { results } = await h.client().forRequest().getQueryStatusBatch(OnlineSite.id, [queryId, missing]);
    expect(results).toMatchObject([
      { queryId, status: 'found', query: { status: 'successful' } },
      { queryId: missing, status: 'notFound' },
    ]);
  });

  it('should refuse to read pages of a query that has not succeeded', async () => {
    const ds = h.client().forRequest();
    const query = await ds.createAsyncQuery(OnlineSite.id, {
      command: { text: 'SELECT InternalID FROM BPS_Patients' },
    });
    const pages = ds.readResultRows(OnlineSite.id, query.id);
    await expect(pages.next()).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await h.count('getResultPage')).toBe(0);
    expect(await h.count('streamResultPage')).toBe(0);
  });

  it('should turn a malformed page body into UPSTREAM_ERROR mid-iteration', async () => {
    const queryId = await completedAsyncQuery(PATIENTS_SQL);
    const ds = h.client().forRequest();
    await h.fault({ operationId: 'streamResultPage', body: 'malformed', count: 1 });
    const pages = ds.readResultRows(OnlineSite.id, queryId);
    await expect(pages.next()).rejects.toMatchObject({ code: 'UPSTREAM_ERROR', payload: { shape: 'malformed' } });
  });
});

describe('Registered queries', () => {
  it('should create, read, decode and cancel a registered query', async () => {
    const ds = h.client().forRequest();
    const sql = 'SELECT InternalID, Surname FROM BPS_Patients WHERE InternalID <= 5 ORDER BY InternalID';
    const { id } = await ds.createRegisteredQuery(OnlineSite.id, {
      name: 'first five',
      registeredQueryType: 'query',
      frequency: 60,
      duration: 600,
      registerCommand: { command: { text: sql, executionMode: 'reader', type: 'text' } },
    });
    await h.advance(10_000);
    await expect(ds.getRegisteredQuery(OnlineSite.id, id)).resolves.toMatchObject({ id, status: 'enabled' });
    const { registeredQueries = [] } = await ds.getRegisteredQueries(OnlineSite.id);
    expect(registeredQueries.map((r) => r.id)).toContain(id);
    const result = await ds.readRegisteredQueryResult(OnlineSite.id, id);
    expect(result.rows).toEqual(await h.sql(OnlineSite.id, sql));
    expect(result.rowCount).toBe(5);
    await expect(ds.cancelRegisteredQuery(OnlineSite.id, id)).resolves.toBeUndefined();
    await expect(ds.getRegisteredQuery(OnlineSite.id, id)).resolves.toMatchObject({ status: 'cancelled' });
  });
});

describe('FHIR', () => {
  it('should route reads and searches to getFhirQuery and postFhirSearch and return the resources', async () => {
    const ds = h.client().forRequest();
    const metadata = await ds.getFhirQuery(OnlineSite.id, 'metadata');
    const byParams = await ds.getFhirQuery(OnlineSite.id, 'Patient', {
      family: "O'Reilly",
      birthdate: ['ge1970', 'lt1990'],
    });
    const byPath = await ds.getFhirQuery(OnlineSite.id, 'Patient?given=John');
    const searched = await ds.postFhirSearch(OnlineSite.id, 'Patient', { family: 'Smith' });
    expect(metadata).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
    for (const bundle of [byParams, byPath, searched])
      expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: expect.any(Number) });
    expect(await h.count('getFhirQuery', OnlineSite.id)).toBe(3);
    expect(await h.count('postFhirSearch', OnlineSite.id)).toBe(1);
  });

  it('should turn an OperationOutcome into a HaloApiError of kind fhir', async () => {
    const ds = h.client().forRequest();
    await expect(ds.postFhirSearch(OnlineSite.id, 'Patient', { colour: 'red' })).rejects.toMatchObject({
      name: 'HaloApiError',
      kind: 'fhir',
      code: 'BAD_USER_INPUT',
    });
  });
});
