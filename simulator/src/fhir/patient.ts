/**
 * Best Practice `PATIENTS` rows → AU Base 4.1.0 Patient resources (FHIR.md §1, §3; SCHEMAS.md).
 *
 * The mapping is split in two so that searches only build what they compare: {@link patientRecord}
 * derives the searchable elements (names, identifiers, telecom, addresses, gender, dates, status)
 * for every row of the cached index, and {@link patientResource} adds the rest (meta, extensions,
 * general practitioner) for the rows of the page being returned. Search therefore always compares
 * exactly what the resource shows.
 */
import type { SiteFixture } from '../fixtures.js';
import { formatInstant, storedDateRange, type DateRange } from './dates.js';
import type {
  Address,
  AdministrativeGender,
  CodeableConcept,
  ContactPoint,
  Extension,
  HumanName,
  Identifier,
  Patient,
  Reference,
} from './fhir-types.js';

// ---------------------------------------------------------------------------------------------
// Systems and profiles

export const AU_PATIENT_PROFILE = 'http://hl7.org.au/fhir/StructureDefinition/au-patient';
export const IHI_SYSTEM = 'http://ns.electronichealth.net.au/id/hi/ihi/1.0';
export const MEDICARE_SYSTEM = 'http://ns.electronichealth.net.au/id/medicare-number';
export const DVA_SYSTEM = 'http://ns.electronichealth.net.au/id/dva';
export const CRN_SYSTEM = 'http://ns.electronichealth.net.au/id/centrelink-customer-reference-number';
export const PROVIDER_NUMBER_SYSTEM = 'http://ns.electronichealth.net.au/id/medicare-provider-number';
export const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
export const AU_V2_0203 = 'http://terminology.hl7.org.au/CodeSystem/v2-0203';
export const GENDER_SYSTEM = 'http://hl7.org/fhir/administrative-gender';

/**
 * The Bp chart number (`RECORDNO`) as a medical record number. **Invented**: Halo's system for it is
 * not published, so the simulator uses a `.invalid` URL that cannot be mistaken for a real one,
 * scoped by the Bp Site ID the way AU MRN systems are scoped by their organisation.
 */
export function recordNumberSystem(site: Pick<SiteFixture, 'pmsSiteId'>): string {
  return `http://halo-connect.invalid/fhir/sid/bp-record-number/${site.pmsSiteId}`;
}

const IHI_STATUS_SYSTEM = 'https://healthterminologies.gov.au/fhir/CodeSystem/ihi-status-1';
const IHI_RECORD_STATUS_SYSTEM = 'https://healthterminologies.gov.au/fhir/CodeSystem/ihi-record-status-1';
const INDIGENOUS_SYSTEM = 'https://healthterminologies.gov.au/fhir/CodeSystem/australian-indigenous-status-1';
const EXT = 'http://hl7.org.au/fhir/StructureDefinition/';

// ---------------------------------------------------------------------------------------------
// Rows

