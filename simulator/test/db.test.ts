import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SITES, D4wSite, OnlineSite, ZedmedSite, type SiteFixture } from '../src/fixtures.js';
import { clearSiteDatabaseCache, closeAll, generatePatients, openSiteDatabases } from '../src/db/open-site-database.js';
import {
  generateDva,
  generateIhi,
  generateMedicare,
  isValidDva,
  isValidIhi,
  isValidMedicare,
  mulberry32,
} from '../src/db/identifiers.js';

type Row = Record<string, unknown>;

const opened: Array<Map<string, Database.Database>> = [];
function open(site: Pick<SiteFixture, 'pmsType' | 'seed' | 'patients' | 'catalogues'>): Map<string, Database.Database> {
  const m = openSiteDatabases(site);
  opened.push(m);
  return m;
}
function db(m: Map<string, Database.Database>, name: string): Database.Database {
  const d = m.get(name);
  if (!d) throw new Error(`no catalogue ${name}`);
  return d;
}
function all(d: Database.Database, sql: string): Row[] {
  return d.prepare(sql).all() as Row[];
}
function scalar(d: Database.Database, sql: string): unknown {
  return d.prepare(sql).pluck().get();
}
function checksum(rows: Row[]): string {
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

afterEach(() => {
  vi.useRealTimers();
});
afterAll(() => {
  for (const m of opened) closeAll(m);
});

const bp = () => db(open(OnlineSite), 'BPSPatients');

describe('identifiers', () => {
  it('validates the AU examples', () => {
    expect(isValidIhi('8003608833357361')).toBe(true);
    expect(isValidIhi('8003608833357362')).toBe(false);
    expect(isValidIhi('8003618833357361')).toBe(false);
    expect(isValidIhi('800360883335736')).toBe(false);
    expect(isValidMedicare('32788511952')).toBe(true);
    expect(isValidMedicare('29545410412')).toBe(true);
    expect(isValidMedicare('2954541041')).toBe(true);
    expect(isValidMedicare('2954 54104 1')).toBe(true);
    expect(isValidMedicare('29545410312')).toBe(false); // check digit
    expect(isValidMedicare('19545410412')).toBe(false); // first digit
    expect(isValidMedicare('29545410402')).toBe(false); // issue 0
    expect(isValidMedicare('29545410410')).toBe(false); // IRN 0
  });

  it('generates valid numbers from a seeded RNG, deterministically', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    for (let i = 0; i < 500; i++) {
      const ihi = generateIhi(a);
      expect(ihi).toBe(generateIhi(b));
      expect(isValidIhi(ihi)).toBe(true);
      const mc = generateMedicare(a);
      generateMedicare(b);
      expect(mc.number).toMatch(/^[2-6]\d{9}$/);
      expect(mc.irn).toMatch(/^[1-9]$/);
      expect(isValidMedicare(mc.number + mc.irn)).toBe(true);
      const dva = generateDva(a, 'VIC');
      generateDva(b, 'VIC');
      expect(isValidDva(dva.number)).toBe(true);
      expect(dva.number.startsWith('V')).toBe(true);
      expect(['DVG', 'DVW', 'DVO']).toContain(dva.cardType);
    }
  });
});

describe('determinism', () => {
  it('gives identical rows for the same seed, whatever the real clock says', () => {
    clearSiteDatabaseCache();
    const first = bp();
    const patients1 = checksum(all(first, 'SELECT * FROM PATIENTS ORDER BY INTERNALID'));
    const appts1 = checksum(all(first, 'SELECT * FROM APPOINTMENTS ORDER BY RecordID'));
    clearSiteDatabaseCache();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-06-15T03:04:05Z'));
    const second = bp();
    vi.useRealTimers();
    expect(checksum(all(second, 'SELECT * FROM PATIENTS ORDER BY INTERNALID'))).toBe(patients1);
    expect(checksum(all(second, 'SELECT * FROM APPOINTMENTS ORDER BY RecordID'))).toBe(appts1);
    // The cached image gives the same rows again.
    expect(checksum(all(bp(), 'SELECT * FROM PATIENTS ORDER BY INTERNALID'))).toBe(patients1);
  });

  it('does not reshuffle earlier patients when the site grows', () => {
    const small = generatePatients(4242, 50);
    const big = generatePatients(4242, 300);
    expect(big.slice(0, 50)).toEqual(small);
  });

  it('gives different sites different data', () => {
    const a = db(open(OnlineSite), 'BPSPatients');
    const b = db(open(DEFAULT_SITES[1] ?? OnlineSite), 'BPSPatients');
    expect(scalar(a, 'SELECT SURNAME FROM PATIENTS WHERE INTERNALID = 1')).not.toBe(
      scalar(b, 'SELECT SURNAME FROM PATIENTS WHERE INTERNALID = 1') ?? '',
    );
  });
});

