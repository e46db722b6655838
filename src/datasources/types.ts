/**
 * Upstream wire types, derived from the generated OpenAPI types (`halo-api.generated.ts`) so that
 * every shape traces to `docs/halo/integrator-openapi.json`. Nothing here is hand-copied from
 * the spec; the only hand-written types are the FHIR ones (the spec types FHIR bodies as opaque
 * objects) and the decoded-result shapes, which are ours.
 */
import type { SqlDbTypeName } from '../lib/sql-values.js';
import type { components, operations } from './halo-api.generated.js';

type Schemas = components['schemas'];
type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type RequestJson<Op extends keyof operations> = JsonBody<NonNullable<operations[Op]['requestBody']>>;
type ResponseJson<Op extends keyof operations, Status extends number> = Status extends keyof operations[Op]['responses']
  ? JsonBody<operations[Op]['responses'][Status]>
  : never;

/** Every operationId of the integrator API: the datasource method names come from these. */
export type HaloOperationId = keyof operations;

// ── Sites ────────────────────────────────────────────────────────────────────────────────────────
export type SiteForIntegrator = Schemas['SiteForIntegrator'];
export type PracticeManagementName = Schemas['PracticeManagementName'];
export type PmsType = Schemas['PMSType'];
export type SiteAvailability = Schemas['SiteAvailability'];
export type SiteStatus = Schemas['SiteStatus'];
export type PairSiteParams = operations['Integrator_PairSite']['parameters']['query'];
export type GetSitesParams = operations['getSites']['parameters']['query'];
export type GetSitesResponse = ResponseJson<'getSites', 200>;

// ── Queries ──────────────────────────────────────────────────────────────────────────────────────
export type Command = Schemas['Command'];
export type CommandParameter = Schemas['Parameter'];
/** The spec's SqlDbType enum is exactly the list the schema and the simulator use (src/lib/sql-values.ts). */
type SpecSqlDbType = NonNullable<CommandParameter['type']>;
type Holds<T extends true> = T;
export type SqlDbTypesMatchSpec = Holds<
  [SpecSqlDbType] extends [SqlDbTypeName] ? ([SqlDbTypeName] extends [SpecSqlDbType] ? true : false) : false
>;
export type ExecutionMode = Schemas['ExecutionMode'];
export type ImmediateQueryRequest = RequestJson<'createImmediateQuery'>;
export type AsyncQueryRequest = RequestJson<'createAsyncQuery'>;
export type SuccessfulImmediateQuery = Schemas['SuccessfulImmediateQuery'];
export type ExecutionFailedImmediateQuery = Schemas['ExecutionFailedImmediateQuery'];
export type ErrorDetails = Schemas['ErrorDetails'];
/**
 * `createAsyncQuery`'s 201 body. openapi-typescript renders the spec's `allOf` as
 * `Omit<AsyncQuery, 'status'> & …` and drops the discriminator, so `status` is put back here.
 */
export type AsyncQueryInitialised = ResponseJson<'createAsyncQuery', 201> & { status: Schemas['AsyncQueryStatus'] };
/** `getQuery`'s 200 body: an immediate or async query in any status (discriminated by `status`). */
export type Query = ResponseJson<'getQuery', 200>;
export type AsyncQueryStatus = Schemas['AsyncQueryStatus'];
export type QueryStatusBatchRequest = RequestJson<'getQueryStatusBatch'>;
export type QueryStatusBatchResponse = ResponseJson<'getQueryStatusBatch', 200>;
export type QueryStatusBatchResult = Schemas['QueryStatusBatchResult'];
export type ResultPageInfo = Schemas['Page'];
/** `getResultPage`'s 200 body: `{data, parameters?}`, or `{parameters}` for a non-query. */
export type ResultPageBody = ResponseJson<'getResultPage', 200>;

/** Phases Halo records in `statusTiming` (immediate queries may also report `downloading`). */
export type QueryPhase = 'initialising' | 'queued' | 'executing' | 'downloading' | 'uploading';

/**
 * One structural view over every query body Halo sends (`getQuery`, the batch status, an
 * immediate answer, an async creation): the spec splits them into per-status schemas, which this
 * reads as one shape with the fields typed from those schemas.
 */
export interface WireQuery {
  id: Schemas['AsyncQuery']['id'];
  siteId: Schemas['AsyncQuery']['siteId'];
  mode: 'immediate' | 'async';
  status: AsyncQueryStatus;
  createdAt: string;
  updatedAt: string;
  completedAt?: string;
  maxTimeInQueue: Schemas['AsyncQuery']['maxTimeInQueue'];
  statusTiming?: Partial<Record<QueryPhase, { startTime?: string; endTime?: string }>>;
  metrics?: Partial<Schemas['QueryMetrics']>;
  result?: {
    rows?: number;
    rowsAffected?: number;
    size?: number;
    data?: Schemas['Data'];
    parameters?: CommandParameter[];
    pages?: ResultPageInfo[];
  };
  resultSize?: number;
  errorDetails?: ErrorDetails;
  errorCode?: number;
  errorMessage?: string;
}

/** A query with its rows, when they were decoded already (an immediate query's own answer). */
export interface DecodedQuery {
  query: WireQuery;
  rows?: ResultRow[];
  /** Served again from an identical query's earlier answer (`maxAgeSeconds`) instead of a new billed one. */
  reused?: boolean;
}

// ── Registered queries ───────────────────────────────────────────────────────────────────────────
export type RegisteredQuery = Schemas['RegisteredQuery'];
export type RegisteredQueryPostReq = Schemas['RegisteredQueryPostReq'];
export type RegisteredQueryId = Schemas['RegisteredQueryId'];
export type RegisteredQueryResult = Schemas['RegisteredQueryResult'];
export type GetRegisteredQueriesResponse = ResponseJson<'getRegisteredQueries', 200>;

// ── Errors ───────────────────────────────────────────────────────────────────────────────────────
/** The spec's general error envelope `{error:{status,statusText,message}}`. */
export type ErrorEnvelope = Schemas['Error'];

// ── FHIR (the spec types these as opaque objects, so the minimum is written here) ───────────────
/** Any FHIR R4 resource as Halo returns it; fields pass through unchanged. */
export interface FhirResource {
  resourceType: string;
  id?: string;
  [field: string]: unknown;
}
export interface FhirBundle extends FhirResource {
  resourceType: 'Bundle';
  type?: string;
  total?: number;
  link?: Array<{ relation: string; url: string }>;
  entry?: Array<{ fullUrl?: string; resource?: FhirResource; search?: { mode?: string } }>;
}
export interface OperationOutcomeIssue {
  severity?: string;
  code?: string;
  details?: { coding?: Array<{ system?: string; code?: string }>; text?: string };
  diagnostics?: string;
}
export interface OperationOutcome extends FhirResource {
  resourceType: 'OperationOutcome';
  issue?: OperationOutcomeIssue[];
}
/**
 * FHIR search parameters. Each entry is one (possibly repeated) parameter; a value containing a
 * comma is an OR inside that parameter, exactly as FHIR defines it.
 */
export type FhirSearchParams =
  | URLSearchParams
  | Iterable<readonly [string, string]>
  | Readonly<Record<string, string | readonly string[] | undefined>>;

// ── Decoded results (ours) ───────────────────────────────────────────────────────────────────────
/** One decoded result row: `{ columnName: value }`, keys exactly as the SQL selected them. */
export type ResultRow = Record<string, unknown>;
export interface DecodedResult {
  /** Column names in the order of the first row's keys; `[]` for an empty result. */
  columns: string[];
  rows: ResultRow[];
}