/** The columns read for every live patient (`RECORDSTATUS = 1`), in INTERNALID order. */
export const PATIENT_SELECT = `
SELECT p.INTERNALID AS INTERNALID, p.FIRSTNAME AS FIRSTNAME, p.MIDDLENAME AS MIDDLENAME, p.SURNAME AS SURNAME,
  p.PREFERREDNAME AS PREFERREDNAME, t.Title AS TITLE,
  p.ADDRESS1 AS ADDRESS1, p.ADDRESS2 AS ADDRESS2, p.CITY AS CITY, p.POSTCODE AS POSTCODE, p.STATE AS STATE,
  p.COUNTRY AS COUNTRY, p.POSTALADDRESS AS POSTALADDRESS, p.POSTALCITY AS POSTALCITY, p.POSTALPOSTCODE AS POSTALPOSTCODE,
  p.DOB AS DOB, p.DOBPRECISION AS DOBPRECISION, p.SEXCODE AS SEXCODE, p.GENDERCODE AS GENDERCODE, p.ETHNICCODE AS ETHNICCODE,
  p.HOMEPHONE AS HOMEPHONE, p.WORKPHONE AS WORKPHONE, p.MOBILEPHONE AS MOBILEPHONE, p.EMAIL AS EMAIL,
  p.MEDICARENO AS MEDICARENO, p.MEDICARELINENO AS MEDICARELINENO, p.MedicareExpiry AS MEDICAREEXPIRY,
  p.PensionCode AS PENSIONCODE, p.PENSIONNO AS PENSIONNO, p.PENSIONEXPIRY AS PENSIONEXPIRY,
  p.DVACode AS DVACODE, p.DVANO AS DVANO, p.DVACARDTYPE AS DVACARDTYPE,
  p.RECORDNO AS RECORDNO, p.IHI AS IHI, p.IHISTATUS AS IHISTATUS, p.IHIRECORDSTATUS AS IHIRECORDSTATUS,
  p.IHIVALIDATED AS IHIVALIDATED, p.PATIENTSTATUS AS PATIENTSTATUS, p.DATEOFDEATH AS DATEOFDEATH,
  p.CREATED AS CREATED, p.UPDATED AS UPDATED,
  gp.Firstname AS GP_FIRSTNAME, gp.Surname AS GP_SURNAME, gpt.Title AS GP_TITLE, gp.ProviderNo AS GP_PROVIDERNO
FROM PATIENTS p
LEFT JOIN TITLES t ON t.TitleCode = p.TITLECODE
LEFT JOIN USERS gp ON gp.UserID = p.USUALDOCTOR
LEFT JOIN TITLES gpt ON gpt.TitleCode = gp.TitleCode
WHERE p.RECORDSTATUS = 1
ORDER BY p.INTERNALID`;

/** One row of {@link PATIENT_SELECT}. Values are whatever SQLite holds (the DB is writable). */
export type PatientRow = Readonly<Record<string, unknown>>;

/** A trimmed non-empty string, or `undefined` (NULL, '', whitespace, non-scalars). */
function str(row: PatientRow, column: string): string | undefined {
  const v = row[column];
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

function int(row: PatientRow, column: string): number | undefined {
  const v = row[column];
  const n =
    typeof v === 'number'
      ? v
      : typeof v === 'bigint'
        ? Number(v)
        : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)
          ? Number(v)
          : NaN;
  return Number.isInteger(n) ? n : undefined;
}

const compact = <T>(items: ReadonlyArray<T | undefined>): T[] => items.filter((x): x is T => x !== undefined);

// ---------------------------------------------------------------------------------------------
// Searchable elements

/** What search compares, derived once per row and cached with the index. */
export interface PatientRecord {
  /** `String(INTERNALID)`. */
  id: string;
  /** INTERNALID, for numeric `_id` order. */
  idNum: number;
  row: PatientRow;
  names: HumanName[];
  identifiers: Identifier[];
  telecom: ContactPoint[];
  addresses: Address[];
  gender: AdministrativeGender | undefined;
  birthDate: string | undefined;
  birthRange: DateRange | undefined;
  active: boolean;
  deceased: boolean;
  deathDate: string | undefined;
  deathRange: DateRange | undefined;
  lastUpdated: string | undefined;
  lastUpdatedRange: DateRange | undefined;
}

/** `Sex` → administrative gender (SCHEMAS.md SEX lookup: 1 Male, 2 Female, 3 Intersex, 9 Not stated). */
const GENDER_BY_SEXCODE: Readonly<Record<number, AdministrativeGender>> = {
  1: 'male',
  2: 'female',
  3: 'other',
  9: 'unknown',
};