describe('Best Practice practice database', () => {
  it('opens one database per catalogue', () => {
    for (const site of DEFAULT_SITES) {
      const m = open(site);
      expect([...m.keys()]).toEqual(site.catalogues.map((c) => c.name));
    }
  });

  it('has at least 2,000 patients, ~8 providers and a bounded appointment book', () => {
    const d = bp();
    expect(scalar(d, 'SELECT COUNT(*) FROM BPS_Patients')).toBeGreaterThanOrEqual(2000);
    expect(scalar(d, 'SELECT COUNT(*) FROM PATIENTS WHERE RECORDSTATUS = 1')).toBe(2000);
    expect(scalar(d, 'SELECT COUNT(*) FROM PATIENTS WHERE RECORDSTATUS <> 1')).toBeGreaterThan(0);
    const providers = all(d, 'SELECT * FROM USERS WHERE IsProvider = 1');
    expect(providers.length).toBeGreaterThanOrEqual(6);
    expect(providers.length).toBeLessThanOrEqual(10);
    for (const p of providers) expect(p.ProviderNo).toMatch(/^\d{6}[0-9A-Y][YXWTLKJHFBA]$/);
    const n = scalar(d, 'SELECT COUNT(*) FROM BPS_Appointments') as number;
    expect(n).toBeGreaterThan(10_000);
    expect(n).toBeLessThanOrEqual(40_000);
  });

  it('answers the BPS_* views with the exact column names of DOMAIN.md §9.1', () => {
    const d = bp();
    const cols = (view: string) =>
      d
        .prepare(`SELECT * FROM ${view}`)
        .columns()
        .map((c) => c.name);
    expect(cols('BPS_Patients')).toEqual([
      'InternalID',
      'Title',
      'Firstname',
      'Middlename',
      'Surname',
      'Preferredname',
      'Address1',
      'Address2',
      'City',
      'Postcode',
      'PostalAddress',
      'PostalCity',
      'PostalPostcode',
      'DOB',
      'Sex',
      'Gender',
      'Ethnicity',
      'HomePhone',
      'WorkPhone',
      'MobilePhone',
      'Email',
      'MedicareNo',
      'MedicareLineNo',
      'MedicareExpiry',
      'PensionNo',
      'PensionStart',
      'PensionExpiry',
      'PensionType',
      'DVANo',
      'SafetyNetNo',
      'RecordNo',
      'HCHTier',
      'HCHStart',
      'Religion',
      'HealthFundName',
      'HealthFundNo',
      'IHI',
      'UsualDoctor',
      'StatusText',
    ]);
    expect(cols('BPS_Appointments')).toEqual([
      'Patient',
      'InternalID',
      'AppointmentDate',
      'AppointmentTime',
      'AppointmentLength',
      'Provider',
      'Urgent',
      'AppointmentType',
      'Status',
      'ArrivalTime',
      'ConsultationTime',
      'BookedBy',
    ]);
    expect(cols('BPS_Users')).toEqual(['UserID', 'Surname', 'Firstname', 'LocationName', 'Title', 'ProviderNo']);
    expect(cols('BPS_Visits')).toEqual(['InternalID', 'VisitType', 'VisitDate', 'UserID', 'DrName']);
    // The base table keeps Bp's UPPERCASE columns (a client reads FIRSTNAME and InternalID side by side).
    const base = d
      .prepare('SELECT * FROM PATIENTS')
      .columns()
      .map((c) => c.name);
    for (const c of [
      'INTERNALID',
      'FIRSTNAME',
      'SURNAME',
      'DOB',
      'MOBILEPHONE',
      'MEDICARENO',
      'MEDICARELINENO',
      'MedicareExpiry',
      'PensionCode',
      'DVACode',
      'RECORDSTATUS',
      'PATIENTSTATUS',
      'IHISTATUS',
      'IHIVALIDATED',
    ]) {
      expect(base).toContain(c);
    }
    expect(new Set(all(d, 'SELECT DISTINCT StatusText AS s FROM BPS_Patients').map((r) => r.s))).toEqual(
      new Set(['Active', 'Inactive', 'Deceased']),
    );
    expect(new Set(all(d, 'SELECT DISTINCT Status AS s FROM BPS_Appointments').map((r) => r.s))).toEqual(
      new Set(['Booked', 'Waiting', 'With doctor', 'At billing', 'Completed']),
    );
  });

  it('answers the clinical views (DOMAIN.md §9.1) with their exact columns, for live patients, plausibly', () => {
    const d = bp();
    const cols = (view: string) =>
      d
        .prepare(`SELECT * FROM ${view}`)
        .columns()
        .map((c) => c.name);
    expect(cols('BPS_Immunisations')).toEqual(['InternalID', 'GivenDate', 'VaccineName', 'VaccineID']);
    expect(cols('BPS_History')).toEqual(['InternalID', 'Year', 'Condition', 'ConditionID', 'Status']);
    expect(cols('BPS_Investigations')).toEqual([
      'InternalID',
      'ReportID',
      'TestName',
      'Collected',
      'Reported',
      'Checked',
      'Actioned',
      'CheckedBy',
      'Notation',
      'Action',
      'Comment',
    ]);
    expect(cols('BPS_SERVICES')).toEqual(['INTERNALID', 'SERVICEDATE', 'MBSITEM', 'DESCRIPTION']);
    // The documented tables keep their UPPERCASE columns.
    expect(cols('CURRENTRX')).toEqual(expect.arrayContaining(['INTERNALID', 'PRODUCTID', 'DRUGNAME', 'RXSTATUS']));
    expect(cols('OBSERVATIONS')).toEqual(
      expect.arrayContaining(['INTERNALID', 'DATANAME', 'DATACODE', 'DATAVALUE', 'OBSDATE']),
    );
    const live = 'SELECT INTERNALID FROM PATIENTS WHERE RECORDSTATUS = 1';
    for (const [table, key] of [
      ['BPS_Immunisations', 'InternalID'],
      ['BPS_History', 'InternalID'],
      ['BPS_Investigations', 'InternalID'],
      ['CURRENTRX', 'INTERNALID'],
      ['OBSERVATIONS', 'INTERNALID'],
      ['BPS_SERVICES', 'INTERNALID'],
    ] as const) {
      const n = scalar(d, `SELECT COUNT(*) FROM ${table}`) as number;
      expect(n, table).toBeGreaterThan(1000);
      expect(scalar(d, `SELECT COUNT(*) FROM ${table} WHERE ${key} NOT IN (${live})`), table).toBe(0);
    }
    // Vaccines are BPSDrugs products; a medication's name is its product's.
    const drugs = db(open(OnlineSite), 'BPSDrugs');
    const products = new Map(
      all(drugs, 'SELECT PRODUCTID, PRODUCTNAME, ISVACCINE FROM PRODUCT').map((r) => [r.PRODUCTID, r]),
    );
    for (const r of all(d, 'SELECT DISTINCT VaccineID, VaccineName FROM BPS_Immunisations'))
      expect(products.get(r.VaccineID)).toMatchObject({ ISVACCINE: 1 });
    for (const r of all(d, 'SELECT DISTINCT PRODUCTID, DRUGNAME FROM CURRENTRX'))
      expect(products.get(r.PRODUCTID)).toMatchObject({ PRODUCTNAME: r.DRUGNAME, ISVACCINE: 0 });
    expect(new Set(all(d, 'SELECT DISTINCT RXSTATUS AS s FROM CURRENTRX').map((r) => r.s))).toEqual(new Set([1, 2]));
    // Nothing is given before birth; a report is never checked before it is reported.
    expect(
      scalar(
        d,
        'SELECT COUNT(*) FROM BPS_Immunisations i JOIN PATIENTS p ON p.INTERNALID = i.InternalID WHERE i.GivenDate < p.DOB',
      ),
    ).toBe(0);
    expect(
      scalar(d, 'SELECT COUNT(*) FROM BPS_Investigations WHERE Checked <= Reported OR Reported <= Collected'),
    ).toBe(0);
    // Every finished consultation is billed once, with the MBS item its appointment lists.
    expect(
      scalar(
        d,
        'SELECT COUNT(*) FROM APPOINTMENTS a JOIN INVOICES i ON i.INVOICEID = a.RecordID JOIN SERVICES s ON s.INVOICEID = i.INVOICEID WHERE s.MBSITEM <> a.ITEMLIST',
      ),
    ).toBe(0);
    expect(scalar(d, 'SELECT COUNT(*) FROM INVOICES')).toBe(
      scalar(d, 'SELECT COUNT(*) FROM APPOINTMENTS WHERE ITEMLIST IS NOT NULL'),
    );
  });

  it('keeps the storage conventions', () => {
    const d = bp();
    const datetime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
    const midnight = /^\d{4}-\d{2}-\d{2}T00:00:00$/;
    for (const r of all(
      d,
      'SELECT DOB, DATEOFDEATH, PENSIONSTART, PENSIONEXPIRY, HCHSTART, IHIVALIDATED, CREATED, UPDATED FROM PATIENTS',
    )) {
      for (const v of Object.values(r)) if (v !== null) expect(v).toMatch(midnight);
    }
    for (const r of all(d, 'SELECT VisitDate FROM VISITS LIMIT 500')) expect(r.VisitDate).toMatch(datetime);
    const bad = scalar(
      d,
      `SELECT COUNT(*) FROM APPOINTMENTS
       WHERE AppointmentDate NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T00:00:00'
          OR typeof(AppointmentTime) <> 'integer' OR typeof(AppointmentLength) <> 'integer'
          OR AppointmentTime % 900 <> 0 OR AppointmentTime < 28800 OR AppointmentTime + AppointmentLength > 61200
          OR strftime('%w', substr(AppointmentDate, 1, 10)) IN ('0', '6')
          OR AppointmentDate < '2025-01-01' OR AppointmentDate > '2027-12-31T23:59:59'
          OR Urgent NOT IN (0, 1)`,
    );
    expect(bad).toBe(0);
    const overlaps = scalar(
      d,
      `SELECT COUNT(*) FROM APPOINTMENTS a JOIN APPOINTMENTS b
         ON a.UserID = b.UserID AND a.AppointmentDate = b.AppointmentDate AND a.RecordID < b.RecordID
        AND a.AppointmentTime < b.AppointmentTime + b.AppointmentLength
        AND b.AppointmentTime < a.AppointmentTime + a.AppointmentLength`,
    );
    expect(overlaps).toBe(0);
    // The book covers every year, so "today's appointments" finds rows whatever the date.
    for (const y of ['2025', '2026', '2027']) {
      expect(scalar(d, `SELECT COUNT(*) FROM BPS_Appointments WHERE AppointmentDate LIKE '${y}-%'`)).toBeGreaterThan(
        1000,
      );
    }
    // Only live, active patients have appointments.
    expect(
      scalar(
        d,
        'SELECT COUNT(*) FROM APPOINTMENTS a JOIN PATIENTS p ON p.INTERNALID = a.InternalID WHERE p.PATIENTSTATUS <> 1 OR p.RECORDSTATUS <> 1',
      ),
    ).toBe(0);
  });

  it('has valid identifiers, reserved phones, example.com e-mails and real postcodes', () => {
    const d = bp();
    const rows = all(d, 'SELECT * FROM PATIENTS');
    let ihis = 0;
    let medicares = 0;
    const postcodeRange: Record<string, (pc: number) => boolean> = {
      NSW: (pc) => (pc >= 2000 && pc <= 2599) || (pc >= 2619 && pc <= 2899) || (pc >= 2921 && pc <= 2999),
      ACT: (pc) => (pc >= 2600 && pc <= 2618) || (pc >= 2900 && pc <= 2920),
      VIC: (pc) => pc >= 3000 && pc <= 3999,
      QLD: (pc) => pc >= 4000 && pc <= 4999,
      SA: (pc) => pc >= 5000 && pc <= 5799,
      WA: (pc) => pc >= 6000 && pc <= 6797,
      TAS: (pc) => pc >= 7000 && pc <= 7799,
      NT: (pc) => pc >= 800 && pc <= 899,
    };
    for (const r of rows) {
      if (r.IHI !== null) {
        ihis++;
        expect(r.IHI).toMatch(/^800360\d{10}$/);
        expect(isValidIhi(r.IHI as string)).toBe(true);
      }
      if (r.MEDICARENO !== null) {
        medicares++;
        expect(isValidMedicare(r.MEDICARENO as string)).toBe(true);
        expect(isValidMedicare(`${r.MEDICARENO as string}${r.MEDICARELINENO as string}`)).toBe(true);
        expect(r.MedicareExpiry).toMatch(/^(0[1-9]|1[0-2])\/20\d\d$/);
      }
      if (r.DVANO !== null) {
        expect(isValidDva(r.DVANO as string)).toBe(true);
        expect(['DVG', 'DVW', 'DVO']).toContain(r.DVACARDTYPE);
      }
      if (r.MOBILEPHONE) expect(r.MOBILEPHONE).toMatch(/^0491 ?57\d ?\d{3}$/);
      for (const k of ['HOMEPHONE', 'WORKPHONE']) {
        if (r[k] !== null) expect(r[k]).toMatch(/^(0[2378]|\(0[2378]\)) (5550|7010) \d{4}$/);
      }
      if (r.EMAIL !== null) expect(r.EMAIL).toMatch(/^[a-z0-9.]+@example\.com$/);
      if (r.COUNTRY === 'AU') {
        const check = postcodeRange[r.STATE as string];
        expect(check, `state ${String(r.STATE)}`).toBeDefined();
        expect(check?.(Number(r.POSTCODE)), `${String(r.STATE)} ${String(r.POSTCODE)}`).toBe(true);
      }
    }
    expect(ihis).toBeGreaterThan(1500);
    expect(medicares).toBeGreaterThan(1500);
    expect(new Set(rows.map((r) => r.STATE)).size).toBeGreaterThanOrEqual(8);
  });
});

