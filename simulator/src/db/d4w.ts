/**
 * D4w (Centaur dental) practice database for the simulator. No public D4w schema exists
 * (DOMAIN.md §9.2), so every table and column here is INVENTED, in lower snake case:
 * `providers`, `patients`, `appointment_types`, `appointments`, `treatment_items`, `treatments`.
 * Same storage conventions as Best Practice: dates TEXT `YYYY-MM-DDTHH:mm:ss`, times/durations
 * INTEGER seconds, booleans INTEGER 0/1, money INTEGER cents.
 */
import type Database from 'better-sqlite3';
import { mulberry32, pick, randInt, seedOf } from './identifiers.js';
import type {
  AppointmentState,
  AppointmentTypeSpec,
  PmsProfile,
  PracticeData,
  StaffSpec,
} from './open-site-database.js';

const D4W_STAFF: readonly StaffSpec[] = [
  { role: 'dentist', provider: true, days: 5 },
  { role: 'dentist', provider: true, days: 4 },
  { role: 'dentist', provider: true, days: 3 },
  { role: 'hygienist', provider: true, days: 4 },
  { role: 'therapist', provider: true, days: 3 },
  { role: 'receptionist', provider: false, days: 5 },
];

const D4W_APPOINTMENT_TYPES: readonly AppointmentTypeSpec[] = [
  { code: 1, description: 'Check-up and clean', slots: 3, weight: 40 },
  { code: 2, description: 'Filling', slots: 2, weight: 20 },
  { code: 3, description: 'Emergency', slots: 2, weight: 8 },
  { code: 4, description: 'Consultation', slots: 1, weight: 12 },
  { code: 5, description: 'Root canal', slots: 4, weight: 5 },
  { code: 6, description: 'Crown preparation', slots: 4, weight: 4 },
  { code: 7, description: 'Extraction', slots: 2, weight: 6 },
  { code: 8, description: 'Review', slots: 1, weight: 5 },
];

/** What the neutral generator needs to know about D4w. */
export const D4W_PROFILE: PmsProfile = { staff: D4W_STAFF, appointmentTypes: D4W_APPOINTMENT_TYPES };

const STATUS: Readonly<Record<AppointmentState, string>> = {
  booked: 'booked',
  waiting: 'arrived',
  withProvider: 'in_chair',
  atBilling: 'checkout',
  completed: 'completed',
};

const ROLE: Readonly<Record<string, string>> = {
  dentist: 'Dentist',
  hygienist: 'Hygienist',
  therapist: 'Oral health therapist',
  receptionist: 'Receptionist',
};

/** Australian Schedule of Dental Services item numbers: [item, description, fee in cents, needs tooth]. */
const TREATMENT_ITEMS: ReadonlyArray<readonly [string, string, number, boolean]> = [
  ['011', 'Comprehensive oral examination', 7500, false],
  ['012', 'Periodic oral examination', 5500, false],
  ['013', 'Oral examination – limited', 4500, false],
  ['022', 'Intraoral periapical or bitewing radiograph – per exposure', 3800, false],
  ['037', 'Panoramic radiograph – per exposure', 11000, false],
  ['114', 'Removal of calculus – first visit', 12000, false],
  ['121', 'Topical application of remineralisation agents – one treatment', 4000, false],
  ['161', 'Fissure and/or tooth surface sealing – per tooth', 5500, true],
  ['311', 'Removal of a tooth or part(s) thereof', 22000, true],
  ['415', 'Complete chemo-mechanical preparation of root canal – one canal', 38000, true],
  ['521', 'Adhesive restoration – one surface – anterior tooth – direct', 15000, true],
  ['522', 'Adhesive restoration – two surfaces – anterior tooth – direct', 19000, true],
  ['531', 'Adhesive restoration – one surface – posterior tooth – direct', 16500, true],
  ['532', 'Adhesive restoration – two surfaces – posterior tooth – direct', 21000, true],
  ['615', 'Full crown – veneered – indirect', 165000, true],
  ['911', 'Palliative care', 9000, false],
];

/** Items typically billed per appointment type code. */
const ITEMS_BY_TYPE: Readonly<Record<number, readonly string[]>> = {
  1: ['012', '114', '121', '022'],
  2: ['531', '532', '521', '522'],
  3: ['013', '911', '022'],
  4: ['011', '037'],
  5: ['415'],
  6: ['615'],
  7: ['311'],
  8: ['013'],
};