/** `YYYY-MM-DD…` + DOBPRECISION → `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
function birthDateOf(row: PatientRow): { text: string; range: DateRange } | undefined {
  const dob = str(row, 'DOB');
  if (dob === undefined) return undefined;
  const raw = str(row, 'DOBPRECISION');
  const precision = raw === 'Y' || raw === 'M' ? raw : 'D';
  const range = storedDateRange(dob, precision);
  if (!range) return undefined;
  const text = precision === 'Y' ? dob.slice(0, 4) : precision === 'M' ? dob.slice(0, 7) : dob.slice(0, 10);
  return { text, range };
}

/** A stored datetime as FHIR `dateTime`: a date when it is midnight, else an instant with the server offset. */
function dateTimeOf(text: string): { text: string; range: DateRange } | undefined {
  const range = storedDateRange(text, 'auto');
  if (!range) return undefined;
  const isDay = range.hi - range.lo > 1000;
  return { text: isDay ? text.slice(0, 10) : formatInstant(range.lo), range };
}

function namesOf(row: PatientRow): HumanName[] {
  const family = str(row, 'SURNAME');
  const first = str(row, 'FIRSTNAME');
  const middle = str(row, 'MIDDLENAME');
  const title = str(row, 'TITLE');
  const preferred = str(row, 'PREFERREDNAME');
  const official: HumanName = { use: 'official' };
  const text = compact([title, first, family]).join(' ');
  if (text !== '') official.text = text;
  if (family !== undefined) official.family = family;
  const given = compact([first, middle]);
  if (given.length > 0) official.given = given;
  if (title !== undefined) official.prefix = [title];
  const names = [official];
  if (preferred !== undefined && preferred !== first) {
    const usual: HumanName = { use: 'usual' };
    if (family !== undefined) usual.family = family;
    usual.given = [preferred];
    names.push(usual);
  }
  return names;
}

const IHI_STATUS_CODES: Readonly<Record<string, string>> = {
  active: 'active',
  deceased: 'deceased',
  retired: 'retired',
  expired: 'expired',
  resolved: 'resolved',
};
const IHI_RECORD_STATUS_CODES: Readonly<Record<string, string>> = {
  verified: 'verified',
  unverified: 'unverified',
  provisional: 'provisional',
};

function ihiOf(row: PatientRow): Identifier | undefined {
  const value = str(row, 'IHI');
  if (value === undefined) return undefined;
  const extension: Extension[] = [];
  const status = IHI_STATUS_CODES[(str(row, 'IHISTATUS') ?? '').toLowerCase()];
  if (status) extension.push({ url: `${EXT}ihi-status`, valueCoding: { system: IHI_STATUS_SYSTEM, code: status } });
  const record = IHI_RECORD_STATUS_CODES[(str(row, 'IHIRECORDSTATUS') ?? '').toLowerCase()];
  if (record)
    extension.push({ url: `${EXT}ihi-record-status`, valueCoding: { system: IHI_RECORD_STATUS_SYSTEM, code: record } });
  const validated = str(row, 'IHIVALIDATED');
  if (validated !== undefined && /^\d{4}-\d{2}-\d{2}/.test(validated)) {
    extension.push({ url: `${EXT}ihi-verified-date`, valueDate: validated.slice(0, 10) });
  }
  const id: Identifier = {};
  if (extension.length > 0) id.extension = extension;
  id.type = { coding: [{ system: V2_0203, code: 'NI' }], text: 'IHI' };
  id.system = IHI_SYSTEM;
  id.value = value;
  return id;
}

