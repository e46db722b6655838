import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSiteDatabases } from '../src/db/open-site-database.js';
import { OnlineSite, ZedmedSite } from '../src/fixtures.js';
import { type ExecuteOptions, executeCommand } from '../src/sql/execute.js';
import { translateBatch } from '../src/sql/translate.js';
import { type CommandParameter, type ExecutionResult, type SqlCommand, SqlExecutionError } from '../src/sql/types.js';

// 2025-03-04 09:30 in Sydney (AEDT, UTC+11): a Tuesday.
const NOW = new Date('2025-03-03T22:30:00Z');
const OPTIONS: ExecuteOptions = { errorType: 'mssql', now: () => NOW };

/**
 * A small Best Practice database with the seeded schema's names and storage conventions (dates as
 * `YYYY-MM-DDTHH:mm:ss` TEXT, times as seconds), and rows whose answers are known by hand.
 */
function createFixtureDb(): Database.Database {
  const db = new Database(':memory:');
  db.exec(`
    CREATE TABLE TITLES (TitleCode INTEGER PRIMARY KEY, Title TEXT NOT NULL);
    CREATE TABLE PATIENTSTATUS (PatientStatusCode INTEGER PRIMARY KEY, StatusText TEXT NOT NULL);
    CREATE TABLE AppointmentCodes (AppointmentCode INTEGER PRIMARY KEY, Description TEXT NOT NULL);
    CREATE TABLE AppointmentTypes (AppointmentCode INTEGER PRIMARY KEY, Description TEXT NOT NULL);
    CREATE TABLE LOCATIONS (LocationID INTEGER PRIMARY KEY, LocationName TEXT NOT NULL);
    CREATE TABLE USERS (
      UserID INTEGER PRIMARY KEY, TitleCode INTEGER, Firstname TEXT NOT NULL, Surname TEXT NOT NULL, ProviderNo TEXT,
      LocationID INTEGER NOT NULL DEFAULT 1, IsProvider INTEGER NOT NULL DEFAULT 0, RecordStatus INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE PATIENTS (
      INTERNALID INTEGER PRIMARY KEY, TITLECODE INTEGER, FIRSTNAME TEXT NOT NULL, SURNAME TEXT NOT NULL, DOB TEXT,
      SEX TEXT, HOMEPHONE TEXT, MOBILEPHONE TEXT, EMAIL TEXT, MEDICARENO TEXT, MEDICARELINENO TEXT, IHI TEXT,
      PATIENTSTATUS INTEGER NOT NULL DEFAULT 1, RECORDSTATUS INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE APPOINTMENTS (
      RecordID INTEGER PRIMARY KEY, InternalID INTEGER NOT NULL, AppointmentDate TEXT NOT NULL,
      AppointmentTime INTEGER NOT NULL, AppointmentLength INTEGER NOT NULL DEFAULT 900, UserID INTEGER NOT NULL,
      LocationID INTEGER NOT NULL DEFAULT 1, CreatedBy INTEGER, AppointmentCode INTEGER NOT NULL DEFAULT 1,
      AppointmentType INTEGER NOT NULL DEFAULT 1, Urgent INTEGER NOT NULL DEFAULT 0, ArrivalTime INTEGER NOT NULL DEFAULT 0,
      ConsultationTime INTEGER NOT NULL DEFAULT 0, COMMENT TEXT, RecordStatus INTEGER NOT NULL DEFAULT 1, Created TEXT
    );
    CREATE VIEW BPS_Patients AS
      SELECT p.INTERNALID AS InternalID, t.Title AS Title, p.FIRSTNAME AS Firstname, p.SURNAME AS Surname, p.DOB AS DOB,
        p.SEX AS Sex, p.HOMEPHONE AS HomePhone, p.MOBILEPHONE AS MobilePhone, p.EMAIL AS Email, p.MEDICARENO AS MedicareNo,
        p.MEDICARELINENO AS MedicareLineNo, p.IHI AS IHI, ps.StatusText AS StatusText
      FROM PATIENTS p LEFT JOIN TITLES t ON t.TitleCode = p.TITLECODE
      LEFT JOIN PATIENTSTATUS ps ON ps.PatientStatusCode = p.PATIENTSTATUS
      WHERE p.RECORDSTATUS = 1;
    CREATE VIEW BPS_Appointments AS
      SELECT TRIM(COALESCE(pt.Title || ' ', '') || p.FIRSTNAME || ' ' || p.SURNAME) AS Patient, a.InternalID AS InternalID,
        a.AppointmentDate AS AppointmentDate, a.AppointmentTime AS AppointmentTime, a.AppointmentLength AS AppointmentLength,
        TRIM(COALESCE(ut.Title || ' ', '') || u.Firstname || ' ' || u.Surname) AS Provider, ac.Description AS Status
      FROM APPOINTMENTS a LEFT JOIN PATIENTS p ON p.INTERNALID = a.InternalID LEFT JOIN TITLES pt ON pt.TitleCode = p.TITLECODE
      LEFT JOIN USERS u ON u.UserID = a.UserID LEFT JOIN TITLES ut ON ut.TitleCode = u.TitleCode
      LEFT JOIN AppointmentCodes ac ON ac.AppointmentCode = a.AppointmentCode
      WHERE a.RecordStatus = 1;
    CREATE VIEW BPS_Users AS
      SELECT u.UserID AS UserID, u.Surname AS Surname, u.Firstname AS Firstname, l.LocationName AS LocationName,
        t.Title AS Title, u.ProviderNo AS ProviderNo
      FROM USERS u LEFT JOIN LOCATIONS l ON l.LocationID = u.LocationID LEFT JOIN TITLES t ON t.TitleCode = u.TitleCode
      WHERE u.RecordStatus = 1;

    INSERT INTO TITLES VALUES (1, 'Mr'), (2, 'Ms'), (3, 'Dr');
    INSERT INTO PATIENTSTATUS VALUES (1, 'Active'), (2, 'Inactive'), (3, 'Deceased');
    INSERT INTO AppointmentCodes VALUES (1, 'Booked'), (2, 'Waiting'), (5, 'Completed');
    INSERT INTO AppointmentTypes VALUES (1, 'Standard');
    INSERT INTO LOCATIONS VALUES (1, 'Main Surgery');
    INSERT INTO USERS (UserID, TitleCode, Firstname, Surname, ProviderNo, IsProvider) VALUES
      (1, 3, 'Ann', 'Lee', '2123456A', 1), (2, 3, 'Bob', 'Ng', '2234567B', 1), (3, NULL, 'Rita', 'Desk', NULL, 0);
    INSERT INTO PATIENTS (INTERNALID, TITLECODE, FIRSTNAME, SURNAME, DOB, SEX, HOMEPHONE, MOBILEPHONE, EMAIL, MEDICARENO,
        MEDICARELINENO, IHI, PATIENTSTATUS, RECORDSTATUS) VALUES
      (1, 1, 'John', 'Smith', '1980-01-01T00:00:00', 'Male', NULL, '0491 570 001', 'john@example.com', '2123456701', '1', '8003608166690503', 1, 1),
      (2, 2, 'Jane', 'Smithers', '1999-12-31T00:00:00', 'Female', '(02) 5550 1234', NULL, NULL, NULL, NULL, NULL, 1, 1),
      (3, 2, 'Mary', 'O''Brien', '2000-02-29T00:00:00', 'Female', NULL, '', NULL, NULL, NULL, NULL, 1, 1),
      (4, 2, 'Zoë', 'Nguyen', '1950-06-15T00:00:00', 'Female', NULL, '0491 570 004', NULL, NULL, NULL, NULL, 2, 1),
      (5, 1, 'Del', 'Eted', '1970-01-01T00:00:00', 'Male', NULL, NULL, NULL, NULL, NULL, NULL, 1, 0);
    INSERT INTO APPOINTMENTS (RecordID, InternalID, AppointmentDate, AppointmentTime, AppointmentLength, UserID, AppointmentCode, RecordStatus) VALUES
      (1, 1, '2025-03-04T00:00:00', 32400, 900, 1, 1, 1),
      (2, 2, '2025-03-04T00:00:00', 28800, 900, 2, 5, 1),
      (3, 3, '2025-03-06T00:00:00', 36000, 1800, 1, 1, 1),
      (4, 1, '2025-03-11T00:00:00', 32400, 900, 2, 1, 1),
      (5, 3, '2025-03-03T00:00:00', 32400, 900, 1, 5, 1),
      (6, 2, '2025-03-04T00:00:00', 30000, 900, 1, 1, 0);
  `);
  return db;
}