const SURFACES = ['M', 'O', 'D', 'B', 'L', 'MO', 'DO', 'MOD'] as const;

/** The (invented) D4w practice DDL. */
export const D4W_DDL = `
CREATE TABLE providers (
  provider_id INTEGER PRIMARY KEY, title TEXT COLLATE NOCASE, first_name TEXT COLLATE NOCASE NOT NULL, surname TEXT COLLATE NOCASE NOT NULL,
  provider_no TEXT COLLATE NOCASE, role TEXT COLLATE NOCASE NOT NULL, is_provider INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE patients (
  patient_id INTEGER PRIMARY KEY,
  file_no TEXT COLLATE NOCASE,
  title TEXT COLLATE NOCASE,
  first_name TEXT COLLATE NOCASE NOT NULL,
  middle_name TEXT COLLATE NOCASE,
  surname TEXT COLLATE NOCASE NOT NULL,
  preferred_name TEXT COLLATE NOCASE,
  dob TEXT COLLATE NOCASE,
  dob_precision TEXT COLLATE NOCASE NOT NULL DEFAULT 'D',
  sex TEXT COLLATE NOCASE,
  address_1 TEXT COLLATE NOCASE,
  address_2 TEXT COLLATE NOCASE,
  suburb TEXT COLLATE NOCASE,
  state TEXT COLLATE NOCASE,
  postcode TEXT COLLATE NOCASE,
  country TEXT COLLATE NOCASE,
  home_phone TEXT COLLATE NOCASE,
  work_phone TEXT COLLATE NOCASE,
  mobile_phone TEXT COLLATE NOCASE,
  email TEXT COLLATE NOCASE,
  medicare_no TEXT COLLATE NOCASE,
  medicare_irn TEXT COLLATE NOCASE,
  medicare_expiry TEXT COLLATE NOCASE,
  dva_no TEXT COLLATE NOCASE,
  dva_card_type TEXT COLLATE NOCASE,
  ihi TEXT COLLATE NOCASE,
  indigenous_status INTEGER,
  health_fund TEXT COLLATE NOCASE,
  health_fund_no TEXT COLLATE NOCASE,
  status TEXT COLLATE NOCASE NOT NULL DEFAULT 'active',
  date_of_death TEXT COLLATE NOCASE,
  primary_provider_id INTEGER,
  recall_due TEXT COLLATE NOCASE,
  deleted INTEGER NOT NULL DEFAULT 0,
  created_at TEXT COLLATE NOCASE,
  updated_at TEXT COLLATE NOCASE
);
CREATE TABLE appointment_types (
  appointment_type_id INTEGER PRIMARY KEY, description TEXT COLLATE NOCASE NOT NULL, default_duration INTEGER NOT NULL
);
CREATE TABLE appointments (
  appointment_id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL,
  provider_id INTEGER NOT NULL,
  chair INTEGER NOT NULL DEFAULT 1,
  appt_date TEXT COLLATE NOCASE NOT NULL,
  start_time INTEGER NOT NULL,
  duration INTEGER NOT NULL DEFAULT 900,
  appointment_type_id INTEGER NOT NULL DEFAULT 1,
  status TEXT COLLATE NOCASE NOT NULL DEFAULT 'booked',
  arrived_time INTEGER NOT NULL DEFAULT 0,
  seated_time INTEGER NOT NULL DEFAULT 0,
  urgent INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0,
  booked_by INTEGER,
  booked_at TEXT COLLATE NOCASE
);
CREATE TABLE treatment_items (
  item_code TEXT COLLATE NOCASE PRIMARY KEY, description TEXT COLLATE NOCASE NOT NULL, fee INTEGER NOT NULL, per_tooth INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE treatments (
  treatment_id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL,
  provider_id INTEGER NOT NULL,
  appointment_id INTEGER,
  treatment_date TEXT COLLATE NOCASE NOT NULL,
  item_code TEXT COLLATE NOCASE NOT NULL,
  tooth TEXT COLLATE NOCASE,
  surface TEXT COLLATE NOCASE,
  fee INTEGER NOT NULL,
  status TEXT COLLATE NOCASE NOT NULL
);
`;

const D4W_INDEXES = `
CREATE INDEX ix_patients_name ON patients (surname, first_name);
CREATE INDEX ix_appointments_date ON appointments (appt_date, start_time);
CREATE INDEX ix_appointments_patient ON appointments (patient_id);
CREATE INDEX ix_treatments_patient ON treatments (patient_id);
`;

