/**
 * Best Practice (Bp Premier) practice database for the simulator: base tables with Bp's UPPERCASE
 * names, the `BPS_*` views with exactly the column names of docs/halo/DOMAIN.md §9.1,
 * and a small `BPSDrugs` reference database. Invented parts are listed in ./SCHEMAS.md.
 *
 * Storage conventions (the SQL engine depends on them): dates/datetimes are TEXT
 * `YYYY-MM-DDTHH:mm:ss`, appointment times/lengths INTEGER seconds, booleans INTEGER 0/1, NULL for
 * missing. Text columns are COLLATE NOCASE: SQL Server's default collation compares case-insensitively.
 * Columns are declared with their SQL Server types (`VARCHAR(n)`, `DATETIME`, `INTEGER`): the T-SQL
 * engine reads them (simulator/src/sql/catalogue.ts) to convert operands as SQL Server does.
 */
import type Database from 'better-sqlite3';
import { generateClinicalRecords, type DrugProduct } from './best-practice-clinical.js';
import type {
  AppointmentState,
  AppointmentTypeSpec,
  PensionKind,
  PmsProfile,
  PracticeData,
  Sex,
  StaffSpec,
  SyntheticPatient,
} from './open-site-database.js';

// =============================================================================================
// Profile (staff and appointment types the neutral generator uses)
// =============================================================================================

const BP_STAFF: readonly StaffSpec[] = [
  { role: 'doctor', provider: true, days: 5 },
  { role: 'doctor', provider: true, days: 4 },
  { role: 'doctor', provider: true, days: 4 },
  { role: 'doctor', provider: true, days: 3 },
  { role: 'registrar', provider: true, days: 5 },
  { role: 'nursePractitioner', provider: true, days: 3 },
  { role: 'nurse', provider: true, days: 5 },
  { role: 'nurse', provider: true, days: 3 },
  { role: 'receptionist', provider: false, days: 5 },
  { role: 'receptionist', provider: false, days: 3 },
  { role: 'manager', provider: false, days: 5 },
  { role: 'system', provider: false, days: 5, fixedName: { firstName: 'Online', surname: 'Bookings' } },
];

/** `AppointmentTypes` rows (AppointmentCode, Description) with slot lengths and frequencies. */
const BP_APPOINTMENT_TYPES: readonly AppointmentTypeSpec[] = [
  { code: 1, description: 'Standard', slots: 1, weight: 50 },
  { code: 2, description: 'Long', slots: 2, weight: 14 },
  { code: 3, description: 'New patient', slots: 2, weight: 6 },
  { code: 4, description: 'Telehealth', slots: 1, weight: 10 },
  { code: 5, description: 'Immunisation', slots: 1, weight: 6 },
  { code: 6, description: 'Care plan', slots: 2, weight: 5 },
  { code: 7, description: 'Procedure', slots: 2, weight: 4 },
  { code: 8, description: 'Health assessment', slots: 3, weight: 2 },
  { code: 9, description: 'Short', slots: 1, weight: 3 },
];

/** What the neutral generator needs to know about Best Practice. */
export const BEST_PRACTICE_PROFILE: PmsProfile = { staff: BP_STAFF, appointmentTypes: BP_APPOINTMENT_TYPES };

// =============================================================================================
// Lookup tables
// =============================================================================================

const TITLES: ReadonlyArray<readonly [number, string]> = [
  [1, 'Mr'],
  [2, 'Mrs'],
  [3, 'Ms'],
  [4, 'Miss'],
  [5, 'Master'],
  [6, 'Dr'],
  [7, 'Prof'],
  [8, 'Mx'],
  [9, 'Rev'],
];
const TITLE_CODE = new Map(TITLES.map(([code, title]) => [title, code] as const));

/** SEXCODE: METeOR sex codes (invented lookup). */
const SEXES: ReadonlyArray<readonly [number, string]> = [
  [1, 'Male'],
  [2, 'Female'],
  [3, 'Intersex'],
  [9, 'Not stated'],
];
const SEX_CODE: Readonly<Record<Sex, number>> = { M: 1, F: 2, X: 3, U: 9 };

/** GENDERCODE: METeOR gender codes (invented lookup). */
const GENDERS: ReadonlyArray<readonly [number, string]> = [
  [1, 'Man or male'],
  [2, 'Woman or female'],
  [3, 'Non-binary'],
  [4, 'Different term'],
  [5, 'Prefer not to answer'],
];

/** ETHNICCODE holds the AU indigenous status code; Bp shows it as "Ethnicity". */
const ETHNICITIES: ReadonlyArray<readonly [number, string]> = [
  [1, 'Aboriginal'],
  [2, 'Torres Strait Islander'],
  [3, 'Aboriginal and Torres Strait Islander'],
  [4, 'Neither'],
  [9, 'Not stated'],
];

const PENSION_TYPES: ReadonlyArray<readonly [number, string, PensionKind]> = [
  [1, 'Pensioner Concession Card', 'PCC'],
  [2, 'Health Care Card', 'HCC'],
  [3, 'Commonwealth Seniors Health Card', 'CSHC'],
];
const PENSION_CODE = new Map(PENSION_TYPES.map(([code, , kind]) => [kind, code] as const));

/** DVACode: 0 none, 1 Gold, 2 White, 3 Orange (invented coding; DVACARDTYPE holds the FHIR code). */
const DVA_CODE = { DVG: 1, DVW: 2, DVO: 3 } as const;