/** A PMS-neutral projection of each PMS's patients, for the realism checks. */
const NEUTRAL: Record<string, { catalogue: string; sql: string }> = {
  BestPractice: {
    catalogue: 'BPSPatients',
    sql: `SELECT FIRSTNAME AS first, SURNAME AS surname, DOB AS dob, DOBPRECISION AS precision,
            CASE PATIENTSTATUS WHEN 1 THEN 'Active' WHEN 2 THEN 'Inactive' ELSE 'Deceased' END AS status,
            DATEOFDEATH AS death, MEDICARENO AS medicare, MOBILEPHONE AS mobile, IHI AS ihi
          FROM PATIENTS WHERE RECORDSTATUS = 1`,
  },
  Zedmed: {
    catalogue: 'Zedmed',
    sql: `SELECT FIRST_NAME AS first, SURNAME AS surname, DATE_OF_BIRTH AS dob, DOB_PRECISION AS precision,
            CASE WHEN IS_DECEASED = 1 THEN 'Deceased' WHEN IS_ACTIVE = 1 THEN 'Active' ELSE 'Inactive' END AS status,
            DATE_OF_DEATH AS death, MEDICARE_NO AS medicare, MOBILE_PHONE AS mobile, IHI AS ihi
          FROM PATIENT WHERE IS_DELETED = 0`,
  },
  D4w: {
    catalogue: 'D4W',
    sql: `SELECT first_name AS first, surname, dob, dob_precision AS precision,
            CASE status WHEN 'active' THEN 'Active' WHEN 'inactive' THEN 'Inactive' ELSE 'Deceased' END AS status,
            date_of_death AS death, medicare_no AS medicare, mobile_phone AS mobile, ihi
          FROM patients WHERE deleted = 0`,
  },
};

