import type Database from 'better-sqlite3';
import type { SiteFixture } from '../fixtures.js';

/**
 * The contract between the simulator's HTTP layer and its FHIR engine (./handle.ts).
 * The HTTP layer has already checked the key, the site id, that the site exists and is paired.
 */
export interface FhirRequest {
  /** `GET` for getFhirQuery, `POST` for postFhirSearch. */
  method: 'GET' | 'POST';
  /**
   * What follows `/fhir/R4/`, decoded, without the query string: `Patient`, `Patient/123`,
   * `metadata`, or for POST the resource name (`Patient`) of `{resource}/_search`.
   */
  path: string;
  /** GET: the URL's query string. POST: the parsed form body. Repeated parameters keep their order. */
  params: URLSearchParams;
  site: SiteFixture;
  /** The site's default-catalogue database (Best Practice schema when site.pmsType is BestPractice). */
  db: Database.Database;
  /** Site availability: FHIR calls reach the practice, so offline → 503, unreachable → 504 (OperationOutcome). */
  availability: 'online' | 'offline' | 'unreachable';
  /** Absolute base for Bundle links, e.g. http://127.0.0.1:4010/integrator/sites/{siteId}/fhir/R4 */
  baseUrl: string;
  /** Simulated now (for meta.lastUpdated defaults, CapabilityStatement date). */
  now: () => Date;
}

export interface FhirResponse {
  status: number;
  /** A FHIR resource (Patient, Bundle, CapabilityStatement, OperationOutcome). */
  body: unknown;
}