const PATIENT_STATUSES: ReadonlyArray<readonly [number, string]> = [
  [1, 'Active'],
  [2, 'Inactive'],
  [3, 'Deceased'],
];
const PATIENT_STATUS_CODE = { Active: 1, Inactive: 2, Deceased: 3 } as const;

/** `AppointmentCodes`: the appointment status (DOMAIN.md §9.1 values). */
const APPOINTMENT_CODES: ReadonlyArray<readonly [number, string]> = [
  [1, 'Booked'],
  [2, 'Waiting'],
  [3, 'With doctor'],
  [4, 'At billing'],
  [5, 'Completed'],
];
const STATE_CODE: Readonly<Record<AppointmentState, number>> = {
  booked: 1,
  waiting: 2,
  withProvider: 3,
  atBilling: 4,
  completed: 5,
};

const VISIT_TYPES = [
  'Surgery',
  'Home',
  'Non Visit',
  'Hospital',
  'RACF',
  'Telephone',
  'SMS',
  'Email',
  'Locum Service',
  'Out of Office',
  'Other',
  'Hostel',
  'Telehealth',
] as const;
const VISIT_SURGERY = 1;
const VISIT_TELEHEALTH = 13;
const VISIT_HOME = 2;
const TELEHEALTH_TYPE = 4;

const USER_TYPES: Readonly<Record<string, string>> = {
  doctor: 'Doctor',
  registrar: 'Registrar',
  nurse: 'Nurse',
  nursePractitioner: 'Nurse practitioner',
  receptionist: 'Receptionist',
  manager: 'Practice manager',
  system: 'System',
};

// =============================================================================================
// DDL
// =============================================================================================

