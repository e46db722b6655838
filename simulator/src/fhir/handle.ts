/**
 * The simulator's FHIR engine: Halo's `getFhirQuery` and `postFhirSearch` for one site.
 * Design notes and the list of invented behaviour: ./README.md.
 */
import { PMS_TYPE_TO_NAME } from '../fixtures.js';
import { HALO_MESSAGES } from '../inferred.js';
import { capabilityStatement } from './capability.js';
import { FhirError, badFhirRequest, operationOutcome } from './outcome.js';
import { patientResource } from './patient.js';
import { patientIndex } from './patient-index.js';
import { rawPatient } from './raw-patients.js';
import { searchPatients } from './search.js';
import type { FhirRequest, FhirResponse } from './types.js';

/** FHIR `id` syntax (R4 datatypes). */
const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;
/** What a resource type name looks like, to tell "unsupported type" (404) from garbage (400). */
const RESOURCE_TYPE = /^[A-Z][A-Za-z]{1,63}$/;

/** Halo's text for a path it cannot read (DOMAIN.md §5, troubleshooting). */
const UNPARSABLE = 'Unable to parse Resource URL';

/**
 * Answers one FHIR request for a site the HTTP layer has already authorised.
 *
 * - Only Best Practice sites with FHIR enabled serve FHIR; others get 400 (the request is valid
 *   but not for this site's PMS; a 404 would read as "no such patient/site").
 * - Offline site → 503, unreachable → 504 (FHIR calls, even `metadata`, reach Halo Link).
 * - `GET metadata` → CapabilityStatement; `GET Patient/{id}` → Patient (a raw one loaded through
 *   `POST /_sim/fhir/patients` first, see ./raw-patients.ts) or 404 (soft-deleted rows included); `GET Patient?…`, `GET Patient/_search?…` and `POST Patient/_search` → searchset Bundle.
 * - Other resource types → 404; unreadable paths and bad parameters → 400.
 *
 * Every error is an OperationOutcome in Halo's shape whose text never contains a searched value.
 * Never throws and never logs.
 */
export function handleFhir(req: FhirRequest): FhirResponse {
  try {
    return route(req);
  } catch (err) {
    if (err instanceof FhirError) return { status: err.status, body: operationOutcome(err.message) };
    // Deliberately no detail: an unexpected failure (e.g. a schema changed through /_sim/sql)
    // must not leak row data into the response.
    return { status: 500, body: operationOutcome('The FHIR server could not process the request.') };
  }
}

function route(req: FhirRequest): FhirResponse {
  if (req.site.pmsType !== 'BestPractice') {
    throw badFhirRequest(
      `FHIR is not supported for the ${PMS_TYPE_TO_NAME[req.site.pmsType]} practice management system; only Best Practice (Bp Premier) sites serve FHIR.`,
    );
  }
  if (!req.site.fhirEnabled) throw badFhirRequest('FHIR is not enabled for this site.');
  if (req.availability === 'offline') throw new FhirError(503, HALO_MESSAGES.siteOffline);
  if (req.availability === 'unreachable') throw new FhirError(504, HALO_MESSAGES.siteUnreachable);

  const segments = req.path.replace(/^\/+|\/+$/g, '').split('/');
  const [type = '', id, ...rest] = segments;

  if (req.method === 'POST') {
    if (segments.length !== 1) throw badFhirRequest(UNPARSABLE);
    if (type === 'Patient') return { status: 200, body: searchPatients(req) };
    throw unsupportedType(type);
  }

  if (type === 'metadata' && segments.length === 1) {
    return { status: 200, body: capabilityStatement(req.site, req.baseUrl, req.now()) };
  }
  if (type !== 'Patient') throw unsupportedType(type);
  if (id === undefined || id === '_search') {
    if (rest.length > 0) throw badFhirRequest(UNPARSABLE);
    return { status: 200, body: searchPatients(req) };
  }
  if (rest.length > 0) throw badFhirRequest(UNPARSABLE);
  if (id.startsWith('$')) throw badFhirRequest('Operations on Patient are not supported by this server.');
  if (!FHIR_ID.test(id)) throw badFhirRequest('The Patient id is not a valid FHIR id.');
  const raw = rawPatient(req.db, id);
  if (raw) return { status: 200, body: raw };
  const found = patientIndex(req.db, req.site).byId.get(id);
  if (!found) throw new FhirError(404, 'The requested Patient was not found.');
  return { status: 200, body: patientResource(found.record) };
}

function unsupportedType(type: string): FhirError {
  if (RESOURCE_TYPE.test(type)) return new FhirError(404, `Resource type "${type}" is not supported by this server.`);
  return badFhirRequest(UNPARSABLE);
}