function run(
  db: Database.Database,
  command: SqlCommand | string,
  options: Partial<ExecuteOptions> = {},
): ExecutionResult {
  return executeCommand(db, typeof command === 'string' ? { text: command } : command, { ...OPTIONS, ...options });
}

function scalar(db: Database.Database, text: string, parameters?: CommandParameter[]): unknown {
  const result = run(db, { text, executionMode: 'scalar', parameters });
  const row = result.rows[0];
  return row ? Object.values(row)[0] : undefined;
}

/** The SqlExecutionError a command fails with (fails the test if it succeeds or throws something else). */
function failure(
  db: Database.Database,
  command: SqlCommand | string,
  options: Partial<ExecuteOptions> = {},
): SqlExecutionError {
  try {
    run(db, command, options);
  } catch (e) {
    if (e instanceof SqlExecutionError) return e;
    throw e;
  }
  throw new Error('expected the command to fail');
}

const column = (result: ExecutionResult, name: string): unknown[] => result.rows.map((r) => r[name]);

const SAMPLE = {
  activePage: `SELECT TOP 50 InternalID, Title, Firstname, Surname, DOB, Sex, MobilePhone, Email
FROM BPS_Patients
WHERE StatusText = 'Active'
ORDER BY InternalID DESC`,
  byNameDob: `SELECT InternalID, Firstname, Surname, DOB, MedicareNo, MedicareLineNo, IHI
FROM BPS_Patients
WHERE Surname = @surname AND Firstname = @firstname AND DOB = @dob`,
  bracketed: `SELECT [InternalID], [Firstname], [Surname] FROM [dbo].[BPS_Patients] WHERE [Surname] LIKE @prefix + '%'`,
  today: `SELECT a.InternalID, a.Patient, a.Provider, a.AppointmentTime, a.AppointmentLength, a.Status
FROM BPS_Appointments a
WHERE a.AppointmentDate = CONVERT(date, GETDATE())
ORDER BY a.AppointmentTime`,
  perProvider: `SELECT Provider, COUNT(*) AS Booked
FROM BPS_Appointments
WHERE AppointmentDate >= CONVERT(date, GETDATE()) AND AppointmentDate < DATEADD(day, 7, CONVERT(date, GETDATE()))
GROUP BY Provider`,
  noMobile: `SELECT InternalID, Firstname, Surname, ISNULL(HomePhone, '') AS Phone
FROM BPS_Patients
WHERE MobilePhone IS NULL OR LEN(MobilePhone) = 0`,
  ages: `SELECT TOP 10 InternalID, Surname, DATEDIFF(year, DOB, GETDATE()) AS Age FROM BPS_Patients ORDER BY DOB`,
  count: `SELECT COUNT(*) AS n FROM BPSPatients.dbo.BPS_Patients`,
  baseTable: `SELECT TOP 20 INTERNALID, FIRSTNAME, SURNAME, DOB, MEDICARENO FROM PATIENTS WHERE RECORDSTATUS = 1`,
  scalarUsers: `SELECT COUNT(*) FROM BPS_Users`,
} as const;

const returnValue: CommandParameter = { name: '@RETURN_VALUE', direction: 'returnValue', type: 'Int' };

function addAppointmentParameters(patientId: number, practitionerId: number, date = '2025-03-05'): CommandParameter[] {
  return [
    { name: '@aptdate', direction: 'input', type: 'Date', value: date },
    { name: '@apttime', direction: 'input', type: 'Int', value: '29700' },
    { name: '@aptlen', direction: 'input', type: 'Int', value: '900' },
    { name: '@practitionerid', direction: 'input', type: 'Int', value: String(practitionerId) },
    { name: '@patientid', direction: 'input', type: 'Int', value: String(patientId) },
    { name: '@locationid', direction: 'input', type: 'Int', value: '1' },
    returnValue,
  ];
}