/** The Best Practice `BPSPatients` DDL: tables, then views. */
export const BEST_PRACTICE_DDL = `
CREATE TABLE TITLES (TitleCode INTEGER PRIMARY KEY, Title VARCHAR(30) COLLATE NOCASE NOT NULL);
CREATE TABLE SEX (SexCode INTEGER PRIMARY KEY, Sex VARCHAR(10) COLLATE NOCASE NOT NULL);
CREATE TABLE GENDER (GenderCode INTEGER PRIMARY KEY, Gender VARCHAR(20) COLLATE NOCASE NOT NULL);
CREATE TABLE ETHNICITY (EthnicCode INTEGER PRIMARY KEY, Ethnicity VARCHAR(50) COLLATE NOCASE NOT NULL);
CREATE TABLE RELIGION (ReligionCode INTEGER PRIMARY KEY, Religion VARCHAR(20) COLLATE NOCASE NOT NULL);
CREATE TABLE PENSIONTYPES (PensionCode INTEGER PRIMARY KEY, PensionType VARCHAR(40) COLLATE NOCASE NOT NULL);
CREATE TABLE HEALTHFUNDS (HealthFundCode INTEGER PRIMARY KEY, HealthFundName VARCHAR(100) COLLATE NOCASE NOT NULL);
CREATE TABLE PATIENTSTATUS (PatientStatusCode INTEGER PRIMARY KEY, StatusText VARCHAR(12) COLLATE NOCASE NOT NULL);
CREATE TABLE YesNo (YesNoCode INTEGER PRIMARY KEY, YesNoword VARCHAR(5) COLLATE NOCASE NOT NULL);
CREATE TABLE LOCATIONS (
  LocationID INTEGER PRIMARY KEY, LocationName VARCHAR(50) COLLATE NOCASE NOT NULL, Address1 VARCHAR(50) COLLATE NOCASE, City VARCHAR(50) COLLATE NOCASE, Postcode VARCHAR(4) COLLATE NOCASE, State VARCHAR(50) COLLATE NOCASE
);
CREATE TABLE USERS (
  UserID INTEGER PRIMARY KEY, TitleCode INTEGER, Firstname VARCHAR(50) COLLATE NOCASE NOT NULL, Surname VARCHAR(40) COLLATE NOCASE NOT NULL,
  ProviderNo VARCHAR(10) COLLATE NOCASE, LocationID INTEGER NOT NULL DEFAULT 1, UserType VARCHAR(50) COLLATE NOCASE NOT NULL,
  IsProvider INTEGER NOT NULL DEFAULT 0, RecordStatus INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE AppointmentCodes (AppointmentCode INTEGER PRIMARY KEY, Description VARCHAR(250) COLLATE NOCASE NOT NULL);
CREATE TABLE AppointmentTypes (
  AppointmentCode INTEGER PRIMARY KEY, Description VARCHAR(250) COLLATE NOCASE NOT NULL, DefaultLength INTEGER NOT NULL DEFAULT 900
);
CREATE TABLE PATIENTS (
  INTERNALID INTEGER PRIMARY KEY,
  EXTERNALID VARCHAR(50) COLLATE NOCASE,
  TITLECODE INTEGER,
  FIRSTNAME VARCHAR(50) COLLATE NOCASE NOT NULL,
  MIDDLENAME VARCHAR(30) COLLATE NOCASE,
  SURNAME VARCHAR(40) COLLATE NOCASE NOT NULL,
  PREFERREDNAME VARCHAR(30) COLLATE NOCASE,
  ADDRESS1 VARCHAR(40) COLLATE NOCASE,
  ADDRESS2 VARCHAR(40) COLLATE NOCASE,
  CITY VARCHAR(40) COLLATE NOCASE,
  POSTCODE VARCHAR(4) COLLATE NOCASE,
  STATE VARCHAR(50) COLLATE NOCASE,
  COUNTRY VARCHAR(50) COLLATE NOCASE,
  POSTALADDRESS VARCHAR(40) COLLATE NOCASE,
  POSTALCITY VARCHAR(40) COLLATE NOCASE,
  POSTALPOSTCODE VARCHAR(4) COLLATE NOCASE,
  DOB DATETIME COLLATE NOCASE,
  DOBPRECISION VARCHAR(50) COLLATE NOCASE NOT NULL DEFAULT 'D',
  SEXCODE INTEGER,
  GENDERCODE INTEGER,
  ETHNICCODE INTEGER,
  HOMEPHONE VARCHAR(14) COLLATE NOCASE,
  WORKPHONE VARCHAR(14) COLLATE NOCASE,
  MOBILEPHONE VARCHAR(14) COLLATE NOCASE,
  EMAIL VARCHAR(100) COLLATE NOCASE,
  MEDICARENO VARCHAR(13) COLLATE NOCASE,
  MEDICARELINENO VARCHAR(1) COLLATE NOCASE,
  MedicareExpiry VARCHAR(10) COLLATE NOCASE,
  PensionCode INTEGER NOT NULL DEFAULT 0,
  PENSIONNO VARCHAR(14) COLLATE NOCASE,
  PENSIONSTART DATETIME COLLATE NOCASE,
  PENSIONEXPIRY DATETIME COLLATE NOCASE,
  DVACode INTEGER NOT NULL DEFAULT 0,
  DVANO VARCHAR(14) COLLATE NOCASE,
  DVACARDTYPE VARCHAR(50) COLLATE NOCASE,
  SAFETYNETNO VARCHAR(14) COLLATE NOCASE,
  RECORDNO VARCHAR(10) COLLATE NOCASE,
  HCHTIER VARCHAR(12) COLLATE NOCASE,
  HCHSTART DATETIME COLLATE NOCASE,
  RELIGIONCODE INTEGER,
  HEALTHFUNDCODE INTEGER,
  HEALTHFUNDNO VARCHAR(20) COLLATE NOCASE,
  IHI VARCHAR(16) COLLATE NOCASE,
  IHISTATUS VARCHAR(50) COLLATE NOCASE,
  IHIRECORDSTATUS VARCHAR(50) COLLATE NOCASE,
  IHIVALIDATED DATETIME COLLATE NOCASE,
  USUALDOCTOR INTEGER,
  PATIENTSTATUS INTEGER NOT NULL DEFAULT 1,
  DATEOFDEATH DATETIME COLLATE NOCASE,
  RECORDSTATUS INTEGER NOT NULL DEFAULT 1,
  CREATED DATETIME COLLATE NOCASE,
  UPDATED DATETIME COLLATE NOCASE
);
CREATE TABLE APPOINTMENTS (
  RecordID INTEGER PRIMARY KEY,
  InternalID INTEGER NOT NULL,
  AppointmentDate DATETIME COLLATE NOCASE NOT NULL,
  AppointmentTime INTEGER NOT NULL,
  AppointmentLength INTEGER NOT NULL DEFAULT 900,
  UserID INTEGER NOT NULL,
  LocationID INTEGER NOT NULL DEFAULT 1,
  CreatedBy INTEGER,
  AppointmentCode INTEGER NOT NULL DEFAULT 1,
  AppointmentType INTEGER NOT NULL DEFAULT 1,
  Urgent INTEGER NOT NULL DEFAULT 0,
  ArrivalTime INTEGER NOT NULL DEFAULT 0,
  ConsultationTime INTEGER NOT NULL DEFAULT 0,
  COMMENT VARCHAR(50) COLLATE NOCASE,
  ITEMLIST VARCHAR(50) COLLATE NOCASE,
  RecordStatus INTEGER NOT NULL DEFAULT 1,
  Created DATETIME COLLATE NOCASE
);
CREATE TABLE VISITTYPES (VisitCode INTEGER PRIMARY KEY, VisitType VARCHAR(50) COLLATE NOCASE NOT NULL);
CREATE TABLE VISITS (
  VisitID INTEGER PRIMARY KEY, InternalID INTEGER NOT NULL, UserID INTEGER NOT NULL, VisitDate DATETIME COLLATE NOCASE NOT NULL,
  VisitCode INTEGER NOT NULL DEFAULT 1, RecordID INTEGER, RecordStatus INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE IMMUNISATIONS (
  RecordID INTEGER PRIMARY KEY, InternalID INTEGER NOT NULL, GivenDate DATETIME COLLATE NOCASE NOT NULL,
  VaccineID INTEGER NOT NULL, VaccineName VARCHAR(100) COLLATE NOCASE NOT NULL, UserID INTEGER, RecordStatus INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE HISTORY (
  RecordID INTEGER PRIMARY KEY, InternalID INTEGER NOT NULL, Year INTEGER, ConditionID INTEGER NOT NULL,
  Condition VARCHAR(100) COLLATE NOCASE NOT NULL, Status VARCHAR(20) COLLATE NOCASE NOT NULL, RecordStatus INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE INVESTIGATIONS (
  ReportID INTEGER PRIMARY KEY, InternalID INTEGER NOT NULL, TestName VARCHAR(100) COLLATE NOCASE NOT NULL,
  Collected DATETIME COLLATE NOCASE, Reported DATETIME COLLATE NOCASE, Checked DATETIME COLLATE NOCASE, Actioned DATETIME COLLATE NOCASE,
  CheckedBy INTEGER, Notation VARCHAR(50) COLLATE NOCASE, Action VARCHAR(50) COLLATE NOCASE, Comment VARCHAR(250) COLLATE NOCASE,
  RecordStatus INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE CURRENTRX (
  RecordID INTEGER PRIMARY KEY, INTERNALID INTEGER NOT NULL, PRODUCTID INTEGER NOT NULL, DRUGNAME VARCHAR(100) COLLATE NOCASE NOT NULL,
  RXSTATUS INTEGER NOT NULL, RECORDSTATUS INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE OBSERVATIONS (
  RecordID INTEGER PRIMARY KEY, INTERNALID INTEGER NOT NULL, DATANAME VARCHAR(50) COLLATE NOCASE NOT NULL, DATACODE INTEGER NOT NULL,
  DATAVALUE VARCHAR(50) COLLATE NOCASE, OBSDATE DATETIME COLLATE NOCASE NOT NULL, RECORDSTATUS INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE INVOICES (
  INVOICEID INTEGER PRIMARY KEY, USERID INTEGER NOT NULL, INTERNALID INTEGER NOT NULL, INVOICEDATE DATETIME COLLATE NOCASE NOT NULL,
  RECORDSTATUS INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE SERVICES (
  RecordID INTEGER PRIMARY KEY, INVOICEID INTEGER NOT NULL, SERVICEDATE DATETIME COLLATE NOCASE NOT NULL,
  MBSITEM VARCHAR(10) COLLATE NOCASE NOT NULL, DESCRIPTION VARCHAR(250) COLLATE NOCASE, RECORDSTATUS INTEGER NOT NULL DEFAULT 1
);

CREATE VIEW BPS_Patients AS
SELECT
  p.INTERNALID AS InternalID, t.Title AS Title, p.FIRSTNAME AS Firstname, p.MIDDLENAME AS Middlename,
  p.SURNAME AS Surname, p.PREFERREDNAME AS Preferredname, p.ADDRESS1 AS Address1, p.ADDRESS2 AS Address2,
  p.CITY AS City, p.POSTCODE AS Postcode, p.POSTALADDRESS AS PostalAddress, p.POSTALCITY AS PostalCity,
  p.POSTALPOSTCODE AS PostalPostcode, p.DOB AS DOB, sx.Sex AS Sex, g.Gender AS Gender, e.Ethnicity AS Ethnicity,
  p.HOMEPHONE AS HomePhone, p.WORKPHONE AS WorkPhone, p.MOBILEPHONE AS MobilePhone, p.EMAIL AS Email,
  p.MEDICARENO AS MedicareNo, p.MEDICARELINENO AS MedicareLineNo, p.MedicareExpiry AS MedicareExpiry,
  p.PENSIONNO AS PensionNo, p.PENSIONSTART AS PensionStart, p.PENSIONEXPIRY AS PensionExpiry,
  pt.PensionType AS PensionType, p.DVANO AS DVANo, p.SAFETYNETNO AS SafetyNetNo, p.RECORDNO AS RecordNo,
  p.HCHTIER AS HCHTier, p.HCHSTART AS HCHStart, r.Religion AS Religion, hf.HealthFundName AS HealthFundName,
  p.HEALTHFUNDNO AS HealthFundNo, p.IHI AS IHI,
  TRIM(COALESCE(ut.Title || ' ', '') || u.Firstname || ' ' || u.Surname) AS UsualDoctor,
  ps.StatusText AS StatusText
FROM PATIENTS p
LEFT JOIN TITLES t ON t.TitleCode = p.TITLECODE
LEFT JOIN SEX sx ON sx.SexCode = p.SEXCODE
LEFT JOIN GENDER g ON g.GenderCode = p.GENDERCODE
LEFT JOIN ETHNICITY e ON e.EthnicCode = p.ETHNICCODE
LEFT JOIN PENSIONTYPES pt ON pt.PensionCode = p.PensionCode
LEFT JOIN RELIGION r ON r.ReligionCode = p.RELIGIONCODE
LEFT JOIN HEALTHFUNDS hf ON hf.HealthFundCode = p.HEALTHFUNDCODE
LEFT JOIN USERS u ON u.UserID = p.USUALDOCTOR
LEFT JOIN TITLES ut ON ut.TitleCode = u.TitleCode
LEFT JOIN PATIENTSTATUS ps ON ps.PatientStatusCode = p.PATIENTSTATUS
WHERE p.RECORDSTATUS = 1;

CREATE VIEW BPS_Appointments AS
SELECT
  TRIM(COALESCE(pti.Title || ' ', '') || p.FIRSTNAME || ' ' || p.SURNAME) AS Patient,
  a.InternalID AS InternalID, a.AppointmentDate AS AppointmentDate, a.AppointmentTime AS AppointmentTime,
  a.AppointmentLength AS AppointmentLength,
  TRIM(COALESCE(uti.Title || ' ', '') || u.Firstname || ' ' || u.Surname) AS Provider,
  yn.YesNoword AS Urgent, aty.Description AS AppointmentType, ac.Description AS Status,
  a.ArrivalTime AS ArrivalTime, a.ConsultationTime AS ConsultationTime,
  TRIM(b.Firstname || ' ' || b.Surname) AS BookedBy
FROM APPOINTMENTS a
LEFT JOIN PATIENTS p ON p.INTERNALID = a.InternalID
LEFT JOIN TITLES pti ON pti.TitleCode = p.TITLECODE
LEFT JOIN USERS u ON u.UserID = a.UserID
LEFT JOIN TITLES uti ON uti.TitleCode = u.TitleCode
LEFT JOIN YesNo yn ON yn.YesNoCode = a.Urgent
LEFT JOIN AppointmentTypes aty ON aty.AppointmentCode = a.AppointmentType
LEFT JOIN AppointmentCodes ac ON ac.AppointmentCode = a.AppointmentCode
LEFT JOIN USERS b ON b.UserID = a.CreatedBy
WHERE a.RecordStatus = 1;

CREATE VIEW BPS_Users AS
SELECT u.UserID AS UserID, u.Surname AS Surname, u.Firstname AS Firstname, l.LocationName AS LocationName,
  t.Title AS Title, u.ProviderNo AS ProviderNo
FROM USERS u
LEFT JOIN LOCATIONS l ON l.LocationID = u.LocationID
LEFT JOIN TITLES t ON t.TitleCode = u.TitleCode
WHERE u.RecordStatus = 1;

CREATE VIEW BPS_Visits AS
SELECT v.InternalID AS InternalID, vt.VisitType AS VisitType, v.VisitDate AS VisitDate, v.UserID AS UserID,
  TRIM(COALESCE(t.Title || ' ', '') || u.Firstname || ' ' || u.Surname) AS DrName
FROM VISITS v
LEFT JOIN VISITTYPES vt ON vt.VisitCode = v.VisitCode
LEFT JOIN USERS u ON u.UserID = v.UserID
LEFT JOIN TITLES t ON t.TitleCode = u.TitleCode
WHERE v.RecordStatus = 1;

CREATE VIEW BPS_Immunisations AS
SELECT i.InternalID AS InternalID, i.GivenDate AS GivenDate, i.VaccineName AS VaccineName, i.VaccineID AS VaccineID
FROM IMMUNISATIONS i
WHERE i.RecordStatus = 1;

CREATE VIEW BPS_History AS
SELECT h.InternalID AS InternalID, h.Year AS Year, h.Condition AS Condition, h.ConditionID AS ConditionID, h.Status AS Status
FROM HISTORY h
WHERE h.RecordStatus = 1;

CREATE VIEW BPS_Investigations AS
SELECT v.InternalID AS InternalID, v.ReportID AS ReportID, v.TestName AS TestName, v.Collected AS Collected,
  v.Reported AS Reported, v.Checked AS Checked, v.Actioned AS Actioned,
  TRIM(COALESCE(t.Title || ' ', '') || u.Firstname || ' ' || u.Surname) AS CheckedBy,
  v.Notation AS Notation, v.Action AS Action, v.Comment AS Comment
FROM INVESTIGATIONS v
LEFT JOIN USERS u ON u.UserID = v.CheckedBy
LEFT JOIN TITLES t ON t.TitleCode = u.TitleCode
WHERE v.RecordStatus = 1;

CREATE VIEW BPS_CurrentRx AS
SELECT c.INTERNALID AS InternalID, c.PRODUCTID AS ProductID, c.DRUGNAME AS DrugName, c.RXSTATUS AS RxStatus
FROM CURRENTRX c
WHERE c.RECORDSTATUS = 1;

CREATE VIEW BPS_SERVICES AS
SELECT i.INTERNALID AS INTERNALID, s.SERVICEDATE AS SERVICEDATE, s.MBSITEM AS MBSITEM, s.DESCRIPTION AS DESCRIPTION
FROM SERVICES s
JOIN INVOICES i ON i.INVOICEID = s.INVOICEID
WHERE s.RECORDSTATUS = 1 AND i.RECORDSTATUS = 1;
`;

