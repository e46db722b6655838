/**
 * Zedmed practice database for the simulator. Zedmed runs on Firebird and publishes no schema
 * (DOMAIN.md §9.2), so every table and column here is INVENTED, in Firebird's usual
 * UPPER_SNAKE style: `PATIENT`, `DOCTOR`, `APPOINTMENT`, `APPOINTMENT_TYPE`, plus an audit
 * database (`AUDIT_LOG`) for the second catalogue. Same storage conventions as Best Practice:
 * dates TEXT `YYYY-MM-DDTHH:mm:ss`, times/durations INTEGER seconds, booleans INTEGER 0/1.
 */
import type Database from 'better-sqlite3';
import type {
  AppointmentState,
  AppointmentTypeSpec,
  PmsProfile,
  PracticeData,
  StaffSpec,
} from './open-site-database.js';

const ZEDMED_STAFF: readonly StaffSpec[] = [
  { role: 'doctor', provider: true, days: 5 },
  { role: 'doctor', provider: true, days: 4 },
  { role: 'doctor', provider: true, days: 3 },
  { role: 'registrar', provider: true, days: 4 },
  { role: 'nurse', provider: true, days: 4 },
  { role: 'receptionist', provider: false, days: 5 },
  { role: 'receptionist', provider: false, days: 2 },
];

const ZEDMED_APPOINTMENT_TYPES: readonly AppointmentTypeSpec[] = [
  { code: 1, description: 'STANDARD CONSULT', slots: 1, weight: 55 },
  { code: 2, description: 'LONG CONSULT', slots: 2, weight: 15 },
  { code: 3, description: 'NEW PATIENT', slots: 2, weight: 6 },
  { code: 4, description: 'TELEHEALTH', slots: 1, weight: 10 },
  { code: 5, description: 'VACCINATION', slots: 1, weight: 8 },
  { code: 6, description: 'CHRONIC DISEASE MGMT', slots: 2, weight: 6 },
];

/** What the neutral generator needs to know about Zedmed. */
export const ZEDMED_PROFILE: PmsProfile = { staff: ZEDMED_STAFF, appointmentTypes: ZEDMED_APPOINTMENT_TYPES };

const STATUS: Readonly<Record<AppointmentState, string>> = {
  booked: 'BOOKED',
  waiting: 'ARRIVED',
  withProvider: 'IN_CONSULT',
  atBilling: 'BILLING',
  completed: 'COMPLETED',
};

const DOCTOR_TYPE: Readonly<Record<string, string>> = {
  doctor: 'GP',
  registrar: 'REGISTRAR',
  nurse: 'NURSE',
  nursePractitioner: 'NURSE_PRACTITIONER',
  receptionist: 'RECEPTION',
};

