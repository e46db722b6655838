/**
 * The T-SQL conformance table: read-only statements of the shapes Best Practice integrations send,
 * each with what SQL Server answers on the Best Practice fixture's seeded data (OnlineSite, 2,000
 * patients; the simulated clock is frozen at {@link CONFORMANCE_NOW}, 09:30 on Wednesday
 * 2025-03-05 in Sydney). Expected rows are either written out (fixture facts) or the rows of a
 * plain SQLite query on the same database, read through the simulator's `/_sim/sql`.
 *
 * `needed` records what had to change for the statement to run through `runImmediateQuery`:
 * `guard` (the read-only guard refused it as unreadable), `simulator` (the simulator rejected it
 * or answered differently from SQL Server), or both. Statements without it ran before.
 */

import type { SqlParameterInput } from '../gql/graphql.js';

export type Row = Record<string, unknown>;

export interface ConformanceCase {
  name: string;
  sql: string;
  parameters?: SqlParameterInput[];
  executionMode?: 'READER' | 'SCALAR';
  catalogue?: string;
  /** Exactly these rows, in this order. */
  rows?: Row[];
  /** The rows of this SQLite query on the site database (same column names and order). */
  sqlite?: string;
  /** Compare the rows as a multiset (the statement has no ORDER BY that fixes the order). */
  unordered?: boolean;
  /** SQL Server's error instead of rows. */
  error?: { code: number; message: string };
  needed?: 'guard' | 'simulator' | 'both';
}

/** 2025-03-04T22:30:00Z: 09:30 AEDT on Wednesday 5 March 2025 at the practice. */
export const CONFORMANCE_NOW = Date.parse('2025-03-04T22:30:00Z');

const TODAY = '2025-03-05T00:00:00';