/** The keys integrators look up and join on (patients, providers, bookers, usual doctors, visits). */
const BEST_PRACTICE_INDEXES = `
CREATE INDEX IX_PATIENTS_SURNAME ON PATIENTS (SURNAME, FIRSTNAME);
CREATE INDEX IX_PATIENTS_DOB ON PATIENTS (DOB);
CREATE INDEX IX_PATIENTS_USUALDOCTOR ON PATIENTS (USUALDOCTOR);
CREATE INDEX IX_APPOINTMENTS_DATE ON APPOINTMENTS (AppointmentDate, AppointmentTime);
CREATE INDEX IX_APPOINTMENTS_PATIENT ON APPOINTMENTS (InternalID);
CREATE INDEX IX_APPOINTMENTS_PROVIDER ON APPOINTMENTS (UserID, AppointmentDate);
CREATE INDEX IX_APPOINTMENTS_CREATEDBY ON APPOINTMENTS (CreatedBy);
CREATE INDEX IX_VISITS_PATIENT ON VISITS (InternalID);
CREATE INDEX IX_VISITS_PROVIDER ON VISITS (UserID);
CREATE INDEX IX_VISITS_APPOINTMENT ON VISITS (RecordID);
CREATE INDEX IX_IMMUNISATIONS_PATIENT ON IMMUNISATIONS (InternalID);
CREATE INDEX IX_HISTORY_PATIENT ON HISTORY (InternalID);
CREATE INDEX IX_INVESTIGATIONS_PATIENT ON INVESTIGATIONS (InternalID);
CREATE INDEX IX_CURRENTRX_PATIENT ON CURRENTRX (INTERNALID);
CREATE INDEX IX_OBSERVATIONS_PATIENT ON OBSERVATIONS (INTERNALID, OBSDATE);
CREATE INDEX IX_INVOICES_PATIENT ON INVOICES (INTERNALID);
CREATE INDEX IX_SERVICES_INVOICE ON SERVICES (INVOICEID);
`;