describe('sample queries on a fixture database', () => {
  const db = createFixtureDb();
  afterAll(() => db.close());

  it('should return a page of active patients with the selected columns, newest first', () => {
    const r = run(db, SAMPLE.activePage);
    expect(r.columns).toEqual(['InternalID', 'Title', 'Firstname', 'Surname', 'DOB', 'Sex', 'MobilePhone', 'Email']);
    expect(column(r, 'InternalID')).toEqual([3, 2, 1]);
    expect(r.rows[2]).toEqual({
      InternalID: 1,
      Title: 'Mr',
      Firstname: 'John',
      Surname: 'Smith',
      DOB: '1980-01-01T00:00:00',
      Sex: 'Male',
      MobilePhone: '0491 570 001',
      Email: 'john@example.com',
    });
  });

  it('should look a patient up by name and a Date-typed date of birth', () => {
    const r = run(db, {
      text: SAMPLE.byNameDob,
      parameters: [
        { name: '@surname', direction: 'input', type: 'VarChar', value: 'Smith' },
        { name: '@firstname', direction: 'input', type: 'VarChar', value: 'John' },
        { name: '@dob', direction: 'input', type: 'Date', value: '1980-01-01' },
      ],
    });
    expect(r.columns).toEqual(['InternalID', 'Firstname', 'Surname', 'DOB', 'MedicareNo', 'MedicareLineNo', 'IHI']);
    expect(r.rows).toEqual([
      {
        InternalID: 1,
        Firstname: 'John',
        Surname: 'Smith',
        DOB: '1980-01-01T00:00:00',
        MedicareNo: '2123456701',
        MedicareLineNo: '1',
        IHI: '8003608166690503',
      },
    ]);
  });

  it('should run the bracketed, schema-qualified prefix search', () => {
    const r = run(db, { text: SAMPLE.bracketed, parameters: [{ name: '@prefix', type: 'VarChar', value: 'Smi' }] });
    expect(r.columns).toEqual(['InternalID', 'Firstname', 'Surname']);
    expect(column(r, 'InternalID')).toEqual([1, 2]);
  });

  it("should list today's appointments by time, hiding cancelled ones", () => {
    const r = run(db, SAMPLE.today);
    expect(r.columns).toEqual(['InternalID', 'Patient', 'Provider', 'AppointmentTime', 'AppointmentLength', 'Status']);
    expect(r.rows).toEqual([
      {
        InternalID: 2,
        Patient: 'Ms Jane Smithers',
        Provider: 'Dr Bob Ng',
        AppointmentTime: 28800,
        AppointmentLength: 900,
        Status: 'Completed',
      },
      {
        InternalID: 1,
        Patient: 'Mr John Smith',
        Provider: 'Dr Ann Lee',
        AppointmentTime: 32400,
        AppointmentLength: 900,
        Status: 'Booked',
      },
    ]);
  });

  it('should count the next 7 days of appointments per provider', () => {
    const r = run(db, SAMPLE.perProvider);
    expect(r.columns).toEqual(['Provider', 'Booked']);
    expect(r.rows).toEqual([
      { Provider: 'Dr Ann Lee', Booked: 2 },
      { Provider: 'Dr Bob Ng', Booked: 1 },
    ]);
  });

  it('should find patients without a mobile (NULL or empty) with ISNULL and LEN', () => {
    const r = run(db, SAMPLE.noMobile);
    expect(r.columns).toEqual(['InternalID', 'Firstname', 'Surname', 'Phone']);
    expect(r.rows).toEqual([
      { InternalID: 2, Firstname: 'Jane', Surname: 'Smithers', Phone: '(02) 5550 1234' },
      { InternalID: 3, Firstname: 'Mary', Surname: "O'Brien", Phone: '' },
    ]);
  });

  it('should compute ages with DATEDIFF(year, …) against GETDATE()', () => {
    const r = run(db, SAMPLE.ages);
    expect(r.columns).toEqual(['InternalID', 'Surname', 'Age']);
    expect(r.rows).toEqual([
      { InternalID: 4, Surname: 'Nguyen', Age: 75 },
      { InternalID: 1, Surname: 'Smith', Age: 45 },
      { InternalID: 2, Surname: 'Smithers', Age: 26 },
      { InternalID: 3, Surname: "O'Brien", Age: 25 },
    ]);
  });

  it('should count through the fully qualified BPSPatients.dbo. name', () => {
    expect(run(db, SAMPLE.count)).toMatchObject({ columns: ['n'], rows: [{ n: 4 }] });
  });

  it('should read the base table with its UPPERCASE columns', () => {
    const r = run(db, SAMPLE.baseTable);
    expect(r.columns).toEqual(['INTERNALID', 'FIRSTNAME', 'SURNAME', 'DOB', 'MEDICARENO']);
    expect(column(r, 'INTERNALID')).toEqual([1, 2, 3, 4]);
  });

  it("should return an unnamed scalar under the key ''", () => {
    expect(run(db, { text: SAMPLE.scalarUsers, executionMode: 'scalar' })).toEqual({
      mode: 'scalar',
      columns: [''],
      rows: [{ '': 3 }],
      outputParameters: [],
    });
  });
});

