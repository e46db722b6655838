/**
 * An operator's named queries (NAMED_QUERIES_DIR = test/schema/named-queries/): the mechanism for
 * the simulator's Zedmed and D4w schemas, and what a failing or mistyped entry answers.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { D4wSite, OnlineSite, ZedmedSite } from '../../simulator/src/fixtures.js';
import { schema } from '../../src/schema/index.js';
import { loadNamedQueries } from '../../src/schema/named-queries.js';
import { useApp } from '../helpers/app.js';
import { multipartPayloads } from '../helpers/multipart.js';
import { raw } from '../security/harness.js';

const DIR = fileURLToPath(new URL('./named-queries/', import.meta.url));

describe("an operator's named queries", () => {
  const ctx = useApp({ app: { namedQueries: loadNamedQueries(schema, DIR) } });

  async function post(query: string, variables: Record<string, unknown> = {}) {
    const res = await raw(ctx.app, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return res.json as { data?: Record<string, unknown>; errors?: Array<Record<string, unknown>> };
  }
  async function rawRows(siteId: string, sql: string) {
    const res = await post(
      `mutation R($siteId: ID!, $sql: String!) { runImmediateQuery(input: { siteId: $siteId, sql: $sql }) { rows } }`,
      { siteId, sql },
    );
    return (res.data!['runImmediateQuery'] as { rows: Array<Record<string, unknown>> }).rows;
  }
  const clock = (s: unknown) =>
    [Math.floor(Number(s) / 3600), Math.floor((Number(s) % 3600) / 60), Number(s) % 60]
      .map((n) => String(n).padStart(2, '0'))
      .join(':');
  const DAY_BOOK = `query D($siteId: ID!, $day: Date!, $urgentOnly: Boolean) {
    site(id: $siteId) { dayBook(day: $day, urgentOnly: $urgentOnly) { patientId startTime durationMinutes providerId status urgent } }
  }`;

  it('should run the Zedmed statement on a Zedmed site, typed as declared', async () => {
    const expected = await rawRows(
      ZedmedSite.id,
      "SELECT PATIENT_ID, START_TIME, DURATION, DOCTOR_ID, STATUS, IS_URGENT FROM APPOINTMENT WHERE APPT_DATE = '2025-03-20T00:00:00' AND IS_CANCELLED = 0 ORDER BY START_TIME, APPOINTMENT_ID",
    );
    expect(expected.length).toBeGreaterThan(3);
    const res = await post(DAY_BOOK, { siteId: ZedmedSite.id, day: '2025-03-20' });
    expect(res).toEqual({
      data: {
        site: {
          dayBook: expected.map((r) => ({
            patientId: r['PATIENT_ID'],
            startTime: clock(r['START_TIME']),
            durationMinutes: Number(r['DURATION']) / 60,
            providerId: r['DOCTOR_ID'],
            status: r['STATUS'],
            urgent: r['IS_URGENT'] === 1,
          })),
        },
      },
    });
    const urgent = await post(DAY_BOOK, { siteId: ZedmedSite.id, day: '2025-03-20', urgentOnly: true });
    const urgentRows = (urgent.data!['site'] as { dayBook: Array<{ urgent: boolean }> }).dayBook;
    expect(urgentRows.length).toBe(expected.filter((r) => r['IS_URGENT'] === 1).length);
    expect(urgentRows.every((r) => r.urgent)).toBe(true);
  });

  it('should run the D4w statement on a D4w site', async () => {
    const expected = await rawRows(
      D4wSite.id,
      "SELECT patient_id, start_time, duration, provider_id, status, urgent FROM appointments WHERE appt_date = '2025-05-14T00:00:00' AND cancelled = 0 ORDER BY start_time, appointment_id",
    );
    expect(expected.length).toBeGreaterThan(3);
    const res = await post(DAY_BOOK, { siteId: D4wSite.id, day: '2025-05-14' });
    expect((res.data!['site'] as { dayBook: unknown[] }).dayBook).toEqual(
      expected.map((r) => ({
        patientId: r['patient_id'],
        startTime: clock(r['start_time']),
        durationMinutes: Number(r['duration']) / 60,
        providerId: r['provider_id'],
        status: r['status'],
        urgent: r['urgent'] === 1,
      })),
    );
  });

  it('should answer NOT_SUPPORTED on a Best Practice site, which the entry has no statement for', async () => {
    const res = await post(DAY_BOOK, { siteId: OnlineSite.id, day: '2026-03-02' });
    expect(res.errors?.map((e) => e['extensions'])).toEqual([
      { code: 'NOT_SUPPORTED', namedQuery: 'dayBook', pms: 'BEST_PRACTICE' },
    ]);
  });

  it('should answer EXECUTION_FAILED with the SQL error type and number, never its message', async () => {
    for (const [siteId, sqlError] of [
      [OnlineSite.id, { type: 'MSSQL', code: 208 }],
      [ZedmedSite.id, { type: 'FBSQL', code: -204 }],
    ] as const) {
      const res = await post(
        `query M($siteId: ID!) { site(id: $siteId) { missingTable(patientId: 5) { patientId } } }`,
        {
          siteId,
        },
      );
      expect(res.errors).toEqual([
        {
          message: 'The named query failed at the practice.',
          locations: expect.any(Array),
          path: ['site', 'missingTable'],
          extensions: { code: 'EXECUTION_FAILED', sqlError },
        },
      ]);
      expect(JSON.stringify(res)).not.toMatch(/RECALL|Invalid object/i);
    }
  });

  it('should fail each value that does not fit its column with COLUMN_TYPE_MISMATCH naming the column, never the value', async () => {
    const [patient] = await rawRows(
      OnlineSite.id,
      'SELECT Surname, DOB, Firstname FROM BPS_Patients WHERE InternalID = 5',
    );
    const res = await post(
      `query M($siteId: ID!) { site(id: $siteId) { mistyped(patientId: 5) { patientId surname dob firstname } } }`,
      { siteId: OnlineSite.id },
    );
    expect(res.data).toEqual({
      site: { mistyped: [{ patientId: 5, surname: null, dob: null, firstname: patient!['Firstname'] }] },
    });
    expect(res.errors).toEqual([
      {
        message: 'MistypedRow.surname: a value in column surname does not fit Int.',
        locations: expect.any(Array),
        path: ['site', 'mistyped', 0, 'surname'],
        extensions: { code: 'COLUMN_TYPE_MISMATCH', column: 'surname', type: 'Int' },
      },
      {
        message: 'MistypedRow.dob: a value in column dob does not fit LocalTime.',
        locations: expect.any(Array),
        path: ['site', 'mistyped', 0, 'dob'],
        extensions: { code: 'COLUMN_TYPE_MISMATCH', column: 'dob', type: 'LocalTime' },
      },
    ]);
    const text = JSON.stringify(res);
    expect(text).not.toContain(String(patient!['Surname']));
    expect(text).not.toContain(String(patient!['DOB']).slice(0, 10));
    // A non-null column the answer lacks fails the row, and (the list being non-null) the field.
    const missing = await post(
      `query M($siteId: ID!) { site(id: $siteId) { id mistyped(patientId: 5) { patientId missing } } }`,
      { siteId: OnlineSite.id },
    );
    expect(missing.data).toEqual({ site: null });
    expect(missing.errors?.map((e) => [e['path'], e['extensions'], e['message']])).toEqual([
      [
        ['site', 'mistyped', 0, 'missing'],
        { code: 'COLUMN_TYPE_MISMATCH', column: 'missing', type: 'String!' },
        "MistypedRow.missing: the practice's answer has no column missing.",
      ],
    ]);
  });

  it('should fan one entry out across practices of different PMSs, each answering for itself', async () => {
    await ctx.clearRequests();
    const unknown = '5d0c3a10-0000-4000-8000-0000000000ff';
    const res = await post(
      `query F($ids: [ID!]!) { sitesByIds(ids: $ids) { id practiceName dayBook(day: "2025-03-20") { patientId } } }`,
      { ids: [ZedmedSite.id, unknown, OnlineSite.id, D4wSite.id, ZedmedSite.id.toUpperCase()] },
    );
    const sites = res.data!['sitesByIds'] as Array<{ id: string; dayBook: unknown[] } | null>;
    expect(sites.map((s) => s?.id ?? null)).toEqual([ZedmedSite.id, null, null, D4wSite.id, ZedmedSite.id]);
    expect(sites[0]!.dayBook.length).toBeGreaterThan(3);
    expect(sites[4]).toEqual(sites[0]);
    expect(res.errors?.map((e) => [e['path'], (e['extensions'] as { code: string }).code])).toEqual([
      [['sitesByIds', 1], 'SITE_NOT_FOUND'],
      // Best Practice has no dayBook statement: refused before any query.
      [['sitesByIds', 2, 'dayBook'], 'NOT_SUPPORTED'],
    ]);
    // One getSite per distinct id; one query per site with a statement (the repeated id shares it).
    const calls = await ctx.upstreamCalls();
    expect(calls.filter((c) => c.operationId === 'getSite')).toHaveLength(4);
    expect(
      calls
        .filter((c) => c.operationId === 'createImmediateQuery')
        .map((c) => c.siteId)
        .sort(),
    ).toEqual([ZedmedSite.id, D4wSite.id].sort());
  });

  it('should send each practice with @stream as soon as it (and those before it) answered', async () => {
    // Smile Dental answers at once; Zedmed's query is held 600 ms.
    await ctx.call('POST', '/_sim/faults', {
      body: { operationId: 'createImmediateQuery', siteId: ZedmedSite.id, delayMs: 600 },
    });
    const res = await ctx.app.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
      body: JSON.stringify({
        query: `query S($ids: [ID!]!) { sitesByIds(ids: $ids) @stream(initialCount: 0) { id dayBook(day: "2025-05-14") { patientId } } }`,
        variables: { ids: [D4wSite.id, ZedmedSite.id] },
      }),
    });
    expect(res.headers.get('content-type')).toMatch(/^multipart\/mixed/);
    const items: Array<{ at: number; id: string }> = [];
    let first: unknown;
    for await (const payload of multipartPayloads(res)) {
      const p = payload as { data?: unknown; incremental?: Array<{ items: Array<{ id: string }> }> };
      if (p.data !== undefined) first = p.data;
      for (const part of p.incremental ?? [])
        for (const item of part.items) items.push({ at: performance.now(), id: item.id });
    }
    expect(first).toEqual({ sitesByIds: [] });
    expect(items.map((i) => i.id)).toEqual([D4wSite.id, ZedmedSite.id]);
    // Smile Dental's rows did not wait for Zedmed's.
    expect(items[1]!.at - items[0]!.at).toBeGreaterThan(400);
  });
});
