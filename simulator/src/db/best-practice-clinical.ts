/**
 * The clinical record behind Best Practice's clinical views (docs/halo/DOMAIN.md §9.1):
 * immunisations, past history, investigations, current medications, observations and billed
 * services, derived deterministically from the practice's patients and appointment book. Each
 * patient's records come from a random stream of their own (site seed, patient id, table), so
 * they change neither the patients nor the appointments, nor each other. Prevalences are plausible
 * for an Australian general practice, not statistics. Everything here is invented (./SCHEMAS.md).
 */
import { mulberry32, pick, randInt, seedOf, type Rng } from './identifiers.js';
import type { PracticeData, SyntheticAppointment, SyntheticPatient } from './open-site-database.js';

/** BPSDrugs products the records refer to: [generic name, strength, form] in PRODUCT order (ids from 1001). */
export interface DrugProduct {
  id: number;
  generic: string;
  name: string;
}

export interface ClinicalRecords {
  /** IMMUNISATIONS: RecordID, InternalID, GivenDate, VaccineID, VaccineName, UserID. */
  immunisations: Array<[number, number, string, number, string, number | null]>;
  /** HISTORY: RecordID, InternalID, Year, ConditionID, Condition, Status. */
  history: Array<[number, number, number, number, string, string]>;
  /** INVESTIGATIONS: ReportID, InternalID, TestName, Collected, Reported, Checked, Actioned, CheckedBy, Notation, Action, Comment. */
  investigations: Array<
    [number, number, string, string, string, string | null, string | null, number | null, string, string, string | null]
  >;
  /** CURRENTRX: RecordID, INTERNALID, PRODUCTID, DRUGNAME, RXSTATUS (1 long-term, 2 short-term). */
  currentRx: Array<[number, number, number, string, 1 | 2]>;
  /** OBSERVATIONS: RecordID, INTERNALID, DATANAME, DATACODE, DATAVALUE, OBSDATE. */
  observations: Array<[number, number, string, number, string, string]>;
  /** INVOICES: INVOICEID, USERID, INTERNALID, INVOICEDATE. */
  invoices: Array<[number, number, number, string]>;
  /** SERVICES: RecordID, INVOICEID, SERVICEDATE, MBSITEM, DESCRIPTION. */
  services: Array<[number, number, string, string, string]>;
}

/** Invented condition codes (Bp's are not public). [id, name, min age, prevalence, active?] */
const CONDITIONS: ReadonlyArray<readonly [number, string, number, number, boolean]> = [
  [1001, 'Hypertension', 35, 0.3, true],
  [1002, 'Type 2 diabetes', 35, 0.09, true],
  [1003, 'Hyperlipidaemia', 35, 0.2, true],
  [1004, 'Asthma', 2, 0.1, true],
  [1005, 'Depression', 14, 0.12, true],
  [1006, 'Anxiety', 12, 0.1, true],
  [1007, 'Osteoarthritis', 45, 0.2, true],
  [1008, 'Gastro-oesophageal reflux', 18, 0.1, true],
  [1009, 'Chronic obstructive pulmonary disease', 50, 0.04, true],
  [1010, 'Atrial fibrillation', 60, 0.07, true],
  [1011, 'Hypothyroidism', 20, 0.04, true],
  [1012, 'Eczema', 0, 0.08, true],
  [1013, 'Appendicectomy', 8, 0.05, false],
  [1014, 'Fractured wrist', 5, 0.05, false],
  [1015, 'Tonsillectomy', 4, 0.05, false],
  [1016, 'Gestational diabetes', 20, 0.03, false],
];