/** The (invented) Zedmed practice DDL. */
export const ZEDMED_DDL = `
CREATE TABLE DOCTOR (
  DOCTOR_ID INTEGER PRIMARY KEY, DOCTOR_CODE TEXT NOT NULL UNIQUE, TITLE TEXT, FIRST_NAME TEXT NOT NULL,
  SURNAME TEXT NOT NULL, PROVIDER_NO TEXT, DOCTOR_TYPE TEXT NOT NULL, IS_PROVIDER INTEGER NOT NULL DEFAULT 0,
  IS_ACTIVE INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE PATIENT (
  PATIENT_ID INTEGER PRIMARY KEY,
  CHART_NO TEXT,
  TITLE TEXT,
  FIRST_NAME TEXT NOT NULL,
  MIDDLE_NAME TEXT,
  SURNAME TEXT NOT NULL,
  PREFERRED_NAME TEXT,
  DATE_OF_BIRTH TEXT,
  DOB_PRECISION TEXT NOT NULL DEFAULT 'D',
  SEX TEXT,
  ADDRESS_LINE_1 TEXT,
  ADDRESS_LINE_2 TEXT,
  SUBURB TEXT,
  STATE TEXT,
  POSTCODE TEXT,
  COUNTRY TEXT,
  POSTAL_ADDRESS TEXT,
  POSTAL_SUBURB TEXT,
  POSTAL_POSTCODE TEXT,
  HOME_PHONE TEXT,
  WORK_PHONE TEXT,
  MOBILE_PHONE TEXT,
  EMAIL TEXT,
  MEDICARE_NO TEXT,
  MEDICARE_IRN TEXT,
  MEDICARE_EXPIRY TEXT,
  DVA_NO TEXT,
  DVA_CARD_TYPE TEXT,
  PENSION_NO TEXT,
  PENSION_TYPE TEXT,
  PENSION_EXPIRY TEXT,
  IHI TEXT,
  IHI_STATUS TEXT,
  IHI_RECORD_STATUS TEXT,
  INDIGENOUS_STATUS INTEGER,
  HEALTH_FUND TEXT,
  HEALTH_FUND_NO TEXT,
  USUAL_DOCTOR_ID INTEGER,
  IS_ACTIVE INTEGER NOT NULL DEFAULT 1,
  IS_DECEASED INTEGER NOT NULL DEFAULT 0,
  DATE_OF_DEATH TEXT,
  IS_DELETED INTEGER NOT NULL DEFAULT 0,
  CREATED_AT TEXT,
  UPDATED_AT TEXT
);
CREATE TABLE APPOINTMENT_TYPE (
  APPOINTMENT_TYPE_ID INTEGER PRIMARY KEY, DESCRIPTION TEXT NOT NULL, DEFAULT_DURATION INTEGER NOT NULL
);
CREATE TABLE APPOINTMENT (
  APPOINTMENT_ID INTEGER PRIMARY KEY,
  PATIENT_ID INTEGER NOT NULL,
  DOCTOR_ID INTEGER NOT NULL,
  APPT_DATE TEXT NOT NULL,
  START_TIME INTEGER NOT NULL,
  DURATION INTEGER NOT NULL DEFAULT 900,
  APPOINTMENT_TYPE_ID INTEGER NOT NULL DEFAULT 1,
  STATUS TEXT NOT NULL DEFAULT 'BOOKED',
  ARRIVED_TIME INTEGER NOT NULL DEFAULT 0,
  SEEN_TIME INTEGER NOT NULL DEFAULT 0,
  IS_URGENT INTEGER NOT NULL DEFAULT 0,
  IS_CANCELLED INTEGER NOT NULL DEFAULT 0,
  BOOKED_BY_ID INTEGER,
  BOOKED_AT TEXT,
  NOTES TEXT
);
`;

const ZEDMED_INDEXES = `
CREATE INDEX IX_PATIENT_NAME ON PATIENT (SURNAME, FIRST_NAME);
CREATE INDEX IX_PATIENT_DOB ON PATIENT (DATE_OF_BIRTH);
CREATE INDEX IX_APPOINTMENT_DATE ON APPOINTMENT (APPT_DATE, START_TIME);
CREATE INDEX IX_APPOINTMENT_PATIENT ON APPOINTMENT (PATIENT_ID);
CREATE INDEX IX_APPOINTMENT_DOCTOR ON APPOINTMENT (DOCTOR_ID, APPT_DATE);
`;

const PENSION_TYPE = { PCC: 'PENSIONER CONCESSION', HCC: 'HEALTH CARE CARD', CSHC: 'SENIORS HEALTH CARD' } as const;