/** Exact column lists of the views (DOMAIN.md §9.1), in order. */
export const BPS_VIEW_COLUMNS = {
  BPS_Patients: [
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
  ],
  BPS_Appointments: [
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
  ],
  BPS_Users: ['UserID', 'Surname', 'Firstname', 'LocationName', 'Title', 'ProviderNo'],
  BPS_Visits: ['InternalID', 'VisitType', 'VisitDate', 'UserID', 'DrName'],
  BPS_Immunisations: ['InternalID', 'GivenDate', 'VaccineName', 'VaccineID'],
  BPS_History: ['InternalID', 'Year', 'Condition', 'ConditionID', 'Status'],
  BPS_Investigations: [
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
  ],
  BPS_SERVICES: ['INTERNALID', 'SERVICEDATE', 'MBSITEM', 'DESCRIPTION'],
} as const;

// =============================================================================================
// Seeding
// =============================================================================================

function insertRows(db: Database.Database, sql: string, rows: ReadonlyArray<readonly unknown[]>): void {
  const stmt = db.prepare(sql);
  for (const row of rows) stmt.run(...row);
}

function medicareExpiryText(m: NonNullable<SyntheticPatient['medicare']>): string {
  return `${String(m.expiryMonth).padStart(2, '0')}/${m.expiryYear}`;
}

