/**
 * The simulator's practice databases: one in-memory SQLite database per site catalogue, seeded
 * deterministically from the site fixture. This module owns the PMS-neutral synthetic population
 * (patients, staff, appointment book); ./best-practice.ts, ./zedmed.ts and ./d4w.ts turn it into
 * each PMS's own tables. Seeding runs once per (pmsType, seed, patients, catalogues); later opens
 * deserialize a cached image. See ./SCHEMAS.md for the schemas and storage conventions.
 */
import Database from 'better-sqlite3';
import { Faker, type Randomizer, base, en, en_AU } from '@faker-js/faker';
import type { SiteFixture } from '../fixtures.js';
import {
  type AuState,
  type DvaEntitlement,
  type Rng,
  generateCrn,
  generateDva,
  generateIhi,
  generateMedicare,
  generateProviderNo,
  mulberry32,
  pick,
  randInt,
  randomDigits,
  seedOf,
} from './identifiers.js';
import { BEST_PRACTICE_PROFILE, seedBestPractice, seedBestPracticeDrugs } from './best-practice.js';
import { ZEDMED_PROFILE, seedZedmed, seedZedmedAudit } from './zedmed.js';
import { D4W_PROFILE, seedD4w } from './d4w.js';

// =============================================================================================
// Public types: the PMS-neutral population handed to each PMS seeder
// =============================================================================================

/** 'Y' = only the year is known (stored as YYYY-01-01), 'M' = year and month (YYYY-MM-01), 'D' = full date. */
export type DobPrecision = 'Y' | 'M' | 'D';
/** M male, F female, X intersex/indeterminate, U not stated. */
export type Sex = 'M' | 'F' | 'X' | 'U';
export type PatientStatus = 'Active' | 'Inactive' | 'Deceased';
/** AU indigenous status (australian-indigenous-status-1): 1 Aboriginal, 2 TSI, 3 both, 4 neither, 9 not stated. */
export type IndigenousStatus = 1 | 2 | 3 | 4 | 9;
/** METeOR gender codes: 1 man/male, 2 woman/female, 3 non-binary, 4 different term, 5 prefer not to answer. */
export type GenderCode = 1 | 2 | 3 | 4 | 5;
export type PensionKind = 'PCC' | 'HCC' | 'CSHC';

export interface SyntheticAddress {
  line1: string;
  line2: string | null;
  suburb: string;
  /** NULL for overseas addresses. */
  state: AuState | null;
  postcode: string;
  /** ISO 3166 alpha-2: 'AU', or 'NZ' for the few overseas visitors. */
  country: string;
}

export interface SyntheticPatient {
  /** 1-based; the PMS primary key. */
  id: number;
  /** false = soft-deleted record (kept in base tables, hidden from views). */
  live: boolean;
  /** Mr, Mrs, Ms, Miss, Master, Dr, Mx, Prof. */
  title: string;
  firstName: string;
  middleName: string | null;
  surname: string;
  preferredName: string | null;
  sex: Sex;
  /** NULL = not recorded. */
  gender: GenderCode | null;
  /** `YYYY-MM-DDT00:00:00`; a partial DOB is the first day of its period. */
  dob: string;
  dobPrecision: DobPrecision;
  address: SyntheticAddress;
  postal: { line: string; suburb: string; postcode: string } | null;
  homePhone: string | null;
  workPhone: string | null;
  /** NULL or '' when the patient has no mobile (both occur on purpose). */
  mobilePhone: string | null;
  email: string | null;
  medicare: { number: string; irn: string; expiryYear: number; expiryMonth: number } | null;
  ihi: {
    number: string;
    status: 'Active' | 'Deceased' | 'Retired';
    recordStatus: 'Verified' | 'Unverified' | 'Provisional';
    validated: string | null;
  } | null;
  dva: DvaEntitlement | null;
  pension: { kind: PensionKind; number: string; start: string; expiry: string } | null;
  healthFund: { name: string; number: string } | null;
  safetyNetNo: string | null;
  hch: { tier: string; start: string } | null;
  religion: string | null;
  indigenousStatus: IndigenousStatus;
  status: PatientStatus;
  /** `YYYY-MM-DDT00:00:00` for deceased patients, else NULL. */
  deathDate: string | null;
  /** Uniform draw in [0,1): each PMS seeder maps it onto its own provider list (or none). */
  usualProviderDraw: number;
  /** Chart number. */
  recordNo: string;
  created: string;
  updated: string;
}

export type StaffRole =
  | 'doctor'
  | 'registrar'
  | 'nurse'
  | 'nursePractitioner'
  | 'dentist'
  | 'hygienist'
  | 'therapist'
  | 'receptionist'
  | 'manager'
  | 'system';

/** One staff member a PMS profile asks for. */
export interface StaffSpec {
  role: StaffRole;
  /** Has an appointment book column and a Medicare provider number. */
  provider: boolean;
  /** How many weekdays (1–5) this person works. */
  days: number;
  /** Fixed name for non-person users (e.g. an online-booking account); otherwise faker chooses. */
  fixedName?: { firstName: string; surname: string };
}

export interface SyntheticStaff {
  /** 1-based, in profile order. */
  id: number;
  role: StaffRole;
  provider: boolean;
  title: string;
  firstName: string;
  surname: string;
  sex: 'M' | 'F';
  providerNo: string | null;
  /** ISO weekday numbers (1 = Monday … 5 = Friday) this person works. */
  workdays: number[];
}

