/**
 * Patient resources loaded as raw FHIR JSON through the control API (`POST /_sim/fhir/patients`),
 * for fidelity tests that need real-world resources (e.g. the AU test patients) to come back from
 * `GET Patient/{id}` byte for byte. They are served by read only: searches cover the practice
 * database, as Halo's SQL-translating façade would.
 *
 * Kept per site database in a WeakMap, so `/_sim/reset` (which reopens the databases) drops them.
 */
import type Database from 'better-sqlite3';

/** A raw resource as loaded: any JSON object with `resourceType: "Patient"` and a FHIR id. */
export type RawPatient = Readonly<Record<string, unknown>>;

const stores = new WeakMap<Database.Database, Map<string, RawPatient>>();

/** FHIR `id` syntax (R4 datatypes), as ./handle.ts checks reads. */
const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;
/** Most resources one site may hold this way. */
export const MAX_RAW_PATIENTS = 1000;

/**
 * Stores `resources` for the site whose default database is `db`, replacing any with the same id.
 * Returns a problem description (no resource content) when one is not a Patient with a valid id,
 * or when the site would hold more than {@link MAX_RAW_PATIENTS}; nothing is stored then.
 */
export function loadRawPatients(db: Database.Database, resources: unknown): { loaded: number } | { problem: string } {
  if (!Array.isArray(resources)) return { problem: 'resources must be an array of Patient resources.' };
  const store = stores.get(db) ?? new Map<string, RawPatient>();
  const incoming = new Map<string, RawPatient>();
  for (const [i, r] of resources.entries()) {
    if (typeof r !== 'object' || r === null || Array.isArray(r))
      return { problem: `resources[${i}] is not a JSON object.` };
    const rec = r as Record<string, unknown>;
    if (rec['resourceType'] !== 'Patient') return { problem: `resources[${i}] is not a Patient.` };
    const id = rec['id'];
    if (typeof id !== 'string' || !FHIR_ID.test(id)) return { problem: `resources[${i}] has no valid FHIR id.` };
    incoming.set(id, structuredClone(rec));
  }
  const ids = new Set([...store.keys(), ...incoming.keys()]);
  if (ids.size > MAX_RAW_PATIENTS)
    return { problem: `A site holds at most ${MAX_RAW_PATIENTS} raw Patient resources.` };
  for (const [id, r] of incoming) store.set(id, r);
  stores.set(db, store);
  return { loaded: incoming.size };
}

/** A copy of the raw Patient `id` loaded for this database, if any. */
export function rawPatient(db: Database.Database, id: string): RawPatient | undefined {
  const found = stores.get(db)?.get(id);
  return found === undefined ? undefined : structuredClone(found);
}