/** `YYYY-MM-DDTHH:mm:ss` for a date text at midnight plus seconds. */
function atSeconds(date: string, seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${date.slice(0, 10)}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/**
 * Creates the `BPSPatients` schema in an empty database and fills it from `data`, in one
 * transaction. Writes nothing else; the caller serializes or uses the database.
 */
export function seedBestPractice(db: Database.Database, data: PracticeData): void {
  db.exec(BEST_PRACTICE_DDL);
  const religionCodes = new Map<string, number>();
  const fundCodes = new Map<string, number>();
  for (const p of data.patients) {
    if (p.religion && !religionCodes.has(p.religion)) religionCodes.set(p.religion, 0);
    if (p.healthFund && !fundCodes.has(p.healthFund.name)) fundCodes.set(p.healthFund.name, 0);
  }
  [...religionCodes.keys()].sort().forEach((r, k) => religionCodes.set(r, k + 1));
  [...fundCodes.keys()].sort().forEach((r, k) => fundCodes.set(r, k + 1));
  const doctors = data.staff.filter((s) => s.role === 'doctor' || s.role === 'registrar');

  db.transaction(() => {
    insertRows(db, 'INSERT INTO TITLES VALUES (?, ?)', TITLES);
    insertRows(db, 'INSERT INTO SEX VALUES (?, ?)', SEXES);
    insertRows(db, 'INSERT INTO GENDER VALUES (?, ?)', GENDERS);
    insertRows(db, 'INSERT INTO ETHNICITY VALUES (?, ?)', ETHNICITIES);
    insertRows(
      db,
      'INSERT INTO RELIGION VALUES (?, ?)',
      [...religionCodes].map(([r, c]) => [c, r]),
    );
    insertRows(
      db,
      'INSERT INTO PENSIONTYPES VALUES (?, ?)',
      PENSION_TYPES.map(([c, t]) => [c, t]),
    );
    insertRows(
      db,
      'INSERT INTO HEALTHFUNDS VALUES (?, ?)',
      [...fundCodes].map(([f, c]) => [c, f]),
    );
    insertRows(db, 'INSERT INTO PATIENTSTATUS VALUES (?, ?)', PATIENT_STATUSES);
    insertRows(db, 'INSERT INTO YesNo VALUES (?, ?)', [
      [0, 'No'],
      [1, 'Yes'],
    ]);
    insertRows(db, 'INSERT INTO AppointmentCodes VALUES (?, ?)', APPOINTMENT_CODES);
    insertRows(
      db,
      'INSERT INTO AppointmentTypes VALUES (?, ?, ?)',
      BP_APPOINTMENT_TYPES.map((t) => [t.code, t.description, t.slots * 900]),
    );
    insertRows(
      db,
      'INSERT INTO VISITTYPES VALUES (?, ?)',
      VISIT_TYPES.map((v, k) => [k + 1, v]),
    );
    const home = data.patients.find((p) => p.address.state === data.homeState && p.address.suburb === data.homeSuburb);
    insertRows(db, 'INSERT INTO LOCATIONS VALUES (?, ?, ?, ?, ?, ?)', [
      [1, 'Main Surgery', '1 Station Street', data.homeSuburb, home?.address.postcode ?? null, data.homeState],
    ]);
    insertRows(
      db,
      'INSERT INTO USERS (UserID, TitleCode, Firstname, Surname, ProviderNo, LocationID, UserType, IsProvider) VALUES (?, ?, ?, ?, ?, 1, ?, ?)',
      data.staff.map((s) => [
        s.id,
        s.title ? (TITLE_CODE.get(s.title) ?? null) : null,
        s.firstName,
        s.surname,
        s.providerNo,
        USER_TYPES[s.role] ?? 'Other',
        s.provider ? 1 : 0,
      ]),
    );

    const insPatient = db.prepare(`INSERT INTO PATIENTS VALUES (${new Array(52).fill('?').join(', ')})`);
    for (const p of data.patients) {
      const usual =
        p.usualProviderDraw < 0.95 && doctors.length > 0
          ? (doctors[Math.floor((p.usualProviderDraw / 0.95) * doctors.length)]?.id ?? null)
          : null;
      insPatient.run(
        p.id,
        null,
        TITLE_CODE.get(p.title) ?? null,
        p.firstName,
        p.middleName,
        p.surname,
        p.preferredName,
        p.address.line1,
        p.address.line2,
        p.address.suburb,
        p.address.postcode,
        p.address.state,
        p.address.country,
        p.postal?.line ?? null,
        p.postal?.suburb ?? null,
        p.postal?.postcode ?? null,
        p.dob,
        p.dobPrecision,
        SEX_CODE[p.sex],
        p.gender,
        p.indigenousStatus,
        p.homePhone,
        p.workPhone,
        p.mobilePhone,
        p.email,
        p.medicare?.number ?? null,
        p.medicare?.irn ?? null,
        p.medicare ? medicareExpiryText(p.medicare) : null,
        p.pension ? (PENSION_CODE.get(p.pension.kind) ?? 0) : 0,
        p.pension?.number ?? null,
        p.pension?.start ?? null,
        p.pension?.expiry ?? null,
        p.dva ? DVA_CODE[p.dva.cardType] : 0,
        p.dva?.number ?? null,
        p.dva?.cardType ?? null,
        p.safetyNetNo,
        p.recordNo,
        p.hch?.tier ?? null,
        p.hch?.start ?? null,
        p.religion ? (religionCodes.get(p.religion) ?? null) : null,
        p.healthFund ? (fundCodes.get(p.healthFund.name) ?? null) : null,
        p.healthFund?.number ?? null,
        p.ihi?.number ?? null,
        p.ihi?.status ?? null,
        p.ihi?.recordStatus ?? null,
        p.ihi?.validated ?? null,
        usual,
        PATIENT_STATUS_CODE[p.status],
        p.deathDate,
        p.live ? 1 : 0,
        p.created,
        p.updated,
      );
    }

    const insAppt = db.prepare(
      'INSERT INTO APPOINTMENTS VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, NULL, ?, 1, ?)',
    );
    const insVisit = db.prepare('INSERT INTO VISITS VALUES (?, ?, ?, ?, ?, ?, 1)');
    let visitId = 0;
    for (const a of data.appointments) {
      const done = a.state === 'completed' || a.state === 'atBilling';
      insAppt.run(
        a.id,
        a.patientId,
        a.date,
        a.time,
        a.length,
        a.providerId,
        a.bookedById,
        STATE_CODE[a.state],
        a.typeCode,
        a.urgent ? 1 : 0,
        a.arrivalTime,
        a.consultationTime,
        done && a.typeCode !== TELEHEALTH_TYPE ? '23' : done ? '91800' : null,
        a.created,
      );
      if (done) {
        const code = a.typeCode === TELEHEALTH_TYPE ? VISIT_TELEHEALTH : a.id % 97 === 0 ? VISIT_HOME : VISIT_SURGERY;
        insVisit.run(++visitId, a.patientId, a.providerId, atSeconds(a.date, a.consultationTime || a.time), code, a.id);
      }
    }
    const clinical = generateClinicalRecords(data, DRUG_PRODUCTS, VACCINE_PRODUCTS);
    insertRows(db, 'INSERT INTO IMMUNISATIONS VALUES (?, ?, ?, ?, ?, ?, 1)', clinical.immunisations);
    insertRows(db, 'INSERT INTO HISTORY VALUES (?, ?, ?, ?, ?, ?, 1)', clinical.history);
    insertRows(db, 'INSERT INTO INVESTIGATIONS VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)', clinical.investigations);
    insertRows(db, 'INSERT INTO CURRENTRX VALUES (?, ?, ?, ?, ?, 1)', clinical.currentRx);
    insertRows(db, 'INSERT INTO OBSERVATIONS VALUES (?, ?, ?, ?, ?, ?, 1)', clinical.observations);
    insertRows(db, 'INSERT INTO INVOICES VALUES (?, ?, ?, ?, 1)', clinical.invoices);
    insertRows(db, 'INSERT INTO SERVICES VALUES (?, ?, ?, ?, ?, 1)', clinical.services);
    db.exec(BEST_PRACTICE_INDEXES);
  })();
  // Statistics let SQLite's planner drive joins between the views from the indexed side (seconds otherwise).
  db.exec('ANALYZE');
}

// =============================================================================================
// BPSDrugs
// =============================================================================================

/** [generic name, strength, form, route, schedule] */
const PRODUCTS: ReadonlyArray<readonly [string, string, string, string, string]> = [
  ['Amoxicillin', '500 mg', 'capsule', 'oral', 'S4'],
  ['Amoxicillin + clavulanic acid', '875 mg/125 mg', 'tablet', 'oral', 'S4'],
  ['Cefalexin', '500 mg', 'capsule', 'oral', 'S4'],
  ['Doxycycline', '100 mg', 'tablet', 'oral', 'S4'],
  ['Trimethoprim', '300 mg', 'tablet', 'oral', 'S4'],
  ['Paracetamol', '500 mg', 'tablet', 'oral', 'S2'],
  ['Ibuprofen', '400 mg', 'tablet', 'oral', 'S2'],
  ['Paracetamol + codeine', '500 mg/30 mg', 'tablet', 'oral', 'S4'],
  ['Oxycodone', '5 mg', 'tablet', 'oral', 'S8'],
  ['Atorvastatin', '40 mg', 'tablet', 'oral', 'S4'],
  ['Rosuvastatin', '10 mg', 'tablet', 'oral', 'S4'],
  ['Metformin', '500 mg', 'tablet', 'oral', 'S4'],
  ['Gliclazide', '60 mg', 'modified release tablet', 'oral', 'S4'],
  ['Empagliflozin', '10 mg', 'tablet', 'oral', 'S4'],
  ['Perindopril arginine', '5 mg', 'tablet', 'oral', 'S4'],
  ['Amlodipine', '5 mg', 'tablet', 'oral', 'S4'],
  ['Irbesartan', '150 mg', 'tablet', 'oral', 'S4'],
  ['Metoprolol succinate', '47.5 mg', 'modified release tablet', 'oral', 'S4'],
  ['Apixaban', '5 mg', 'tablet', 'oral', 'S4'],
  ['Warfarin', '5 mg', 'tablet', 'oral', 'S4'],
  ['Esomeprazole', '20 mg', 'enteric tablet', 'oral', 'S4'],
  ['Pantoprazole', '40 mg', 'enteric tablet', 'oral', 'S4'],
  ['Sertraline', '50 mg', 'tablet', 'oral', 'S4'],
  ['Escitalopram', '10 mg', 'tablet', 'oral', 'S4'],
  ['Mirtazapine', '30 mg', 'tablet', 'oral', 'S4'],
  ['Salbutamol', '100 microgram/dose', 'inhaler', 'inhalation', 'S3'],
  ['Budesonide + formoterol', '200 microgram/6 microgram', 'inhaler', 'inhalation', 'S4'],
  ['Levothyroxine', '100 microgram', 'tablet', 'oral', 'S4'],
  ['Prednisolone', '25 mg', 'tablet', 'oral', 'S4'],
  ['Cetirizine', '10 mg', 'tablet', 'oral', 'S2'],
];

/** Vaccines: [name, diseases]. */
const VACCINES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Influenza vaccine (quadrivalent)', ['Influenza']],
  ['Pneumococcal conjugate vaccine (13-valent)', ['Pneumococcal disease']],
  ['Diphtheria, tetanus, pertussis (dTpa) vaccine', ['Diphtheria', 'Tetanus', 'Pertussis']],
  ['Hepatitis B vaccine', ['Hepatitis B']],
  ['Measles, mumps, rubella vaccine', ['Measles', 'Mumps', 'Rubella']],
  ['Varicella vaccine', ['Varicella']],
  ['Zoster vaccine (recombinant)', ['Herpes zoster']],
  ['COVID-19 mRNA vaccine', ['COVID-19']],
  ['Human papillomavirus 9-valent vaccine', ['Human papillomavirus']],
  ['Meningococcal ACWY conjugate vaccine', ['Meningococcal disease']],
  ['Hepatitis A vaccine', ['Hepatitis A']],
  ['Respiratory syncytial virus vaccine', ['RSV']],
];

