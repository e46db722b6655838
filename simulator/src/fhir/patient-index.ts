/**
 * A per-database cache of every live patient's searchable values (normalised strings, identifier
 * tokens, phone digits, date ranges), so a search is a scan over ~2,000 small objects in memory.
 *
 * The database is writable at runtime (`/_sim/sql`, SQL passthrough), always through the same
 * better-sqlite3 connection, so the cache is keyed by that connection's `total_changes()` (every
 * INSERT/UPDATE/DELETE row, including rolled-back ones) plus `PRAGMA schema_version` (DDL) and
 * `PRAGMA data_version` (writes by another connection, should one ever exist). Checking the key
 * costs two tiny statements; a rebuild reads the table once.
 */
import type Database from 'better-sqlite3';
import type { SiteFixture } from '../fixtures.js';
import { PATIENT_SELECT, patientRecord, type PatientRecord, type PatientRow } from './patient.js';
import { indexString, type IndexedString } from './strings.js';

/** One patient ready for matching. `record` also feeds the resource of a returned page. */
export interface IndexedPatient {
  record: PatientRecord;
  /** `name.family` of every name. */
  family: IndexedString[];
  /** Every `name.given`. */
  given: IndexedString[];
  /** Every string part of every name: family, given, prefix, suffix, text. */
  name: IndexedString[];
  /** Every string part of every address: line, city, state, postalCode, country, text. */
  address: IndexedString[];
  city: IndexedString[];
  state: IndexedString[];
  postalCode: IndexedString[];
  /** Phone numbers as {@link normalisePhone} digits. */
  phones: string[];
  /** E-mail addresses, lower case. */
  emails: string[];
}

export interface PatientIndex {
  /** In INTERNALID order. */
  patients: IndexedPatient[];
  byId: ReadonlyMap<string, IndexedPatient>;
}

/**
 * Phone digits for comparison: punctuation and spaces dropped, and an Australian international
 * prefix (`+61…`, `0061…`) written as the national trunk form (`0…`).
 */
export function normalisePhone(value: string): string {
  const trimmed = value.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+61')) return `0${digits.slice(2).replace(/^0/, '')}`;
  if (digits.startsWith('0061')) return `0${digits.slice(4).replace(/^0/, '')}`;
  return digits;
}

const strings = (values: ReadonlyArray<string | undefined>): IndexedString[] =>
  values.filter((v): v is string => v !== undefined && v !== '').map(indexString);

function indexPatient(record: PatientRecord): IndexedPatient {
  const family = strings(record.names.map((n) => n.family));
  const given = strings(record.names.flatMap((n) => n.given ?? []));
  const name = strings(
    record.names.flatMap((n) => [n.family, ...(n.given ?? []), ...(n.prefix ?? []), ...(n.suffix ?? []), n.text]),
  );
  const address = strings(
    record.addresses.flatMap((a) => [...(a.line ?? []), a.city, a.state, a.postalCode, a.country, a.text]),
  );
  return {
    record,
    family,
    given,
    name,
    address,
    city: strings(record.addresses.map((a) => a.city)),
    state: strings(record.addresses.map((a) => a.state)),
    postalCode: strings(record.addresses.map((a) => a.postalCode)),
    phones: record.telecom.filter((t) => t.system === 'phone' && t.value).map((t) => normalisePhone(t.value ?? '')),
    emails: record.telecom.filter((t) => t.system === 'email' && t.value).map((t) => (t.value ?? '').toLowerCase()),
  };
}

interface CacheEntry {
  stamp: string;
  index: PatientIndex;
}

interface Statements {
  stamp: Database.Statement;
  rows: Database.Statement;
}

const cache = new WeakMap<Database.Database, CacheEntry>();
const statements = new WeakMap<Database.Database, Statements>();

function statementsOf(db: Database.Database): Statements {
  let s = statements.get(db);
  if (!s) {
    s = {
      stamp: db.prepare(
        "SELECT total_changes() || ':' || (SELECT schema_version FROM pragma_schema_version) || ':' || (SELECT data_version FROM pragma_data_version) AS stamp",
      ),
      rows: db.prepare(PATIENT_SELECT),
    };
    statements.set(db, s);
  }
  return s;
}

/**
 * The index of a Best Practice database's live patients (`RECORDSTATUS = 1`), rebuilt when the
 * database has changed since the last call (see the module comment). Throws what better-sqlite3
 * throws when the schema no longer has the columns the mapping reads.
 */
export function patientIndex(
  db: Database.Database,
  site: Pick<SiteFixture, 'id' | 'pmsSiteId' | 'practiceName'>,
): PatientIndex {
  const s = statementsOf(db);
  const row = s.stamp.get() as { stamp: string } | undefined;
  const stamp = `${site.id}:${row?.stamp ?? ''}`;
  const hit = cache.get(db);
  if (hit && hit.stamp === stamp) return hit.index;
  const patients: IndexedPatient[] = [];
  const byId = new Map<string, IndexedPatient>();
  for (const r of s.rows.all() as PatientRow[]) {
    const p = indexPatient(patientRecord(r, site));
    if (p.record.id === '' || byId.has(p.record.id)) continue;
    patients.push(p);
    byId.set(p.record.id, p);
  }
  const index: PatientIndex = { patients, byId };
  cache.set(db, { stamp, index });
  return index;
}