describe.each(DEFAULT_SITES.map((s) => [s.key, s] as const))('realism rules on %s', (_key, site) => {
  it('includes every deliberate edge case', () => {
    const spec = NEUTRAL[site.pmsType];
    if (!spec) throw new Error(site.pmsType);
    const rows = all(db(open(site), spec.catalogue), spec.sql);
    expect(rows).toHaveLength(site.patients);
    const yearOnly = rows.filter((r) => r.precision === 'Y');
    const yearMonth = rows.filter((r) => r.precision === 'M');
    expect(yearOnly.length).toBeGreaterThan(0);
    expect(yearMonth.length).toBeGreaterThan(0);
    for (const r of yearOnly) expect(r.dob).toMatch(/^\d{4}-01-01T00:00:00$/);
    for (const r of yearMonth) expect(r.dob).toMatch(/^\d{4}-\d{2}-01T00:00:00$/);
    const names = rows.map((r) => `${String(r.first)} ${String(r.surname)}`);
    expect(names.some((n) => /[\u0080-\uffff]/.test(n))).toBe(true);
    expect(rows.some((r) => String(r.surname).includes('-'))).toBe(true);
    expect(rows.some((r) => String(r.surname).includes("'"))).toBe(true);
    expect(rows.some((r) => r.status === 'Inactive')).toBe(true);
    const deceased = rows.filter((r) => r.status === 'Deceased');
    expect(deceased.length).toBeGreaterThan(0);
    for (const r of deceased) expect(String(r.death) > String(r.dob)).toBe(true);
    expect(rows.filter((r) => r.status !== 'Deceased').every((r) => r.death === null)).toBe(true);
    expect(rows.some((r) => r.medicare === null)).toBe(true);
    expect(rows.some((r) => r.mobile === null || r.mobile === '')).toBe(true);
    expect(rows.some((r) => r.ihi === null)).toBe(true);
    // A cluster of shared surnames, and whole names that repeat (for sort tie-breaks).
    const bySurname = new Map<string, number>();
    for (const r of rows) bySurname.set(String(r.surname), (bySurname.get(String(r.surname)) ?? 0) + 1);
    expect(Math.max(...bySurname.values())).toBeGreaterThanOrEqual(Math.max(4, Math.floor(site.patients / 100)));
    expect(new Set(names).size).toBeLessThan(names.length);
  });
});