/** An FDI permanent tooth number, 11–18, 21–28, 31–38, 41–48. */
function fdiTooth(rng: () => number): string {
  return `${randInt(rng, 1, 4)}${randInt(rng, 1, 8)}`;
}

/**
 * Creates the D4w practice schema in an empty database and fills it from `data` in one
 * transaction. Completed/checkout appointments get 1–3 `completed` treatments; every 10th booked
 * appointment a `planned` one.
 */
export function seedD4w(db: Database.Database, data: PracticeData): void {
  db.exec(D4W_DDL);
  const dentists = data.staff.filter((s) => s.role === 'dentist');
  const fees = new Map(TREATMENT_ITEMS.map(([code, , fee, perTooth]) => [code, { fee, perTooth }] as const));
  const rng = mulberry32(seedOf(data.seed, 0xd4));
  db.transaction(() => {
    const insProvider = db.prepare('INSERT INTO providers VALUES (?, ?, ?, ?, ?, ?, ?, 1)');
    for (const s of data.staff) {
      insProvider.run(
        s.id,
        s.title || null,
        s.firstName,
        s.surname,
        s.providerNo,
        ROLE[s.role] ?? 'Other',
        s.provider ? 1 : 0,
      );
    }
    const insType = db.prepare('INSERT INTO appointment_types VALUES (?, ?, ?)');
    for (const t of D4W_APPOINTMENT_TYPES) insType.run(t.code, t.description, t.slots * 900);
    const insItem = db.prepare('INSERT INTO treatment_items VALUES (?, ?, ?, ?)');
    for (const [code, description, fee, perTooth] of TREATMENT_ITEMS)
      insItem.run(code, description, fee, perTooth ? 1 : 0);

    const insPatient = db.prepare(`INSERT INTO patients VALUES (${new Array(36).fill('?').join(', ')})`);
    for (const p of data.patients) {
      const primary =
        dentists.length > 0 ? (dentists[Math.floor(p.usualProviderDraw * dentists.length)]?.id ?? null) : null;
      const recallMonth = 1 + (Math.floor(p.usualProviderDraw * 1000) % 12);
      insPatient.run(
        p.id,
        String(p.id),
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
        p.homePhone,
        p.workPhone,
        p.mobilePhone,
        p.email,
        p.medicare?.number ?? null,
        p.medicare?.irn ?? null,
        p.medicare ? `${String(p.medicare.expiryMonth).padStart(2, '0')}/${p.medicare.expiryYear}` : null,
        p.dva?.number ?? null,
        p.dva?.cardType ?? null,
        p.ihi?.number ?? null,
        p.indigenousStatus,
        p.healthFund?.name ?? null,
        p.healthFund?.number ?? null,
        p.status.toLowerCase(),
        p.deathDate,
        primary,
        p.status === 'Active' ? `202${5 + (p.id % 2)}-${String(recallMonth).padStart(2, '0')}-01T00:00:00` : null,
        p.live ? 0 : 1,
        p.created,
        p.updated,
      );
    }

    const insAppt = db.prepare('INSERT INTO appointments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)');
    const insTreatment = db.prepare('INSERT INTO treatments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    let treatmentId = 0;
    for (const a of data.appointments) {
      insAppt.run(
        a.id,
        a.patientId,
        a.providerId,
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
      const done = a.state === 'completed' || a.state === 'atBilling';
      const planned = a.state === 'booked' && a.id % 10 === 0;
      if (!done && !planned) continue;
      const items = ITEMS_BY_TYPE[a.typeCode] ?? ['013'];
      const n = planned ? 1 : randInt(rng, 1, Math.min(3, items.length));
      for (let k = 0; k < n; k++) {
        const code = planned ? pick(rng, items) : (items[k] ?? '013');
        const item = fees.get(code);
        const perTooth = item?.perTooth ?? false;
        insTreatment.run(
          ++treatmentId,
          a.patientId,
          a.providerId,
          a.id,
          a.date,
          code,
          perTooth ? fdiTooth(rng) : null,
          perTooth && code.startsWith('5') ? pick(rng, SURFACES) : null,
          item?.fee ?? 0,
          planned ? 'planned' : 'completed',
        );
      }
    }
    db.exec(D4W_INDEXES);
  })();
}