/** A PMS appointment type as the neutral appointment generator needs it. */
export interface AppointmentTypeSpec {
  /** The PMS's own code for the type. */
  code: number;
  description: string;
  /** Length in 15-minute slots. */
  slots: number;
  /** Relative frequency. */
  weight: number;
}

/** Neutral appointment states, in Best Practice's order: Booked, Waiting, With doctor, At billing, Completed. */
export type AppointmentState = 'booked' | 'waiting' | 'withProvider' | 'atBilling' | 'completed';

export interface SyntheticAppointment {
  /** 1-based. */
  id: number;
  /** `YYYY-MM-DDT00:00:00`. */
  date: string;
  /** Seconds since midnight, a multiple of 900 between 08:00 and 16:45. */
  time: number;
  /** Seconds. */
  length: number;
  providerId: number;
  patientId: number;
  typeCode: number;
  state: AppointmentState;
  /** Seconds since midnight; 0 = not arrived. */
  arrivalTime: number;
  /** Seconds since midnight; 0 = not yet seen. */
  consultationTime: number;
  urgent: boolean;
  bookedById: number;
  /** `YYYY-MM-DDT00:00:00` when it was booked (before `date`). */
  created: string;
}

/** What a PMS module tells the generator about itself. */
export interface PmsProfile {
  staff: readonly StaffSpec[];
  appointmentTypes: readonly AppointmentTypeSpec[];
}

/** Everything a PMS seeder writes into the practice database. */
export interface PracticeData {
  seed: number;
  /** The state most patients live in (derived from the seed). */
  homeState: AuState;
  /** A plausible location name for the practice, e.g. "Fitzroy". */
  homeSuburb: string;
  /** Live patients (ids 1..n) followed by a few soft-deleted records. */
  patients: SyntheticPatient[];
  staff: SyntheticStaff[];
  appointments: SyntheticAppointment[];
}

// =============================================================================================
// Fixed reference lists
// =============================================================================================

/** The reference date of the population (ages, "recent" dates). Nothing reads the real clock. */
export const REFERENCE_DATE = '2025-01-01T00:00:00Z';
const REF_YEAR = 2025;
/** The appointment book spans these dates (inclusive), weekdays only. */
export const APPOINTMENTS_FROM = '2025-01-01';
export const APPOINTMENTS_TO = '2027-12-31';

/** Real (suburb, state, postcode) triples; all 8 states and territories. */
const LOCALITIES: ReadonlyArray<readonly [string, AuState, string]> = [
  ['Parramatta', 'NSW', '2150'],
  ['Bondi', 'NSW', '2026'],
  ['Newtown', 'NSW', '2042'],
  ['Chatswood', 'NSW', '2067'],
  ['Newcastle', 'NSW', '2300'],
  ['Wollongong', 'NSW', '2500'],
  ['Penrith', 'NSW', '2750'],
  ['Dubbo', 'NSW', '2830'],
  ['Albury', 'NSW', '2640'],
  ['Manly', 'NSW', '2095'],
  ['Fitzroy', 'VIC', '3065'],
  ['Richmond', 'VIC', '3121'],
  ['St Kilda', 'VIC', '3182'],
  ['Footscray', 'VIC', '3011'],
  ['Geelong', 'VIC', '3220'],
  ['Ballarat', 'VIC', '3350'],
  ['Bendigo', 'VIC', '3550'],
  ['Frankston', 'VIC', '3199'],
  ['Fortitude Valley', 'QLD', '4006'],
  ['Indooroopilly', 'QLD', '4068'],
  ['Southport', 'QLD', '4215'],
  ['Toowoomba', 'QLD', '4350'],
  ['Townsville', 'QLD', '4810'],
  ['Cairns', 'QLD', '4870'],
  ['Adelaide', 'SA', '5000'],
  ['Glenelg', 'SA', '5045'],
  ['Norwood', 'SA', '5067'],
  ['Mount Gambier', 'SA', '5290'],
  ['Subiaco', 'WA', '6008'],
  ['Joondalup', 'WA', '6027'],
  ['Fremantle', 'WA', '6160'],
  ['Bunbury', 'WA', '6230'],
  ['Hobart', 'TAS', '7000'],
  ['Sandy Bay', 'TAS', '7005'],
  ['Launceston', 'TAS', '7250'],
  ['Darwin', 'NT', '0800'],
  ['Palmerston', 'NT', '0830'],
  ['Alice Springs', 'NT', '0870'],
  ['Braddon', 'ACT', '2612'],
  ['Woden', 'ACT', '2606'],
  ['Belconnen', 'ACT', '2617'],
  ['Tuggeranong', 'ACT', '2900'],
];

/** Overseas visitors' addresses (real NZ suburb/postcode pairs). */
const NZ_LOCALITIES: ReadonlyArray<readonly [string, string]> = [
  ['Auckland Central', '1010'],
  ['Wellington Central', '6011'],
  ['Christchurch Central', '8011'],
  ['Dunedin North', '9016'],
];