export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  // --- The sample queries (docs/halo/sample-queries.md) --------------------------------------
  {
    name: 'a page of active patients, newest first',
    sql: `SELECT TOP 50 InternalID, Title, Firstname, Surname, DOB, Sex, MobilePhone, Email
FROM BPS_Patients WHERE StatusText = 'Active' ORDER BY InternalID DESC`,
    sqlite: `SELECT InternalID, Title, Firstname, Surname, DOB, Sex, MobilePhone, Email FROM BPS_Patients
WHERE StatusText = 'Active' ORDER BY InternalID DESC LIMIT 50`,
  },
  {
    name: 'lookup by name and a Date parameter',
    sql: 'SELECT InternalID, Firstname, Surname, DOB FROM BPS_Patients WHERE Surname = @surname AND Firstname = @firstname AND DOB = @dob',
    parameters: [
      { name: '@surname', type: 'VarChar', value: 'Hyatt' },
      { name: '@firstname', type: 'VarChar', value: 'Hugo' },
      { name: '@dob', type: 'Date', value: '1977-06-06' },
    ],
    rows: [{ InternalID: 42, Firstname: 'Hugo', Surname: 'Hyatt', DOB: '1977-06-06T00:00:00' }],
  },
  {
    name: 'bracketed, schema-qualified prefix search',
    sql: "SELECT [InternalID], [Firstname], [Surname] FROM [dbo].[BPS_Patients] WHERE [Surname] LIKE @prefix + '%' ORDER BY [InternalID]",
    parameters: [{ name: '@prefix', type: 'VarChar', value: 'Smi' }],
    sqlite: "SELECT InternalID, Firstname, Surname FROM BPS_Patients WHERE Surname LIKE 'Smi%' ORDER BY InternalID",
  },
  {
    name: "today's appointments by time",
    sql: `SELECT a.InternalID, a.Provider, a.AppointmentTime, a.AppointmentLength, a.Status
FROM BPS_Appointments a WHERE a.AppointmentDate = CONVERT(date, GETDATE()) ORDER BY a.AppointmentTime, a.InternalID`,
    sqlite: `SELECT InternalID, Provider, AppointmentTime, AppointmentLength, Status FROM BPS_Appointments
WHERE AppointmentDate = '${TODAY}' ORDER BY AppointmentTime, InternalID`,
  },
  {
    name: 'appointments per provider over the next 7 days',
    sql: `SELECT Provider, COUNT(*) AS Booked FROM BPS_Appointments
WHERE AppointmentDate >= CONVERT(date, GETDATE()) AND AppointmentDate < DATEADD(day, 7, CONVERT(date, GETDATE()))
GROUP BY Provider ORDER BY Provider`,
    sqlite: `SELECT Provider, COUNT(*) AS Booked FROM BPS_Appointments
WHERE AppointmentDate >= '${TODAY}' AND AppointmentDate < '2025-03-12T00:00:00' GROUP BY Provider ORDER BY Provider`,
  },
  {
    name: 'patients without a mobile (NULL or empty)',
    sql: "SELECT InternalID, ISNULL(HomePhone, '') AS Phone FROM BPS_Patients WHERE MobilePhone IS NULL OR LEN(MobilePhone) = 0 ORDER BY InternalID",
    sqlite:
      "SELECT InternalID, IFNULL(HomePhone, '') AS Phone FROM BPS_Patients WHERE MobilePhone IS NULL OR MobilePhone = '' ORDER BY InternalID",
  },
  {
    name: 'ages as year boundaries crossed',
    sql: 'SELECT TOP 10 InternalID, DATEDIFF(year, DOB, GETDATE()) AS Age FROM BPS_Patients ORDER BY DOB, InternalID',
    sqlite:
      'SELECT InternalID, 2025 - CAST(substr(DOB, 1, 4) AS INTEGER) AS Age FROM BPS_Patients ORDER BY DOB, InternalID LIMIT 10',
  },
  {
    name: 'a fully qualified count',
    sql: 'SELECT COUNT(*) AS n FROM BPSPatients.dbo.BPS_Patients',
    rows: [{ n: 2000 }],
  },
  {
    name: 'the base table with UPPERCASE columns',
    sql: 'SELECT TOP 20 INTERNALID, FIRSTNAME, SURNAME, DOB, MEDICARENO FROM PATIENTS WHERE RECORDSTATUS = 1 ORDER BY INTERNALID',
    sqlite:
      'SELECT INTERNALID, FIRSTNAME, SURNAME, DOB, MEDICARENO FROM PATIENTS WHERE RECORDSTATUS = 1 ORDER BY INTERNALID LIMIT 20',
  },
  { name: 'an unnamed scalar', sql: 'SELECT COUNT(*) FROM BPS_Users', executionMode: 'SCALAR', rows: [{ '': 12 }] },

  // --- Filters and implicit conversions ---------------------------------------------------------
  {
    name: 'an int key compared with a string literal',
    sql: "SELECT InternalID, Surname FROM BPS_Patients WHERE InternalID = '42'",
    rows: [{ InternalID: 42, Surname: 'Hyatt' }],
  },
  {
    name: 'an int key compared with an NVarChar parameter',
    sql: 'SELECT Surname FROM BPS_Patients WHERE InternalID = @id',
    parameters: [{ name: '@id', type: 'NVarChar', value: '42' }],
    rows: [{ Surname: 'Hyatt' }],
  },
  {
    name: 'IN with a list of ints',
    sql: 'SELECT InternalID, Firstname FROM BPS_Patients WHERE InternalID IN (1, 2, 3) ORDER BY InternalID DESC',
    rows: [
      { InternalID: 3, Firstname: 'Alex' },
      { InternalID: 2, Firstname: 'Ashley' },
      { InternalID: 1, Firstname: 'Kiara' },
    ],
  },
  {
    name: 'a varchar column compared with an int (postcodes are all digits)',
    sql: 'SELECT COUNT(*) AS n FROM BPS_Patients WHERE Postcode = 2150',
    sqlite: "SELECT COUNT(*) AS n FROM BPS_Patients WHERE Postcode = '2150'",
  },
  {
    name: 'BETWEEN ISO date literals on a datetime column',
    sql: "SELECT COUNT(*) AS n FROM BPS_Patients WHERE DOB BETWEEN '1970-01-01' AND '1979-12-31'",
    sqlite: "SELECT COUNT(*) AS n FROM BPS_Patients WHERE DOB BETWEEN '1970-01-01T00:00:00' AND '1979-12-31T00:00:00'",
  },
  {
    name: 'a datetime column against a compact date literal',
    needed: 'simulator',
    sql: "SELECT COUNT(*) AS n FROM APPOINTMENTS WHERE AppointmentDate = '20250305'",
    sqlite: `SELECT COUNT(*) AS n FROM APPOINTMENTS WHERE AppointmentDate = '${TODAY}'`,
  },
  {
    name: 'LIKE with a character class',
    needed: 'simulator',
    sql: "SELECT InternalID FROM BPS_Patients WHERE Surname LIKE '[A-C]%' ORDER BY InternalID",
    sqlite:
      "SELECT InternalID FROM BPS_Patients WHERE upper(substr(Surname, 1, 1)) BETWEEN 'A' AND 'C' ORDER BY InternalID",
  },
  {
    name: 'LIKE with a negated class and _',
    needed: 'simulator',
    sql: "SELECT InternalID FROM BPS_Patients WHERE Postcode LIKE '2[^0]__' ORDER BY InternalID",
    sqlite:
      "SELECT InternalID FROM BPS_Patients WHERE length(Postcode) = 4 AND substr(Postcode, 1, 1) = '2' AND substr(Postcode, 2, 1) <> '0' ORDER BY InternalID",
  },
  {
    name: 'LIKE with ESCAPE',
    needed: 'both',
    sql: "SELECT COUNT(*) AS n FROM BPS_Patients WHERE Surname LIKE '%!_%' ESCAPE '!'",
    rows: [{ n: 0 }],
  },
  {
    name: 'apostrophes in a literal',
    sql: "SELECT COUNT(*) AS n FROM BPS_Patients WHERE Surname = 'O''Reilly'",
    sqlite: "SELECT COUNT(*) AS n FROM BPS_Patients WHERE Surname = 'O''Reilly'",
  },
  {
    name: 'NOT EXISTS: patients never booked',
    sql: 'SELECT COUNT(*) AS n FROM PATIENTS p WHERE p.RECORDSTATUS = 1 AND NOT EXISTS (SELECT 1 FROM APPOINTMENTS a WHERE a.InternalID = p.INTERNALID)',
    sqlite:
      'SELECT COUNT(*) AS n FROM PATIENTS p WHERE p.RECORDSTATUS = 1 AND NOT EXISTS (SELECT 1 FROM APPOINTMENTS a WHERE a.InternalID = p.INTERNALID)',
  },
  {
    name: 'IN a subquery',
    sql: "SELECT COUNT(*) AS n FROM BPS_Patients WHERE InternalID IN (SELECT InternalID FROM BPS_Visits WHERE VisitType = 'Home')",
    sqlite:
      "SELECT COUNT(*) AS n FROM BPS_Patients WHERE InternalID IN (SELECT InternalID FROM BPS_Visits WHERE VisitType = 'Home')",
  },
  {
    name: 'a case-insensitive comparison',
    sql: "SELECT COUNT(*) AS n FROM BPS_Patients WHERE Surname = 'SMITH'",
    sqlite: "SELECT COUNT(*) AS n FROM BPS_Patients WHERE Surname = 'Smith'",
  },

  // --- Joins ----------------------------------------------------------------------------------
  {
    name: 'base tables joined on their keys',
    sql: `SELECT TOP 25 p.INTERNALID, p.SURNAME, a.AppointmentTime, u.Surname AS Doctor
FROM APPOINTMENTS a INNER JOIN PATIENTS p ON p.INTERNALID = a.InternalID INNER JOIN USERS u ON u.UserID = a.UserID
WHERE a.AppointmentDate = '2025-03-05' ORDER BY a.AppointmentTime, p.INTERNALID`,
    sqlite: `SELECT p.INTERNALID, p.SURNAME, a.AppointmentTime, u.Surname AS Doctor
FROM APPOINTMENTS a JOIN PATIENTS p ON p.INTERNALID = a.InternalID JOIN USERS u ON u.UserID = a.UserID
WHERE a.AppointmentDate = '${TODAY}' ORDER BY a.AppointmentTime, p.INTERNALID LIMIT 25`,
  },
  {
    name: 'a LEFT JOIN counting visits per provider',
    sql: `SELECT u.UserID, COUNT(v.VisitID) AS Visits FROM USERS u LEFT OUTER JOIN VISITS v ON v.UserID = u.UserID
GROUP BY u.UserID ORDER BY u.UserID`,
    sqlite: `SELECT u.UserID, COUNT(v.VisitID) AS Visits FROM USERS u LEFT JOIN VISITS v ON v.UserID = u.UserID
GROUP BY u.UserID ORDER BY u.UserID`,
  },
  {
    name: 'views joined with NOLOCK hints',
    sql: `SELECT TOP 10 p.InternalID, p.Surname, v.VisitDate FROM BPS_Patients p WITH (NOLOCK)
JOIN BPS_Visits v WITH (NOLOCK) ON v.InternalID = p.InternalID ORDER BY v.VisitDate DESC, p.InternalID`,
    sqlite: `SELECT p.InternalID, p.Surname, v.VisitDate FROM BPS_Patients p JOIN BPS_Visits v ON v.InternalID = p.InternalID
ORDER BY v.VisitDate DESC, p.InternalID LIMIT 10`,
  },
  {
    name: 'the old hint syntax without WITH',
    sql: 'SELECT COUNT(*) AS n FROM APPOINTMENTS (NOLOCK) WHERE UserID = 1',
    sqlite: 'SELECT COUNT(*) AS n FROM APPOINTMENTS WHERE UserID = 1',
  },
  {
    name: 'a join comparing a varchar column with an int column fails at once (245)',
    needed: 'simulator',
    sql: 'SELECT p.INTERNALID FROM PATIENTS p JOIN APPOINTMENTS a ON p.SURNAME = a.InternalID',
    error: { code: 245, message: 'Conversion failed when converting the varchar value to data type int.' },
  },
  {
    name: 'a join comparing a digits-only varchar with an int runs on the index',
    sql: 'SELECT COUNT(*) AS n FROM PATIENTS p JOIN APPOINTMENTS a ON p.POSTCODE = a.UserID',
    rows: [{ n: 0 }],
  },
  {
    name: 'a self-join on the patients table',
    sql: `SELECT COUNT(*) AS n FROM PATIENTS a JOIN PATIENTS b ON b.SURNAME = a.SURNAME AND b.FIRSTNAME = a.FIRSTNAME
AND b.INTERNALID > a.INTERNALID WHERE a.RECORDSTATUS = 1 AND b.RECORDSTATUS = 1`,
    sqlite: `SELECT COUNT(*) AS n FROM PATIENTS a JOIN PATIENTS b ON b.SURNAME = a.SURNAME AND b.FIRSTNAME = a.FIRSTNAME
AND b.INTERNALID > a.INTERNALID WHERE a.RECORDSTATUS = 1 AND b.RECORDSTATUS = 1`,
  },
  {
    name: 'a lookup join on the appointment type',
    sql: `SELECT t.Description, COUNT(*) AS n FROM APPOINTMENTS a JOIN AppointmentTypes t ON t.AppointmentCode = a.AppointmentType
GROUP BY t.Description ORDER BY n DESC, t.Description`,
    sqlite: `SELECT t.Description, COUNT(*) AS n FROM APPOINTMENTS a JOIN AppointmentTypes t ON t.AppointmentCode = a.AppointmentType
GROUP BY t.Description ORDER BY n DESC, t.Description`,
  },
  {
    name: 'a comma join with a WHERE condition',
    sql: 'SELECT u.Surname, l.LocationName FROM USERS u, LOCATIONS l WHERE l.LocationID = u.LocationID AND u.UserID = 1',
    rows: [{ Surname: 'Miller', LocationName: 'Main Surgery' }],
  },

  // --- Aggregates -----------------------------------------------------------------------------
  {
    name: 'appointments per status',
    sql: 'SELECT Status, COUNT(*) AS n FROM BPS_Appointments GROUP BY Status ORDER BY Status',
    sqlite: 'SELECT Status, COUNT(*) AS n FROM BPS_Appointments GROUP BY Status ORDER BY Status',
  },
  {
    name: 'GROUP BY with HAVING',
    sql: 'SELECT Surname, COUNT(*) AS n FROM BPS_Patients GROUP BY Surname HAVING COUNT(*) >= 10 ORDER BY n DESC, Surname',
    sqlite:
      'SELECT Surname, COUNT(*) AS n FROM BPS_Patients GROUP BY Surname HAVING COUNT(*) >= 10 ORDER BY n DESC, Surname',
  },
  {
    name: 'COUNT DISTINCT',
    sql: 'SELECT COUNT(DISTINCT InternalID) AS patients FROM APPOINTMENTS',
    sqlite: 'SELECT COUNT(DISTINCT InternalID) AS patients FROM APPOINTMENTS',
  },
  {
    name: 'integer AVG truncates',
    sql: 'SELECT AVG(AppointmentLength) AS avgLength FROM APPOINTMENTS WHERE UserID = 2',
    sqlite: 'SELECT CAST(SUM(AppointmentLength) / COUNT(*) AS INTEGER) AS avgLength FROM APPOINTMENTS WHERE UserID = 2',
  },
  {
    name: 'MIN and MAX of a datetime',
    sql: 'SELECT MIN(DOB) AS oldest, MAX(DOB) AS youngest FROM BPS_Patients',
    sqlite: 'SELECT MIN(DOB) AS oldest, MAX(DOB) AS youngest FROM BPS_Patients',
  },
  {
    name: 'SUM of minutes per provider',
    sql: 'SELECT UserID, SUM(AppointmentLength) / 60 AS minutes FROM APPOINTMENTS GROUP BY UserID ORDER BY UserID',
    sqlite: 'SELECT UserID, SUM(AppointmentLength) / 60 AS minutes FROM APPOINTMENTS GROUP BY UserID ORDER BY UserID',
  },
  {
    name: 'STRING_AGG',
    sql: "SELECT STRING_AGG(Description, ', ') AS statuses FROM AppointmentCodes",
    rows: [{ statuses: 'Booked, Waiting, With doctor, At billing, Completed' }],
  },
  {
    name: 'STRING_AGG WITHIN GROUP',
    needed: 'both',
    sql: "SELECT STRING_AGG(Description, ', ') WITHIN GROUP (ORDER BY Description) AS statuses FROM AppointmentCodes",
    rows: [{ statuses: 'At billing, Booked, Completed, Waiting, With doctor' }],
  },
  {
    name: 'STDEV and VAR',
    needed: 'simulator',
    sql: 'SELECT ROUND(STDEV(AppointmentCode), 6) AS sd, ROUND(VARP(AppointmentCode), 6) AS vp FROM AppointmentCodes',
    rows: [{ sd: 1.581139, vp: 2 }],
  },
  {
    name: 'COUNT_BIG',
    needed: 'both',
    sql: 'SELECT COUNT_BIG(*) AS n FROM USERS WHERE IsProvider = 1',
    rows: [{ n: 8 }],
  },

  // --- CTEs and subqueries --------------------------------------------------------------------
  {
    name: 'a CTE with ROW_NUMBER: each patient’s last visit',
    sql: `WITH last AS (
  SELECT InternalID, VisitDate, ROW_NUMBER() OVER (PARTITION BY InternalID ORDER BY VisitDate DESC) AS rn FROM BPS_Visits
) SELECT TOP 20 InternalID, VisitDate FROM last WHERE rn = 1 ORDER BY InternalID`,
    sqlite:
      'SELECT InternalID, MAX(VisitDate) AS VisitDate FROM BPS_Visits GROUP BY InternalID ORDER BY InternalID LIMIT 20',
  },
  {
    name: 'two CTEs joined',
    sql: `WITH booked AS (SELECT InternalID, COUNT(*) AS n FROM APPOINTMENTS GROUP BY InternalID),
seen AS (SELECT InternalID, COUNT(*) AS n FROM VISITS GROUP BY InternalID)
SELECT TOP 10 b.InternalID, b.n AS booked, ISNULL(s.n, 0) AS seen FROM booked b LEFT JOIN seen s ON s.InternalID = b.InternalID
ORDER BY b.n DESC, b.InternalID`,
    sqlite: `WITH booked AS (SELECT InternalID, COUNT(*) AS n FROM APPOINTMENTS GROUP BY InternalID),
seen AS (SELECT InternalID, COUNT(*) AS n FROM VISITS GROUP BY InternalID)
SELECT b.InternalID, b.n AS booked, IFNULL(s.n, 0) AS seen FROM booked b LEFT JOIN seen s ON s.InternalID = b.InternalID
ORDER BY b.n DESC, b.InternalID LIMIT 10`,
  },
  {
    name: 'a recursive CTE',
    sql: 'WITH n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT SUM(i) AS total FROM n',
    rows: [{ total: 15 }],
  },
  {
    name: 'a CTE with a column list',
    sql: 'WITH c (id, name) AS (SELECT UserID, Surname FROM USERS) SELECT name FROM c WHERE id = 3',
    rows: [{ name: 'Boyle' }],
  },
  {
    name: 'a correlated scalar subquery',
    sql: `SELECT TOP 5 p.InternalID, (SELECT COUNT(*) FROM APPOINTMENTS a WHERE a.InternalID = p.InternalID) AS appointments
FROM BPS_Patients p ORDER BY p.InternalID`,
    sqlite: `SELECT p.InternalID, (SELECT COUNT(*) FROM APPOINTMENTS a WHERE a.InternalID = p.InternalID) AS appointments
FROM BPS_Patients p ORDER BY p.InternalID LIMIT 5`,
  },
  {
    name: 'a derived table',
    sql: 'SELECT MAX(n) AS busiest FROM (SELECT AppointmentDate, COUNT(*) AS n FROM APPOINTMENTS GROUP BY AppointmentDate) d',
    sqlite:
      'SELECT MAX(n) AS busiest FROM (SELECT AppointmentDate, COUNT(*) AS n FROM APPOINTMENTS GROUP BY AppointmentDate) d',
  },
  {
    name: 'the next appointment per patient through a CTE',
    sql: `WITH nextAppt AS (
  SELECT InternalID, MIN(AppointmentDate) AS NextDate FROM BPS_Appointments WHERE AppointmentDate >= CAST(GETDATE() AS date) GROUP BY InternalID
) SELECT TOP 10 p.InternalID, n.NextDate FROM BPS_Patients p JOIN nextAppt n ON n.InternalID = p.InternalID ORDER BY p.InternalID`,
    sqlite: `SELECT InternalID, MIN(AppointmentDate) AS NextDate FROM BPS_Appointments WHERE AppointmentDate >= '${TODAY}'
GROUP BY InternalID ORDER BY InternalID LIMIT 10`,
  },

  // --- Set operators --------------------------------------------------------------------------
  {
    name: 'UNION of two lookups',
    sql: 'SELECT Description FROM AppointmentCodes WHERE AppointmentCode <= 2 UNION SELECT Description FROM AppointmentTypes WHERE AppointmentCode = 1 ORDER BY Description',
    rows: [{ Description: 'Booked' }, { Description: 'Standard' }, { Description: 'Waiting' }],
  },
  {
    name: 'UNION ALL keeps duplicates',
    sql: "SELECT COUNT(*) AS n FROM (SELECT Surname FROM BPS_Patients WHERE Surname = 'Smith' UNION ALL SELECT Surname FROM BPS_Patients WHERE Surname = 'Smith') t",
    sqlite: "SELECT 2 * COUNT(*) AS n FROM BPS_Patients WHERE Surname = 'Smith'",
  },
  {
    name: 'INTERSECT: patients both booked and seen',
    needed: 'both',
    sql: 'SELECT InternalID FROM APPOINTMENTS INTERSECT SELECT InternalID FROM VISITS ORDER BY InternalID',
    sqlite: 'SELECT InternalID FROM APPOINTMENTS INTERSECT SELECT InternalID FROM VISITS ORDER BY InternalID',
  },
  {
    name: 'EXCEPT: live patients never booked',
    needed: 'both',
    sql: 'SELECT InternalID FROM BPS_Patients EXCEPT SELECT InternalID FROM APPOINTMENTS ORDER BY InternalID',
    sqlite: 'SELECT InternalID FROM BPS_Patients EXCEPT SELECT InternalID FROM APPOINTMENTS ORDER BY InternalID',
  },
  {
    name: 'INTERSECT binds tighter than UNION',
    needed: 'both',
    sql: 'SELECT 1 AS n UNION SELECT 2 INTERSECT SELECT 3 ORDER BY n',
    rows: [{ n: 1 }],
  },
  {
    name: 'a parenthesised member with its own TOP and ORDER BY',
    sql: 'SELECT UserID FROM USERS WHERE UserID = 12 UNION ALL (SELECT TOP 2 UserID FROM USERS ORDER BY UserID)',
    unordered: true,
    rows: [{ UserID: 12 }, { UserID: 1 }, { UserID: 2 }],
  },
  {
    name: 'UNION of an int and a varchar column converts to int (data type precedence)',
    needed: 'simulator',
    sql: "SELECT UserID AS v FROM USERS WHERE UserID = 1 UNION ALL SELECT '7' ORDER BY v",
    rows: [{ v: 1 }, { v: 7 }],
  },
  {
    name: 'UNION of an int and a word fails (245)',
    needed: 'simulator',
    sql: 'SELECT UserID AS v FROM USERS UNION ALL SELECT Surname FROM USERS',
    error: { code: 245, message: 'Conversion failed when converting the varchar value to data type int.' },
  },
  {
    name: 'INTERSECT in a subquery',
    needed: 'both',
    sql: 'SELECT COUNT(*) AS n FROM BPS_Patients WHERE InternalID IN (SELECT InternalID FROM APPOINTMENTS WHERE UserID = 1 INTERSECT SELECT InternalID FROM APPOINTMENTS WHERE UserID = 2)',
    sqlite:
      'SELECT COUNT(*) AS n FROM BPS_Patients WHERE InternalID IN (SELECT InternalID FROM APPOINTMENTS WHERE UserID = 1 INTERSECT SELECT InternalID FROM APPOINTMENTS WHERE UserID = 2)',
  },

  // --- TOP and paging -------------------------------------------------------------------------
  {
    name: 'TOP (n)',
    sql: 'SELECT TOP (3) UserID FROM USERS ORDER BY UserID DESC',
    rows: [{ UserID: 12 }, { UserID: 11 }, { UserID: 10 }],
  },
  {
    name: 'TOP (@n)',
    sql: 'SELECT TOP (@n) UserID FROM USERS ORDER BY UserID',
    parameters: [{ name: '@n', type: 'Int', value: '2' }],
    rows: [{ UserID: 1 }, { UserID: 2 }],
  },
  {
    name: 'TOP n PERCENT rounds up',
    needed: 'simulator',
    sql: 'SELECT TOP 20 PERCENT UserID FROM USERS ORDER BY UserID',
    rows: [{ UserID: 1 }, { UserID: 2 }, { UserID: 3 }],
  },
  {
    name: 'TOP (@n) PERCENT',
    needed: 'both',
    sql: 'SELECT TOP (@p) PERCENT InternalID FROM BPS_Patients ORDER BY InternalID',
    parameters: [{ name: '@p', type: 'Int', value: '1' }],
    sqlite: 'SELECT InternalID FROM BPS_Patients ORDER BY InternalID LIMIT 20',
  },
  {
    name: 'TOP n WITH TIES',
    needed: 'both',
    sql: 'SELECT TOP 1 WITH TIES AppointmentCode, DefaultLength FROM AppointmentTypes ORDER BY DefaultLength DESC',
    rows: [{ AppointmentCode: 8, DefaultLength: 2700 }],
  },
  {
    name: 'TOP (n) WITH TIES includes every tie',
    needed: 'both',
    sql: 'SELECT TOP (2) WITH TIES DefaultLength FROM AppointmentTypes ORDER BY DefaultLength DESC',
    rows: [
      { DefaultLength: 2700 },
      { DefaultLength: 1800 },
      { DefaultLength: 1800 },
      { DefaultLength: 1800 },
      { DefaultLength: 1800 },
    ],
  },
  {
    name: 'WITH TIES without ORDER BY fails (1062)',
    needed: 'both',
    sql: 'SELECT TOP 1 WITH TIES UserID FROM USERS',
    error: {
      code: 1062,
      message: 'The TOP N WITH TIES clause is not allowed without a corresponding ORDER BY clause.',
    },
  },
  {
    name: 'DISTINCT TOP',
    sql: 'SELECT DISTINCT TOP 3 AppointmentLength FROM APPOINTMENTS ORDER BY AppointmentLength',
    rows: [{ AppointmentLength: 900 }, { AppointmentLength: 1800 }, { AppointmentLength: 2700 }],
  },
  {
    name: 'OFFSET … FETCH paging',
    sql: 'SELECT InternalID FROM BPS_Patients ORDER BY InternalID OFFSET 100 ROWS FETCH NEXT 5 ROWS ONLY',
    rows: [{ InternalID: 101 }, { InternalID: 102 }, { InternalID: 103 }, { InternalID: 104 }, { InternalID: 105 }],
  },
  {
    name: 'OFFSET without FETCH',
    needed: 'both',
    sql: 'SELECT UserID FROM USERS ORDER BY UserID OFFSET 10 ROWS',
    rows: [{ UserID: 11 }, { UserID: 12 }],
  },
  {
    name: 'TOP in a derived table',
    sql: 'SELECT SUM(UserID) AS s FROM (SELECT TOP 3 UserID FROM USERS ORDER BY UserID DESC) t',
    rows: [{ s: 33 }],
  },

  // --- APPLY and VALUES -----------------------------------------------------------------------
  {
    name: 'CROSS APPLY the next appointment',
    needed: 'simulator',
    sql: `SELECT TOP 10 p.InternalID, nx.AppointmentDate, nx.AppointmentTime FROM BPS_Patients p
CROSS APPLY (SELECT TOP 1 a.AppointmentDate, a.AppointmentTime FROM APPOINTMENTS a WHERE a.InternalID = p.InternalID
  AND a.AppointmentDate >= '2025-03-05' ORDER BY a.AppointmentDate, a.AppointmentTime) nx ORDER BY p.InternalID`,
    sqlite: `SELECT p.InternalID, (SELECT a.AppointmentDate FROM APPOINTMENTS a WHERE a.InternalID = p.InternalID AND a.AppointmentDate >= '${TODAY}' ORDER BY a.AppointmentDate, a.AppointmentTime LIMIT 1) AS AppointmentDate,
(SELECT a.AppointmentTime FROM APPOINTMENTS a WHERE a.InternalID = p.InternalID AND a.AppointmentDate >= '${TODAY}' ORDER BY a.AppointmentDate, a.AppointmentTime LIMIT 1) AS AppointmentTime
FROM BPS_Patients p WHERE EXISTS (SELECT 1 FROM APPOINTMENTS a WHERE a.InternalID = p.InternalID AND a.AppointmentDate >= '${TODAY}') ORDER BY p.InternalID LIMIT 10`,
  },
  {
    name: 'OUTER APPLY the last visit (NULL when none)',
    needed: 'simulator',
    sql: `SELECT p.InternalID, lv.VisitDate FROM BPS_Patients p
OUTER APPLY (SELECT TOP 1 v.VisitDate FROM BPS_Visits v WHERE v.InternalID = p.InternalID ORDER BY v.VisitDate DESC) lv
WHERE p.InternalID <= 30 ORDER BY p.InternalID`,
    sqlite: `SELECT p.InternalID, (SELECT MAX(v.VisitDate) FROM BPS_Visits v WHERE v.InternalID = p.InternalID) AS VisitDate
FROM BPS_Patients p WHERE p.InternalID <= 30 ORDER BY p.InternalID`,
  },
  {
    name: 'CROSS APPLY an aggregate',
    needed: 'simulator',
    sql: `SELECT u.UserID, s.n FROM USERS u CROSS APPLY (SELECT COUNT(*) AS n FROM APPOINTMENTS a WHERE a.UserID = u.UserID) s
WHERE u.IsProvider = 1 ORDER BY u.UserID`,
    sqlite: `SELECT u.UserID, (SELECT COUNT(*) FROM APPOINTMENTS a WHERE a.UserID = u.UserID) AS n FROM USERS u
WHERE u.IsProvider = 1 ORDER BY u.UserID`,
  },
  {
    name: 'CROSS APPLY VALUES to unpivot phone numbers',
    needed: 'simulator',
    sql: `SELECT p.InternalID, ph.Kind, ph.Number FROM BPS_Patients p
CROSS APPLY (VALUES ('Home', p.HomePhone), ('Work', p.WorkPhone), ('Mobile', p.MobilePhone)) AS ph (Kind, Number)
WHERE p.InternalID = 42 AND ph.Number IS NOT NULL ORDER BY ph.Kind`,
    sqlite: `SELECT * FROM (SELECT InternalID, 'Home' AS Kind, HomePhone AS Number FROM BPS_Patients WHERE InternalID = 42
UNION ALL SELECT InternalID, 'Work', WorkPhone FROM BPS_Patients WHERE InternalID = 42
UNION ALL SELECT InternalID, 'Mobile', MobilePhone FROM BPS_Patients WHERE InternalID = 42) WHERE Number IS NOT NULL ORDER BY Kind`,
  },
  {
    name: 'CROSS APPLY with SELECT *',
    needed: 'simulator',
    sql: 'SELECT u.UserID, x.* FROM USERS u CROSS APPLY (SELECT TOP 1 Title FROM TITLES t WHERE t.TitleCode = u.TitleCode) x WHERE u.UserID < 3 ORDER BY u.UserID',
    rows: [
      { UserID: 1, Title: 'Dr' },
      { UserID: 2, Title: 'Dr' },
    ],
  },
  {
    name: 'a VALUES table joined to a view',
    needed: 'simulator',
    sql: `SELECT v.code, c.Description FROM (VALUES (1), (5)) AS v (code) JOIN AppointmentCodes c ON c.AppointmentCode = v.code ORDER BY v.code`,
    rows: [
      { code: 1, Description: 'Booked' },
      { code: 5, Description: 'Completed' },
    ],
  },
  {
    name: 'a VALUES table of mixed types takes the highest',
    needed: 'simulator',
    sql: "SELECT SUM(n) AS total FROM (VALUES (1), ('2'), (3.5)) v (n)",
    rows: [{ total: 6.5 }],
  },
  {
    name: 'a VALUES lookup in a CASE-free mapping',
    needed: 'simulator',
    sql: `SELECT m.label, COUNT(*) AS n FROM APPOINTMENTS a JOIN (VALUES (1, 'open'), (2, 'open'), (3, 'open'), (4, 'done'), (5, 'done')) m (code, label)
ON m.code = a.AppointmentCode GROUP BY m.label ORDER BY m.label`,
    sqlite: `SELECT CASE WHEN AppointmentCode <= 3 THEN 'open' ELSE 'done' END AS label, COUNT(*) AS n FROM APPOINTMENTS GROUP BY 1 ORDER BY 1`,
  },

  // --- Window functions -----------------------------------------------------------------------
  {
    name: 'RANK and DENSE_RANK',
    sql: 'SELECT AppointmentCode, RANK() OVER (ORDER BY DefaultLength DESC) AS r, DENSE_RANK() OVER (ORDER BY DefaultLength DESC) AS d FROM AppointmentTypes ORDER BY AppointmentCode',
    sqlite:
      'SELECT AppointmentCode, RANK() OVER (ORDER BY DefaultLength DESC) AS r, DENSE_RANK() OVER (ORDER BY DefaultLength DESC) AS d FROM AppointmentTypes ORDER BY AppointmentCode',
  },
  {
    name: 'LAG and LEAD',
    sql: 'SELECT UserID, LAG(UserID) OVER (ORDER BY UserID) AS prev, LEAD(UserID, 2, 0) OVER (ORDER BY UserID) AS next2 FROM USERS ORDER BY UserID',
    sqlite:
      'SELECT UserID, LAG(UserID) OVER (ORDER BY UserID) AS prev, LEAD(UserID, 2, 0) OVER (ORDER BY UserID) AS next2 FROM USERS ORDER BY UserID',
  },
  {
    name: 'a running total with a ROWS frame',
    needed: 'simulator',
    sql: 'SELECT UserID, SUM(UserID) OVER (ORDER BY UserID ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM USERS ORDER BY UserID',
    sqlite:
      'SELECT UserID, SUM(UserID) OVER (ORDER BY UserID ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM USERS ORDER BY UserID',
  },
  {
    name: 'COUNT(*) OVER () beside each row',
    sql: 'SELECT TOP 3 InternalID, COUNT(*) OVER () AS total FROM BPS_Patients ORDER BY InternalID',
    rows: [
      { InternalID: 1, total: 2000 },
      { InternalID: 2, total: 2000 },
      { InternalID: 3, total: 2000 },
    ],
  },
  {
    name: 'NTILE and FIRST_VALUE',
    needed: 'simulator',
    sql: 'SELECT UserID, NTILE(4) OVER (ORDER BY UserID) AS q, FIRST_VALUE(Surname) OVER (ORDER BY UserID) AS firstSurname FROM USERS ORDER BY UserID',
    sqlite:
      'SELECT UserID, NTILE(4) OVER (ORDER BY UserID) AS q, FIRST_VALUE(Surname) OVER (ORDER BY UserID) AS firstSurname FROM USERS ORDER BY UserID',
  },
  {
    name: 'ROW_NUMBER partitioned, filtered in a derived table',
    sql: `SELECT UserID, AppointmentDate FROM (SELECT UserID, AppointmentDate, ROW_NUMBER() OVER (PARTITION BY UserID ORDER BY AppointmentDate, AppointmentTime) AS rn
FROM APPOINTMENTS) x WHERE rn = 1 ORDER BY UserID`,
    sqlite: 'SELECT UserID, MIN(AppointmentDate) AS AppointmentDate FROM APPOINTMENTS GROUP BY UserID ORDER BY UserID',
  },

  // --- Built-in functions: strings ---------------------------------------------------------------
  {
    name: 'LEFT, RIGHT, SUBSTRING, LEN',
    sql: 'SELECT LEFT(Surname, 3) AS l, RIGHT(Surname, 2) AS r, SUBSTRING(Surname, 2, 3) AS s, LEN(Surname) AS n FROM BPS_Patients WHERE InternalID = 42',
    rows: [{ l: 'Hya', r: 'tt', s: 'yat', n: 5 }],
  },
  {
    name: 'CHARINDEX and PATINDEX',
    needed: 'simulator',
    sql: "SELECT CHARINDEX('a', Surname) AS c, PATINDEX('%[aeiou]%', Surname) AS p FROM BPS_Patients WHERE InternalID = 42",
    rows: [{ c: 3, p: 3 }],
  },
  {
    name: 'REPLACE is case-insensitive, STUFF, REPLICATE, REVERSE',
    needed: 'simulator',
    sql: "SELECT REPLACE('Hyatt', 'T', 'd') AS a, STUFF('Hyatt', 2, 3, '-') AS b, REPLICATE('ab', 3) AS c, REVERSE('Hyatt') AS d",
    rows: [{ a: 'Hyadd', b: 'H-t', c: 'ababab', d: 'ttayH' }],
  },
  {
    name: 'UPPER, LOWER, LTRIM, RTRIM, TRIM',
    sql: "SELECT UPPER('zoë') AS u, LOWER('ÉMILE') AS l, LTRIM('  a ') AS lt, RTRIM(' a  ') AS rt, TRIM('  a  ') AS t",
    rows: [{ u: 'ZOË', l: 'émile', lt: 'a ', rt: ' a', t: 'a' }],
  },
  {
    name: 'CONCAT and CONCAT_WS skip NULLs; + with NULL is NULL',
    sql: "SELECT CONCAT('a', NULL, 'b') AS c, CONCAT_WS('-', 'a', NULL, 'b') AS w, 'a' + NULL AS p",
    rows: [{ c: 'ab', w: 'a-b', p: null }],
  },
  {
    name: 'a full name with + and ISNULL',
    sql: "SELECT Firstname + ' ' + ISNULL(Middlename + ' ', '') + Surname AS FullName FROM BPS_Patients WHERE InternalID = 42",
    sqlite:
      "SELECT Firstname || ' ' || IFNULL(Middlename || ' ', '') || Surname AS FullName FROM BPS_Patients WHERE InternalID = 42",
  },
  {
    name: 'QUOTENAME, SOUNDEX, DIFFERENCE',
    needed: 'simulator',
    sql: "SELECT QUOTENAME('a]b') AS q, QUOTENAME('x', '''') AS q2, SOUNDEX('Robert') AS s, DIFFERENCE('Smith', 'Smyth') AS d",
    rows: [{ q: '[a]]b]', q2: "'x'", s: 'R163', d: 4 }],
  },
  {
    name: 'STR and TRANSLATE',
    needed: 'simulator',
    sql: "SELECT STR(123.456, 8, 2) AS s, TRANSLATE('2*[3+4]/{7-2}', '[]{}', '()()') AS t",
    rows: [{ s: '  123.46', t: '2*(3+4)/(7-2)' }],
  },
  {
    name: 'DATALENGTH by type',
    needed: 'simulator',
    sql: "SELECT DATALENGTH(Surname) AS v, DATALENGTH(N'Hyatt') AS n, DATALENGTH(InternalID) AS i, DATALENGTH(DOB) AS d FROM BPS_Patients WHERE InternalID = 42",
    rows: [{ v: 5, n: 10, i: 4, d: 8 }],
  },
  {
    name: 'CHAR, ASCII, UNICODE, SPACE',
    sql: "SELECT CHAR(65) AS c, ASCII('A') AS a, UNICODE(N'ë') AS u, '[' + SPACE(2) + ']' AS s",
    rows: [{ c: 'A', a: 65, u: 235, s: '[  ]' }],
  },
  {
    name: 'mobile numbers without spaces',
    sql: "SELECT TOP 5 InternalID, REPLACE(MobilePhone, ' ', '') AS Mobile FROM BPS_Patients WHERE MobilePhone LIKE '04%' ORDER BY InternalID",
    sqlite:
      "SELECT InternalID, REPLACE(MobilePhone, ' ', '') AS Mobile FROM BPS_Patients WHERE MobilePhone LIKE '04%' ORDER BY InternalID LIMIT 5",
  },

  // --- Built-in functions: dates --------------------------------------------------------------
  {
    name: 'DATEADD and DATEDIFF',
    sql: "SELECT DATEADD(month, 1, '2025-01-31') AS m, DATEADD(day, -1, '2025-03-01') AS d, DATEDIFF(day, '2025-01-01', '2025-03-05') AS days, DATEDIFF(week, '2025-03-01', '2025-03-05') AS weeks",
    rows: [{ m: '2025-02-28T00:00:00', d: '2025-02-28T00:00:00', days: 63, weeks: 1 }],
  },
  {
    name: 'DATEPART, DATENAME, YEAR, MONTH, DAY of now',
    sql: 'SELECT DATEPART(weekday, GETDATE()) AS dw, DATENAME(weekday, GETDATE()) AS dn, DATENAME(month, GETDATE()) AS mn, YEAR(GETDATE()) AS y, MONTH(GETDATE()) AS m, DAY(GETDATE()) AS d, DATEPART(hour, GETDATE()) AS h',
    rows: [{ dw: 4, dn: 'Wednesday', mn: 'March', y: 2025, m: 3, d: 5, h: 9 }],
  },
  {
    name: 'EOMONTH, DATEFROMPARTS, DATETIMEFROMPARTS',
    needed: 'simulator',
    sql: "SELECT EOMONTH('2024-02-10') AS e, EOMONTH(GETDATE(), 1) AS e1, DATEFROMPARTS(2025, 12, 25) AS x, DATETIMEFROMPARTS(2025, 1, 2, 3, 4, 5, 0) AS dt",
    rows: [
      { e: '2024-02-29T00:00:00', e1: '2025-04-30T00:00:00', x: '2025-12-25T00:00:00', dt: '2025-01-02T03:04:05' },
    ],
  },
  {
    name: 'DATETRUNC',
    needed: 'simulator',
    sql: "SELECT DATETRUNC(month, '2025-03-05 09:30') AS m, DATETRUNC(week, '2025-03-05') AS w, DATETRUNC(hour, '2025-03-05 09:30:15') AS h",
    rows: [{ m: '2025-03-01T00:00:00', w: '2025-03-02T00:00:00', h: '2025-03-05T09:00:00' }],
  },
  {
    name: 'the midnight idiom DATEADD(dd, DATEDIFF(dd, 0, GETDATE()), 0)',
    sql: 'SELECT DATEADD(dd, DATEDIFF(dd, 0, GETDATE()), 0) AS today',
    rows: [{ today: TODAY }],
  },
  {
    name: 'CONVERT with date styles',
    sql: 'SELECT CONVERT(varchar(10), DOB, 103) AS au, CONVERT(varchar(8), DOB, 112) AS iso, CONVERT(varchar(19), DOB, 120) AS odbc FROM BPS_Patients WHERE InternalID = 42',
    rows: [{ au: '06/06/1977', iso: '19770606', odbc: '1977-06-06 00:00:00' }],
  },
  {
    name: 'FORMAT a date',
    sql: "SELECT FORMAT(DOB, 'dd/MM/yyyy') AS f, FORMAT(DOB, 'dddd d MMMM yyyy') AS g FROM BPS_Patients WHERE InternalID = 42",
    rows: [{ f: '06/06/1977', g: 'Monday 6 June 1977' }],
  },
  {
    name: 'appointments this month',
    sql: 'SELECT COUNT(*) AS n FROM APPOINTMENTS WHERE AppointmentDate >= DATEFROMPARTS(YEAR(GETDATE()), MONTH(GETDATE()), 1) AND AppointmentDate <= EOMONTH(GETDATE())',
    sqlite:
      "SELECT COUNT(*) AS n FROM APPOINTMENTS WHERE AppointmentDate >= '2025-03-01T00:00:00' AND AppointmentDate <= '2025-03-31T00:00:00'",
  },
  {
    name: 'seconds since midnight as a time of day',
    sql: "SELECT TOP 3 AppointmentTime, CONVERT(varchar(5), DATEADD(second, AppointmentTime, 0), 108) AS HHMM FROM APPOINTMENTS WHERE AppointmentDate = '2025-03-05' ORDER BY AppointmentTime, RecordID",
    sqlite: `SELECT AppointmentTime, printf('%02d:%02d', AppointmentTime / 3600, (AppointmentTime % 3600) / 60) AS HHMM FROM APPOINTMENTS
WHERE AppointmentDate = '${TODAY}' ORDER BY AppointmentTime, RecordID LIMIT 3`,
  },
  {
    name: 'patients with a birthday today',
    sql: 'SELECT COUNT(*) AS n FROM BPS_Patients WHERE MONTH(DOB) = MONTH(GETDATE()) AND DAY(DOB) = DAY(GETDATE())',
    sqlite: "SELECT COUNT(*) AS n FROM BPS_Patients WHERE substr(DOB, 6, 5) = '03-05'",
  },

  // --- Built-in functions: maths, logic, conversion ----------------------------------------------
  {
    name: 'ROUND, CEILING, FLOOR, ABS, POWER, SQRT, SIGN',
    sql: 'SELECT ROUND(2.345, 2) AS r, ROUND(1234, -2) AS r2, CEILING(1.2) AS c, FLOOR(-1.2) AS f, ABS(-3) AS a, POWER(2, 10) AS p, SQRT(16.0) AS s, SIGN(-5) AS sg',
    rows: [{ r: 2.35, r2: 1200, c: 2, f: -2, a: 3, p: 1024, s: 4, sg: -1 }],
  },
  {
    name: 'integer division and modulo',
    sql: 'SELECT 7 / 2 AS q, 7 % 2 AS m, 7 / 2.0 AS d',
    rows: [{ q: 3, m: 1, d: 3.5 }],
  },
  {
    name: 'IIF, CHOOSE, COALESCE, NULLIF',
    sql: "SELECT IIF(1 > 2, 'yes', 'no') AS i, CHOOSE(2, 'a', 'b', 'c') AS c, COALESCE(NULL, NULL, 'x') AS co, NULLIF(5, 5) AS n",
    rows: [{ i: 'no', c: 'b', co: 'x', n: null }],
  },
  {
    name: 'GREATEST and LEAST ignore NULLs',
    needed: 'simulator',
    sql: 'SELECT GREATEST(3, NULL, 7, 1) AS g, LEAST(3, NULL, 7, 1) AS l',
    rows: [{ g: 7, l: 1 }],
  },
  {
    name: 'CASE with mixed result types takes the highest (int)',
    sql: "SELECT CASE WHEN InternalID = 42 THEN '10' ELSE 0 END + 1 AS v FROM BPS_Patients WHERE InternalID IN (41, 42) ORDER BY InternalID",
    rows: [{ v: 1 }, { v: 11 }],
  },
  {
    name: 'a searched CASE on the appointment status',
    sql: `SELECT CASE WHEN AppointmentCode = 5 THEN 'Done' WHEN AppointmentCode IN (2, 3, 4) THEN 'In clinic' ELSE 'Booked' END AS Stage, COUNT(*) AS n
FROM APPOINTMENTS WHERE AppointmentDate = '2025-03-05' GROUP BY CASE WHEN AppointmentCode = 5 THEN 'Done' WHEN AppointmentCode IN (2, 3, 4) THEN 'In clinic' ELSE 'Booked' END ORDER BY Stage`,
    sqlite: `SELECT CASE WHEN AppointmentCode = 5 THEN 'Done' WHEN AppointmentCode IN (2, 3, 4) THEN 'In clinic' ELSE 'Booked' END AS Stage, COUNT(*) AS n
FROM APPOINTMENTS WHERE AppointmentDate = '${TODAY}' GROUP BY Stage ORDER BY Stage`,
  },
  {
    name: 'TRY_CONVERT and TRY_CAST answer NULL for what does not convert',
    needed: 'both',
    sql: "SELECT TRY_CONVERT(int, '12') AS a, TRY_CONVERT(int, 'x') AS b, TRY_CAST('2025-02-30' AS date) AS c, TRY_CAST('2025-02-28' AS date) AS d, TRY_CONVERT(date, '31/12/2025', 103) AS e",
    rows: [{ a: 12, b: null, c: null, d: '2025-02-28T00:00:00', e: '2025-12-31T00:00:00' }],
  },
  {
    name: 'TRY_CONVERT over a column',
    needed: 'simulator',
    sql: 'SELECT COUNT(*) AS n FROM BPS_Patients WHERE TRY_CONVERT(int, MedicareLineNo) = 1',
    sqlite: "SELECT COUNT(*) AS n FROM BPS_Patients WHERE MedicareLineNo = '1'",
  },
  {
    name: 'PARSE and TRY_PARSE with a culture',
    needed: 'both',
    sql: "SELECT PARSE('05/03/2025' AS date USING 'en-AU') AS au, PARSE('05/03/2025' AS date USING 'en-US') AS us, TRY_PARSE('$1,234.50' AS decimal(10, 2) USING 'en-AU') AS money, TRY_PARSE('abc' AS int) AS bad",
    rows: [{ au: '2025-03-05T00:00:00', us: '2025-05-03T00:00:00', money: 1234.5, bad: null }],
  },
  {
    name: 'CAST and CONVERT between types',
    sql: "SELECT CAST('42' AS int) + 1 AS i, CAST(2.5 AS int) AS t, CONVERT(decimal(10, 2), '3.14159') AS d, CAST(InternalID AS varchar(10)) + '!' AS s FROM BPS_Patients WHERE InternalID = 42",
    rows: [{ i: 43, t: 2, d: 3.14, s: '42!' }],
  },
  {
    name: 'ISNUMERIC and ISDATE',
    sql: "SELECT ISNUMERIC('12.5') AS a, ISNUMERIC('x') AS b, ISDATE('2025-02-29') AS c, ISDATE('2024-02-29') AS d",
    rows: [{ a: 1, b: 0, c: 0, d: 1 }],
  },
  {
    name: 'JSON_VALUE and ISJSON',
    needed: 'simulator',
    sql: `SELECT JSON_VALUE('{"a":{"b":[10,20]}}', '$.a.b[1]') AS v, ISJSON('{"a":1}') AS j, ISJSON('nope') AS n`,
    rows: [{ v: '20', j: 1, n: 0 }],
  },
  {
    name: 'NEWID is a uniqueidentifier',
    sql: 'SELECT LEN(CAST(NEWID() AS varchar(36))) AS n',
    rows: [{ n: 36 }],
  },

  // --- Hints, options and catalogues ---------------------------------------------------------------
  {
    name: 'OPTION (RECOMPILE)',
    needed: 'both',
    sql: 'SELECT COUNT(*) AS n FROM USERS WITH (NOLOCK) OPTION (RECOMPILE)',
    rows: [{ n: 12 }],
  },
  {
    name: 'table hints that do not lock for writing',
    sql: 'SELECT COUNT(*) AS n FROM USERS WITH (READPAST, ROWLOCK)',
    rows: [{ n: 12 }],
  },
  {
    name: 'the BPSDrugs catalogue, cross-database name',
    sql: 'SELECT COUNT(*) AS n FROM BPSDrugs.dbo.PRODUCT WHERE ISVACCINE = 1',
    catalogue: 'BPSDrugs',
    rows: [{ n: 12 }],
  },
  {
    name: 'vaccines and their diseases with STRING_AGG',
    sql: `SELECT TOP 3 p.GENERICNAME, STRING_AGG(v.DISEASE, ', ') AS Diseases FROM PRODUCT p JOIN VACCINE_DISEASE v ON v.VACCINEID = p.PRODUCTID
GROUP BY p.GENERICNAME ORDER BY COUNT(*) DESC, p.GENERICNAME`,
    catalogue: 'BPSDrugs',
    rows: [
      { GENERICNAME: 'Diphtheria, tetanus, pertussis (dTpa) vaccine', Diseases: 'Diphtheria, Tetanus, Pertussis' },
      { GENERICNAME: 'Measles, mumps, rubella vaccine', Diseases: 'Measles, Mumps, Rubella' },
      { GENERICNAME: 'COVID-19 mRNA vaccine', Diseases: 'COVID-19' },
    ],
  },

  // --- Errors as SQL Server raises them ----------------------------------------------------------
  {
    name: 'an unknown function (195)',
    sql: 'SELECT FOO(1) AS x',
    error: { code: 195, message: "'FOO' is not a recognized built-in function name." },
  },
  {
    name: 'a word converted to int (245)',
    sql: "SELECT CAST('abc' AS int) AS x",
    error: { code: 245, message: 'Conversion failed when converting the varchar value to data type int.' },
  },
  {
    name: 'a varchar column compared with an int (245)',
    needed: 'simulator',
    sql: 'SELECT COUNT(*) AS n FROM BPS_Patients WHERE Surname = 1',
    error: { code: 245, message: 'Conversion failed when converting the varchar value to data type int.' },
  },
  {
    name: 'a word converted to decimal (8114)',
    sql: "SELECT CONVERT(decimal(10, 2), 'abc') AS x",
    error: { code: 8114, message: 'Error converting data type varchar to numeric.' },
  },
  {
    name: 'a string that is not a date (241)',
    needed: 'simulator',
    sql: "SELECT COUNT(*) AS n FROM BPS_Patients WHERE DOB > 'yesterday'",
    error: { code: 241, message: 'Conversion failed when converting date and/or time from character string.' },
  },
  {
    name: 'division by zero (8134)',
    needed: 'simulator',
    sql: 'SELECT COUNT(*) / (COUNT(*) - COUNT(*)) AS x FROM USERS',
    error: { code: 8134, message: 'Divide by zero error encountered.' },
  },
  {
    name: 'arithmetic overflow (8115)',
    sql: 'SELECT CAST(3000000000 AS int) AS x',
    error: { code: 8115, message: 'Arithmetic overflow error converting expression to data type int.' },
  },
  {
    name: 'an invalid column (207)',
    sql: 'SELECT Nope FROM BPS_Patients',
    error: { code: 207, message: "Invalid column name 'Nope'." },
  },
];