/** `MM/YYYY` (Bp), `YYYY-MM` or a datetime → `YYYY-MM`; `undefined` otherwise. */
function yearMonth(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let m = /^(\d{1,2})\/(\d{4})$/.exec(text);
  if (m) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? `${m[2]}-${String(month).padStart(2, '0')}` : undefined;
  }
  m = /^(\d{4})-(\d{2})/.exec(text);
  return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]}-${m[2]}` : undefined;
}

function medicareOf(row: PatientRow): Identifier | undefined {
  const number = str(row, 'MEDICARENO')?.replace(/\s+/g, '');
  if (number === undefined) return undefined;
  const irn = str(row, 'MEDICARELINENO');
  const id: Identifier = {
    type: { coding: [{ system: V2_0203, code: 'MC', display: "Patient's Medicare Number" }], text: 'Medicare Number' },
    system: MEDICARE_SYSTEM,
    value: irn !== undefined && /^\d$/.test(irn) ? number + irn : number,
  };
  const expiry = yearMonth(str(row, 'MEDICAREEXPIRY'));
  if (expiry !== undefined) id.period = { end: expiry };
  return id;
}

const DVA_DISPLAY: Readonly<Record<string, string>> = {
  DVG: 'DVA Gold Card',
  DVW: 'DVA White Card',
  DVO: 'DVA Orange Card',
  DVL: 'DVA Lilac Card',
  DVAU: 'DVA Number',
};
/** DVACode (SCHEMAS.md, invented coding) → card type, used when DVACARDTYPE is empty. */
const DVA_BY_CODE: Readonly<Record<number, string>> = { 1: 'DVG', 2: 'DVW', 3: 'DVO' };

function dvaOf(row: PatientRow): Identifier | undefined {
  const value = str(row, 'DVANO');
  if (value === undefined) return undefined;
  const stored = str(row, 'DVACARDTYPE');
  const code = stored !== undefined && DVA_DISPLAY[stored] ? stored : (DVA_BY_CODE[int(row, 'DVACODE') ?? 0] ?? 'DVAU');
  return {
    type: { coding: [{ system: AU_V2_0203, code, display: DVA_DISPLAY[code] ?? 'DVA Number' }], text: 'DVA Number' },
    system: DVA_SYSTEM,
    value,
  };
}

/** PensionCode (SCHEMAS.md PENSIONTYPES) → AU Base concession card identifier type (FHIR.md §3.1). */
const PENSION_TYPES: Readonly<Record<number, CodeableConcept>> = {
  1: {
    coding: [{ system: V2_0203, code: 'PEN', display: 'Pensioner Concession Card' }],
    text: 'Pensioner Concession Card',
  },
  2: { coding: [{ system: V2_0203, code: 'HC', display: 'Health Care Card' }], text: 'Health Care Card' },
  3: {
    coding: [{ system: AU_V2_0203, code: 'SEN', display: 'Commonwealth Seniors Health Card' }],
    text: 'Commonwealth Seniors Health Card',
  },
};

function pensionOf(row: PatientRow): Identifier | undefined {
  const value = str(row, 'PENSIONNO');
  const type = PENSION_TYPES[int(row, 'PENSIONCODE') ?? 0];
  if (value === undefined || type === undefined) return undefined;
  const id: Identifier = { type, system: CRN_SYSTEM, value };
  const expiry = str(row, 'PENSIONEXPIRY');
  if (expiry !== undefined && storedDateRange(expiry, 'D')) id.period = { end: expiry.slice(0, 10) };
  return id;
}

function recordNumberOf(
  row: PatientRow,
  site: Pick<SiteFixture, 'pmsSiteId' | 'practiceName'>,
): Identifier | undefined {
  const value = str(row, 'RECORDNO');
  if (value === undefined) return undefined;
  return {
    use: 'usual',
    type: { coding: [{ system: V2_0203, code: 'MR', display: 'Medical record number' }], text: 'Chart number' },
    system: recordNumberSystem(site),
    value,
    assigner: { display: site.practiceName },
  };
}

function telecomOf(row: PatientRow): ContactPoint[] {
  const out: ContactPoint[] = [];
  const home = str(row, 'HOMEPHONE');
  if (home !== undefined) out.push({ system: 'phone', value: home, use: 'home' });
  const work = str(row, 'WORKPHONE');
  if (work !== undefined) out.push({ system: 'phone', value: work, use: 'work' });
  const mobile = str(row, 'MOBILEPHONE');
  if (mobile !== undefined) out.push({ system: 'phone', value: mobile, use: 'mobile' });
  const email = str(row, 'EMAIL');
  if (email !== undefined) out.push({ system: 'email', value: email, use: 'home' });
  return out;
}

/** AU postcode → state (FHIR.md §7.2 ranges), for the postal address, which Bp stores without one. */
export function stateOfPostcode(postcode: string): string | undefined {
  if (!/^\d{4}$/.test(postcode)) return undefined;
  const n = Number(postcode);
  if ((n >= 2600 && n <= 2618) || (n >= 2900 && n <= 2920)) return 'ACT';
  if (n >= 2000 && n <= 2999) return 'NSW';
  if (n >= 3000 && n <= 3999) return 'VIC';
  if (n >= 4000 && n <= 4999) return 'QLD';
  if (n >= 5000 && n <= 5799) return 'SA';
  if (n >= 6000 && n <= 6797) return 'WA';
  if (n >= 7000 && n <= 7799) return 'TAS';
  if (n >= 800 && n <= 899) return 'NT';
  return undefined;
}

function addressesOf(row: PatientRow): Address[] {
  const country = str(row, 'COUNTRY') ?? 'AU';
  const out: Address[] = [];
  const postalLine = str(row, 'POSTALADDRESS');
  const line = compact([str(row, 'ADDRESS1'), str(row, 'ADDRESS2')]);
  const city = str(row, 'CITY');
  const state = str(row, 'STATE');
  const postcode = str(row, 'POSTCODE');
  if (line.length > 0 || city !== undefined || postcode !== undefined) {
    const home: Address = { use: 'home', type: postalLine === undefined ? 'both' : 'physical' };
    if (line.length > 0) home.line = line;
    else home.text = compact([city, state, postcode]).join(' ');
    if (city !== undefined) home.city = city;
    if (state !== undefined) home.state = state;
    if (postcode !== undefined) home.postalCode = postcode;
    home.country = country;
    out.push(home);
  }
  if (postalLine !== undefined) {
    const postal: Address = { use: 'home', type: 'postal', line: [postalLine] };
    const pCity = str(row, 'POSTALCITY');
    const pCode = str(row, 'POSTALPOSTCODE');
    if (pCity !== undefined) postal.city = pCity;
    const pState = country === 'AU' && pCode !== undefined ? stateOfPostcode(pCode) : undefined;
    if (pState !== undefined) postal.state = pState;
    if (pCode !== undefined) postal.postalCode = pCode;
    postal.country = country;
    out.push(postal);
  }
  return out;
}

/**
 * The searchable view of one `PATIENTS` row (see the module comment). Rows with values the mapping
 * cannot read (a bad DOB, an unknown SEXCODE) simply lack that element.
 */
export function patientRecord(row: PatientRow, site: Pick<SiteFixture, 'pmsSiteId' | 'practiceName'>): PatientRecord {
  const idNum = int(row, 'INTERNALID') ?? Number.NaN;
  const birth = birthDateOf(row);
  const status = int(row, 'PATIENTSTATUS');
  const deathText = str(row, 'DATEOFDEATH');
  const death = deathText === undefined ? undefined : dateTimeOf(deathText);
  const updatedText = str(row, 'UPDATED') ?? str(row, 'CREATED');
  const updated = updatedText === undefined ? undefined : storedDateRange(updatedText, 'S');
  return {
    id: str(row, 'INTERNALID') ?? '',
    idNum,
    row,
    names: namesOf(row),
    identifiers: compact([ihiOf(row), medicareOf(row), dvaOf(row), pensionOf(row), recordNumberOf(row, site)]),
    telecom: telecomOf(row),
    addresses: addressesOf(row),
    gender: GENDER_BY_SEXCODE[int(row, 'SEXCODE') ?? -1],
    birthDate: birth?.text,
    birthRange: birth?.range,
    active: status === 1,
    deceased: status === 3 || deathText !== undefined,
    deathDate: death?.text,
    deathRange: death?.range,
    lastUpdated: updated ? formatInstant(updated.lo) : undefined,
    lastUpdatedRange: updated,
  };
}

// ---------------------------------------------------------------------------------------------
// The resource

const INDIGENOUS_DISPLAY: Readonly<Record<number, string>> = {
  1: 'Aboriginal but not Torres Strait Islander origin',
  2: 'Torres Strait Islander but not Aboriginal origin',
  3: 'Both Aboriginal and Torres Strait Islander origin',
  4: 'Neither Aboriginal nor Torres Strait Islander origin',
  9: 'Not stated/inadequately described',
};

/** GENDERCODE (SCHEMAS.md, METeOR gender) → AU gender-identity-response-1 (FHIR.md §3.2). */
const GENDER_IDENTITY: Readonly<Record<number, CodeableConcept>> = {
  1: {
    coding: [{ system: 'http://snomed.info/sct', code: '446151000124109', display: 'Identifies as male gender' }],
    text: 'Man or male',
  },
  2: {
    coding: [{ system: 'http://snomed.info/sct', code: '446141000124107', display: 'Identifies as female gender' }],
    text: 'Woman or female',
  },
  3: {
    coding: [{ system: 'http://snomed.info/sct', code: '33791000087105', display: 'Identifies as nonbinary gender' }],
    text: 'Non-binary',
  },
  4: { text: 'Different term' },
  5: {
    coding: [
      {
        system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
        code: 'asked-declined',
        display: 'Asked But Declined',
      },
    ],
    text: 'Prefer not to answer',
  },
};

function extensionsOf(row: PatientRow): Extension[] {
  const out: Extension[] = [];
  const indigenous = int(row, 'ETHNICCODE');
  const display = indigenous === undefined ? undefined : INDIGENOUS_DISPLAY[indigenous];
  if (display !== undefined) {
    out.push({
      url: `${EXT}indigenous-status`,
      valueCoding: { system: INDIGENOUS_SYSTEM, code: String(indigenous), display },
    });
  }
  const identity = GENDER_IDENTITY[int(row, 'GENDERCODE') ?? -1];
  if (identity)
    out.push({ url: 'http://hl7.org/fhir/StructureDefinition/patient-genderIdentity', valueCodeableConcept: identity });
  return out;
}

function generalPractitionerOf(row: PatientRow): Reference[] | undefined {
  const first = str(row, 'GP_FIRSTNAME');
  const last = str(row, 'GP_SURNAME');
  if (first === undefined && last === undefined) return undefined;
  const ref: Reference = { type: 'Practitioner' };
  const providerNo = str(row, 'GP_PROVIDERNO');
  if (providerNo !== undefined) ref.identifier = { system: PROVIDER_NUMBER_SYSTEM, value: providerNo };
  ref.display = compact([str(row, 'GP_TITLE'), first, last]).join(' ');
  return [ref];
}

/**
 * The AU Base Patient for a record: `meta.profile` au-patient, `meta.lastUpdated` from UPDATED
 * (else CREATED), indigenous-status and genderIdentity extensions, identifiers (IHI with status
 * extensions, Medicare with IRN and expiry, DVA, concession card, chart number), `active` (true only
 * for PATIENTSTATUS 1), names, telecom, gender, partial-precision `birthDate`, `deceasedBoolean` or
 * `deceasedDateTime`, addresses with `country`, and the usual doctor as `generalPractitioner`.
 */
export function patientResource(record: PatientRecord): Patient {
  const { row } = record;
  const patient: Patient = { resourceType: 'Patient', id: record.id };
  patient.meta =
    record.lastUpdated === undefined
      ? { profile: [AU_PATIENT_PROFILE] }
      : { lastUpdated: record.lastUpdated, profile: [AU_PATIENT_PROFILE] };
  const extension = extensionsOf(row);
  if (extension.length > 0) patient.extension = extension;
  if (record.identifiers.length > 0) patient.identifier = record.identifiers;
  patient.active = record.active;
  patient.name = record.names;
  if (record.telecom.length > 0) patient.telecom = record.telecom;
  if (record.gender !== undefined) patient.gender = record.gender;
  if (record.birthDate !== undefined) patient.birthDate = record.birthDate;
  if (record.deathDate !== undefined) patient.deceasedDateTime = record.deathDate;
  else patient.deceasedBoolean = record.deceased;
  if (record.addresses.length > 0) patient.address = record.addresses;
  const gp = generalPractitionerOf(row);
  if (gp) patient.generalPractitioner = gp;
  // A deep copy: the record is shared by the cache and must not be changed through a response.
  return structuredClone(patient);
}
