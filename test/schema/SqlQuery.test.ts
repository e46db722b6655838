import { print } from 'graphql';
import { beforeEach, describe, expect, it } from 'vitest';
import { D4wSite, OfflineSite, OnlineSite, UnreachableSite, ZedmedSite } from '../../simulator/src/fixtures.js';
import { graphql } from '../gql/index.js';
import { useApp, type AppContext } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';
import { callCounts, directSql, injectFault, UNKNOWN_ID, type Row } from '../helpers/halo.js';
import { multipartPayloads } from '../helpers/multipart.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Small pages, so a 2,000-row result spans about 20 of them.
const ctx = useApp({ simulator: { pageBytes: 4096 } });
beforeEach(() => {
  ctx.sim.reset();
});

const RunImmediate = graphql(`
  mutation RunImmediate($input: RunQueryInput!) {
    runImmediateQuery(input: $input) {
      id
      siteId
      mode
      status
      isTerminal
      rowCount
      rowsAffected
      resultSizeBytes
      completedAt
      sqlExecutionDurationMs
      error {
        type
        code
        message
      }
      outputParameters {
        name
        direction
        type
        value
      }
      rows
    }
  }
`);

const SubmitAsync = graphql(`
  mutation SubmitAsync($input: RunQueryInput!) {
    submitAsyncQuery(input: $input) {
      id
      siteId
      mode
      status
      isTerminal
      createdAt
      updatedAt
      completedAt
      maxTimeInQueueMs
      pages {
        pageNumber
      }
      rows
    }
  }
`);

const QueryStatus = graphql(`
  query QueryStatus($siteId: ID!, $id: ID!) {
    sqlQuery(siteId: $siteId, id: $id) {
      id
      mode
      status
      isTerminal
      createdAt
      completedAt
      rowCount
      resultSizeBytes
      sqlExecutionDurationMs
      timings {
        phase
        startTime
        endTime
      }
      pages {
        pageNumber
        status
        rowCount
        rangeStart
        rangeEnd
        sizeBytes
      }
      error {
        type
        code
        message
      }
    }
  }
`);

const QueryRows = graphql(`
  query QueryRows($siteId: ID!, $id: ID!) {
    sqlQuery(siteId: $siteId, id: $id) {
      status
      rowCount
      rows
    }
  }
`);

const PATIENTS_SQL = 'SELECT InternalID, Firstname, Surname, DOB FROM BPS_Patients ORDER BY InternalID';