describe('sample queries on the seeded OnlineSite database', () => {
  let dbs: Map<string, Database.Database>;
  let db: Database.Database;
  beforeAll(() => {
    dbs = openSiteDatabases(OnlineSite);
    db = dbs.get('BPSPatients')!;
  });
  afterAll(() => {
    for (const d of dbs.values()) d.close();
  });
  const direct = <T>(sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[];

  it('should page active patients exactly as a direct query does', () => {
    const r = run(db, SAMPLE.activePage);
    expect(r.columns).toEqual(['InternalID', 'Title', 'Firstname', 'Surname', 'DOB', 'Sex', 'MobilePhone', 'Email']);
    const expected = direct<{ id: number }>(
      "SELECT InternalID AS id FROM BPS_Patients WHERE StatusText = 'Active' ORDER BY InternalID DESC LIMIT 50",
    );
    expect(r.rows).toHaveLength(50);
    expect(column(r, 'InternalID')).toEqual(expected.map((e) => e.id));
  });

  it('should find a seeded patient by name and date of birth', () => {
    const [p] = direct<{ id: number; f: string; s: string; dob: string }>(
      'SELECT InternalID AS id, Firstname AS f, Surname AS s, DOB AS dob FROM BPS_Patients WHERE InternalID = 42',
    );
    const r = run(db, {
      text: SAMPLE.byNameDob,
      parameters: [
        { name: '@surname', type: 'NVarChar', value: p!.s },
        { name: '@firstname', type: 'NVarChar', value: p!.f },
        { name: '@dob', type: 'DateTime', value: p!.dob.slice(0, 10) },
      ],
    });
    expect(r.columns).toEqual(['InternalID', 'Firstname', 'Surname', 'DOB', 'MedicareNo', 'MedicareLineNo', 'IHI']);
    expect(column(r, 'InternalID')).toContain(42);
  });

  it('should give the same rows for the bracketed and the plain prefix search', () => {
    const parameters = [{ name: '@prefix', type: 'VarChar', value: 'Smi' }];
    const bracketed = run(db, { text: SAMPLE.bracketed, parameters });
    const plain = run(db, {
      text: "SELECT InternalID, Firstname, Surname FROM BPS_Patients WHERE Surname LIKE @prefix + '%'",
      parameters,
    });
    const expected = direct<{ id: number }>("SELECT InternalID AS id FROM BPS_Patients WHERE Surname LIKE 'Smi%'");
    expect(bracketed.rows.length).toBeGreaterThan(0);
    expect(bracketed.rows).toEqual(plain.rows);
    // No ORDER BY: compare as sets.
    const sorted = (ids: unknown[]) => [...ids].sort((a, b) => Number(a) - Number(b));
    expect(sorted(column(bracketed, 'InternalID'))).toEqual(sorted(expected.map((e) => e.id)));
  });

  it("should list the simulated day's appointments", () => {
    const r = run(db, SAMPLE.today);
    const expected = direct<{ t: number; id: number }>(
      "SELECT AppointmentTime AS t, InternalID AS id FROM BPS_Appointments WHERE AppointmentDate = '2025-03-04T00:00:00' ORDER BY AppointmentTime",
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(r.rows.map((row) => row['AppointmentTime'])).toEqual(expected.map((e) => e.t));
    expect(new Set(column(r, 'InternalID'))).toEqual(new Set(expected.map((e) => e.id)));
  });

  it('should count appointments per provider like a direct GROUP BY', () => {
    const r = run(db, SAMPLE.perProvider);
    const expected = direct<{ Provider: string; Booked: number }>(
      "SELECT Provider, COUNT(*) AS Booked FROM BPS_Appointments WHERE AppointmentDate >= '2025-03-04T00:00:00' AND AppointmentDate < '2025-03-11T00:00:00' GROUP BY Provider",
    );
    expect(r.columns).toEqual(['Provider', 'Booked']);
    expect(r.rows).toEqual(expected);
  });

  it('should find the patients with no mobile, including the empty-string ones', () => {
    const r = run(db, SAMPLE.noMobile);
    const expected = direct<{ id: number }>(
      "SELECT InternalID AS id FROM BPS_Patients WHERE MobilePhone IS NULL OR MobilePhone = ''",
    );
    expect(r.columns).toEqual(['InternalID', 'Firstname', 'Surname', 'Phone']);
    expect(column(r, 'InternalID')).toEqual(expected.map((e) => e.id));
    expect(r.rows.every((row) => typeof row['Phone'] === 'string')).toBe(true);
  });

  it('should compute the oldest patients’ ages as year boundaries crossed', () => {
    const r = run(db, SAMPLE.ages);
    expect(r.columns).toEqual(['InternalID', 'Surname', 'Age']);
    expect(r.rows).toHaveLength(10);
    const dobs = direct<{ id: number; dob: string }>(
      'SELECT InternalID AS id, DOB AS dob FROM BPS_Patients ORDER BY DOB LIMIT 10',
    );
    expect(r.rows.map((row) => row['Age'])).toEqual(dobs.map((d) => 2025 - Number(d.dob.slice(0, 4))));
  });

  it('should count patients through BPSPatients.dbo.BPS_Patients', () => {
    const [{ n }] = direct<{ n: number }>('SELECT COUNT(*) AS n FROM BPS_Patients') as [{ n: number }];
    expect(n).toBe(OnlineSite.patients);
    expect(run(db, SAMPLE.count).rows).toEqual([{ n }]);
  });

  it('should read 20 live rows of the PATIENTS base table', () => {
    const r = run(db, SAMPLE.baseTable);
    expect(r.columns).toEqual(['INTERNALID', 'FIRSTNAME', 'SURNAME', 'DOB', 'MEDICARENO']);
    expect(r.rows).toHaveLength(20);
  });

  it('should return the user count as a scalar', () => {
    const [{ n }] = direct<{ n: number }>('SELECT COUNT(*) AS n FROM BPS_Users') as [{ n: number }];
    expect(run(db, { text: SAMPLE.scalarUsers, executionMode: 'scalar' }).rows).toEqual([{ '': n }]);
  });

  it('should book an appointment with BP_AddAppointment and return its id', () => {
    const [{ max }] = direct<{ max: number }>('SELECT MAX(RecordID) AS max FROM APPOINTMENTS') as [{ max: number }];
    const r = run(db, {
      text: 'BP_AddAppointment',
      type: 'storedProcedure',
      executionMode: 'nonQuery',
      parameters: addAppointmentParameters(7, 1),
    });
    expect(r.outputParameters).toEqual([{ ...returnValue, value: String(max + 1) }]);
    expect(
      direct(
        'SELECT InternalID, AppointmentDate, AppointmentTime, UserID FROM APPOINTMENTS WHERE RecordID = ?',
        max + 1,
      ),
    ).toEqual([{ InternalID: 7, AppointmentDate: '2025-03-05T00:00:00', AppointmentTime: 29700, UserID: 1 }]);
  });
});

describe('T-SQL idioms', () => {
  const db = createFixtureDb();
  afterAll(() => db.close());

  it('should return n rows for TOP n, TOP(n) and TOP (@n)', () => {
    expect(run(db, 'SELECT TOP 2 InternalID FROM BPS_Patients ORDER BY InternalID').rows).toEqual([
      { InternalID: 1 },
      { InternalID: 2 },
    ]);
    expect(run(db, 'SELECT TOP(3) InternalID FROM BPS_Patients').rows).toHaveLength(3);
    const r = run(db, {
      text: 'SELECT TOP (@n) InternalID FROM BPS_Patients ORDER BY InternalID DESC',
      parameters: [{ name: '@n', type: 'Int', value: '1' }],
    });
    expect(r.rows).toEqual([{ InternalID: 4 }]);
  });

  it('should give the same rows for bracketed and schema-qualified names as for plain ones', () => {
    const plain = run(db, 'SELECT InternalID, Surname FROM BPS_Patients ORDER BY InternalID');
    for (const name of [
      '[BPS_Patients]',
      'dbo.BPS_Patients',
      '[dbo].[BPS_Patients]',
      'BPSPatients.dbo.BPS_Patients',
      '[BPSPatients].[dbo].[BPS_Patients]',
    ]) {
      expect(run(db, `SELECT [InternalID], [Surname] FROM ${name} ORDER BY [InternalID]`)).toEqual(plain);
    }
  });

  it('should keep aliases and casing exactly as selected', () => {
    const r = run(
      db,
      'SELECT p.internalid, p.SURNAME AS [Family Name], UPPER(Firstname) AS upper_first, LEN(Surname) FROM BPS_Patients p WHERE p.InternalID = 1',
    );
    expect(r.columns).toEqual(['internalid', 'Family Name', 'upper_first', '']);
    expect(r.rows).toEqual([{ internalid: 1, 'Family Name': 'Smith', upper_first: 'JOHN', '': 5 }]);
  });

  it('should concatenate strings with + and add numbers with +', () => {
    expect(run(db, "SELECT Firstname + ' ' + Surname AS FullName FROM BPS_Patients WHERE InternalID = 1").rows).toEqual(
      [{ FullName: 'John Smith' }],
    );
    expect(scalar(db, "SELECT InternalID + '1' FROM BPS_Patients WHERE InternalID = 1")).toBe(2);
    expect(scalar(db, 'SELECT 1 + 2')).toBe(3);
    expect(scalar(db, "SELECT 'a' + NULL")).toBeNull();
    const r = run(db, {
      text: "SELECT Surname FROM BPS_Patients WHERE Surname LIKE '%' + @middle + '%' ORDER BY Surname",
      parameters: [{ name: '@middle', type: 'NVarChar', value: 'mith' }],
    });
    expect(column(r, 'Surname')).toEqual(['Smith', 'Smithers']);
    const parameters = [{ name: '@middle', type: 'NVarChar', value: 'ith' }];
    expect(
      column(
        run(db, { text: "SELECT Surname FROM BPS_Patients WHERE Surname NOT LIKE N'%' + @middle + '%'", parameters }),
        'Surname',
      ),
    ).toEqual(["O'Brien", 'Nguyen']);
    const flagged = run(db, {
      text: "SELECT CASE WHEN Surname LIKE '%' + @middle THEN 1 ELSE 0 END AS f FROM BPS_Patients ORDER BY InternalID",
      parameters,
    });
    expect(column(flagged, 'f')).toEqual([1, 0, 0, 0]);
  });

  it('should match ISO date literals and string parameters against stored datetimes', () => {
    expect(column(run(db, "SELECT InternalID FROM BPS_Patients WHERE DOB = '1980-01-01'"), 'InternalID')).toEqual([1]);
    expect(
      column(
        run(db, "SELECT InternalID FROM BPS_Patients WHERE DOB BETWEEN '1999-01-01' AND '2000-12-31 23:59' ORDER BY 1"),
        'InternalID',
      ),
    ).toEqual([2, 3]);
    const r = run(db, {
      text: 'SELECT InternalID FROM BPS_Patients WHERE DOB = @dob',
      parameters: [{ name: '@dob', type: 'VarChar', value: '1999-12-31' }],
    });
    expect(column(r, 'InternalID')).toEqual([2]);
  });

  it('should run IN, IS NULL, joins with aliases, GROUP BY / HAVING, subqueries and CASE', () => {
    expect(
      column(
        run(db, 'SELECT InternalID FROM BPS_Patients WHERE InternalID IN (1, 3) ORDER BY InternalID'),
        'InternalID',
      ),
    ).toEqual([1, 3]);
    expect(column(run(db, 'SELECT InternalID FROM BPS_Patients WHERE Email IS NOT NULL'), 'InternalID')).toEqual([1]);
    const joined = run(
      db,
      `SELECT p.Surname, COUNT(*) AS Visits FROM APPOINTMENTS a
      INNER JOIN PATIENTS AS p ON p.INTERNALID = a.InternalID WHERE a.RecordStatus = 1
      GROUP BY p.SURNAME HAVING COUNT(*) > 1 ORDER BY p.SURNAME`,
    );
    expect(joined.rows).toEqual([
      { Surname: "O'Brien", Visits: 2 },
      { Surname: 'Smith', Visits: 2 },
    ]);
    const sub = run(
      db,
      "SELECT InternalID, CASE WHEN InternalID IN (SELECT InternalID FROM BPS_Appointments) THEN 'Y' ELSE 'N' END AS Booked FROM BPS_Patients ORDER BY InternalID",
    );
    expect(column(sub, 'Booked')).toEqual(['Y', 'Y', 'Y', 'N']);
    expect(run(db, 'SELECT DISTINCT Sex FROM BPS_Patients ORDER BY Sex').rows).toEqual([
      { Sex: 'Female' },
      { Sex: 'Male' },
    ]);
    expect(
      column(
        run(db, 'SELECT InternalID FROM BPS_Patients ORDER BY InternalID OFFSET 1 ROWS FETCH NEXT 2 ROWS ONLY'),
        'InternalID',
      ),
    ).toEqual([2, 3]);
  });

  it.each([
    ["DATEADD(day, 7, '2025-03-04')", '2025-03-11T00:00:00'],
    ["DATEADD(dd, -4, '2025-03-04')", '2025-02-28T00:00:00'],
    ["DATEADD(month, 1, '2025-01-31')", '2025-02-28T00:00:00'],
    ["DATEADD(month, 1, '2024-01-31')", '2024-02-29T00:00:00'],
    ["DATEADD(year, -1, '2024-02-29')", '2023-02-28T00:00:00'],
    ["DATEADD(hour, 25, '2025-03-04T10:00:00')", '2025-03-05T11:00:00'],
    ["DATEADD(minute, -30, '2025-03-04 00:10')", '2025-03-03T23:40:00'],
    ["DATEADD(week, 2, '2025-12-25')", '2026-01-08T00:00:00'],
    ["DATEADD(quarter, 1, '2025-11-30')", '2026-02-28T00:00:00'],
    ["DATEDIFF(year, '1999-12-31', '2000-01-01')", 1],
    ["DATEDIFF(year, '2000-01-01', '2000-12-31')", 0],
    ["DATEDIFF(month, '2025-01-31', '2025-02-01')", 1],
    ["DATEDIFF(quarter, '2025-03-31', '2025-04-01')", 1],
    ["DATEDIFF(day, '2025-03-04T23:59:59', '2025-03-05T00:00:00')", 1],
    ["DATEDIFF(day, '2025-03-05', '2025-03-01')", -4],
    ["DATEDIFF(week, '2025-03-08', '2025-03-09')", 1],
    ["DATEDIFF(week, '2025-03-09', '2025-03-15')", 0],
    ["DATEDIFF(hour, '2025-03-04T10:59:59', '2025-03-04T11:00:00')", 1],
    ["DATEDIFF(minute, '2025-03-04T10:00:59', '2025-03-04T10:01:00')", 1],
    ["CONVERT(date, '2025-03-04 10:11:12')", '2025-03-04T00:00:00'],
    ["CAST('2025-03-04T10:11:12' AS date)", '2025-03-04T00:00:00'],
    ["CAST('20250304 10:11' AS datetime)", '2025-03-04T10:11:00'],
    ["CONVERT(varchar(10), '2025-03-04T10:11:12', 120)", '2025-03-04'],
    ["CONVERT(varchar, '2025-03-04T10:11:12', 103)", '04/03/2025'],
    ["CONVERT(varchar, '2025-03-04T10:11:12', 101)", '03/04/2025'],
    ["CONVERT(varchar(8), '2025-03-04T10:11:12', 112)", '20250304'],
    ["CONVERT(varchar(8), '2025-03-04T10:11:12', 108)", '10:11:12'],
    ["CONVERT(varchar, '2025-03-04T10:11:12', 106)", '04 Mar 2025'],
    ["CONVERT(varchar(19), '2025-03-04T09:05:00')", 'Mar  4 2025  9:05AM'],
    ["CONVERT(datetime, '04/03/2025', 103)", '2025-03-04T00:00:00'],
    ["CONVERT(int, '42')", 42],
    ['CAST(12.7 AS int)', 12],
    ["CAST('2.345' AS decimal(10, 2))", 2.35],
    ['ROUND(2.345, 2)', 2.35],
    ['ROUND(-2.345, 2)', -2.35],
    ['ROUND(1250, -2)', 1300],
    ['ROUND(2.349, 2, 1)', 2.34],
    ['ROUND(0.0000001, 2)', 0],
    ["YEAR('2025-03-04')", 2025],
    ["MONTH('2025-03-04')", 3],
    ["DAY('2025-03-04')", 4],
    ["DATEPART(weekday, '2025-03-04')", 3],
    ["DATEPART(dayofyear, '2024-03-01')", 61],
    ["DATENAME(month, '2025-03-04')", 'March'],
    ["EOMONTH('2024-02-10')", '2024-02-29T00:00:00'],
    ["LEN('abc  ')", 3],
    ["LEN(' a')", 2],
    ["SUBSTRING('Halo Connect', 6, 7)", 'Connect'],
    ["SUBSTRING('abc', 0, 2)", 'a'],
    ["LEFT('Halo', 2) + RIGHT('Halo', 2)", 'Halo'],
    ["CHARINDEX('CONN', 'Halo Connect')", 6],
    ["LTRIM(RTRIM('  x  '))", 'x'],
    ["REPLICATE('ab', 3)", 'ababab'],
    ['COALESCE(NULL, NULL, 3)', 3],
    ["IIF(1 > 2, 'yes', 'no')", 'no'],
  ])('should evaluate %s as SQL Server does', (expression, expected) => {
    expect(scalar(db, `SELECT ${expression}`)).toBe(expected);
  });

  it('should read GETDATE() and friends from the injected clock, in the practice time zone', () => {
    const at = (iso: string): Partial<ExecuteOptions> => ({ now: () => new Date(iso) });
    const text =
      'SELECT GETDATE() AS now, CURRENT_TIMESTAMP AS ts, SYSDATETIME() AS sys, GETUTCDATE() AS utc, CONVERT(date, GETDATE()) AS today';
    expect(run(db, text).rows).toEqual([
      {
        now: '2025-03-04T09:30:00',
        ts: '2025-03-04T09:30:00',
        sys: '2025-03-04T09:30:00',
        utc: '2025-03-03T22:30:00',
        today: '2025-03-04T00:00:00',
      },
    ]);
    expect(run(db, text, at('2025-07-01T02:00:00Z')).rows[0]).toMatchObject({
      now: '2025-07-01T12:00:00',
      today: '2025-07-01T00:00:00',
    });
    expect(run(db, text, { ...at('2025-07-01T02:00:00Z'), timeZone: 'UTC' }).rows[0]).toMatchObject({
      now: '2025-07-01T02:00:00',
    });
    // The same cached statement follows the clock: the next day's book.
    expect(column(run(db, SAMPLE.today, at('2025-03-05T22:00:00Z')), 'InternalID')).toEqual([3]);
  });

  it('should bind parameters by name, case-insensitively, typed by SqlDbType', () => {
    const r = run(db, {
      text: 'SELECT InternalID FROM BPS_Patients WHERE InternalID = @ID AND @Flag = 1 AND (@none IS NULL)',
      parameters: [
        { name: '@id', type: 'Int', value: ' 2 ' },
        { name: 'flag', type: 'Bit', value: 'true' },
        { name: '@None', type: 'VarChar', value: null },
      ],
    });
    expect(r.rows).toEqual([{ InternalID: 2 }]);
    expect(scalar(db, 'SELECT @d', [{ name: '@d', type: 'DateTime2', value: '2025-03-04 10:00' }])).toBe(
      '2025-03-04T10:00:00',
    );
    expect(scalar(db, 'SELECT @d', [{ name: '@d', type: 'Date', value: '2025-03-04 10:00' }])).toBe(
      '2025-03-04T00:00:00',
    );
    expect(scalar(db, 'SELECT @d', [{ name: '@d', type: 'DateTimeOffset', value: '2025-03-04T10:00:00+11:00' }])).toBe(
      '2025-03-04T10:00:00',
    );
    expect(scalar(db, 'SELECT @n + 1', [{ name: '@n', type: 'BigInt', value: '9000000000' }])).toBe(9000000001);
    expect(scalar(db, 'SELECT @m', [{ name: '@m', type: 'Decimal', value: '12.50' }])).toBe(12.5);
  });

  it('should return one row holding the first value in scalar mode, and nothing when there are no rows', () => {
    expect(
      run(db, {
        text: 'SELECT Surname AS s, Firstname FROM BPS_Patients ORDER BY InternalID',
        executionMode: 'scalar',
      }),
    ).toEqual({
      mode: 'scalar',
      columns: ['s'],
      rows: [{ s: 'Smith' }],
      outputParameters: [],
    });
    expect(run(db, { text: 'SELECT Surname FROM BPS_Patients WHERE 1 = 0', executionMode: 'scalar' }).rows).toEqual([]);
    expect(
      run(db, { text: 'SELECT COUNT(*), MAX(InternalID) FROM BPS_Patients', executionMode: 'scalar' }).rows,
    ).toEqual([{ '': 4 }]);
  });

  it('should report rows affected in nonQuery mode (-1 for SELECT or SET NOCOUNT ON)', () => {
    const mutable = createFixtureDb();
    const update = run(mutable, {
      text: 'UPDATE dbo.PATIENTS SET MOBILEPHONE = @m WHERE INTERNALID = @id',
      executionMode: 'nonQuery',
      parameters: [
        { name: '@m', type: 'VarChar', value: '0491 570 999' },
        { name: '@id', type: 'Int', value: '2' },
      ],
    });
    expect(update).toEqual({ mode: 'nonQuery', columns: [], rows: [], rowsAffected: 1, outputParameters: [] });
    expect(scalar(mutable, 'SELECT MobilePhone FROM BPS_Patients WHERE InternalID = 2')).toBe('0491 570 999');
    expect(
      run(mutable, {
        text: 'DELETE FROM [dbo].[APPOINTMENTS] WHERE AppointmentDate < CONVERT(date, GETDATE())',
        executionMode: 'nonQuery',
      }).rowsAffected,
    ).toBe(1);
    expect(
      run(mutable, {
        text: "INSERT INTO APPOINTMENTS (InternalID, AppointmentDate, AppointmentTime, UserID) VALUES (1, '2025-04-01', 28800, 1), (2, '2025-04-01', 29700, 2)",
        executionMode: 'nonQuery',
      }).rowsAffected,
    ).toBe(2);
    expect(scalar(mutable, "SELECT COUNT(*) FROM BPS_Appointments WHERE AppointmentDate = '2025-04-01T00:00:00'")).toBe(
      2,
    );
    expect(run(mutable, { text: 'SELECT * FROM BPS_Users', executionMode: 'nonQuery' }).rowsAffected).toBe(-1);
    expect(
      run(mutable, { text: 'SET NOCOUNT ON; UPDATE PATIENTS SET EMAIL = NULL', executionMode: 'nonQuery' })
        .rowsAffected,
    ).toBe(-1);
    mutable.close();
  });

  it('should run a non-SELECT in reader mode, and return the first result set of a batch', () => {
    const mutable = createFixtureDb();
    expect(run(mutable, "UPDATE PATIENTS SET EMAIL = 'x@example.com' WHERE INTERNALID = 3")).toMatchObject({
      columns: [],
      rows: [],
    });
    const r = run(
      mutable,
      "UPDATE PATIENTS SET EMAIL = 'y@example.com' WHERE INTERNALID = 3; SELECT Email FROM BPS_Patients WHERE InternalID = 3; SELECT 1 AS other",
    );
    expect(r).toMatchObject({ columns: ['Email'], rows: [{ Email: 'y@example.com' }] });
    mutable.close();
  });

  it('should accept the T-SQL forms the grammar reads differently', () => {
    expect(column(run(db, 'SELECT InternalID FROM BPS_Patients (NOLOCK) WHERE InternalID = 1'), 'InternalID')).toEqual([
      1,
    ]);
    expect(
      column(
        run(db, 'SELECT p.InternalID FROM dbo.BPS_Patients AS p WITH (NOLOCK) WHERE p.InternalID = 1'),
        'InternalID',
      ),
    ).toEqual([1]);
    expect(scalar(db, "SELECT UPPER(Firstname) + LOWER(' ZOË') FROM BPS_Patients WHERE InternalID = 4")).toBe(
      'ZOË zoë',
    );
    expect(scalar(db, 'SELECT AVG(AppointmentLength) FROM APPOINTMENTS WHERE RecordID IN (1, 3)')).toBe(1350);
    expect(scalar(db, 'SELECT AVG(AppointmentTime) FROM APPOINTMENTS WHERE RecordID IN (1, 2)')).toBe(30600);
    expect(scalar(db, 'SELECT AVG(x) FROM (SELECT 1.5 AS x UNION ALL SELECT 2) t')).toBe(1.75);
    expect(run(db, '  -- nothing to run\n')).toEqual({ mode: 'reader', columns: [], rows: [], outputParameters: [] });
  });

  it('should say plainly what the simulator does not support', () => {
    expect(failure(db, 'DECLARE @x int = 1; SELECT @x')).toMatchObject({
      errorCode: 50000,
      message: 'The Halo simulator does not support DECLARE (local variables).',
    });
    expect(failure(db, "INSERT INTO TITLES (Title) OUTPUT INSERTED.TitleCode VALUES ('Prof')")).toMatchObject({
      errorCode: 50000,
    });
    expect(failure(db, "SELECT HASHBYTES('SHA2_256', Surname) FROM BPS_Patients")).toMatchObject({
      errorCode: 50000,
      message: 'The Halo simulator does not support the HASHBYTES function.',
    });
    expect(failure(db, 'DROP TABLE PATIENTS')).toMatchObject({ errorCode: 50000 });
    expect(
      failure(
        db,
        'SELECT * FROM (SELECT InternalID, Sex FROM BPS_Patients) s PIVOT (COUNT(InternalID) FOR Sex IN ([Male])) p',
      ),
    ).toMatchObject({ errorCode: 50000, message: 'The Halo simulator does not support PIVOT and UNPIVOT.' });
    expect(failure(db, 'SELECT Surname FROM BPS_Patients FOR JSON PATH')).toMatchObject({
      errorCode: 50000,
      message: 'The Halo simulator does not support FOR JSON.',
    });
    expect(scalar(db, 'SELECT COUNT(*) FROM PATIENTS')).toBe(5);
  });

  it('should cache translations per SQL text and prepare each statement once per database', () => {
    const text = 'SELECT Surname FROM BPS_Patients WHERE InternalID = @id -- cache probe';
    expect(translateBatch(text)).toBe(translateBatch(text));
    const other = createFixtureDb();
    const prepare = vi.spyOn(other, 'prepare');
    for (const id of ['1', '2', '3']) run(other, { text, parameters: [{ name: '@id', type: 'Int', value: id }] });
    expect(prepare.mock.calls.filter(([sql]) => String(sql).includes('"BPS_Patients"'))).toHaveLength(1);
    other.close();
  });
});

describe('stored procedures', () => {
  const db = createFixtureDb();
  afterAll(() => db.close());
  const proc = (
    text: string,
    parameters: CommandParameter[] = [],
    executionMode: SqlCommand['executionMode'] = 'reader',
  ): ExecutionResult => run(db, { text, type: 'storedProcedure', parameters, executionMode });

  it('should find a patient by name (case-insensitively) and date of birth', () => {
    const r = proc('BP_GetPatientByNameDOB', [
      { name: '@firstname', type: 'VarChar', value: 'JOHN' },
      { name: '@surname', type: 'VarChar', value: 'smith' },
      { name: '@dob', type: 'Date', value: '1980-01-01' },
    ]);
    expect(r.columns).toContain('InternalID');
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ InternalID: 1, Firstname: 'John', Surname: 'Smith', DOB: '1980-01-01T00:00:00' });
  });

  it('should get a patient by internal id, whatever the spelling of its name', () => {
    for (const name of [
      'BP_GetPatientByInternalID',
      'dbo.BP_GetPatientByInternalID',
      '[dbo].[bp_getpatientbyinternalid]',
      'BPSPatients.dbo.BP_GetPatientByInternalID',
    ]) {
      expect(proc(name, [{ name: '@patientid', type: 'Int', value: '3' }]).rows).toMatchObject([
        { InternalID: 3, Surname: "O'Brien" },
      ]);
    }
  });

  it('should add an appointment and return its id through the returnValue parameter', () => {
    const r = proc('BP_AddAppointment', addAppointmentParameters(1, 2, '2025-03-07'), 'nonQuery');
    expect(r).toEqual({
      mode: 'nonQuery',
      columns: [],
      rows: [],
      rowsAffected: 1,
      outputParameters: [{ ...returnValue, value: '7' }],
    });
    expect(
      run(
        db,
        "SELECT InternalID, AppointmentTime, Provider, Status FROM BPS_Appointments WHERE AppointmentDate = '2025-03-07'",
      ).rows,
    ).toEqual([{ InternalID: 1, AppointmentTime: 29700, Provider: 'Dr Bob Ng', Status: 'Booked' }]);
    const ex = proc(
      'BP_AddAppointmentEx',
      [...addAppointmentParameters(2, 1), { name: '@reason', type: 'VarChar', value: 'Follow-up' }],
      'nonQuery',
    );
    expect(ex.outputParameters[0]?.value).toBe('8');
    expect(scalar(db, 'SELECT COMMENT FROM APPOINTMENTS WHERE RecordID = 8')).toBe('Follow-up');
  });

  it("should list users, book users and a patient's appointments, then cancel and arrive appointments", () => {
    expect(column(proc('BP_GetAllUsers'), 'UserID')).toEqual([1, 2, 3]);
    expect(column(proc('BP_GetAppointmentBookUsers'), 'UserID')).toEqual([1, 2]);
    const appointments = proc('BP_GetPatientAppointments', [{ name: '@patientid', type: 'Int', value: '3' }]);
    expect(column(appointments, 'AppointmentID')).toEqual([5, 3]);
    expect(proc('BP_CancelAppointment', [{ name: '@aptid', type: 'Int', value: '3' }], 'nonQuery').rowsAffected).toBe(
      1,
    );
    expect(
      column(proc('BP_GetPatientAppointments', [{ name: '@patientid', type: 'Int', value: '3' }]), 'AppointmentID'),
    ).toEqual([5]);
    expect(proc('BP_ArriveAppointment', [{ name: '@aptid', type: 'Int', value: '1' }], 'nonQuery').rowsAffected).toBe(
      1,
    );
    expect(run(db, 'SELECT AppointmentCode, ArrivalTime FROM APPOINTMENTS WHERE RecordID = 1').rows).toEqual([
      { AppointmentCode: 2, ArrivalTime: 34200 },
    ]);
  });

  it('should run EXEC in a text command, by name, by position and from command parameters', () => {
    expect(column(run(db, 'EXEC BP_GetPatientByInternalID @patientid = 2'), 'InternalID')).toEqual([2]);
    expect(column(run(db, 'EXECUTE dbo.BP_GetPatientByInternalID 3;'), 'InternalID')).toEqual([3]);
    expect(column(run(db, "EXEC BP_GetPatientByNameDOB 'john', 'SMITH', '1980-01-01'"), 'InternalID')).toEqual([1]);
    const r = run(db, {
      text: 'EXEC BP_GetPatientByInternalID @patientid = @id',
      parameters: [{ name: '@id', type: 'Int', value: '1' }],
    });
    expect(column(r, 'InternalID')).toEqual([1]);
    expect(run(db, { text: 'EXEC BP_GetAllUsers', executionMode: 'scalar' }).rows).toEqual([{ UserID: 1 }]);
  });

  it('should reject unknown procedures and bad arguments as SQL Server does', () => {
    expect(failure(db, { text: 'BP_Nope', type: 'storedProcedure' })).toMatchObject({
      errorCode: 2812,
      message: "Could not find stored procedure 'BP_Nope'.",
    });
    expect(failure(db, 'EXEC dbo.BP_Nope 1')).toMatchObject({
      errorCode: 2812,
      message: "Could not find stored procedure 'dbo.BP_Nope'.",
    });
    expect(failure(db, { text: 'BP_GetPatientByInternalID', type: 'storedProcedure' })).toMatchObject({
      errorCode: 201,
      message:
        "Procedure or function 'BP_GetPatientByInternalID' expects parameter '@patientid', which was not supplied.",
    });
    expect(failure(db, 'EXEC BP_GetPatientByInternalID @id = 1')).toMatchObject({
      errorCode: 8145,
      message: '@id is not a parameter for procedure BP_GetPatientByInternalID.',
    });
    expect(failure(db, 'EXEC BP_GetPatientByInternalID 1, 2')).toMatchObject({ errorCode: 8144 });
    expect(failure(db, "EXEC BP_GetPatientByInternalID 'abc'")).toMatchObject({
      errorCode: 8114,
      message: 'Error converting data type nvarchar to int.',
    });
    expect(
      failure(db, { text: 'BP_AddAppointment', type: 'storedProcedure', parameters: addAppointmentParameters(99, 1) }),
    ).toMatchObject({ errorCode: 547 });
  });

  it('should only exist on a Best Practice database', () => {
    const dbs = openSiteDatabases(ZedmedSite);
    const zedmed = [...dbs.values()][0]!;
    expect(failure(zedmed, { text: 'BP_GetAllUsers', type: 'storedProcedure' })).toMatchObject({ errorCode: 2812 });
    expect(failure(zedmed, { text: 'BP_GetAllUsers', type: 'storedProcedure' }, { errorType: 'fbsql' })).toMatchObject({
      errorType: 'fbsql',
      errorCode: -204,
    });
    for (const d of dbs.values()) d.close();
  });
});