const STREETS = [
  'High Street',
  'George Street',
  'King Street',
  'Church Street',
  'Station Street',
  'Victoria Road',
  'Main Road',
  'Queen Street',
  'Railway Parade',
  'Park Avenue',
  'Bridge Road',
  'Beach Road',
  'William Street',
  'Elizabeth Street',
  'Smith Street',
  'Albert Street',
  'Grey Street',
  'Hill Street',
  'Wattle Avenue',
  'Banksia Crescent',
  'Acacia Close',
  'Gum Tree Lane',
  'Ocean Parade',
  'Mill Lane',
] as const;

const ACCENTED_FIRST: Readonly<Record<'F' | 'M', readonly string[]>> = {
  F: ['Zoë', 'Renée', 'Chloé', 'Anaïs', 'Agnès', 'Inês', 'Maëlle', 'Siân', 'Zoé', 'Mónica'],
  M: ['José', 'Jérôme', 'Søren', 'Björn', 'Łukasz', 'André', 'Joaquín', 'Ramón', 'Seán', 'Noël'],
};
const ACCENTED_SURNAMES = [
  'Quiñones',
  'Carreño',
  'Müller',
  'Gonçalves',
  'Pérez',
  'García',
  'Núñez',
  'Sánchez',
  'Brontë',
  'Lefèvre',
  'Nguyễn',
  'Carreño Quiñones',
  'Żukowski',
  'Ångström',
] as const;
const APOSTROPHE_SURNAMES = [
  "O'Brien",
  "O'Connor",
  "O'Neill",
  "D'Souza",
  "D'Arcy",
  "O'Sullivan",
  "O'Keefe",
  "D'Angelo",
] as const;
const FIXED_HYPHENATED_SURNAMES = ['Smith-Jones', 'Taylor-Wood', 'Lloyd-Evans', 'Harris-Wong'] as const;
const HYPHENATED_FIRST: Readonly<Record<'F' | 'M', readonly string[]>> = {
  F: ['Mary-Jane', 'Anne-Marie', 'Lily-Rose', 'Mary-Kate'],
  M: ['Jean-Luc', 'John-Paul', 'Jean-Pierre', 'Mark-Anthony'],
};
/** A cluster of shared surnames, with few first names so that whole names repeat. */
const CLUSTER_SURNAMES = ['Smith', 'Nguyen', 'Williams'] as const;
const CLUSTER_FIRST: Readonly<Record<'F' | 'M', readonly string[]>> = {
  F: ['Sarah', 'Emma', 'Olivia'],
  M: ['James', 'Michael', 'Thomas'],
};
/** Used for the guaranteed same-name pairs (whatever the two patients' sexes). */
const UNISEX_FIRST = ['Alex', 'Sam', 'Jordan', 'Charlie'] as const;
const SHORT_NAMES: Readonly<Record<string, string>> = {
  Elizabeth: 'Liz',
  Robert: 'Bob',
  William: 'Bill',
  Katherine: 'Kate',
  Alexander: 'Alex',
  Christopher: 'Chris',
  Jennifer: 'Jen',
  Michael: 'Mike',
  Thomas: 'Tom',
  Benjamin: 'Ben',
  Samantha: 'Sam',
  Nicholas: 'Nick',
  Matthew: 'Matt',
  Jessica: 'Jess',
  Daniel: 'Dan',
  Rebecca: 'Bec',
  Joshua: 'Josh',
  Jonathan: 'Jon',
  Patricia: 'Trish',
  Margaret: 'Maggie',
  Victoria: 'Tori',
  Isabelle: 'Izzy',
  Charlotte: 'Charlie',
  Alexandra: 'Lexi',
  Zachary: 'Zac',
};
const HEALTH_FUNDS = [
  'Medibank',
  'Bupa',
  'HCF',
  'nib',
  'HBF',
  'ahm',
  'GMHBA',
  'Australian Unity',
  'Teachers Health',
  'CBHS',
] as const;
const RELIGIONS = [
  'Catholic',
  'Anglican',
  'No religion',
  'Uniting Church',
  'Buddhism',
  'Islam',
  'Hinduism',
  'Greek Orthodox',
  'Judaism',
  'Presbyterian',
  'Baptist',
  'Sikhism',
] as const;

/** Age buckets [min, max, weight] roughly like an Australian general practice list. */
const AGE_BUCKETS: ReadonlyArray<readonly [number, number, number]> = [
  [0, 4, 6],
  [5, 14, 12],
  [15, 24, 12],
  [25, 44, 28],
  [45, 64, 24],
  [65, 84, 15],
  [85, 99, 3],
];

// =============================================================================================
// Small helpers (exported for the PMS seeders)
// =============================================================================================

const DAY_MS = 86_400_000;

/** `YYYY-MM-DDT00:00:00` for a UTC midnight epoch-ms value. */
export function dateText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10) + 'T00:00:00';
}