async function submit(sql: string, siteId: string = OnlineSite.id, maxTimeInQueueMs?: number): Promise<string> {
  const res = await execute(ctx.app, SubmitAsync, {
    input: { siteId, sql, ...(maxTimeInQueueMs !== undefined ? { maxTimeInQueueMs } : {}) },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.submitAsyncQuery.id;
}

/** Simulated time enough for any async query of these tests to finish uploading. */
const FINISH_MS = 60 * 60 * 1000;

/** The JSON text of an error response, to check nothing secret leaks into it. */
const errorsText = (res: { errors?: unknown }) => JSON.stringify(res.errors ?? []);

describe('runImmediateQuery', () => {
  it('should return the decoded rows of a READER query, equal to a direct SELECT', async () => {
    const expected = await directSql(ctx, OnlineSite.id, `${PATIENTS_SQL} LIMIT 25`);
    const res = await execute(ctx.app, RunImmediate, {
      input: {
        siteId: OnlineSite.id,
        sql: 'SELECT TOP 25 InternalID, Firstname, Surname, DOB FROM BPS_Patients ORDER BY InternalID',
      },
    });
    expect(res.errors).toBeUndefined();
    const q = res.data!.runImmediateQuery;
    expect(q).toMatchObject({
      siteId: OnlineSite.id,
      mode: 'IMMEDIATE',
      status: 'SUCCESSFUL',
      isTerminal: true,
      rowCount: 25,
      rowsAffected: null,
      resultSizeBytes: Buffer.byteLength(JSON.stringify(expected)),
      error: null,
      outputParameters: null,
    });
    expect(q.id).toMatch(UUID);
    expect(q.rows).toEqual(expected);
    expect(expected).toHaveLength(25);
    expect(await callCounts(ctx)).toEqual({ createImmediateQuery: 1 });
  });

  it('should bind parameters', async () => {
    const expected = await directSql(
      ctx,
      OnlineSite.id,
      "SELECT InternalID, Surname FROM BPS_Patients WHERE Surname = 'Nguyen' AND InternalID < 500 ORDER BY InternalID",
    );
    expect(expected.length).toBeGreaterThan(3);
    const res = await execute(ctx.app, RunImmediate, {
      input: {
        siteId: OnlineSite.id,
        sql: 'SELECT InternalID, Surname FROM BPS_Patients WHERE Surname = @surname AND InternalID < @below ORDER BY InternalID',
        parameters: [
          { name: '@surname', type: 'VarChar', value: 'Nguyen' },
          { name: '@below', type: 'Int', value: '500' },
        ],
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.runImmediateQuery.rows).toEqual(expected);
  });

  it('should return one row for a SCALAR query', async () => {
    const [count] = await directSql(
      ctx,
      OnlineSite.id,
      "SELECT COUNT(*) AS Total FROM BPS_Patients WHERE Surname = 'Smith'",
    );
    const res = await execute(ctx.app, RunImmediate, {
      input: {
        siteId: OnlineSite.id,
        sql: 'SELECT COUNT(*) AS Total FROM BPS_Patients WHERE Surname = @surname',
        parameters: [{ name: '@surname', type: 'VarChar', value: 'Smith' }],
        executionMode: 'SCALAR',
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.runImmediateQuery).toMatchObject({ status: 'SUCCESSFUL', rowCount: 1, rows: [count] });
    expect(count?.['Total']).toBeGreaterThan(10);
  });

  it('should change practice data with a NON_QUERY and return rowsAffected', async () => {
    const res = await execute(ctx.app, RunImmediate, {
      input: {
        siteId: OnlineSite.id,
        sql: 'UPDATE PATIENTS SET MOBILEPHONE = @mobile WHERE INTERNALID IN (7, 8)',
        parameters: [{ name: '@mobile', type: 'VarChar', value: '0491 570 999' }],
        executionMode: 'NON_QUERY',
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.runImmediateQuery).toMatchObject({ status: 'SUCCESSFUL', rowsAffected: 2, error: null });
    expect(
      await directSql(
        ctx,
        OnlineSite.id,
        'SELECT INTERNALID, MOBILEPHONE FROM PATIENTS WHERE INTERNALID IN (7, 8) ORDER BY INTERNALID',
      ),
    ).toEqual([
      { INTERNALID: 7, MOBILEPHONE: '0491 570 999' },
      { INTERNALID: 8, MOBILEPHONE: '0491 570 999' },
    ]);
  });

  it('should run a stored procedure and decode its returnValue output parameter', async () => {
    const res = await execute(ctx.app, RunImmediate, {
      input: {
        siteId: OnlineSite.id,
        sql: 'BP_AddAppointment',
        commandType: 'STORED_PROCEDURE',
        executionMode: 'NON_QUERY',
        parameters: [
          { name: '@aptdate', type: 'Date', value: '2026-03-02' },
          { name: '@apttime', type: 'Int', value: '29700' },
          { name: '@aptlen', type: 'Int', value: '900' },
          { name: '@practitionerid', type: 'Int', value: '1' },
          { name: '@patientid', type: 'Int', value: '1' },
          { name: '@locationid', type: 'Int', value: '1' },
          { name: '@RETURN_VALUE', direction: 'RETURN_VALUE', type: 'Int' },
        ],
      },
    });
    expect(res.errors).toBeUndefined();
    const q = res.data!.runImmediateQuery;
    expect(q).toMatchObject({ status: 'SUCCESSFUL', rowsAffected: 1 });
    const [newest] = await directSql(ctx, OnlineSite.id, 'SELECT MAX(RecordID) AS id FROM APPOINTMENTS');
    expect(q.outputParameters).toEqual([
      { name: '@RETURN_VALUE', direction: 'RETURN_VALUE', type: 'Int', value: String(newest?.['id']) },
    ]);
    expect(
      await directSql(
        ctx,
        OnlineSite.id,
        `SELECT AppointmentTime, AppointmentLength, InternalID FROM APPOINTMENTS WHERE RecordID = ${Number(newest?.['id'])}`,
      ),
    ).toEqual([{ AppointmentTime: 29700, AppointmentLength: 900, InternalID: 1 }]);
  });

  it('should target another catalogue of the site', async () => {
    const [expected] = await directSql(ctx, OnlineSite.id, 'SELECT COUNT(*) AS n FROM PRODUCT', 'BPSDrugs');
    const res = await execute(ctx.app, RunImmediate, {
      input: {
        siteId: OnlineSite.id,
        sql: 'SELECT COUNT(*) AS n FROM PRODUCT',
        catalogue: 'BPSDrugs',
        executionMode: 'SCALAR',
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.runImmediateQuery.rows).toEqual([expected]);
  });

  it('should return a SQL error as data: status EXECUTION_FAILED and the MSSQL error, no GraphQL error', async () => {
    const res = await execute(ctx.app, RunImmediate, {
      input: { siteId: OnlineSite.id, sql: 'SELECT * FROM NoSuchTable' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.runImmediateQuery).toMatchObject({
      mode: 'IMMEDIATE',
      status: 'EXECUTION_FAILED',
      isTerminal: true,
      error: { type: 'MSSQL', code: 208, message: "Invalid object name 'NoSuchTable'." },
      rows: null,
      rowCount: null,
    });
  });

  it('should report a Zedmed SQL error as FBSQL', async () => {
    const res = await execute(ctx.app, RunImmediate, {
      input: { siteId: ZedmedSite.id, sql: 'SELECT * FROM NoSuchTable' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.runImmediateQuery).toMatchObject({
      status: 'EXECUTION_FAILED',
      error: { type: 'FBSQL', code: -204 },
    });
  });

  it('should answer SITE_UNAVAILABLE for an offline site and for an unreachable one', async () => {
    const offline = await execute(ctx.app, RunImmediate, { input: { siteId: OfflineSite.id, sql: 'SELECT 1 AS one' } });
    expect(offline.data).toBeNull();
    expect(offline.errors).toEqual([
      expect.objectContaining({
        path: ['runImmediateQuery'],
        message: 'The practice is offline or unreachable. Try again later.',
        extensions: { code: 'SITE_UNAVAILABLE' },
      }),
    ]);
    const unreachable = await execute(ctx.app, RunImmediate, {
      input: { siteId: UnreachableSite.id, sql: 'SELECT 1 AS one' },
    });
    expect(unreachable.errors?.map((e) => e.extensions?.code)).toEqual(['SITE_UNAVAILABLE']);
  });

  it('should answer RESULT_TOO_LARGE for a result over 8 MB', async () => {
    const res = await execute(ctx.app, RunImmediate, {
      input: {
        siteId: OnlineSite.id,
        sql: 'SELECT a.*, b.InternalID AS n FROM BPS_Patients a CROSS JOIN (SELECT TOP 6 InternalID FROM BPS_Patients) b',
      },
    });
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['RESULT_TOO_LARGE', 'The result is larger than Halo allows for an immediate query: use submitAsyncQuery.'],
    ]);
  });

  it('should refuse invalid input with BAD_USER_INPUT before calling Halo', async () => {
    const cases = [
      { siteId: 'x/../other-site', sql: 'SELECT 1 AS one' },
      { siteId: OnlineSite.id, sql: '   ' },
      { siteId: OnlineSite.id, sql: 'SELECT 1 AS one', maxTimeInQueueMs: 60_001 },
      { siteId: OnlineSite.id, sql: 'SELECT @x AS x', parameters: [{ name: 'x', type: 'Int' as const, value: '1' }] },
    ];
    for (const input of cases) {
      const res = await execute(ctx.app, RunImmediate, { input });
      expect(
        res.errors?.map((e) => e.extensions?.code),
        JSON.stringify(input),
      ).toEqual(['BAD_USER_INPUT']);
    }
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should refuse a typed parameter value that cannot convert, naming the parameter, before calling Halo', async () => {
    type Param = { name: string; type: 'Int'; value: string };
    const refused: Array<[string, string, string]> = [
      ['VarBinary', 'not base64!', 'base64'],
      ['Binary', 'QUJD=', 'base64'],
      ['Int', '9999999999', 'a whole number from -2147483648 to 2147483647'],
      ['TinyInt', '-1', 'a whole number from 0 to 255'],
      ['BigInt', '1.5', 'a whole number from'],
      ['Bit', 'yes', 'true, false, 1 or 0'],
      ['Decimal', '1,5', 'a number'],
      ['Date', '2026-02-30', 'a date (YYYY-MM-DD)'],
      ['Date', '02/03/2026', 'a date (YYYY-MM-DD)'],
      ['DateTime', '2026-03-02T10:00:00+10:00', 'a date and time without a zone'],
      ['DateTime2', '2026-03-02T24:00', 'a date and time without a zone'],
      ['Time', '9am', 'a time of day'],
      ['UniqueIdentifier', '3f2504e0-4f89-11d3-9a0c', 'a GUID'],
    ];
    for (const [type, value, expected] of refused) {
      const res = await execute(ctx.app, RunImmediate, {
        input: {
          siteId: OnlineSite.id,
          sql: 'SELECT @v AS v',
          parameters: [{ name: '@v', type, value } as unknown as Param],
        },
      });
      const error = res.errors?.[0];
      expect(error?.extensions, type).toMatchObject({ code: 'BAD_USER_INPUT', parameter: '@v', parameterIndex: 0 });
      expect(error?.message, type).toContain(
        `parameters[0] (@v): the value of a ${type} parameter must be ${expected}`,
      );
      expect(error?.message, type).not.toContain(value);
    }
    expect(await ctx.upstreamCalls()).toEqual([]);

    // The same types with values that convert are sent, and come back as SQL Server would return them.
    const res = await execute(ctx.app, RunImmediate, {
      input: {
        siteId: OnlineSite.id,
        sql: 'SELECT DATALENGTH(@b) AS bytes, @n AS n, @flag AS flag, @d AS d, @dt AS dt, @t AS t, @g AS g',
        parameters: [
          { name: '@b', type: 'VarBinary', value: Buffer.from('halo').toString('base64') },
          { name: '@n', type: 'Int', value: '-42' },
          { name: '@flag', type: 'Bit', value: 'true' },
          { name: '@d', type: 'Date', value: '2024-02-29' },
          { name: '@dt', type: 'DateTimeOffset', value: '2026-03-02T10:00:00+10:00' },
          { name: '@t', type: 'Time', value: '09:30' },
          { name: '@g', type: 'UniqueIdentifier', value: '3F2504E0-4F89-11D3-9A0C-0305E82C3301' },
        ],
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.runImmediateQuery.rows).toEqual([
      {
        bytes: 4,
        n: -42,
        flag: 1,
        d: '2024-02-29T00:00:00',
        dt: '2026-03-02T10:00:00',
        t: '09:30:00',
        g: '3F2504E0-4F89-11D3-9A0C-0305E82C3301',
      },
    ]);
    expect(await callCounts(ctx)).toEqual({ createImmediateQuery: 1 });
  });

  it('should never put SQL text, parameter values or the subscription key in an error', async () => {
    const canarySql = "SELECT 'CANARY-SQL-7f3a' AS c FROM BPS_Patients WHERE Surname = @s";
    const canaryParam = [{ name: '@s', type: 'VarChar' as const, value: 'CANARY-PARAM-91be' }];
    const failures = [
      // Halo 503 (offline), Halo 400 (unknown catalogue), Halo 413 (too large), a malformed 200.
      await execute(ctx.app, RunImmediate, {
        input: { siteId: OfflineSite.id, sql: canarySql, parameters: canaryParam },
      }),
      await execute(ctx.app, RunImmediate, {
        input: { siteId: OnlineSite.id, sql: canarySql, parameters: canaryParam, catalogue: 'CANARY-CATALOGUE-2d4c' },
      }),
      await execute(ctx.app, RunImmediate, {
        input: {
          siteId: OnlineSite.id,
          sql: "SELECT a.*, 'CANARY-SQL-7f3a' AS c FROM BPS_Patients a CROSS JOIN (SELECT TOP 6 InternalID FROM BPS_Patients) b",
        },
      }),
    ];
    await injectFault(ctx, { operationId: 'createImmediateQuery', body: 'malformed' });
    failures.push(
      await execute(ctx.app, RunImmediate, {
        input: { siteId: OnlineSite.id, sql: canarySql, parameters: canaryParam },
      }),
    );

    expect(failures.map((r) => r.errors?.[0]?.extensions?.code)).toEqual([
      'SITE_UNAVAILABLE',
      'BAD_USER_INPUT',
      'RESULT_TOO_LARGE',
      'UPSTREAM_ERROR',
    ]);
    for (const res of failures) {
      const text = errorsText(res);
      for (const secret of ['CANARY', 'BPS_Patients', ctx.sim.key]) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/stack|at .*\.ts:\d+/);
    }
  });
});

describe('submitAsyncQuery and sqlQuery', () => {
  it('should return at once in INITIALISING, then walk through every status to SUCCESSFUL as time passes', async () => {
    const submitted = await execute(ctx.app, SubmitAsync, { input: { siteId: OnlineSite.id, sql: PATIENTS_SQL } });
    expect(submitted.errors).toBeUndefined();
    const { id, createdAt } = submitted.data!.submitAsyncQuery;
    expect(submitted.data!.submitAsyncQuery).toEqual({
      id,
      siteId: OnlineSite.id,
      mode: 'ASYNC',
      status: 'INITIALISING',
      isTerminal: false,
      createdAt: new Date(ctx.sim.clock.now()).toISOString(),
      updatedAt: createdAt,
      completedAt: null,
      maxTimeInQueueMs: 3_600_000,
      pages: [],
      rows: null,
    });

    const seen: string[] = [];
    const status = async () => {
      const res = await execute(ctx.app, QueryStatus, { siteId: OnlineSite.id, id });
      expect(res.errors).toBeUndefined();
      seen.push(res.data!.sqlQuery!.status);
      return res.data!.sqlQuery!;
    };
    await status();
    await ctx.advance(100);
    await status();
    await ctx.advance(200);
    await status();
    await ctx.advance(1_000);
    const uploading = await status();
    expect(uploading.pages.map((p) => p.status)).toContain('CACHED');
    expect(uploading.pages.map((p) => p.status)).toContain('QUEUED');
    await ctx.advance(FINISH_MS);
    const done = await status();
    expect(seen).toEqual(['INITIALISING', 'QUEUED', 'EXECUTING', 'UPLOADING', 'SUCCESSFUL']);

    const t0 = Date.parse(createdAt);
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    const phases = Object.fromEntries(done.timings.map((t) => [t.phase, t]));
    expect(Object.keys(phases)).toEqual(['INITIALISING', 'QUEUED', 'EXECUTING', 'UPLOADING']);
    expect(phases['INITIALISING']).toEqual({ phase: 'INITIALISING', startTime: at(0), endTime: at(100) });
    expect(phases['QUEUED']).toEqual({ phase: 'QUEUED', startTime: at(100), endTime: at(300) });
    expect(phases['EXECUTING']?.startTime).toBe(at(300));
    const executed = Date.parse(phases['EXECUTING']!.endTime!) - Date.parse(at(300));
    expect(executed).toBeGreaterThanOrEqual(50);
    expect(done.sqlExecutionDurationMs).toBe(executed);
    // Each page takes 100 ms to upload.
    expect(phases['UPLOADING']).toEqual({
      phase: 'UPLOADING',
      startTime: phases['EXECUTING']!.endTime,
      endTime: at(300 + executed + 100 * done.pages.length),
    });
    expect(done).toMatchObject({
      mode: 'ASYNC',
      isTerminal: true,
      rowCount: 2000,
      completedAt: phases['UPLOADING']!.endTime,
      error: null,
    });
  });

  it('should describe every page with its status and row range, and read all rows across many pages', async () => {
    const expected = await directSql(ctx, OnlineSite.id, PATIENTS_SQL);
    const id = await submit(PATIENTS_SQL);
    await ctx.advance(FINISH_MS);
    const status = await execute(ctx.app, QueryStatus, { siteId: OnlineSite.id, id });
    const pages = status.data!.sqlQuery!.pages;
    expect(pages.length).toBeGreaterThanOrEqual(15);
    expect(pages.map((p) => p.pageNumber)).toEqual(pages.map((_, i) => i + 1));
    expect(new Set(pages.map((p) => p.status))).toEqual(new Set(['CACHED']));
    let next = 0;
    for (const p of pages) {
      expect(p.rangeStart).toBe(next);
      expect(p.rowCount).toBe(p.rangeEnd! - p.rangeStart! + 1);
      expect(p.sizeBytes).toBe(Buffer.byteLength(JSON.stringify(expected.slice(p.rangeStart!, p.rangeEnd! + 1))));
      expect(p.sizeBytes).toBeLessThanOrEqual(4096);
      next = p.rangeEnd! + 1;
    }
    expect(next).toBe(2000);
    expect(status.data!.sqlQuery!.resultSizeBytes).toBe(pages.reduce((n, p) => n + p.sizeBytes!, 0));

    await ctx.clearRequests();
    const rows = await execute(ctx.app, QueryRows, { siteId: OnlineSite.id, id });
    expect(rows.errors).toBeUndefined();
    expect(rows.data!.sqlQuery).toEqual({ status: 'SUCCESSFUL', rowCount: 2000, rows: expected });
    expect(await callCounts(ctx)).toEqual({ getQueryStatusBatch: 1, getResultPage: pages.length });
  });

  it('should read an immediate query back by id with its rows', async () => {
    const ran = await execute(ctx.app, RunImmediate, {
      input: { siteId: OnlineSite.id, sql: 'SELECT TOP 3 InternalID, Surname FROM BPS_Patients ORDER BY InternalID' },
    });
    const { id, rows } = ran.data!.runImmediateQuery;
    const res = await execute(ctx.app, QueryRows, { siteId: OnlineSite.id, id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.sqlQuery).toEqual({ status: 'SUCCESSFUL', rowCount: 3, rows });
  });

  it('should show EXECUTION_FAILED with the SQL error', async () => {
    const id = await submit('SELECT * FROM NoSuchTable');
    await ctx.advance(FINISH_MS);
    const res = await execute(ctx.app, QueryStatus, { siteId: OnlineSite.id, id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.sqlQuery).toMatchObject({
      status: 'EXECUTION_FAILED',
      isTerminal: true,
      pages: [],
      error: { type: 'MSSQL', code: 208, message: "Invalid object name 'NoSuchTable'." },
    });
  });

  it('should show EXPIRED_IN_QUEUE with an error when maxTimeInQueueMs passes', async () => {
    const id = await submit('SELECT 1 AS one', OnlineSite.id, 100);
    await ctx.advance(FINISH_MS);
    const res = await execute(ctx.app, QueryStatus, { siteId: OnlineSite.id, id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.sqlQuery).toMatchObject({
      status: 'EXPIRED_IN_QUEUE',
      isTerminal: true,
      rowCount: null,
      pages: [],
      error: {
        type: 'HALO_LINK',
        code: null,
        message: 'The query waited in the queue longer than maxTimeInQueueMs and was not run.',
      },
    });
  });

  it('should show INITIALISATION_FAILED_SITE_OFFLINE with an error for an offline site', async () => {
    const id = await submit('SELECT 1 AS one', OfflineSite.id);
    await ctx.advance(FINISH_MS);
    const res = await execute(ctx.app, QueryStatus, { siteId: OfflineSite.id, id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.sqlQuery).toMatchObject({
      status: 'INITIALISATION_FAILED_SITE_OFFLINE',
      isTerminal: true,
      error: { type: 'HALO_LINK', code: null, message: 'The practice was offline: the query was not run.' },
    });
  });

  it('should show UPLOAD_FAILED with the Halo Link error', async () => {
    await injectFault(ctx, { asyncFailure: 'uploadFailed', siteId: OnlineSite.id });
    const id = await submit('SELECT TOP 10 InternalID FROM BPS_Patients');
    await ctx.advance(FINISH_MS);
    const res = await execute(ctx.app, QueryStatus, { siteId: OnlineSite.id, id });
    expect(res.data!.sqlQuery).toMatchObject({
      status: 'UPLOAD_FAILED',
      isTerminal: true,
      error: { type: 'HALO_LINK', code: 500, message: 'An error occurred while uploading the query result.' },
    });
  });

  it('should answer NOT_FOUND for an unknown query, SITE_NOT_FOUND for an unknown site, and BAD_USER_INPUT for non-GUIDs without calling Halo', async () => {
    const unknown = await execute(ctx.app, QueryStatus, { siteId: OnlineSite.id, id: UNKNOWN_ID });
    expect(unknown.data).toEqual({ sqlQuery: null });
    expect(unknown.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([['NOT_FOUND', ['sqlQuery']]]);
    const unknownSite = await execute(ctx.app, QueryStatus, { siteId: UNKNOWN_ID, id: UNKNOWN_ID });
    expect(unknownSite.errors?.map((e) => e.extensions?.code)).toEqual(['SITE_NOT_FOUND']);

    await ctx.clearRequests();
    for (const [siteId, id] of [
      ['x/../other-site', UNKNOWN_ID],
      [OnlineSite.id, '../../sites'],
      [OnlineSite.id, `${UNKNOWN_ID}/results/1`],
    ] as const) {
      const bad = await execute(ctx.app, QueryStatus, { siteId, id });
      expect(bad.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should read 20 queries on 3 sites with one getQueryStatusBatch call per site', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const site = i < 7 ? OnlineSite : i < 14 ? ZedmedSite : D4wSite;
      ids.push(await submit(`SELECT ${i} AS n`, site.id));
    }
    await ctx.clearRequests();
    const q = (i: number) => ids[i - 1]!;
    const res = await execute(
      ctx.app,
      graphql(`
        query TwentyQueries(
          $a: ID!
          $b: ID!
          $c: ID!
          $q1: ID!
          $q2: ID!
          $q3: ID!
          $q4: ID!
          $q5: ID!
          $q6: ID!
          $q7: ID!
          $q8: ID!
          $q9: ID!
          $q10: ID!
          $q11: ID!
          $q12: ID!
          $q13: ID!
          $q14: ID!
          $q15: ID!
          $q16: ID!
          $q17: ID!
          $q18: ID!
          $q19: ID!
          $q20: ID!
        ) {
          q1: sqlQuery(siteId: $a, id: $q1) {
            id
            siteId
            status
          }
          q2: sqlQuery(siteId: $a, id: $q2) {
            id
            siteId
            status
          }
          q3: sqlQuery(siteId: $a, id: $q3) {
            id
            siteId
            status
          }
          q4: sqlQuery(siteId: $a, id: $q4) {
            id
            siteId
            status
          }
          q5: sqlQuery(siteId: $a, id: $q5) {
            id
            siteId
            status
          }
          q6: sqlQuery(siteId: $a, id: $q6) {
            id
            siteId
            status
          }
          q7: sqlQuery(siteId: $a, id: $q7) {
            id
            siteId
            status
          }
          q8: sqlQuery(siteId: $b, id: $q8) {
            id
            siteId
            status
          }
          q9: sqlQuery(siteId: $b, id: $q9) {
            id
            siteId
            status
          }
          q10: sqlQuery(siteId: $b, id: $q10) {
            id
            siteId
            status
          }
          q11: sqlQuery(siteId: $b, id: $q11) {
            id
            siteId
            status
          }
          q12: sqlQuery(siteId: $b, id: $q12) {
            id
            siteId
            status
          }
          q13: sqlQuery(siteId: $b, id: $q13) {
            id
            siteId
            status
          }
          q14: sqlQuery(siteId: $b, id: $q14) {
            id
            siteId
            status
          }
          q15: sqlQuery(siteId: $c, id: $q15) {
            id
            siteId
            status
          }
          q16: sqlQuery(siteId: $c, id: $q16) {
            id
            siteId
            status
          }
          q17: sqlQuery(siteId: $c, id: $q17) {
            id
            siteId
            status
          }
          q18: sqlQuery(siteId: $c, id: $q18) {
            id
            siteId
            status
          }
          q19: sqlQuery(siteId: $c, id: $q19) {
            id
            siteId
            status
          }
          q20: sqlQuery(siteId: $c, id: $q20) {
            id
            siteId
            status
          }
        }
      `),
      {
        a: OnlineSite.id,
        b: ZedmedSite.id,
        c: D4wSite.id,
        q1: q(1),
        q2: q(2),
        q3: q(3),
        q4: q(4),
        q5: q(5),
        q6: q(6),
        q7: q(7),
        q8: q(8),
        q9: q(9),
        q10: q(10),
        q11: q(11),
        q12: q(12),
        q13: q(13),
        q14: q(14),
        q15: q(15),
        q16: q(16),
        q17: q(17),
        q18: q(18),
        q19: q(19),
        q20: q(20),
      },
    );
    expect(res.errors).toBeUndefined();
    const data = res.data!;
    const got = [
      data.q1,
      data.q2,
      data.q3,
      data.q4,
      data.q5,
      data.q6,
      data.q7,
      data.q8,
      data.q9,
      data.q10,
      data.q11,
      data.q12,
      data.q13,
      data.q14,
      data.q15,
      data.q16,
      data.q17,
      data.q18,
      data.q19,
      data.q20,
    ];
    expect(got.map((x) => x?.id)).toEqual(ids);
    expect(got.map((x) => x?.siteId)).toEqual(
      ids.map((_, i) => (i < 7 ? OnlineSite.id : i < 14 ? ZedmedSite.id : D4wSite.id)),
    );
    expect(new Set(got.map((x) => x?.status))).toEqual(new Set(['INITIALISING']));

    const calls = await ctx.upstreamCalls();
    expect(calls.map((c) => c.operationId)).toEqual([
      'getQueryStatusBatch',
      'getQueryStatusBatch',
      'getQueryStatusBatch',
    ]);
    expect(calls.map((c) => c.siteId).sort()).toEqual([OnlineSite.id, ZedmedSite.id, D4wSite.id].sort());
  });

  it('should stream the rows of a multi-page result with @stream over HTTP (multipart/mixed)', async () => {
    const expected = await directSql(ctx, OnlineSite.id, PATIENTS_SQL);
    const id = await submit(PATIENTS_SQL);
    await ctx.advance(FINISH_MS);
    const { url } = await listen(ctx);
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
      body: JSON.stringify({
        query: print(
          graphql(`
            query StreamRows($siteId: ID!, $id: ID!) {
              sqlQuery(siteId: $siteId, id: $id) {
                status
                rows @stream(initialCount: 1)
              }
            }
          `),
        ),
        variables: { siteId: OnlineSite.id, id },
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^multipart\/mixed/);

    const payloads: StreamPayload[] = [];
    for await (const payload of multipartPayloads(res)) payloads.push(payload as StreamPayload);
    expect(payloads.length).toBeGreaterThanOrEqual(2);
    const [first, ...rest] = payloads;
    expect(first).toEqual({ data: { sqlQuery: { status: 'SUCCESSFUL', rows: [expected[0]] } }, hasNext: true });
    expect(rest.at(-1)?.hasNext).toBe(false);
    const rows: Row[] = [...(first?.data?.sqlQuery.rows ?? [])];
    for (const payload of rest) {
      for (const inc of payload.incremental ?? []) {
        expect(inc.path).toEqual(['sqlQuery', 'rows', rows.length]);
        rows.push(...inc.items);
      }
    }
    expect(rows).toEqual(expected);
  });
});

interface StreamPayload {
  data?: { sqlQuery: { status: string; rows: Row[] } };
  incremental?: Array<{ items: Row[]; path: Array<string | number> }>;
  hasNext: boolean;
}

let listening: Promise<{ url: string }> | undefined;
/** The app on a real port (once per file; `useApp` stops it). */
function listen(c: AppContext): Promise<{ url: string }> {
  listening ??= c.app.start(0);
  return listening;
}

describe('with writes disabled', () => {
  const ro = useApp({ app: { allowWrites: false } });
  beforeEach(() => {
    ro.sim.reset();
  });

  it('should refuse NON_QUERY commands with WRITES_DISABLED and never call Halo', async () => {
    const sql = "UPDATE PATIENTS SET SURNAME = 'X' WHERE INTERNALID = 1";
    const immediate = await execute(ro.app, RunImmediate, {
      input: { siteId: OnlineSite.id, sql, executionMode: 'NON_QUERY' },
    });
    const async = await execute(ro.app, SubmitAsync, {
      input: { siteId: OnlineSite.id, sql, executionMode: 'NON_QUERY' },
    });
    for (const res of [immediate, async]) {
      expect(res.data).toBeNull();
      expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['WRITES_DISABLED', 'NON_QUERY commands are not enabled for this client.'],
      ]);
    }
    expect(await ro.upstreamCalls()).toEqual([]);
    expect(await directSql(ro, OnlineSite.id, 'SELECT SURNAME FROM PATIENTS WHERE INTERNALID = 1')).not.toEqual([
      { SURNAME: 'X' },
    ]);
  });

  it('should still run READER queries', async () => {
    const res = await execute(ro.app, RunImmediate, {
      input: { siteId: OnlineSite.id, sql: 'SELECT COUNT(*) AS n FROM BPS_Patients', executionMode: 'SCALAR' },
    });
    expect(res.data?.runImmediateQuery.rows).toEqual([{ n: 2000 }]);
  });
});

// A second rather than less: on a loaded machine, connecting and sending alone can take a few hundred ms.
describe('with a 1 s deadline', () => {
  const slow = useApp({ app: { halo: { deadlineMs: 1_000, attemptTimeoutMs: 700, siteCallTimeoutMs: 1_000 } } });
  beforeEach(() => {
    slow.sim.reset();
  });

  it('should answer UPSTREAM_TIMEOUT when Halo takes longer than the deadline', async () => {
    await injectFault(slow, { operationId: 'getQueryStatusBatch', delayMs: 4_000, count: 3 });
    const started = performance.now();
    const res = await execute(slow.app, QueryStatus, { siteId: OnlineSite.id, id: UNKNOWN_ID });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(res.data).toEqual({ sqlQuery: null });
    expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['UPSTREAM_TIMEOUT', 'Halo did not answer in time.'],
    ]);
  });

  it('should say that a query whose answer came too late may have run (mayHaveSucceeded), and not send it again', async () => {
    await injectFault(slow, { operationId: 'createImmediateQuery', delayMs: 2_000, carriedOut: true });
    await injectFault(slow, { operationId: 'createAsyncQuery', delayMs: 2_000, carriedOut: true });
    const input = { siteId: OnlineSite.id, sql: 'SELECT TOP 1 InternalID FROM BPS_Patients' };
    for (const res of [
      await execute(slow.app, RunImmediate, { input }),
      await execute(slow.app, SubmitAsync, { input }),
    ]) {
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_TIMEOUT', mayHaveSucceeded: true });
      expect(res.errors?.[0]?.message).toContain('it may have been carried out');
    }
    expect(await callCounts(slow)).toEqual({ createImmediateQuery: 1, createAsyncQuery: 1 });
  });
});