/** Long-term medications by condition id: the generic names of PRODUCT rows (one is chosen). */
const TREATMENTS: Readonly<Record<number, readonly string[]>> = {
  1001: ['Perindopril arginine', 'Amlodipine', 'Irbesartan'],
  1002: ['Metformin', 'Gliclazide', 'Empagliflozin'],
  1003: ['Atorvastatin', 'Rosuvastatin'],
  1004: ['Salbutamol', 'Budesonide + formoterol'],
  1005: ['Sertraline', 'Escitalopram', 'Mirtazapine'],
  1006: ['Escitalopram'],
  1008: ['Esomeprazole', 'Pantoprazole'],
  1009: ['Budesonide + formoterol'],
  1010: ['Apixaban', 'Warfarin', 'Metoprolol succinate'],
  1011: ['Levothyroxine'],
};
const SHORT_TERM = ['Amoxicillin', 'Cefalexin', 'Doxycycline', 'Trimethoprim', 'Paracetamol + codeine', 'Prednisolone'];

/** Investigations: [test name, adult share per year]. */
const TESTS: ReadonlyArray<readonly [string, number]> = [
  ['Full blood examination', 0.35],
  ['Urea, electrolytes and creatinine', 0.3],
  ['Liver function tests', 0.2],
  ['Lipid studies', 0.25],
  ['HbA1c', 0.12],
  ['Thyroid function tests', 0.12],
  ['Iron studies', 0.1],
  ['Urine microscopy and culture', 0.08],
  ['Chest X-ray', 0.04],
  ['Ultrasound abdomen', 0.03],
];

const NOTATIONS = [
  ['Normal', 'No action'],
  ['Normal', 'No action'],
  ['Normal', 'No action'],
  ['Normal', 'Patient notified'],
  ['Abnormal', 'Non urgent appointment'],
  ['Abnormal', 'Urgent appointment'],
  ['Borderline', 'Repeat test'],
] as const;

/** The MBS items APPOINTMENTS.ITEMLIST records for a finished appointment (descriptions invented). */
const MBS_DESCRIPTIONS: Readonly<Record<string, string>> = {
  '23': 'GP attendance, Level B',
  '91800': 'GP video attendance, Level B',
};
const TELEHEALTH_TYPE = 4;

const REFERENCE = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;

const text = (ms: number): string => new Date(ms).toISOString().slice(0, 19);
const dayText = (ms: number): string => `${new Date(ms).toISOString().slice(0, 10)}T00:00:00`;
const msOf = (t: string): number => Date.parse(`${t.slice(0, 19)}Z`);
/** A day between two instants, at a time of day between 08:00 and 17:00 in 5-minute steps. */
const during = (rng: Rng, fromMs: number, toMs: number): number =>
  Math.floor((fromMs + rng() * Math.max(0, toMs - fromMs)) / DAY) * DAY + randInt(rng, 96, 203) * 300_000;

/** A working time (08:00–17:00) on the same day as `ms` or one of the next three, after `ms`. */
function later(rng: Rng, ms: number): number {
  const t = during(rng, ms, ms + 3 * DAY);
  return t > ms ? t : t + DAY;
}

function ageAt(p: SyntheticPatient, ms: number): number {
  return (ms - msOf(p.dob)) / (365.25 * DAY);
}

/**
 * Every clinical record of the practice's live patients. `vaccines` are the BPSDrugs vaccine
 * products (id, name, diseases); `products` the other medicines.
 */