/** `YYYY-MM-DDT00:00:00` for the given calendar date. */
export function ymd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T00:00:00`;
}

/** A uniformly random day between two UTC-midnight epoch-ms values (inclusive), as `YYYY-MM-DDT00:00:00`. */
function randomDateBetween(rng: Rng, fromMs: number, toMs: number): string {
  const days = Math.max(0, Math.floor((toMs - fromMs) / DAY_MS));
  return dateText(fromMs + randInt(rng, 0, days) * DAY_MS);
}

function msOf(text: string): number {
  return Date.parse(text.slice(0, 10) + 'T00:00:00Z');
}

/** Strips accents and anything but letters/digits, lower-cased (for e-mail local parts). */
function asciiSlug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/gi, 'l')
    .replace(/ø/gi, 'o')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

const AREA_CODE: Readonly<Record<AuState, string>> = {
  NSW: '02',
  ACT: '02',
  VIC: '03',
  TAS: '03',
  QLD: '07',
  SA: '08',
  WA: '08',
  NT: '08',
};

/** ACMA creative-works mobile: `0491 57x xxx` (sometimes written without spaces). */
function mobileNumber(rng: Rng): string {
  const tail = `57${randomDigits(rng, 1)}`;
  const rest = randomDigits(rng, 3);
  return rng() < 0.8 ? `0491 ${tail} ${rest}` : `0491${tail}${rest}`;
}

/** ACMA creative-works landline: `0[2378] 5550 xxxx` or `0[2378] 7010 xxxx`, area code by state. */
function landlineNumber(rng: Rng, state: AuState): string {
  const area = AREA_CODE[state];
  const exchange = rng() < 0.5 ? '5550' : '7010';
  const line = randomDigits(rng, 4);
  return rng() < 0.75 ? `${area} ${exchange} ${line}` : `(${area}) ${exchange} ${line}`;
}

// =============================================================================================
// Faker (names and titles only)
// =============================================================================================

/**
 * faker's randomizer backed by mulberry32: `seed()` is O(1), where faker's default Mersenne
 * Twister costs ~25 µs per re-seed (a third of the seeding budget at one seed per patient).
 */
function mulberryRandomizer(): Randomizer {
  let next = mulberry32(0);
  return {
    next: () => next(),
    seed: (seed) => {
      next = mulberry32(Array.isArray(seed) ? seedOf(...seed) : seed);
    },
  };
}

let fakerInstance: Faker | undefined;
/**
 * A private en_AU faker (the same locale chain as `fakerEN_AU`), so seeding never disturbs the
 * shared `fakerEN_AU` singleton other code may use.
 */
function getFaker(): Faker {
  if (!fakerInstance) {
    fakerInstance = new Faker({ locale: [en_AU, en, base], randomizer: mulberryRandomizer() });
    fakerInstance.setDefaultRefDate(REFERENCE_DATE);
  }
  return fakerInstance;
}

/** faker's seed for patient `i` of a site: `BASE + i` with BASE = seed × 100,000. */
function patientFakerSeed(siteSeed: number, i: number): number {
  return (siteSeed * 100_000 + i) >>> 0;
}

function fakerTitle(f: Faker, sex: 'female' | 'male'): string {
  return f.person.prefix(sex).replace(/\./g, '');
}

// =============================================================================================
// Patients
// =============================================================================================

/** `rng() < p` or the deterministic guarantee `i % mod === rem` (so every feature appears in small sites too). */
function feature(rng: Rng, p: number, i: number, mod: number, rem: number): boolean {
  const r = rng() < p;
  return r || i % mod === rem;
}

function pickAge(rng: Rng): number {
  let total = 0;
  for (const b of AGE_BUCKETS) total += b[2];
  let r = rng() * total;
  for (const [min, max, w] of AGE_BUCKETS) {
    if (r < w) return randInt(rng, min, max);
    r -= w;
  }
  return 40;
}

interface SiteGeo {
  homeState: AuState;
  homeSuburb: string;
  homeLocalities: ReadonlyArray<readonly [string, AuState, string]>;
}

function siteGeo(seed: number): SiteGeo {
  const rng = mulberry32(seedOf(seed, 0x6e0));
  const home = pick(rng, LOCALITIES);
  const homeLocalities = LOCALITIES.filter((l) => l[1] === home[1]);
  return { homeState: home[1], homeSuburb: home[0], homeLocalities };
}

/**
 * Generates patient `i` (1-based) of a site. Patient `i` depends only on (seed, i, live), never on
 * how many patients the site has, so growing a fixture does not reshuffle earlier patients.
 */
function generatePatient(seed: number, i: number, live: boolean, geo: SiteGeo): SyntheticPatient {
  const f = getFaker();
  f.seed(patientFakerSeed(seed, i));
  const rng = mulberry32(seedOf(seed, i, 0x9a7));

  // --- sex, age, status -------------------------------------------------------------------
  const sexDraw = rng();
  const sex: Sex = sexDraw < 0.505 ? 'F' : sexDraw < 0.995 ? 'M' : sexDraw < 0.998 ? 'X' : 'U';
  const fakerSex: 'female' | 'male' = sex === 'F' ? 'female' : sex === 'M' ? 'male' : rng() < 0.5 ? 'female' : 'male';
  const deceased = feature(rng, 0.015, i, 61, 21);
  const inactive = !deceased && feature(rng, 0.05, i, 59, 9);
  let age = pickAge(rng);
  if (deceased && age < 55) age = randInt(rng, 55, 98);
  const status: PatientStatus = deceased ? 'Deceased' : inactive ? 'Inactive' : 'Active';

  // --- date of birth ----------------------------------------------------------------------
  const birthYear = REF_YEAR - 1 - age;
  const dayOfYear = randInt(rng, 0, 364);
  const fullDob = Date.UTC(birthYear, 0, 1) + dayOfYear * DAY_MS;
  let dobPrecision: DobPrecision = 'D';
  if (feature(rng, 0.008, i, 101, 17)) dobPrecision = 'Y';
  else if (feature(rng, 0.008, i, 103, 23)) dobPrecision = 'M';
  const dobDate = new Date(fullDob);
  const dob =
    dobPrecision === 'Y'
      ? ymd(birthYear, 1, 1)
      : dobPrecision === 'M'
        ? ymd(birthYear, dobDate.getUTCMonth() + 1, 1)
        : dateText(fullDob);

  // --- names (faker en_AU + fixed lists) ----------------------------------------------------
  const fs: 'F' | 'M' = fakerSex === 'female' ? 'F' : 'M';
  let firstName = f.person.firstName(fakerSex);
  const middleCandidate = f.person.firstName(fakerSex);
  let surname = f.person.lastName();
  const surname2 = f.person.lastName();
  const adultTitle = fakerTitle(f, fakerSex);

  const nameKind = rng();
  if (feature(rng, 0.02, i, 97, 13)) {
    // accented: first name, surname, or both
    if (nameKind < 0.4) firstName = pick(rng, ACCENTED_FIRST[fs]);
    else if (nameKind < 0.8) surname = pick(rng, ACCENTED_SURNAMES);
    else {
      firstName = pick(rng, ACCENTED_FIRST[fs]);
      surname = pick(rng, ACCENTED_SURNAMES);
    }
  } else if (feature(rng, 0.025, i, 89, 7)) {
    // hyphenated or apostrophe surname
    if (nameKind < 0.4) surname = `${surname}-${surname2}`;
    else if (nameKind < 0.55) surname = pick(rng, FIXED_HYPHENATED_SURNAMES);
    else surname = pick(rng, APOSTROPHE_SURNAMES);
  } else if (rng() < 0.04 || i % 97 === 3 || i % 97 === 4) {
    // The shared-surname cluster, where whole names repeat. Patients 97k+3 and 97k+4 are a
    // guaranteed same-name pair (e.g. two "Alex Smith"s), so even small sites have one.
    const block = Math.floor(i / 97);
    if (i % 97 === 3 || i % 97 === 4) {
      surname = CLUSTER_SURNAMES[block % CLUSTER_SURNAMES.length] ?? 'Smith';
      firstName = UNISEX_FIRST[block % UNISEX_FIRST.length] ?? 'Alex';
    } else {
      surname = pick(rng, CLUSTER_SURNAMES);
      if (rng() < 0.6) firstName = pick(rng, CLUSTER_FIRST[fs]);
    }
  }
  if (feature(rng, 0.008, i, 107, 41)) firstName = pick(rng, HYPHENATED_FIRST[fs]);
  const middleName = rng() < 0.65 ? middleCandidate : null;
  let preferredName: string | null = null;
  if (rng() < 0.06) preferredName = SHORT_NAMES[firstName] ?? middleName ?? null;

  let title: string;
  if (sex === 'X' || sex === 'U') title = rng() < 0.5 ? 'Mx' : fs === 'F' ? 'Ms' : 'Mr';
  else if (age < 16) title = fs === 'F' ? 'Miss' : 'Master';
  else {
    title = adultTitle;
    if (title === 'Dr' && rng() > 0.08) title = fs === 'F' ? 'Ms' : 'Mr';
    if (title === 'Mrs' && age < 20) title = 'Ms';
    if (title === 'Dr' && age < 26) title = fs === 'F' ? 'Ms' : 'Mr';
    if (age > 30 && rng() < 0.01) title = 'Prof';
  }
  let gender: GenderCode | null = null;
  if (rng() < 0.4) {
    if (sex === 'X') gender = 3;
    else {
      const g = rng();
      gender = g < 0.985 ? (sex === 'F' ? 2 : sex === 'M' ? 1 : 5) : g < 0.993 ? 3 : g < 0.996 ? 4 : 5;
    }
  }

  // --- address ----------------------------------------------------------------------------
  const overseas = feature(rng, 0.004, i, 211, 100);
  let address: SyntheticAddress;
  const streetNo = randInt(rng, 1, 240);
  const street = pick(rng, STREETS);
  const unit = rng() < 0.15 ? `Unit ${randInt(rng, 1, 40)}` : null;
  if (overseas) {
    const [suburb, postcode] = pick(rng, NZ_LOCALITIES);
    address = { line1: `${streetNo} ${street}`, line2: null, suburb, state: null, postcode, country: 'NZ' };
  } else {
    const loc = rng() < 0.75 ? pick(rng, geo.homeLocalities) : pick(rng, LOCALITIES);
    address = unit
      ? { line1: unit, line2: `${streetNo} ${street}`, suburb: loc[0], state: loc[1], postcode: loc[2], country: 'AU' }
      : { line1: `${streetNo} ${street}`, line2: null, suburb: loc[0], state: loc[1], postcode: loc[2], country: 'AU' };
  }
  const postal =
    !overseas && rng() < 0.07
      ? { line: `PO Box ${randInt(rng, 1, 9999)}`, suburb: address.suburb, postcode: address.postcode }
      : null;

  // --- contact ----------------------------------------------------------------------------
  const phoneState: AuState = address.state ?? geo.homeState;
  const noMobile = feature(rng, age < 14 ? 0.8 : 0.1, i, 47, 11);
  const mobilePhone = noMobile ? (rng() < 0.5 ? null : '') : mobileNumber(rng);
  const homePhone = rng() < 0.4 ? landlineNumber(rng, phoneState) : null;
  const workPhone = age >= 18 && age < 67 && rng() < 0.15 ? landlineNumber(rng, phoneState) : null;
  const email =
    age >= 14 && rng() < 0.65
      ? `${asciiSlug(firstName)}.${asciiSlug(surname)}${rng() < 0.4 ? String(randInt(rng, 1, 99)) : ''}@example.com`
      : null;

  // --- identifiers ------------------------------------------------------------------------
  const noMedicare = overseas || feature(rng, 0.07, i, 43, 2);
  let medicare: SyntheticPatient['medicare'] = null;
  if (!noMedicare) {
    const card = generateMedicare(rng);
    const expired = rng() < 0.08;
    medicare = {
      number: card.number,
      irn: card.irn,
      expiryYear: expired ? randInt(rng, 2022, 2024) : randInt(rng, 2025, 2030),
      expiryMonth: randInt(rng, 1, 12),
    };
  }
  let ihi: SyntheticPatient['ihi'] = null;
  if (!overseas && rng() < 0.9) {
    const rs = rng();
    ihi = {
      number: generateIhi(rng),
      status: deceased ? 'Deceased' : rng() < 0.005 ? 'Retired' : 'Active',
      recordStatus: rs < 0.92 ? 'Verified' : rs < 0.98 ? 'Unverified' : 'Provisional',
      validated: rs < 0.92 ? randomDateBetween(rng, Date.UTC(2016, 0, 1), Date.UTC(2024, 11, 31)) : null,
    };
  }
  const dvaState: AuState = address.state ?? geo.homeState;
  const dva =
    !overseas && ((age >= 65 && rng() < 0.1) || (age >= 20 && rng() < 0.008)) ? generateDva(rng, dvaState) : null;
  let pension: SyntheticPatient['pension'] = null;
  const pensionDraw = rng();
  if (!overseas) {
    const kind: PensionKind | null =
      age >= 66
        ? pensionDraw < 0.5
          ? 'PCC'
          : pensionDraw < 0.62
            ? 'CSHC'
            : null
        : age >= 16 && pensionDraw < 0.12
          ? 'HCC'
          : null;
    if (kind) {
      const start = randomDateBetween(rng, Date.UTC(Math.max(birthYear + 16, 2000), 0, 1), Date.UTC(2024, 5, 30));
      pension = {
        kind,
        number: generateCrn(rng),
        start,
        expiry: ymd(randInt(rng, 2025, 2027), randInt(rng, 1, 12), 1),
      };
    }
  }
  const healthFund =
    !overseas && age >= 18 && rng() < 0.45 ? { name: pick(rng, HEALTH_FUNDS), number: randomDigits(rng, 8) } : null;
  const safetyNetNo = rng() < 0.02 ? `SN${randomDigits(rng, 7)}` : null;
  const hch =
    age >= 50 && rng() < 0.03
      ? {
          tier: `Tier ${randInt(rng, 1, 3)}`,
          start: randomDateBetween(rng, Date.UTC(2017, 9, 1), Date.UTC(2021, 5, 30)),
        }
      : null;
  const religion = rng() < 0.35 ? pick(rng, RELIGIONS) : null;
  const ind = rng();
  const indigenousStatus: IndigenousStatus = ind < 0.035 ? 1 : ind < 0.042 ? 2 : ind < 0.047 ? 3 : ind < 0.87 ? 4 : 9;

  // --- dates ------------------------------------------------------------------------------
  const bornMs = Date.parse(dob.slice(0, 10) + 'T00:00:00Z');
  const createdFrom = Math.max(bornMs, Date.UTC(2008, 0, 1));
  const created = randomDateBetween(rng, createdFrom, Date.UTC(2024, 5, 30));
  const updated = randomDateBetween(rng, msOf(created), Date.UTC(2024, 11, 31));
  const deathDate = deceased
    ? randomDateBetween(rng, Math.max(msOf(created), Date.UTC(2015, 0, 1)), Date.UTC(2024, 11, 31))
    : null;

  return {
    id: i,
    live,
    title,
    firstName,
    middleName,
    surname,
    preferredName,
    sex,
    gender,
    dob,
    dobPrecision,
    address,
    postal,
    homePhone,
    workPhone,
    mobilePhone,
    email,
    medicare,
    ihi,
    dva,
    pension,
    healthFund,
    safetyNetNo,
    hch,
    religion,
    indigenousStatus,
    status,
    deathDate,
    usualProviderDraw: rng(),
    recordNo: String(i),
    created,
    updated,
  };
}

/**
 * The site's patients: ids 1..`count` are live, followed by ⌊count/100⌋ soft-deleted records.
 * Deterministic in (seed, count); patient `i` does not depend on `count`.
 */
export function generatePatients(seed: number, count: number): SyntheticPatient[] {
  const geo = siteGeo(seed);
  const out: SyntheticPatient[] = [];
  for (let i = 1; i <= count; i++) out.push(generatePatient(seed, i, true, geo));
  const deleted = Math.floor(count / 100);
  for (let i = count + 1; i <= count + deleted; i++) out.push(generatePatient(seed, i, false, geo));
  return out;
}

// =============================================================================================
// Staff
// =============================================================================================

/** Staff in profile order (ids 1..n), names from faker en_AU seeded per person. */
export function generateStaff(seed: number, specs: readonly StaffSpec[]): SyntheticStaff[] {
  const f = getFaker();
  return specs.map((spec, j) => {
    const rng = mulberry32(seedOf(seed, j, 0x57a));
    f.seed(seedOf(seed, j, 0x57af));
    const sex: 'M' | 'F' = rng() < 0.55 ? 'F' : 'M';
    const fakerSex = sex === 'F' ? 'female' : 'male';
    const firstName = spec.fixedName?.firstName ?? f.person.firstName(fakerSex);
    const surname = spec.fixedName?.surname ?? f.person.lastName();
    const isDoctor = spec.role === 'doctor' || spec.role === 'registrar' || spec.role === 'dentist';
    let title = isDoctor ? 'Dr' : fakerTitle(f, fakerSex);
    if (!isDoctor && title === 'Dr') title = sex === 'F' ? 'Ms' : 'Mr';
    if (spec.fixedName) title = '';
    // Work `days` of Mon–Fri, a deterministic subset.
    const days = [1, 2, 3, 4, 5];
    for (let k = days.length - 1; k > 0; k--) {
      const r = randInt(rng, 0, k);
      const tmp = days[k] ?? 1;
      days[k] = days[r] ?? 1;
      days[r] = tmp;
    }
    const workdays = days.slice(0, Math.max(1, Math.min(5, spec.days))).sort((a, b) => a - b);
    return {
      id: j + 1,
      role: spec.role,
      provider: spec.provider,
      title,
      firstName,
      surname,
      sex,
      providerNo: spec.provider ? generateProviderNo(rng) : null,
      workdays,
    };
  });
}

// =============================================================================================
// Appointments
// =============================================================================================

/** National public holidays on fixed dates (MM-DD); the book is closed on them (no "observed" shifts). */
const FIXED_HOLIDAYS: ReadonlySet<string> = new Set(['01-01', '01-26', '04-25', '12-25', '12-26']);
/** Appointments are booked up to this many days ahead. */
const BOOKING_LEAD_DAYS = 60;
const DAY_START = 8 * 3600;
const DAY_END = 17 * 3600;
const SLOT = 900;

/**
 * The appointment book: every weekday from APPOINTMENTS_FROM to APPOINTMENTS_TO, for each
 * provider on their workdays, 15-minute slots from 08:00 with no overlaps and nothing past 17:00.
 * The share of booked slots grows with the patient count (capped), so the 2,000-patient site
 * gets about 25–30k rows. Patients are drawn from live, active patients only.
 */
export function generateAppointments(
  seed: number,
  patients: readonly SyntheticPatient[],
  staff: readonly SyntheticStaff[],
  types: readonly AppointmentTypeSpec[],
): SyntheticAppointment[] {
  const rng = mulberry32(seedOf(seed, 0xa991));
  const eligible = patients.filter((p) => p.live && p.status === 'Active').map((p) => p.id);
  const providers = staff.filter((s) => s.provider);
  const bookers = staff.filter((s) => !s.provider);
  if (eligible.length === 0 || providers.length === 0 || types.length === 0) return [];
  const liveCount = patients.filter((p) => p.live).length;
  const occupancy = Math.min(0.6, Math.max(0.01, liveCount / 15_000));
  let totalWeight = 0;
  for (const t of types) totalWeight += t.weight;

  const out: SyntheticAppointment[] = [];
  const from = Date.parse(APPOINTMENTS_FROM + 'T00:00:00Z');
  const to = Date.parse(APPOINTMENTS_TO + 'T00:00:00Z');
  // Date texts from BOOKING_LEAD_DAYS before `from` to `to`, indexed by day offset.
  const firstDay = from - BOOKING_LEAD_DAYS * DAY_MS;
  const dayTexts: string[] = [];
  for (let d = firstDay; d <= to; d += DAY_MS) dayTexts.push(dateText(d));
  for (let day = from; day <= to; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const dayIndex = Math.round((day - firstDay) / DAY_MS);
    const date = dayTexts[dayIndex] ?? dateText(day);
    if (FIXED_HOLIDAYS.has(date.slice(5, 10))) continue;
    for (const prov of providers) {
      if (!prov.workdays.includes(weekday)) continue;
      let t = DAY_START;
      while (t < DAY_END) {
        if (rng() >= occupancy) {
          t += SLOT;
          continue;
        }
        let r = rng() * totalWeight;
        let type = types[0];
        for (const candidate of types) {
          if (r < candidate.weight) {
            type = candidate;
            break;
          }
          r -= candidate.weight;
        }
        if (!type) break;
        const length = Math.min(type.slots * SLOT, DAY_END - t);
        const s = rng();
        const state: AppointmentState =
          s < 0.55 ? 'booked' : s < 0.61 ? 'waiting' : s < 0.65 ? 'withProvider' : s < 0.7 ? 'atBilling' : 'completed';
        const arrivalTime = state === 'booked' ? 0 : Math.max(DAY_START - 1800, t - randInt(rng, 0, 15) * 60);
        const consultationTime =
          state === 'booked' || state === 'waiting' ? 0 : Math.max(arrivalTime, t + randInt(rng, 0, 20) * 60);
        const booker = bookers.length > 0 && rng() < 0.85 ? pick(rng, bookers) : prov;
        out.push({
          id: out.length + 1,
          date,
          time: t,
          length,
          providerId: prov.id,
          patientId: pick(rng, eligible),
          typeCode: type.code,
          state,
          arrivalTime,
          consultationTime,
          urgent: rng() < 0.03,
          bookedById: booker.id,
          created: dayTexts[dayIndex - randInt(rng, 0, BOOKING_LEAD_DAYS)] ?? date,
        });
        t += length;
      }
    }
  }
  return out;
}

/** The whole PMS-neutral practice for a site and PMS profile. */
export function generatePracticeData(seed: number, patientCount: number, profile: PmsProfile): PracticeData {
  const geo = siteGeo(seed);
  const patients = generatePatients(seed, patientCount);
  const staff = generateStaff(seed, profile.staff);
  const appointments = generateAppointments(seed, patients, staff, profile.appointmentTypes);
  return { seed, homeState: geo.homeState, homeSuburb: geo.homeSuburb, patients, staff, appointments };
}

// =============================================================================================
// Opening site databases (with a serialized-image cache)
// =============================================================================================

export type SiteDatabaseSpec = Pick<SiteFixture, 'pmsType' | 'seed' | 'patients' | 'catalogues'>;

/** Serialized images per cache key, in catalogue order. */
const imageCache = new Map<string, ReadonlyArray<readonly [string, Buffer]>>();

/** What seeding depends on, as a string: sites with equal keys get identical databases. */
export function siteImageKey(site: SiteDatabaseSpec): string {
  const cats = site.catalogues.map((c) => `${c.name}${c.isDefault ? '*' : ''}`).join(',');
  return `${site.pmsType}|${site.seed}|${site.patients}|${cats}`;
}

/** The catalogue holding the practice data: the `isDefault` one, else the first. */
function defaultCatalogueName(site: SiteDatabaseSpec): string | undefined {
  return (site.catalogues.find((c) => c.isDefault) ?? site.catalogues[0])?.name;
}

function buildImages(site: SiteDatabaseSpec): Array<readonly [string, Buffer]> {
  const profile =
    site.pmsType === 'BestPractice' ? BEST_PRACTICE_PROFILE : site.pmsType === 'Zedmed' ? ZEDMED_PROFILE : D4W_PROFILE;
  const data = generatePracticeData(site.seed, site.patients, profile);
  const defaultName = defaultCatalogueName(site);
  const images: Array<readonly [string, Buffer]> = [];
  for (const cat of site.catalogues) {
    const db = new Database(':memory:');
    try {
      if (cat.name === defaultName) {
        if (site.pmsType === 'BestPractice') seedBestPractice(db, data);
        else if (site.pmsType === 'Zedmed') seedZedmed(db, data);
        else seedD4w(db, data);
      } else if (site.pmsType === 'BestPractice') {
        seedBestPracticeDrugs(db);
      } else if (site.pmsType === 'Zedmed') {
        seedZedmedAudit(db, data);
      }
      // Any other non-default catalogue (none in the fixtures) is an empty database.
      images.push([cat.name, db.serialize()] as const);
    } finally {
      db.close();
    }
  }
  return images;
}

/**
 * Opens one fresh in-memory database per catalogue of `site` (map keys = catalogue names, in
 * fixture order). The default catalogue holds the practice data; Best Practice's `BPSDrugs` holds
 * a small drug reference, Zedmed's `ZedmedAudit` an audit log. The first call for a given
 * (pmsType, seed, patients, catalogues) seeds the data (tens of ms) and caches the serialized
 * image; later calls deserialize it (about a millisecond). Every call returns independent,
 * writable databases: writes never leak between opens or into the cache. The caller owns the
 * handles (see `closeAll`).
 */
export function openSiteDatabases(site: SiteDatabaseSpec): Map<string, Database.Database> {
  const out = new Map<string, Database.Database>();
  for (const [name, image] of siteDatabaseImages(site)) out.set(name, new Database(image));
  return out;
}

/**
 * The serialized image of each catalogue of `site` (`[name, image]`, in fixture order), seeded
 * on first use and cached. Callers must not modify the buffers.
 */
export function siteDatabaseImages(site: SiteDatabaseSpec): ReadonlyArray<readonly [string, Buffer]> {
  const key = siteImageKey(site);
  let images = imageCache.get(key);
  if (!images) {
    images = buildImages(site);
    imageCache.set(key, images);
  }
  return images;
}

/**
 * Hands the cache images seeded earlier for `site` (by ./seed-snapshot.ts, from the build's
 * snapshot), so opening it deserializes them instead of seeding. They must be exactly what
 * `siteDatabaseImages(site)` returns for the same spec.
 */
export function primeSiteDatabaseImages(
  site: SiteDatabaseSpec,
  images: ReadonlyArray<readonly [string, Buffer]>,
): void {
  imageCache.set(siteImageKey(site), images);
}

/** Closes every database in the map (ignoring ones already closed) and empties the map. */
export function closeAll(dbs: Map<string, Database.Database>): void {
  for (const db of dbs.values()) if (db.open) db.close();
  dbs.clear();
}

/** Drops the cached images, so the next open seeds again (for tests and benchmarks). */
export function clearSiteDatabaseCache(): void {
  imageCache.clear();
}