describe('the 2,000-patient site has the full spread', () => {
  it('has both NULL and empty mobiles, accented and apostrophe names, and overseas visitors', () => {
    const d = bp();
    expect(scalar(d, 'SELECT COUNT(*) FROM PATIENTS WHERE MOBILEPHONE IS NULL')).toBeGreaterThan(0);
    expect(scalar(d, "SELECT COUNT(*) FROM PATIENTS WHERE MOBILEPHONE = ''")).toBeGreaterThan(0);
    const names = all(d, "SELECT FIRSTNAME || ' ' || SURNAME AS n FROM PATIENTS").map((r) => String(r.n));
    for (const probe of [/[ëéèíñóüç]/, /O'|D'/, /-/]) expect(names.some((n) => probe.test(n))).toBe(true);
    expect(scalar(d, "SELECT COUNT(*) FROM PATIENTS WHERE COUNTRY <> 'AU'")).toBeGreaterThan(0);
    expect(scalar(d, 'SELECT COUNT(*) FROM PATIENTS WHERE DVANO IS NOT NULL')).toBeGreaterThan(0);
    expect(scalar(d, 'SELECT COUNT(*) FROM BPS_Patients WHERE PensionType IS NOT NULL')).toBeGreaterThan(0);
  });
});

describe('other catalogues and PMSs', () => {
  it('seeds BPSDrugs with a small reference set', () => {
    const drugs = db(open(OnlineSite), 'BPSDrugs');
    const products = scalar(drugs, 'SELECT COUNT(*) FROM PRODUCT') as number;
    const vd = scalar(drugs, 'SELECT COUNT(*) FROM VACCINE_DISEASE') as number;
    expect(products + vd).toBeGreaterThanOrEqual(40);
    expect(products + vd).toBeLessThanOrEqual(80);
    expect(
      scalar(
        drugs,
        'SELECT COUNT(*) FROM VACCINE_DISEASE vd LEFT JOIN PRODUCT p ON p.PRODUCTID = vd.VACCINEID WHERE p.ISVACCINE IS NOT 1',
      ),
    ).toBe(0);
  });

  it('seeds Zedmed and its audit catalogue', () => {
    const m = open(ZedmedSite);
    const z = db(m, 'Zedmed');
    expect(scalar(z, 'SELECT COUNT(*) FROM PATIENT WHERE IS_DELETED = 0')).toBe(ZedmedSite.patients);
    expect(scalar(z, 'SELECT COUNT(*) FROM APPOINTMENT')).toBeGreaterThan(500);
    expect(scalar(z, 'SELECT COUNT(*) FROM DOCTOR WHERE IS_PROVIDER = 1 AND PROVIDER_NO IS NOT NULL')).toBeGreaterThan(
      3,
    );
    expect(scalar(db(m, 'ZedmedAudit'), "SELECT COUNT(*) FROM AUDIT_LOG WHERE ACTION = 'I'")).toBe(
      scalar(z, 'SELECT COUNT(*) FROM PATIENT'),
    );
  });

  it('seeds D4w with providers, appointments and treatments', () => {
    const d = db(open(D4wSite), 'D4W');
    expect(scalar(d, 'SELECT COUNT(*) FROM patients WHERE deleted = 0')).toBe(D4wSite.patients);
    expect(scalar(d, "SELECT COUNT(*) FROM providers WHERE role = 'Dentist'")).toBeGreaterThan(0);
    expect(scalar(d, 'SELECT COUNT(*) FROM appointments')).toBeGreaterThan(500);
    expect(
      scalar(
        d,
        'SELECT COUNT(*) FROM treatments t LEFT JOIN treatment_items i ON i.item_code = t.item_code WHERE i.item_code IS NULL',
      ),
    ).toBe(0);
    expect(scalar(d, "SELECT COUNT(*) FROM treatments WHERE status = 'completed'")).toBeGreaterThan(0);
  });
});