/** The medicines of `PRODUCT` (ids from 1001, in list order), as the clinical records name them. */
const DRUG_PRODUCTS: readonly DrugProduct[] = PRODUCTS.map(([generic, strength, form], k) => ({
  id: 1001 + k,
  generic,
  name: `${generic} ${strength} ${form}`,
}));
/** The vaccines of `PRODUCT` (ids after the medicines), with the diseases they prevent. */
const VACCINE_PRODUCTS = VACCINES.map(([name, diseases], k) => ({ id: 1001 + PRODUCTS.length + k, name, diseases }));

/** The `BPSDrugs` DDL. */
export const BPS_DRUGS_DDL = `
CREATE TABLE PRODUCT (
  PRODUCTID INTEGER PRIMARY KEY, PRODUCTNAME TEXT COLLATE NOCASE NOT NULL, GENERICNAME TEXT COLLATE NOCASE NOT NULL, STRENGTH TEXT COLLATE NOCASE,
  FORM TEXT COLLATE NOCASE, ROUTE TEXT COLLATE NOCASE, SCHEDULE TEXT COLLATE NOCASE, ISVACCINE INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE VACCINE_DISEASE (
  VACCINEID INTEGER NOT NULL, DISEASECODE INTEGER NOT NULL, DISEASE TEXT COLLATE NOCASE NOT NULL,
  PRIMARY KEY (VACCINEID, DISEASECODE)
);
`;

/** Creates and fills the small `BPSDrugs` reference database (42 products, 16 vaccine–disease rows). */
export function seedBestPracticeDrugs(db: Database.Database): void {
  db.exec(BPS_DRUGS_DDL);
  db.transaction(() => {
    const insProduct = db.prepare('INSERT INTO PRODUCT VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const insVd = db.prepare('INSERT INTO VACCINE_DISEASE VALUES (?, ?, ?)');
    let id = 1000;
    for (const [generic, strength, form, route, schedule] of PRODUCTS) {
      insProduct.run(++id, `${generic} ${strength} ${form}`, generic, strength, form, route, schedule, 0);
    }
    const diseaseCodes = new Map<string, number>();
    for (const [name, diseases] of VACCINES) {
      insProduct.run(++id, `${name} injection`, name, '0.5 mL', 'injection', 'intramuscular', 'S4', 1);
      for (const d of diseases) {
        let code = diseaseCodes.get(d);
        if (code === undefined) diseaseCodes.set(d, (code = diseaseCodes.size + 1));
        insVd.run(id, code, d);
      }
    }
  })();
}