describe('errors', () => {
  const db = createFixtureDb();
  afterAll(() => db.close());

  it.each<[number, string, SqlCommand | string, string]>([
    [208, 'an invalid object', 'SELECT * FROM dbo.BPS_Patientz', "Invalid object name 'dbo.BPS_Patientz'."],
    [207, 'an invalid column', 'SELECT Foo FROM BPS_Patients', "Invalid column name 'Foo'."],
    [207, 'an invalid qualified column', 'SELECT p.Foo FROM BPS_Patients p', "Invalid column name 'Foo'."],
    [
      4104,
      'an unbound qualifier',
      'SELECT x.Surname FROM BPS_Patients p',
      'The multi-part identifier "x.Surname" could not be bound.',
    ],
    [
      102,
      'a syntax error',
      'SELECT InternalID FROM BPS_Patients ORDER InternalID',
      "Incorrect syntax near 'InternalID'.",
    ],
    [102, 'a misspelt keyword', 'SELECT * FORM BPS_Patients', "Incorrect syntax near 'FORM'."],
    [156, 'a reserved word', 'SELECT Surname AS full FROM BPS_Patients', "Incorrect syntax near the keyword 'full'."],
    [105, 'an unclosed quote', "SELECT 'abc", 'Unclosed quotation mark after the character string.'],
    [
      137,
      'a missing parameter',
      'SELECT * FROM BPS_Patients WHERE Surname = @Surname',
      'Must declare the scalar variable "@Surname".',
    ],
    [
      241,
      'a bad date string',
      "SELECT CONVERT(date, 'not a date')",
      'Conversion failed when converting date and/or time from character string.',
    ],
    [
      241,
      'a bad date comparison',
      "SELECT InternalID FROM BPS_Patients WHERE DOB > DATEADD(day, 1, '2025-02-30')",
      'Conversion failed when converting date and/or time from character string.',
    ],
    [
      245,
      'a string that is not a number',
      "SELECT CAST('abc' AS int)",
      'Conversion failed when converting the varchar value to data type int.',
    ],
    [
      245,
      '+ on a word and a number',
      'SELECT Surname + 1 FROM BPS_Patients',
      'Conversion failed when converting the varchar value to data type int.',
    ],
    [
      8114,
      'an Int parameter that is not a number',
      { text: 'SELECT @n', parameters: [{ name: '@n', type: 'Int', value: 'ten' }] },
      'Error converting data type nvarchar to int.',
    ],
    [
      241,
      'a Date parameter that is not a date',
      { text: 'SELECT @d', parameters: [{ name: '@d', type: 'Date', value: '31/31/2025' }] },
      'Conversion failed when converting date and/or time from character string.',
    ],
    [195, 'an unknown function', 'SELECT FOO(1)', "'FOO' is not a recognized built-in function name."],
    [174, 'a wrong argument count', 'SELECT DATEADD(day, 1)', 'The dateadd function requires 3 argument(s).'],
    [
      155,
      'an unknown datepart',
      "SELECT DATEADD(fortnight, 1, '2025-01-01')",
      "'fortnight' is not a recognized dateadd option.",
    ],
    [
      2627,
      'a duplicate key',
      "INSERT INTO PATIENTS (INTERNALID, FIRSTNAME, SURNAME) VALUES (1, 'A', 'B')",
      "Violation of PRIMARY KEY constraint 'PK_PATIENTS'. Cannot insert duplicate key in object 'dbo.PATIENTS'.",
    ],
    [
      515,
      'a NULL in a NOT NULL column',
      'INSERT INTO PATIENTS (INTERNALID) VALUES (99)',
      "Cannot insert the value NULL into column 'FIRSTNAME', table 'dbo.PATIENTS'; column does not allow nulls. INSERT fails.",
    ],
    [
      4405,
      'an update through a view',
      "UPDATE BPS_Patients SET Surname = 'X'",
      "View or function 'BPS_Patients' is not updatable because the modification affects multiple base tables.",
    ],
  ])('should fail with SQL Server error %i on %s', (code, _what, command, message) => {
    expect(failure(db, command)).toMatchObject({
      name: 'SqlExecutionError',
      errorType: 'mssql',
      errorCode: code,
      message,
    });
  });

  it('should word failures the Firebird way for fbsql sites', () => {
    expect(failure(db, 'SELECT * FROM NOPE', { errorType: 'fbsql' })).toMatchObject({
      errorType: 'fbsql',
      errorCode: -204,
      message: 'Dynamic SQL Error; SQL error code = -204; Table unknown; NOPE',
    });
    expect(failure(db, 'SELECT Foo FROM BPS_Patients', { errorType: 'fbsql' })).toMatchObject({ errorCode: -206 });
    expect(failure(db, 'SELECT * FORM BPS_Patients', { errorType: 'fbsql' })).toMatchObject({
      errorCode: -104,
      message: 'Dynamic SQL Error; SQL error code = -104; Token unknown; FORM',
    });
  });

  it('should never put a string literal or a parameter value into an error message', () => {
    const secret = 'S3cr3t-Value';
    const p = (type: string, value = secret): CommandParameter[] => [{ name: '@x', type, value }];
    const commands: Array<SqlCommand | string> = [
      `SELECT * FROM BPS_Patients WHERE Surname = '${secret}' '${secret}'`,
      `SELECT '${secret}`,
      `SELECT '${secret}' FROM`,
      `SELECT CAST('${secret}' AS int)`,
      `SELECT CONVERT(datetime, '${secret}')`,
      `SELECT DATEADD(day, 1, '${secret}')`,
      `SELECT Surname + 1 FROM BPS_Patients WHERE Surname <> '${secret}'`,
      `SELECT Nope FROM BPS_Patients WHERE Surname = '${secret}'`,
      `INSERT INTO PATIENTS (INTERNALID, FIRSTNAME, SURNAME) VALUES (1, '${secret}', '${secret}')`,
      `INSERT INTO PATIENTS (INTERNALID, SURNAME) VALUES (100, '${secret}')`,
      `EXEC BP_GetPatientByInternalID '${secret}'`,
      `EXEC BP_Nope '${secret}'`,
      { text: 'SELECT @x', parameters: p('Int') },
      { text: 'SELECT @x', parameters: p('Date') },
      { text: 'SELECT @x', parameters: p('Bit') },
      { text: 'SELECT @x', parameters: p('Decimal') },
      { text: 'SELECT CAST(@x AS int)', parameters: p('VarChar') },
      { text: 'SELECT @x + 1', parameters: p('VarChar') },
      { text: 'SELECT CONVERT(date, @x)', parameters: p('NVarChar') },
      { text: 'SELECT @y', parameters: p('VarChar') },
      {
        text: 'BP_GetPatientByInternalID',
        type: 'storedProcedure',
        parameters: [{ name: '@patientid', type: 'VarChar', value: secret }],
      },
      {
        text: 'BP_GetPatientByNameDOB',
        type: 'storedProcedure',
        parameters: [
          { name: '@firstname', value: 'a' },
          { name: '@surname', value: 'b' },
          { name: '@dob', value: secret },
        ],
      },
    ];
    for (const command of commands) {
      for (const errorType of ['mssql', 'fbsql'] as const) {
        const e = failure(db, command, { errorType });
        expect(e.message).not.toContain('S3cr3t');
        expect(JSON.stringify(e)).not.toContain('S3cr3t');
      }
    }
  });
});
