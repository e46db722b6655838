import { beforeEach, describe, expect, it } from 'vitest';
import { OfflineSite, OnlineSite, UnreachableSite, ZedmedSite } from '../src/fixtures.js';
import { decodeData, useSimulator } from './helpers.js';

const ctx = useSimulator({ pageBytes: 4096 });
beforeEach(() => ctx.sim.reset());

const site = OnlineSite.id;
const immediate = (body: unknown, siteId = site) =>
  ctx.call('POST', `/integrator/sites/${siteId}/queries/immediate`, { body });
const submit = (body: unknown, siteId = site) =>
  ctx.call('POST', `/integrator/sites/${siteId}/queries/async`, { body });
const getQuery = (id: string, siteId = site) => ctx.call('GET', `/integrator/sites/${siteId}/queries/${id}`);
const advance = (ms: number) => ctx.call('POST', '/_sim/clock/advance', { body: { ms } });
const direct = async (sql: string, siteId = site) =>
  (await ctx.call('POST', '/_sim/sql', { body: { siteId, sql } })).body.rows;

describe('immediate queries', () => {
  it('should block until done and return base64 rows keyed by the selected names', async () => {
    const res = await immediate({
      command: { text: 'SELECT TOP 5 InternalID, Surname AS FamilyName FROM BPS_Patients ORDER BY InternalID' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      mode: 'immediate',
      status: 'successful',
      siteId: site,
      maxTimeInQueue: 30000,
      result: { rows: 5 },
    });
    const rows = decodeData(res.body.result.data);
    expect(rows).toEqual(
      await direct('SELECT InternalID, Surname AS FamilyName FROM BPS_Patients ORDER BY InternalID LIMIT 5'),
    );
    expect(res.body.result.size).toBe(Buffer.byteLength(JSON.stringify(rows)));
    expect(res.body.commandSize).toBe(
      Buffer.byteLength('SELECT TOP 5 InternalID, Surname AS FamilyName FROM BPS_Patients ORDER BY InternalID'),
    );
    expect(typeof res.body.metrics.sqlExecutionDuration).toBe('number');
    const again = await getQuery(res.body.id);
    expect(again).toMatchObject({ status: 200, body: { id: res.body.id, status: 'successful' } });
  });

  it('should bind @parameters from the command', async () => {
    const [first] = await direct('SELECT InternalID, Surname FROM BPS_Patients ORDER BY InternalID LIMIT 1');
    const res = await immediate({
      command: {
        text: 'SELECT InternalID FROM BPS_Patients WHERE Surname = @surname AND InternalID = @id',
        parameters: [
          { name: '@surname', direction: 'input', type: 'VarChar', value: first.Surname },
          { name: '@id', direction: 'input', type: 'Int', value: String(first.InternalID) },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(decodeData(res.body.result.data)).toEqual([{ InternalID: first.InternalID }]);
  });

  it('should refuse parameter values that do not convert to their type, as SQL Server does, and bind binary from base64', async () => {
    const run = (type: string, value: string, text = 'SELECT @v AS v') =>
      immediate({ command: { text, parameters: [{ name: '@v', direction: 'input', type, value }] } });
    const refused = async (type: string, value: string, errorCode: number) => {
      const res = await run(type, value);
      expect(res.status, `${type}`).toBe(400);
      expect(res.body, `${type}`).toMatchObject({
        status: 'executionFailed',
        errorDetails: { errorType: 'mssql', errorCode },
      });
      expect(JSON.stringify(res.body)).not.toContain(value);
    };
    await refused('VarBinary', 'not base64!', 8114);
    await refused('Binary', 'QUJD=', 8114);
    await refused('Image', 'QUJ', 8114);
    await refused('UniqueIdentifier', 'not-a-guid', 8169);
    await refused('Int', '12x', 8114);
    await refused('Date', '31/12/2020', 241);

    // Valid values convert: base64 becomes bytes (and comes back base64), GUIDs keep their text.
    const bytes = await run('VarBinary', Buffer.from('ABC').toString('base64'), 'SELECT DATALENGTH(@v) AS n, @v AS v');
    expect(decodeData(bytes.body.result.data)).toEqual([{ n: 3, v: 'QUJD' }]);
    const guid = await run('UniqueIdentifier', '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}');
    expect(decodeData(guid.body.result.data)).toEqual([{ v: '3F2504E0-4F89-11D3-9A0C-0305E82C3301' }]);
  });

  it("should compare text case-insensitively, as SQL Server's default collation does", async () => {
    const [first] = await direct('SELECT Surname FROM BPS_Patients ORDER BY InternalID LIMIT 1');
    const lower = await immediate({
      command: {
        text: `SELECT COUNT(*) AS n FROM BPS_Patients WHERE Surname = '${first.Surname.toLowerCase().replaceAll("'", "''")}'`,
      },
    });
    const exact = await direct(
      `SELECT COUNT(*) AS n FROM BPS_Patients WHERE Surname = '${first.Surname.replaceAll("'", "''")}' COLLATE BINARY`,
    );
    expect(decodeData(lower.body.result.data)).toEqual(exact);
    expect(exact[0].n).toBeGreaterThan(0);
  });

  it('should report a SQL error as an executionFailed query with mssql details (400)', async () => {
    const res = await immediate({ command: { text: 'SELECT * FROM NoSuchTable' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      status: 'executionFailed',
      errorDetails: { errorType: 'mssql', errorCode: 208, errorMessage: "Invalid object name 'NoSuchTable'." },
      errorCode: 208,
    });
  });

  it('should report Zedmed errors as fbsql', async () => {
    const res = await immediate({ command: { text: 'SELECT * FROM NoSuchTable' } }, ZedmedSite.id);
    expect(res.status).toBe(400);
    expect(res.body.errorDetails.errorType).toBe('fbsql');
  });

  it('should answer 503 for an offline site and 504 for an unreachable one', async () => {
    const offline = await immediate({ command: { text: 'SELECT 1 AS one' } }, OfflineSite.id);
    expect(offline).toMatchObject({
      status: 503,
      body: { error: { status: 503, message: expect.stringMatching(/could not be contacted/) } },
    });
    const unreachable = await immediate({ command: { text: 'SELECT 1 AS one' } }, UnreachableSite.id);
    expect(unreachable).toMatchObject({ status: 504, body: { error: { status: 504 } } });
  });

  it('should refuse results over 8 MB with 413 and errorDetails http/413', async () => {
    // 2,000 patients × 5 copies of every BPS_Patients column is well over 8 MB of JSON.
    const res = await immediate({
      command: {
        text: 'SELECT p.*, x.InternalID AS Copy FROM BPS_Patients p CROSS JOIN (SELECT TOP 6 InternalID FROM BPS_Patients) x',
      },
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ status: 'executionFailed', errorDetails: { errorType: 'http', errorCode: 413 } });
  });

  it('should run nonQuery and scalar commands', async () => {
    const update = await immediate({
      command: {
        text: "UPDATE PATIENTS SET MOBILEPHONE = '0491570000' WHERE INTERNALID = 1",
        executionMode: 'nonQuery',
      },
    });
    expect(update).toMatchObject({ status: 200, body: { status: 'successful', result: { rowsAffected: 1 } } });
    expect(await direct('SELECT MOBILEPHONE FROM PATIENTS WHERE INTERNALID = 1')).toEqual([
      { MOBILEPHONE: '0491570000' },
    ]);
    const scalar = await immediate({
      command: { text: 'SELECT COUNT(*) AS n FROM BPS_Users', executionMode: 'scalar' },
    });
    const [{ n }] = await direct('SELECT COUNT(*) AS n FROM BPS_Users');
    expect(decodeData(scalar.body.result.data)).toEqual([{ n }]);
  });

  it('should return a stored procedure returnValue in result.parameters, base64-encoded', async () => {
    const res = await immediate({
      command: {
        text: 'BP_AddAppointment',
        type: 'storedProcedure',
        executionMode: 'nonQuery',
        parameters: [
          { name: '@aptdate', type: 'Date', value: '2026-03-02' },
          { name: '@apttime', type: 'Int', value: '29700' },
          { name: '@aptlen', type: 'Int', value: '900' },
          { name: '@practitionerid', type: 'Int', value: '1' },
          { name: '@patientid', type: 'Int', value: '1' },
          { name: '@locationid', type: 'Int', value: '1' },
          { name: '@RETURN_VALUE', direction: 'returnValue', type: 'Int' },
        ],
      },
    });
    expect(res.status).toBe(200);
    const ret = res.body.result.parameters.find((p: { direction: string }) => p.direction === 'returnValue');
    const newId = Number(Buffer.from(ret.value, 'base64').toString('utf8'));
    expect(newId).toBeGreaterThan(0);
    const stored = await direct(
      `SELECT AppointmentTime, AppointmentLength FROM BPS_Appointments WHERE AppointmentDate = '2026-03-02T00:00:00' AND AppointmentTime = 29700 AND InternalID = 1`,
    );
    expect(stored).toContainEqual({ AppointmentTime: 29700, AppointmentLength: 900 });
  });
});

describe('async queries', () => {
  const sql = 'SELECT InternalID, Surname, Firstname FROM BPS_Patients ORDER BY InternalID';

  it('should walk initialising → queued → executing → uploading → successful on the simulated clock', async () => {
    const created = await submit({ command: { text: sql } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ mode: 'async', status: 'initialising', maxTimeInQueue: 3600000 });
    const id = created.body.id;
    const seen = [created.body.status];
    await advance(100);
    seen.push((await getQuery(id)).body.status);
    await advance(200);
    seen.push((await getQuery(id)).body.status);
    await advance(10_000);
    const done = (await getQuery(id)).body;
    seen.push(done.status);
    expect(seen).toEqual(['initialising', 'queued', 'executing', 'successful']);
    expect(Object.keys(done.statusTiming)).toEqual(['initialising', 'queued', 'executing', 'uploading']);
    expect(done.statusTiming.uploading.endTime).toBeDefined();
    expect(done.completedAt).toBeDefined();
    expect(done.result.pages.length).toBeGreaterThan(5);
    expect(done.result.pages.every((p: { status: string }) => p.status === 'cached')).toBe(true);
  });

  it('should expose page progress while uploading', async () => {
    const id = (await submit({ command: { text: sql } })).body.id;
    await advance(300);
    let q = (await getQuery(id)).body;
    expect(q.status).toBe('executing');
    await advance(q.metrics?.sqlExecutionDuration ?? 1000);
    // Step until the upload is under way with some pages cached and some not.
    for (let i = 0; i < 50 && q.status !== 'uploading'; i++) q = (await advance(10), (await getQuery(id)).body);
    await advance(250);
    q = (await getQuery(id)).body;
    expect(q.status).toBe('uploading');
    const statuses = new Set(q.result.pages.map((p: { status: string }) => p.status));
    expect(statuses.has('cached')).toBe(true);
    expect(statuses.has('queued')).toBe(true);
    const notReady = q.result.pages.find((p: { status: string }) => p.status === 'queued');
    expect(
      (await ctx.call('GET', `/integrator/sites/${site}/queries/${id}/results/${notReady.pageNumber}`)).status,
    ).toBe(404);
  });

  it('should page the result so that all pages decode to exactly the rows of a direct SELECT', async () => {
    const id = (await submit({ command: { text: sql } })).body.id;
    await advance(60_000);
    const q = (await getQuery(id)).body;
    expect(q.status).toBe('successful');
    const all: unknown[] = [];
    let expectedStart = 0;
    for (const page of q.result.pages) {
      const res = await ctx.call('GET', `/integrator/sites/${site}/queries/${id}/results/${page.pageNumber}`);
      expect(res.status).toBe(200);
      const rows = decodeData(res.body.data) as unknown[];
      expect(Number(res.headers.get('rows-count'))).toBe(rows.length);
      expect(Number(res.headers.get('rows-range-start'))).toBe(expectedStart);
      expect(Number(res.headers.get('rows-range-end'))).toBe(expectedStart + rows.length - 1);
      expect(Number(res.headers.get('size'))).toBeLessThanOrEqual(4096);
      expectedStart += rows.length;
      all.push(...rows);
    }
    expect(all).toEqual(await direct('SELECT InternalID, Surname, Firstname FROM BPS_Patients ORDER BY InternalID'));
    expect(q.result.rows).toBe(all.length);
    const stream = await ctx.call('GET', `/integrator/sites/${site}/queries/${id}/results/2/stream`);
    expect(stream.status).toBe(200);
    expect(stream.body).toEqual(
      decodeData((await ctx.call('GET', `/integrator/sites/${site}/queries/${id}/results/2`)).body.data),
    );
    expect(
      (await ctx.call('GET', `/integrator/sites/${site}/queries/${id}/results/${q.result.pages.length + 1}`)).status,
    ).toBe(404);
    expect((await ctx.call('GET', `/integrator/sites/${site}/queries/${id}/results/0`)).status).toBe(400);
    expect((await ctx.call('GET', `/integrator/sites/${site}/queries/${id}/results/abc`)).status).toBe(400);
  });

  it('should stream a page whose characters straddle the 64 KiB write slices intact', async () => {
    // `[{"s":"` is 7 characters: the emoji's surrogate pair sits at string offsets 65,535 and 65,536.
    const text = `${'a'.repeat(65_528)}😀 end`;
    const id = (await submit({ command: { text: `SELECT N'${text}' AS s` } })).body.id;
    await advance(10_000);
    const stream = await ctx.call('GET', `/integrator/sites/${site}/queries/${id}/results/1/stream`);
    expect(stream.status).toBe(200);
    expect(stream.body).toEqual([{ s: text }]);
  });

  it('should expire results after 24 simulated hours with 410', async () => {
    const id = (await submit({ command: { text: 'SELECT TOP 3 InternalID FROM BPS_Patients' } })).body.id;
    await advance(10_000);
    expect((await ctx.call('GET', `/integrator/sites/${site}/queries/${id}/results/1`)).status).toBe(200);
    await advance(24 * 60 * 60 * 1000);
    const gone = await ctx.call('GET', `/integrator/sites/${site}/queries/${id}/results/1`);
    expect(gone).toMatchObject({ status: 410, body: { error: { status: 410 } } });
    expect((await ctx.call('GET', `/integrator/sites/${site}/queries/${id}/results/1/stream`)).status).toBe(410);
  });

  it('should fail initialisation on an offline site and, after two minutes, on an unreachable one', async () => {
    const offline = (await submit({ command: { text: 'SELECT 1 AS one' } }, OfflineSite.id)).body.id;
    const unreachable = (await submit({ command: { text: 'SELECT 1 AS one' } }, UnreachableSite.id)).body.id;
    await advance(1000);
    expect((await getQuery(offline, OfflineSite.id)).body).toMatchObject({
      status: 'initialisationFailedSiteOffline',
      completedAt: expect.any(String),
    });
    expect((await getQuery(unreachable, UnreachableSite.id)).body.status).toBe('initialising');
    await advance(120_000);
    expect((await getQuery(unreachable, UnreachableSite.id)).body.status).toBe('initialisationFailedSiteUnreachable');
  });

  it('should expire in queue when the site goes offline and maxTimeInQueue passes', async () => {
    const id = (await submit({ command: { text: 'SELECT 1 AS one' }, maxTimeInQueue: 5000 })).body.id;
    await advance(100);
    expect((await getQuery(id)).body.status).toBe('queued');
    await ctx.call('POST', `/_sim/sites/${site}`, { body: { availability: 'offline' } });
    await advance(1000);
    expect((await getQuery(id)).body.status).toBe('queued');
    await advance(5000);
    expect((await getQuery(id)).body).toMatchObject({
      status: 'expiredInQueue',
      statusTiming: { queued: { endTime: expect.any(String) } },
    });
  });

  it('should resume a queued query when its site comes back online', async () => {
    const id = (await submit({ command: { text: 'SELECT 1 AS one' }, maxTimeInQueue: 60_000 })).body.id;
    await advance(100);
    await ctx.call('POST', `/_sim/sites/${site}`, { body: { availability: 'unreachable' } });
    await advance(10_000);
    expect((await getQuery(id)).body.status).toBe('queued');
    await ctx.call('POST', `/_sim/sites/${site}`, { body: { availability: 'online' } });
    await advance(5_000);
    expect((await getQuery(id)).body.status).toBe('successful');
  });

  it('should honour a maxTimeInQueue shorter than the queue wait', async () => {
    const id = (await submit({ command: { text: 'SELECT 1 AS one' }, maxTimeInQueue: 0 })).body.id;
    await advance(10_000);
    expect((await getQuery(id)).body.status).toBe('expiredInQueue');
    expect((await submit({ command: { text: 'SELECT 1' }, maxTimeInQueue: 7_200_001 })).status).toBe(400);
  });

  it('should end executionFailed on a SQL error, with errorDetails', async () => {
    const id = (await submit({ command: { text: 'SELECT NoSuchColumn FROM BPS_Patients' } })).body.id;
    await advance(10_000);
    expect((await getQuery(id)).body).toMatchObject({
      status: 'executionFailed',
      errorCode: 207,
      errorMessage: "Invalid column name 'NoSuchColumn'.",
      errorDetails: { errorType: 'mssql', errorCode: 207 },
    });
  });

  it('should reach uploadFailed and initialisationFailedCacheError through faults', async () => {
    await ctx.call('POST', '/_sim/faults', { body: { asyncFailure: 'uploadFailed' } });
    const upload = (await submit({ command: { text: sql } })).body.id;
    await ctx.call('POST', '/_sim/faults', { body: { asyncFailure: 'initialisationFailedCacheError', siteId: site } });
    const cache = (await submit({ command: { text: sql } })).body.id;
    const fine = (await submit({ command: { text: 'SELECT 1 AS one' } })).body.id;
    await advance(60_000);
    expect((await getQuery(upload)).body).toMatchObject({
      status: 'uploadFailed',
      errorCode: 500,
      metrics: { sqlExecutionDuration: expect.any(Number) },
    });
    expect((await getQuery(cache)).body.status).toBe('initialisationFailedCacheError');
    expect((await getQuery(fine)).body.status).toBe('successful');
  });

  it('should answer the batch status with found and notFound per id', async () => {
    const a = (await submit({ command: { text: 'SELECT 1 AS one' } })).body.id;
    const other = (await submit({ command: { text: 'SELECT 1 AS one' } }, ZedmedSite.id)).body.id;
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await ctx.call('POST', `/integrator/sites/${site}/queries/status`, {
      body: { queryIds: [a, other, unknown] },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { queryId: string; status: string }) => [r.queryId, r.status])).toEqual([
      [a, 'found'],
      [other, 'notFound'],
      [unknown, 'notFound'],
    ]);
    expect(res.body.results[0].query).toMatchObject({ id: a, status: 'initialising' });
    expect(
      (await ctx.call('POST', `/integrator/sites/${site}/queries/status`, { body: { queryIds: ['nope'] } })).status,
    ).toBe(400);
    expect((await ctx.call('POST', `/integrator/sites/${site}/queries/status`, { body: {} })).status).toBe(400);
  });

  it('should answer 404 for an unknown query and 400 for a malformed id', async () => {
    expect((await getQuery('00000000-0000-4000-8000-000000000000')).body).toEqual({
      error: { status: 404, statusText: 'Not Found', message: 'Query not found.' },
    });
    expect((await getQuery('zzz')).status).toBe(400);
  });
});
