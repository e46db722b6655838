/**
 * Named queries through the real server and simulator: every built-in entry answers the same rows
 * as raw SQL over the documented views (converted here by hand, independently of the catalogue),
 * arguments travel as parameters, and failures are coded errors.
 */
import { describe, expect, it } from 'vitest';
import { OfflineSite, OnlineSite, UnreachableSite, ZedmedSite } from '../../simulator/src/fixtures.js';
import { execute } from '../helpers/execute.js';
import { useApp } from '../helpers/app.js';
import {
  ActivePatients,
  AppointmentCounts,
  Appointments,
  BilledServices,
  Conditions,
  CurrentMedications,
  FanOut,
  Immunisations,
  Investigations,
  Observations,
  PatientAppointments,
  PatientRecord,
  PatientsByName,
  Providers,
  RawRows,
  TwoAppointmentBooks,
  Visits,
} from './named-documents.js';

const siteId = OnlineSite.id;
type Row = Record<string, unknown>;

/** SQL Server's datetime text at midnight → the day. */
const day = (v: unknown) => {
  if (v === null) return null;
  expect(v).toMatch(/T00:00:00$/);
  return String(v).slice(0, 10);
};
const clock = (seconds: unknown) => {
  const s = Number(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
};
const yesNo = (v: unknown) => (v === null ? null : v === 'Yes');

describe('built-in named queries (Best Practice)', () => {
  const ctx = useApp();

  async function raw(sql: string): Promise<Row[]> {
    const res = await execute(ctx.app, RawRows, { input: { siteId, sql } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.runImmediateQuery.status).toBe('SUCCESSFUL');
    return res.data!.runImmediateQuery.rows as Row[];
  }
  /** The patient with the most rows in `table` (so each comparison has rows to compare). */
  async function busiestPatient(table: string, key = 'InternalID'): Promise<number> {
    const [row] = await raw(`SELECT TOP 1 ${key} AS id FROM ${table} GROUP BY ${key} ORDER BY COUNT(*) DESC, ${key}`);
    return row!['id'] as number;
  }
  const patientRecord = (r: Row) => ({
    patientId: r['InternalID'],
    title: r['Title'],
    firstname: r['Firstname'],
    surname: r['Surname'],
    dob: day(r['DOB']),
    sex: r['Sex'],
    mobilePhone: r['MobilePhone'],
    email: r['Email'],
    medicareNo: r['MedicareNo'],
    medicareLineNo: r['MedicareLineNo'],
    ihi: r['IHI'],
  });
  const PATIENT_COLUMNS =
    'InternalID, Title, Firstname, Surname, DOB, Sex, MobilePhone, Email, MedicareNo, MedicareLineNo, IHI';
  const appointment = (r: Row) => ({
    patientId: r['InternalID'],
    patientName: r['Patient'],
    date: day(r['AppointmentDate']),
    startTime: clock(r['AppointmentTime']),
    durationMinutes: Number(r['AppointmentLength']) / 60,
    provider: r['Provider'],
    status: r['Status'],
    type: r['AppointmentType'],
    urgent: yesNo(r['Urgent']),
  });
  const APPOINTMENT_COLUMNS =
    'InternalID, Patient, AppointmentDate, AppointmentTime, AppointmentLength, Provider, Status, AppointmentType, Urgent';

  it('patientsByName: by surname prefix, then first name and date of birth', async () => {
    const res = await execute(ctx.app, PatientsByName, { siteId, surname: 'smi', limit: 20 });
    const expected = await raw(
      `SELECT TOP 20 ${PATIENT_COLUMNS} FROM BPS_Patients WHERE Surname LIKE 'smi%' ORDER BY Surname, Firstname, InternalID`,
    );
    expect(expected).toHaveLength(20);
    expect(res.data!.site!.patientsByName).toEqual(expected.map(patientRecord));
    const one = expected.find((r) => r['DOB'] !== null && r['Firstname'] !== null)!;
    const narrowed = await execute(ctx.app, PatientsByName, {
      siteId,
      surname: String(one['Surname']),
      firstname: String(one['Firstname']).slice(0, 3),
      dob: day(one['DOB']),
    });
    expect(narrowed.data!.site!.patientsByName).toContainEqual(patientRecord(one));
    expect(
      narrowed.data!.site!.patientsByName.every((p) => p.dob === day(one['DOB']) && p.surname === one['Surname']),
    ).toBe(true);
  });

  it('patientsByName: a name is a parameter, never SQL (apostrophes and quotes match literally)', async () => {
    const [apostrophe] = await raw("SELECT TOP 1 Surname FROM BPS_Patients WHERE Surname LIKE '%''%' ORDER BY Surname");
    const surname = String(apostrophe!['Surname']);
    const res = await execute(ctx.app, PatientsByName, { siteId, surname, limit: 100 });
    expect(res.data!.site!.patientsByName.length).toBeGreaterThan(0);
    expect(res.data!.site!.patientsByName.every((p) => p.surname!.startsWith(surname))).toBe(true);
    const injected = await execute(ctx.app, PatientsByName, { siteId, surname: "x' OR '1'='1", limit: 100 });
    expect(injected).toEqual({ data: { site: { patientsByName: [] } } });
  });

  it('patientRecord: one patient, or null', async () => {
    const [row] = await raw(`SELECT ${PATIENT_COLUMNS} FROM BPS_Patients WHERE InternalID = 5`);
    expect((await execute(ctx.app, PatientRecord, { siteId, patientId: 5 })).data).toEqual({
      site: { patientRecord: patientRecord(row!) },
    });
    expect((await execute(ctx.app, PatientRecord, { siteId, patientId: 999_999 })).data).toEqual({
      site: { patientRecord: null },
    });
  });

  it('appointments: a day book with times of day, minutes and urgency, and one provider’s', async () => {
    const res = await execute(ctx.app, Appointments, { siteId, from: '2026-03-02', to: '2026-03-03' });
    const expected = await raw(
      `SELECT ${APPOINTMENT_COLUMNS} FROM BPS_Appointments WHERE AppointmentDate IN ('2026-03-02T00:00:00', '2026-03-03T00:00:00') ORDER BY AppointmentDate, AppointmentTime, Provider`,
    );
    expect(expected.length).toBeGreaterThan(20);
    expect(res.data!.site!.appointments).toEqual(expected.map(appointment));
    const provider = String(expected[0]!['Provider']);
    const mine = await execute(ctx.app, Appointments, { siteId, from: '2026-03-02', to: '2026-03-03', provider });
    expect(mine.data!.site!.appointments).toEqual(expected.filter((r) => r['Provider'] === provider).map(appointment));
  });

  it('patientAppointments: one patient’s, most recent first, from a day on', async () => {
    const patientId = await busiestPatient('BPS_Appointments');
    const res = await execute(ctx.app, PatientAppointments, { siteId, patientId, from: '2026-01-01' });
    const expected = await raw(
      `SELECT ${APPOINTMENT_COLUMNS} FROM BPS_Appointments WHERE InternalID = ${patientId} AND AppointmentDate >= '2026-01-01' ORDER BY AppointmentDate DESC, AppointmentTime DESC`,
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(res.data!.site!.patientAppointments).toEqual(expected.map(appointment));
  });

  it('appointmentCounts: per day, provider and status', async () => {
    const res = await execute(ctx.app, AppointmentCounts, { siteId, from: '2026-03-02', to: '2026-03-06' });
    const expected = await raw(
      "SELECT AppointmentDate, Provider, Status, COUNT(*) AS n FROM BPS_Appointments WHERE AppointmentDate BETWEEN '2026-03-02' AND '2026-03-06' GROUP BY AppointmentDate, Provider, Status ORDER BY AppointmentDate, Provider, Status",
    );
    expect(res.data!.site!.appointmentCounts).toEqual(
      expected.map((r) => ({
        date: day(r['AppointmentDate']),
        provider: r['Provider'],
        status: r['Status'],
        count: r['n'],
      })),
    );
  });

  it('providers: the users with a provider number', async () => {
    const expected = await raw(
      "SELECT UserID, Title, Firstname, Surname, ProviderNo, LocationName FROM BPS_Users WHERE ProviderNo IS NOT NULL AND ProviderNo <> '' ORDER BY Surname, Firstname, UserID",
    );
    expect(expected).toHaveLength(8);
    expect((await execute(ctx.app, Providers, { siteId })).data!.site!.providers).toEqual(
      expected.map((r) => ({
        userId: r['UserID'],
        title: r['Title'],
        firstname: r['Firstname'],
        surname: r['Surname'],
        providerNo: r['ProviderNo'],
        location: r['LocationName'],
      })),
    );
  });

  it('immunisations: dates given, vaccine names and ids', async () => {
    const patientId = await busiestPatient('BPS_Immunisations');
    const expected = await raw(
      `SELECT InternalID, GivenDate, VaccineName, VaccineID FROM BPS_Immunisations WHERE InternalID = ${patientId} ORDER BY GivenDate DESC, VaccineName`,
    );
    expect(expected.length).toBeGreaterThan(3);
    expect((await execute(ctx.app, Immunisations, { siteId, patientId })).data!.site!.immunisations).toEqual(
      expected.map((r) => ({
        patientId,
        givenDate: day(r['GivenDate']),
        vaccineName: r['VaccineName'],
        vaccineId: String(r['VaccineID']),
      })),
    );
  });

  it('conditions: the past history', async () => {
    const patientId = await busiestPatient('BPS_History');
    const expected = await raw(
      `SELECT InternalID, Year, Condition, ConditionID, Status FROM BPS_History WHERE InternalID = ${patientId} ORDER BY Year DESC, Condition`,
    );
    expect(expected.length).toBeGreaterThan(2);
    expect((await execute(ctx.app, Conditions, { siteId, patientId })).data!.site!.conditions).toEqual(
      expected.map((r) => ({
        patientId,
        year: r['Year'],
        condition: r['Condition'],
        conditionId: String(r['ConditionID']),
        status: r['Status'],
      })),
    );
  });

  it('visits: consultations as practice-local date-times', async () => {
    const patientId = await busiestPatient('BPS_Visits');
    const expected = await raw(
      `SELECT InternalID, VisitDate, VisitType, UserID, DrName FROM BPS_Visits WHERE InternalID = ${patientId} AND VisitDate < '2027-01-01' ORDER BY VisitDate DESC`,
    );
    expect(expected.length).toBeGreaterThan(1);
    const res = await execute(ctx.app, Visits, { siteId, patientId, to: '2026-12-31' });
    expect(res.data!.site!.visits).toEqual(
      expected.map((r) => ({
        patientId,
        visitDate: r['VisitDate'],
        visitType: r['VisitType'],
        providerId: r['UserID'],
        provider: r['DrName'],
      })),
    );
  });

  it('investigations: reports with their checked and actioned times (null when not yet)', async () => {
    const patientId = await busiestPatient('BPS_Investigations');
    const expected = await raw(
      `SELECT * FROM BPS_Investigations WHERE InternalID = ${patientId} ORDER BY Reported DESC, ReportID DESC`,
    );
    expect(expected.length).toBeGreaterThan(2);
    expect((await execute(ctx.app, Investigations, { siteId, patientId })).data!.site!.investigations).toEqual(
      expected.map((r) => ({
        patientId,
        reportId: r['ReportID'],
        testName: r['TestName'],
        collected: r['Collected'],
        reported: r['Reported'],
        checked: r['Checked'],
        actioned: r['Actioned'],
        checkedBy: r['CheckedBy'],
        notation: r['Notation'],
        action: r['Action'],
        comment: r['Comment'],
      })),
    );
    const [unchecked] = await raw(
      'SELECT TOP 1 InternalID FROM BPS_Investigations WHERE Checked IS NULL ORDER BY InternalID',
    );
    const pending = await execute(ctx.app, Investigations, { siteId, patientId: unchecked!['InternalID'] as number });
    expect(pending.data!.site!.investigations.some((i) => i.checked === null && i.actioned === null)).toBe(true);
  });

  it('currentMedications: long-term (RXSTATUS 1) first', async () => {
    const [row] = await raw('SELECT TOP 1 INTERNALID FROM CURRENTRX WHERE RXSTATUS = 2 ORDER BY INTERNALID');
    const patientId = row!['INTERNALID'] as number;
    const expected = await raw(
      `SELECT INTERNALID, PRODUCTID, DRUGNAME, RXSTATUS FROM CURRENTRX WHERE INTERNALID = ${patientId} ORDER BY RXSTATUS, DRUGNAME`,
    );
    const res = await execute(ctx.app, CurrentMedications, { siteId, patientId });
    expect(res.data!.site!.currentMedications).toEqual(
      expected.map((r) => ({
        patientId,
        productId: r['PRODUCTID'],
        drugName: r['DRUGNAME'],
        longTerm: r['RXSTATUS'] === 1,
      })),
    );
    expect(res.data!.site!.currentMedications.some((m) => m.longTerm === false)).toBe(true);
  });

  it('observations: all of a patient’s, or one kind', async () => {
    const patientId = await busiestPatient('OBSERVATIONS', 'INTERNALID');
    const expected = await raw(
      `SELECT INTERNALID, OBSDATE, DATANAME, DATACODE, DATAVALUE FROM OBSERVATIONS WHERE INTERNALID = ${patientId} ORDER BY OBSDATE DESC, DATANAME`,
    );
    const observation = (r: Row) => ({
      patientId,
      observedAt: r['OBSDATE'],
      name: r['DATANAME'],
      code: r['DATACODE'],
      value: r['DATAVALUE'],
    });
    expect((await execute(ctx.app, Observations, { siteId, patientId })).data!.site!.observations).toEqual(
      expected.map(observation),
    );
    const weights = await execute(ctx.app, Observations, { siteId, patientId, name: 'Weight' });
    expect(weights.data!.site!.observations).toEqual(
      expected.filter((r) => r['DATANAME'] === 'Weight').map(observation),
    );
    expect(weights.data!.site!.observations.length).toBeGreaterThan(0);
  });

  it('billedServices: MBS items of finished consultations', async () => {
    const patientId = await busiestPatient('BPS_SERVICES', 'INTERNALID');
    const expected = await raw(
      `SELECT INTERNALID, SERVICEDATE, MBSITEM, DESCRIPTION FROM BPS_SERVICES WHERE INTERNALID = ${patientId} ORDER BY SERVICEDATE DESC, MBSITEM`,
    );
    expect(expected.length).toBeGreaterThan(1);
    expect((await execute(ctx.app, BilledServices, { siteId, patientId })).data!.site!.billedServices).toEqual(
      expected.map((r) => ({
        patientId,
        serviceDate: day(r['SERVICEDATE']),
        mbsItem: r['MBSITEM'],
        description: r['DESCRIPTION'],
      })),
    );
  });

  it('should share one Halo call between identical named fields of one operation', async () => {
    await ctx.clearRequests();
    const res = await execute(ctx.app, TwoAppointmentBooks, {
      siteId,
      from: '2026-03-02',
      to: '2026-03-02',
      other: '2026-03-03',
    });
    expect(res.data!.site!.a.length).toBe(res.data!.site!.b.length);
    expect(res.data!.site!.c.length).toBeGreaterThan(0);
    // a and b share one immediate query; c has other arguments.
    expect((await ctx.upstreamCalls('createImmediateQuery')).length).toBe(2);
  });

  it('should not read a site again for named queries once its PMS is known, but for its other fields', async () => {
    const vars = { siteId, from: '2026-03-02', to: '2026-03-02', other: '2026-03-03' };
    await execute(ctx.app, FanOut, { ids: [siteId], from: '2026-03-02', to: '2026-03-02' }); // reads it
    await ctx.clearRequests();
    await execute(ctx.app, TwoAppointmentBooks, vars);
    expect(await ctx.upstreamCalls('getSite')).toEqual([]);
    // practiceName needs the site itself.
    await execute(ctx.app, FanOut, { ids: [siteId], from: '2026-03-02', to: '2026-03-02' });
    expect(await ctx.upstreamCalls('getSite')).toHaveLength(1);
    // Fragments count: one that selects practiceName reads the site, one with named queries only does not.
    await ctx.clearRequests();
    const post = (query: string) =>
      ctx.app.yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
    await post(`{ site(id: "${siteId}") { ... on Site { id providers { userId } } } }`);
    expect(await ctx.upstreamCalls('getSite')).toEqual([]);
    // Without a named query the site is read as always (`site(id) { id }` tells whether it exists).
    await post(`{ site(id: "${siteId}") { id } }`);
    expect(await ctx.upstreamCalls('getSite')).toHaveLength(1);
    await ctx.clearRequests();
    const res = await post(
      `{ site(id: "${siteId}") { ...F } } fragment F on Site { practiceName providers { userId } }`,
    );
    expect(((await res.json()) as { data: { site: { practiceName: string } } }).data.site.practiceName).toBe(
      'Halo Clinic North',
    );
    expect(await ctx.upstreamCalls('getSite')).toHaveLength(1);
  });

  it('should share an answer across requests within an entry’s maxAgeSeconds (providers: 300 s)', async () => {
    const first = await execute(ctx.app, Providers, { siteId });
    await ctx.clearRequests();
    const second = await execute(ctx.app, Providers, { siteId });
    expect(second.data).toEqual(first.data);
    expect(await ctx.upstreamCalls('createImmediateQuery')).toEqual([]);
    // Entries without maxAgeSeconds run every time.
    await execute(ctx.app, PatientRecord, { siteId, patientId: 5 });
    await execute(ctx.app, PatientRecord, { siteId, patientId: 5 });
    expect((await ctx.upstreamCalls('createImmediateQuery')).length).toBe(2);
  });

  it('should answer NOT_SUPPORTED for a PMS without a statement, without calling Halo', async () => {
    await ctx.clearRequests();
    const res = await execute(ctx.app, Providers, { siteId: ZedmedSite.id });
    expect(res.errors).toEqual([
      {
        message: 'The named query providers has no statement for ZEDMED sites.',
        path: ['site', 'providers'],
        locations: expect.any(Array),
        extensions: { code: 'NOT_SUPPORTED', namedQuery: 'providers', pms: 'ZEDMED' },
      },
    ]);
    expect(res.data).toEqual({ site: null });
    expect(await ctx.upstreamCalls('createImmediateQuery')).toEqual([]);
  });

  it('sitesByIds: each practice answers or fails at its own path (offline, unreachable, unknown among good ones)', async () => {
    const unknown = '5d0c3a10-0000-4000-8000-0000000000ff';
    const res = await execute(ctx.app, FanOut, {
      ids: [OnlineSite.id, OfflineSite.id, unknown, UnreachableSite.id],
      from: '2026-03-02',
      to: '2026-03-02',
    });
    const expected = await raw(
      "SELECT InternalID, AppointmentTime FROM BPS_Appointments WHERE AppointmentDate = '2026-03-02' ORDER BY AppointmentDate, AppointmentTime, Provider",
    );
    expect(res.data!.sitesByIds).toEqual([
      {
        id: OnlineSite.id,
        practiceName: 'Halo Clinic North',
        availability: 'ONLINE',
        appointments: expected.map((r) => ({ patientId: r['InternalID'], startTime: clock(r['AppointmentTime']) })),
      },
      null,
      null,
      null,
    ]);
    const byPath = (res.errors ?? [])
      .map((e) => [e.path, e.extensions?.code])
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(byPath).toEqual([
      [['sitesByIds', 1, 'appointments'], 'SITE_UNAVAILABLE'],
      [['sitesByIds', 2], 'SITE_NOT_FOUND'],
      [['sitesByIds', 3, 'appointments'], 'SITE_UNAVAILABLE'],
    ]);
  });

  it('sitesByIds: refuses more than 100 ids, or one that is not a GUID, before any call', async () => {
    await ctx.clearRequests();
    const many = await execute(ctx.app, FanOut, {
      ids: Array.from({ length: 101 }, () => OnlineSite.id),
      from: '2026-03-02',
      to: '2026-03-02',
    });
    expect(many.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const bad = await execute(ctx.app, FanOut, {
      ids: [OnlineSite.id, '../sites'],
      from: '2026-03-02',
      to: '2026-03-02',
    });
    expect(bad.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'ids']]);
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should refuse an argument that is not a value of its type before any call', async () => {
    await ctx.clearRequests();
    const res = await execute(ctx.app, Appointments, { siteId, from: '2026-02-30', to: '2026-03-02' });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.message).not.toContain('2026-02-30');
    expect(await ctx.upstreamCalls()).toEqual([]);
  });
});

describe('a named query run as an async query (mode: async)', () => {
  // Simulated time runs 1,000× faster, and pages hold about 64 KiB: the answer comes in several pages.
  const ctx = useApp({ simulator: { timeScale: 1000, pageBytes: 64 * 1024 } });

  it('activePatients: submits, waits for the query through the status watcher, and reads every page', async () => {
    const res = await execute(ctx.app, ActivePatients, { siteId });
    expect(res.errors).toBeUndefined();
    const direct = await execute(ctx.app, RawRows, {
      input: {
        siteId,
        sql: "SELECT InternalID, Title, Firstname, Surname, DOB, Sex, MobilePhone, Email, MedicareNo, MedicareLineNo, IHI FROM BPS_Patients WHERE StatusText = 'Active' ORDER BY Surname, Firstname, InternalID",
      },
    });
    const expected = direct.data!.runImmediateQuery.rows as Row[];
    expect(expected.length).toBeGreaterThan(1500);
    expect(res.data!.site!.activePatients.map((p) => [p.patientId, p.surname, p.dob])).toEqual(
      expected.map((r) => [r['InternalID'], r['Surname'], day(r['DOB'])]),
    );
    const calls = await ctx.upstreamCalls();
    expect(calls.filter((c) => c.operationId === 'createAsyncQuery')).toHaveLength(1);
    expect(calls.filter((c) => c.operationId === 'getResultPage').length).toBeGreaterThan(3);
    await ctx.app.live.whenIdle();
    expect(ctx.app.live.stats().watches).toBe(0);
  });
});