export function generateClinicalRecords(
  data: PracticeData,
  products: readonly DrugProduct[],
  vaccines: ReadonlyArray<{ id: number; name: string; diseases: readonly string[] }>,
): ClinicalRecords {
  const out: ClinicalRecords = {
    immunisations: [],
    history: [],
    investigations: [],
    currentRx: [],
    observations: [],
    invoices: [],
    services: [],
  };
  const productByGeneric = new Map(products.map((p) => [p.generic, p]));
  const vaccineFor = (disease: string) => vaccines.find((v) => v.diseases.includes(disease));
  const nurses = data.staff.filter((s) => s.role === 'nurse' || s.role === 'nursePractitioner').map((s) => s.id);
  const doctors = data.staff.filter((s) => s.role === 'doctor' || s.role === 'registrar').map((s) => s.id);
  const completed = new Map<number, SyntheticAppointment[]>();
  for (const a of data.appointments) {
    if (a.state !== 'completed' && a.state !== 'atBilling') continue;
    const list = completed.get(a.patientId) ?? [];
    list.push(a);
    completed.set(a.patientId, list);
  }
  const ids = { imm: 0, hist: 0, report: 0, rx: 0, obs: 0, svc: 0 };

  for (const p of data.patients) {
    if (!p.live) continue;
    const born = msOf(p.dob);
    const age = ageAt(p, REFERENCE);
    const until = p.deathDate ? Math.min(REFERENCE, msOf(p.deathDate)) : REFERENCE;

    // Immunisations: the childhood schedule for the young, yearly influenza, COVID-19, and the
    // vaccines of older age.
    const ri = mulberry32(seedOf(data.seed, p.id, 0x1a11));
    const give = (disease: string, atMs: number) => {
      const v = vaccineFor(disease);
      if (!v || atMs < born || atMs >= until) return;
      const by = nurses.length > 0 && ri() < 0.8 ? pick(ri, nurses) : doctors.length > 0 ? pick(ri, doctors) : null;
      out.immunisations.push([++ids.imm, p.id, dayText(atMs), v.id, v.name, by]);
    };
    if (born >= Date.UTC(2006, 0, 1)) {
      give('Hepatitis B', born + randInt(ri, 0, 6) * DAY);
      for (const months of [2, 4, 6, 18]) give('Pertussis', born + (months * 30.4 + randInt(ri, 0, 20)) * DAY);
      give('Measles', born + (365 + randInt(ri, 0, 40)) * DAY);
      give('Varicella', born + (548 + randInt(ri, 0, 40)) * DAY);
      if (age >= 12) give('Human papillomavirus', born + (12.5 * 365.25 + randInt(ri, 0, 200)) * DAY);
    }
    for (let year = 2019; year <= 2024; year++) {
      const share = age >= 65 ? 0.7 : age < 5 ? 0.3 : 0.25;
      if (ri() < share) give('Influenza', Date.UTC(year, 3, 1) + randInt(ri, 0, 60) * DAY);
    }
    if (age >= 16 && ri() < 0.8) {
      const first = Date.UTC(2021, 5, 1) + randInt(ri, 0, 150) * DAY;
      give('COVID-19', first);
      give('COVID-19', first + randInt(ri, 21, 56) * DAY);
      if (ri() < 0.55) give('COVID-19', Date.UTC(2022, 0, 10) + randInt(ri, 0, 200) * DAY);
    }
    if (age >= 70 && ri() < 0.5) give('Pneumococcal disease', Date.UTC(2018, 0, 1) + randInt(ri, 0, 2400) * DAY);
    if (age >= 65 && ri() < 0.35) give('Herpes zoster', Date.UTC(2020, 0, 1) + randInt(ri, 0, 1700) * DAY);
    if (age >= 18 && ri() < 0.15) give('Tetanus', Date.UTC(2015, 0, 1) + randInt(ri, 0, 3500) * DAY);

    // Past history, and the medications it calls for.
    const rh = mulberry32(seedOf(data.seed, p.id, 0x415f));
    const conditions: number[] = [];
    for (const [id, name, minAge, share, active] of CONDITIONS) {
      if (age < minAge || rh() >= share * (age >= 60 && active ? 1.5 : 1)) continue;
      if (id === 1016 && p.sex !== 'F') continue;
      const fromYear = Math.max(new Date(born).getUTCFullYear() + minAge, 1990);
      const year = Math.min(2024, randInt(rh, Math.min(fromYear, 2024), 2024));
      out.history.push([++ids.hist, p.id, year, id, name, active ? (rh() < 0.92 ? 'Active' : 'Inactive') : 'Inactive']);
      if (active) conditions.push(id);
    }
    const rr = mulberry32(seedOf(data.seed, p.id, 0x7c2));
    if (p.status !== 'Deceased') {
      const prescribed = new Set<number>();
      for (const c of conditions) {
        const options = TREATMENTS[c];
        if (!options || rr() < 0.15) continue;
        const product = productByGeneric.get(pick(rr, options));
        if (!product || prescribed.has(product.id)) continue;
        prescribed.add(product.id);
        out.currentRx.push([++ids.rx, p.id, product.id, product.name, 1]);
      }
      if (rr() < 0.06) {
        const product = productByGeneric.get(pick(rr, SHORT_TERM));
        if (product && !prescribed.has(product.id)) out.currentRx.push([++ids.rx, p.id, product.id, product.name, 2]);
      }
    }

    // Investigations in the two years before the reference date, for adults.
    const rv = mulberry32(seedOf(data.seed, p.id, 0x1b5));
    if (age >= 16) {
      const tests = TESTS.filter(([name]) => name !== 'HbA1c' || conditions.includes(1002) || rv() < 0.3);
      for (const [name, share] of tests) {
        const times = (rv() < share * (age >= 50 ? 1.6 : 1) ? 1 : 0) + (rv() < share * 0.4 ? 1 : 0);
        for (let k = 0; k < times; k++) {
          const collected = during(rv, Math.max(REFERENCE - 730 * DAY, born + 16 * 365 * DAY), until - 5 * DAY);
          if (collected < born) continue;
          const reported = collected + randInt(rv, 6, 52) * 3_600_000;
          const [notation, action] = pick(rv, NOTATIONS);
          const checked = rv() < 0.93 ? later(rv, reported) : null;
          const actioned = checked !== null && (notation !== 'Normal' || rv() < 0.5) ? later(rv, checked) : null;
          out.investigations.push([
            ++ids.report,
            p.id,
            name,
            text(collected),
            text(reported),
            checked === null ? null : text(checked),
            actioned === null ? null : text(actioned),
            checked === null || doctors.length === 0 ? null : pick(rv, doctors),
            notation,
            action,
            notation === 'Normal' ? null : rv() < 0.5 ? 'Discussed with patient' : 'Recall letter sent',
          ]);
        }
      }
    }

    // Observations at the patient's consultations; billed services for each of them.
    const ro = mulberry32(seedOf(data.seed, p.id, 0x0b5));
    const visits = completed.get(p.id) ?? [];
    let weight = 20 + Math.min(age, 18) * 3.2 + (age >= 18 ? ro() * 40 : 0);
    let heightRecorded = false;
    for (const a of visits) {
      const at = a.date.slice(0, 10) + 'T' + secondsText(a.consultationTime || a.time);
      if (age >= 16 && ro() < 0.55) {
        const systolic = Math.round(105 + Math.min(age, 90) * 0.45 + ro() * 25 + (conditions.includes(1001) ? 10 : 0));
        const diastolic = Math.round(60 + ro() * 25);
        out.observations.push([++ids.obs, p.id, 'BP', 1, `${systolic}/${diastolic}`, at]);
      }
      if (ro() < 0.35) {
        weight = Math.max(3, weight + (ro() - 0.5) * 3);
        out.observations.push([++ids.obs, p.id, 'Weight', 2, weight.toFixed(1), at]);
      }
      if (!heightRecorded && age >= 18 && ro() < 0.5) {
        heightRecorded = true;
        out.observations.push([++ids.obs, p.id, 'Height', 3, String(Math.round(150 + ro() * 45)), at]);
      }
      if (conditions.includes(1002) && ro() < 0.3)
        out.observations.push([++ids.obs, p.id, 'HbA1c', 4, (6 + ro() * 3).toFixed(1), at]);
      const item = a.typeCode === TELEHEALTH_TYPE ? '91800' : '23';
      out.invoices.push([a.id, a.providerId, p.id, a.date]);
      out.services.push([++ids.svc, a.id, a.date, item, MBS_DESCRIPTIONS[item]!]);
    }
  }
  return out;
}

function secondsText(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}