describe('opening and caching', () => {
  it('re-opens every default site from its cached image with the same data as a fresh seed', () => {
    // Seeding speed is measured in bench/, not asserted here.
    const dump = (d: Database.Database) =>
      (d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>)
        .map(({ name }) => JSON.stringify(d.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()))
        .join('\n');
    for (const site of DEFAULT_SITES) {
      clearSiteDatabaseCache();
      const fresh = openSiteDatabases(site);
      const cached = openSiteDatabases(site);
      for (const [name, d] of fresh) expect(dump(cached.get(name)!), `${site.key}/${name}`).toBe(dump(d));
      closeAll(fresh);
      closeAll(cached);
    }
  });

  it('returns independent, writable databases (BP_AddAppointment-style insert)', () => {
    const a = db(open(OnlineSite), 'BPSPatients');
    const b = db(open(OnlineSite), 'BPSPatients');
    expect(a).not.toBe(b);
    const before = scalar(b, 'SELECT COUNT(*) FROM APPOINTMENTS') as number;
    const res = a
      .prepare(
        'INSERT INTO APPOINTMENTS (AppointmentDate, AppointmentTime, AppointmentLength, UserID, InternalID, LocationID) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run('2026-03-02T00:00:00', 29700, 900, 1, 5, 1);
    const id = Number(res.lastInsertRowid);
    expect(id).toBe(before + 1);
    const row = a
      .prepare(
        "SELECT * FROM BPS_Appointments WHERE InternalID = 5 AND AppointmentDate = '2026-03-02T00:00:00' AND AppointmentTime = 29700",
      )
      .get() as Row | undefined;
    expect(row).toMatchObject({
      Status: 'Booked',
      Urgent: 'No',
      AppointmentType: 'Standard',
      ArrivalTime: 0,
      ConsultationTime: 0,
    });
    expect(scalar(b, 'SELECT COUNT(*) FROM APPOINTMENTS')).toBe(before);
    expect(scalar(bp(), 'SELECT COUNT(*) FROM APPOINTMENTS')).toBe(before);
  });

  it('closeAll closes every handle and empties the map', () => {
    const m = openSiteDatabases(OnlineSite);
    const handles = [...m.values()];
    closeAll(m);
    expect(m.size).toBe(0);
    for (const h of handles) expect(h.open).toBe(false);
    expect(() => closeAll(m)).not.toThrow();
  });
});