/** Creates the Zedmed practice schema in an empty database and fills it from `data` in one transaction. */
export function seedZedmed(db: Database.Database, data: PracticeData): void {
  db.exec(ZEDMED_DDL);
  const gps = data.staff.filter((s) => s.role === 'doctor' || s.role === 'registrar');
  db.transaction(() => {
    const insDoctor = db.prepare('INSERT INTO DOCTOR VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)');
    for (const s of data.staff) {
      const code =
        (s.firstName.slice(0, 1) + s.surname.replace(/[^A-Za-z]/g, '').slice(0, 3)).toUpperCase() + String(s.id);
      insDoctor.run(
        s.id,
        code,
        s.title || null,
        s.firstName,
        s.surname,
        s.providerNo,
        DOCTOR_TYPE[s.role] ?? 'OTHER',
        s.provider ? 1 : 0,
      );
    }
    const insType = db.prepare('INSERT INTO APPOINTMENT_TYPE VALUES (?, ?, ?)');
    for (const t of ZEDMED_APPOINTMENT_TYPES) insType.run(t.code, t.description, t.slots * 900);

    const insPatient = db.prepare(`INSERT INTO PATIENT VALUES (${new Array(44).fill('?').join(', ')})`);
    for (const p of data.patients) {
      const usual =
        p.usualProviderDraw < 0.9 && gps.length > 0
          ? (gps[Math.floor((p.usualProviderDraw / 0.9) * gps.length)]?.id ?? null)
          : null;
      insPatient.run(
        p.id,
        `Z${String(p.id).padStart(6, '0')}`,
        p.title,
        p.firstName,
        p.middleName,
        p.surname,
        p.preferredName,
        p.dob,
        p.dobPrecision,
        p.sex === 'X' ? 'I' : p.sex,
        p.address.line1,
        p.address.line2,
        p.address.suburb,
        p.address.state,
        p.address.postcode,
        p.address.country,
        p.postal?.line ?? null,
        p.postal?.suburb ?? null,
        p.postal?.postcode ?? null,
        p.homePhone,
        p.workPhone,
        p.mobilePhone,
        p.email,
        p.medicare?.number ?? null,
        p.medicare?.irn ?? null,
        p.medicare ? `${p.medicare.expiryYear}-${String(p.medicare.expiryMonth).padStart(2, '0')}-01T00:00:00` : null,
        p.dva?.number ?? null,
        p.dva ? p.dva.cardType.slice(2) : null,
        p.pension?.number ?? null,
        p.pension ? PENSION_TYPE[p.pension.kind] : null,
        p.pension?.expiry ?? null,
        p.ihi?.number ?? null,
        p.ihi?.status.toUpperCase() ?? null,
        p.ihi?.recordStatus.toUpperCase() ?? null,
        p.indigenousStatus,
        p.healthFund?.name ?? null,
        p.healthFund?.number ?? null,
        usual,
        p.status === 'Active' ? 1 : 0,
        p.status === 'Deceased' ? 1 : 0,
        p.deathDate,
        p.live ? 0 : 1,
        p.created,
        p.updated,
      );
    }

    const insAppt = db.prepare('INSERT INTO APPOINTMENT VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, NULL)');
    for (const a of data.appointments) {
      insAppt.run(
        a.id,
        a.patientId,
        a.providerId,
        a.date,
        a.time,
        a.length,
        a.typeCode,
        STATUS[a.state],
        a.arrivalTime,
        a.consultationTime,
        a.urgent ? 1 : 0,
        a.bookedById,
        a.created,
      );
    }
    db.exec(ZEDMED_INDEXES);
  })();
}

/** The (invented) Zedmed audit database DDL. */
export const ZEDMED_AUDIT_DDL = `
CREATE TABLE AUDIT_LOG (
  AUDIT_ID INTEGER PRIMARY KEY, EVENT_TIME TEXT NOT NULL, DOCTOR_ID INTEGER, TABLE_NAME TEXT NOT NULL,
  RECORD_ID INTEGER NOT NULL, ACTION TEXT NOT NULL
);
CREATE INDEX IX_AUDIT_LOG_RECORD ON AUDIT_LOG (TABLE_NAME, RECORD_ID);
`;

/**
 * Creates the `ZedmedAudit` catalogue: one `AUDIT_LOG` row per patient insert (ACTION 'I'), update
 * ('U', when updated after creation) and soft delete ('D'); EVENT_TIME at 09:00 of the day.
 */
export function seedZedmedAudit(db: Database.Database, data: PracticeData): void {
  db.exec(ZEDMED_AUDIT_DDL);
  const clerks = data.staff.filter((s) => !s.provider);
  db.transaction(() => {
    const ins = db.prepare("INSERT INTO AUDIT_LOG VALUES (?, ?, ?, 'PATIENT', ?, ?)");
    let id = 0;
    for (const p of data.patients) {
      const by = clerks.length > 0 ? (clerks[p.id % clerks.length]?.id ?? null) : null;
      ins.run(++id, p.created.slice(0, 10) + 'T09:00:00', by, p.id, 'I');
      if (p.updated !== p.created) ins.run(++id, p.updated.slice(0, 10) + 'T09:00:00', by, p.id, 'U');
      if (!p.live) ins.run(++id, p.updated.slice(0, 10) + 'T09:30:00', by, p.id, 'D');
    }
  })();
}
