/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What the command text is. */
export type CommandType =
  /** The name of a stored procedure, its arguments in parameters: needs the writes permission. */
  | 'STORED_PROCEDURE'
  /** T-SQL text. */
  | 'TEXT';

/** A query for Halo Link to run on the practice server every frequencySeconds for durationSeconds. */
export type CreateRegisteredQueryInput = {
  /** TEXT, or STORED_PROCEDURE (needs the writes permission). */
  commandType?: CommandType | null | undefined;
  /** Seconds to keep running: 1 to 86,400. */
  durationSeconds: number;
  /** READER (rows), NON_QUERY (writes; needs the writes permission) or SCALAR. */
  executionMode?: ExecutionMode | null | undefined;
  /** Seconds between runs: at least 60. */
  frequencySeconds: number;
  /** Any 1–128 printable ASCII characters you choose per intent. The same key from the same client within 24 hours returns the first registered query (or waits for it while it is being created) instead of registering a second one that would run, and bill, on its own schedule. The same key with different input is BAD_USER_INPUT. */
  idempotencyKey?: string | null | undefined;
  /** Your label for it. */
  name: string;
  /** Command parameters, bound by name (@name): never splice values into sql. */
  parameters?: Array<SqlParameterInput> | null | undefined;
  /** The Halo GUID of the site. */
  siteId: string | number;
  /** T-SQL text (READER and SCALAR must only read), or the stored procedure name when commandType is STORED_PROCEDURE. */
  sql: string;
};

/** What the command returns. */
export type ExecutionMode =
  /** The number of rows affected (INSERT, UPDATE, DELETE): needs the writes permission. */
  | 'NON_QUERY'
  /** Rows (a SELECT). Must pass the read-only SQL guard. */
  | 'READER'
  /** The first column of the first row, as one row. Must pass the read-only SQL guard. */
  | 'SCALAR';

/** One FHIR search parameter sent as given, e.g. { name: "family:exact", value: "Smith" }. */
export type FhirSearchParamInput = {
  /** Parameter name with optional modifier. Paging parameters (_count, _getpages…) are not allowed: use first/after. */
  name: string;
  /** The value, sent as given (FHIR search syntax: comparison prefixes, system|value, commas for OR). */
  value: string;
};

/** The practice to pair with this integrator. */
export type PairSiteInput = {
  /** Required for Best Practice: the code the practice generated. */
  pairingCode?: string | null | undefined;
  /** The practice management system. */
  pms: PracticeManagementSystem;
  /** The Bp Site ID, Zedmed Database ID or D4w CRN. */
  pmsSiteId: string;
};

/** Which way a command parameter passes a value (as in ADO.NET). */
export type ParameterDirection =
  /** Sent to the command. */
  | 'INPUT'
  /** Sent, and read back after the command. */
  | 'INPUT_OUTPUT'
  /** Set by the command; read it in outputParameters. */
  | 'OUTPUT'
  /** A stored procedure's return value. */
  | 'RETURN_VALUE';

/** FHIR Patient search parameters (names as FHIR, with "-" written "_"). Each list element is one parameter: elements AND together, commas inside one element OR (FHIR semantics); values such as "ge1970-01-01" or "system|value" pass through verbatim. */
export type PatientSearch = {
  /** Patient.id or FHIR logical id (token, exact; commas OR several). */
  _id?: Array<string> | null | undefined;
  /** meta.lastUpdated (date, with prefixes). */
  _lastUpdated?: Array<string> | null | undefined;
  /** FHIR _sort: comma-separated parameter names, "-" for descending, e.g. "family,-birthdate". */
  _sort?: string | null | undefined;
  /** true | false (token). */
  active?: Array<string> | null | undefined;
  /** Any part of an address (string). */
  address?: Array<string> | null | undefined;
  /** address-city (string). */
  address_city?: Array<string> | null | undefined;
  /** address-postalcode (string). */
  address_postalcode?: Array<string> | null | undefined;
  /** address-state (string). */
  address_state?: Array<string> | null | undefined;
  /** Date of birth: eq ne gt lt ge le sa eb ap prefixes; partial dates are ranges. */
  birthdate?: Array<string> | null | undefined;
  /** death-date (date). */
  death_date?: Array<string> | null | undefined;
  /** true | false (token). */
  deceased?: Array<string> | null | undefined;
  /** An e-mail address (token, bare value). */
  email?: Array<string> | null | undefined;
  /** Family name (string). */
  family?: Array<string> | null | undefined;
  /** male | female | other | unknown (token). */
  gender?: Array<string> | null | undefined;
  /** Given names (string). */
  given?: Array<string> | null | undefined;
  /** system|value, |value, value or system| (token). */
  identifier?: Array<string> | null | undefined;
  /** Any part of any name (string: starts-with, case- and accent-insensitive). */
  name?: Array<string> | null | undefined;
  /** Escape hatch for modifiers and other parameters, sent after the fields above. */
  params?: Array<FhirSearchParamInput> | null | undefined;
  /** A phone number (token, bare value). */
  phone?: Array<string> | null | undefined;
};

/** A practice management system Halo Link connects to. */
export type PracticeManagementSystem =
  /** Best Practice (Bp Premier), general practice: SQL Server; FHIR R4 through Halo. */
  | 'BEST_PRACTICE'
  /** Dental4Windows (D4w), dental: SQL Server. */
  | 'D4W'
  /** Zedmed, general practice: Firebird SQL (errors are FBSQL). */
  | 'ZEDMED';

/** Who reported a query's failure. */
export type QueryErrorType =
  /** Firebird (Zedmed): code is the Firebird error code. */
  | 'FBSQL'
  /** Halo Link on the practice server (queue expiry, upload failure…). */
  | 'HALO_LINK'
  /** Halo, over HTTP: code is an HTTP status (e.g. 413 for a result too large). */
  | 'HTTP'
  /** SQL Server (Best Practice, D4w): code is the SQL Server error number. */
  | 'MSSQL';

/** How a SQL query was submitted. */
export type QueryMode =
  /** submitAsyncQuery: queued, executed and uploaded in pages; read later. */
  | 'ASYNC'
  /** runImmediateQuery: Halo waits for the result (up to 60 s of execution, 8 MB of result). */
  | 'IMMEDIATE';

/** A phase of a query's lifecycle, as Halo's statusTiming records it. */
export type QueryPhase =
  /** Immediate queries only: Halo Link read the result from the database. */
  | 'DOWNLOADING'
  /** The query ran on the practice database. */
  | 'EXECUTING'
  /** Halo prepared the query. */
  | 'INITIALISING'
  /** The query waited on the practice server. */
  | 'QUEUED'
  /** The result was uploaded to Halo. */
  | 'UPLOADING';

/** Where a query is in Halo's lifecycle (the last six are terminal). */
export type QueryStatus =
  /** Running on the practice database. */
  | 'EXECUTING'
  /** The practice database refused or failed the SQL: see error. Terminal. */
  | 'EXECUTION_FAILED'
  /** Waited longer than maxTimeInQueueMs and was not run. Terminal. */
  | 'EXPIRED_IN_QUEUE'
  /** Halo could not set the query up (cache error); it was not run. Terminal. */
  | 'INITIALISATION_FAILED_CACHE_ERROR'
  /** The practice was offline; the query was not run. Terminal. */
  | 'INITIALISATION_FAILED_SITE_OFFLINE'
  /** The practice server could not be reached; the query was not run. Terminal. */
  | 'INITIALISATION_FAILED_SITE_UNREACHABLE'
  /** Halo is preparing the query. */
  | 'INITIALISING'
  /** Waiting on the practice server for its turn (at most maxTimeInQueueMs). */
  | 'QUEUED'
  /** Done: the rows (or rowsAffected) can be read. Terminal. */
  | 'SUCCESSFUL'
  /** Executed; result pages are being uploaded (pages shows their progress). */
  | 'UPLOADING'
  /** Executed, but its result could not be uploaded: see error. Terminal. */
  | 'UPLOAD_FAILED';

/** A registered query's state. */
export type RegisteredQueryStatus =
  /** Cancelled with cancelRegisteredQuery; its latest result stays readable. */
  | 'CANCELLED'
  /** Its duration is over; its latest result stays readable. */
  | 'COMPLETED'
  /** Runs every frequencySeconds until durationSeconds have passed. */
  | 'ENABLED'
  /** Halo could not set it up (cache error); it never runs. */
  | 'INITIALISATION_FAILED_CACHE_ERROR';

/** Upload progress of one page of an async query's result. */
export type ResultPageStatus =
  /** Uploaded: its rows can be read (until the result expires). */
  | 'CACHED'
  /** Not uploaded yet. */
  | 'QUEUED'
  /** Being uploaded. */
  | 'UPLOADING';

/** A SQL command and the site to run it on. */
export type RunQueryInput = {
  /** A database name from the site's catalogues; the default one when omitted. */
  catalogue?: string | null | undefined;
  /** TEXT, or STORED_PROCEDURE (needs the writes permission). */
  commandType?: CommandType | null | undefined;
  /** READER (rows), NON_QUERY (writes; needs the writes permission) or SCALAR. */
  executionMode?: ExecutionMode | null | undefined;
  /** Any 1–128 printable ASCII characters you choose per intent. The same key from the same client within 24 hours returns the first answer (the same query, read again; or waits for it while it is in flight) instead of sending a second billed query to Halo. The same key with different input is BAD_USER_INPUT. */
  idempotencyKey?: string | null | undefined;
  /** runImmediateQuery only, READER or SCALAR text: serve an identical query's answer (same site, SQL, parameters, mode and catalogue, asked by a client with the same permissions) given within this many seconds, or share the identical call in flight, instead of sending a new billed query (SqlQuery.reused says so). 1 to 86,400; null or 0: always a new query. Answers are kept this long at most, by this process (bounded in bytes) and, with Redis, shared by the replicas. */
  maxAgeSeconds?: number | null | undefined;
  /** How long the query may wait on the practice server before it expires, in milliseconds. Immediate: 0–60,000 (default 30,000). Async: 0–7,200,000 (default 3,600,000). */
  maxTimeInQueueMs?: number | null | undefined;
  /** Command parameters, bound by name (@name): never splice values into sql. */
  parameters?: Array<SqlParameterInput> | null | undefined;
  /** The Halo GUID of the site. */
  siteId: string | number;
  /** T-SQL text (READER and SCALAR must only read), or the stored procedure name when commandType is STORED_PROCEDURE. */
  sql: string;
};

/** Whether Halo can reach the practice's server now. */
export type SiteAvailability =
  /** The practice closed its session with Halo: queries fail with SITE_UNAVAILABLE. */
  | 'OFFLINE'
  /** Halo Link is connected: queries run. */
  | 'ONLINE'
  /** Halo Link has been silent (for 2 minutes or more): queries fail with SITE_UNAVAILABLE. */
  | 'UNREACHABLE';

/** The site's state in Halo's lifecycle. */
export type SiteStatus =
  /** In use. */
  | 'ACTIVE'
  /** Halo Link is installed and the site is being set up. */
  | 'INITIALISING'
  /** Removed from Halo. */
  | 'REMOVED'
  /** Halo Link was uninstalled from the practice server. */
  | 'UNINSTALLED';

/** A command parameter's SQL Server type, as .NET's SqlDbType names it (Halo's parameter type). */
export type SqlDbType =
  /** 64-bit signed integer (bigint). */
  | 'BigInt'
  /** Fixed-length binary data, up to 8,000 bytes (binary). */
  | 'Binary'
  /** 0 or 1 (bit). */
  | 'Bit'
  /** Fixed-length non-Unicode text, up to 8,000 characters (char). */
  | 'Char'
  /** A date, YYYY-MM-DD (date). */
  | 'Date'
  /** Date and time, 1753-01-01 to 9999-12-31, to 3.33 ms (datetime). */
  | 'DateTime'
  /** Date and time, years 1 to 9999, to 100 ns (datetime2). */
  | 'DateTime2'
  /** Date and time with a UTC offset (datetimeoffset). */
  | 'DateTimeOffset'
  /** Fixed precision and scale number (decimal). */
  | 'Decimal'
  /** 64-bit floating point (float). */
  | 'Float'
  /** Variable-length binary data, up to 2 GB (image, deprecated by SQL Server). */
  | 'Image'
  /** 32-bit signed integer (int). */
  | 'Int'
  /** Currency, to four decimal places (money). */
  | 'Money'
  /** Fixed-length Unicode text, up to 4,000 characters (nchar). */
  | 'NChar'
  /** Unicode text up to 1 GB (ntext, deprecated by SQL Server). */
  | 'NText'
  /** Variable-length Unicode text, up to 4,000 characters or max (nvarchar). */
  | 'NVarChar'
  /** 32-bit floating point (real). */
  | 'Real'
  /** Date and time to the minute, 1900-01-01 to 2079-06-06 (smalldatetime). */
  | 'SmallDateTime'
  /** 16-bit signed integer (smallint). */
  | 'SmallInt'
  /** Currency, ±214,748.3647 (smallmoney). */
  | 'SmallMoney'
  /** .NET string: sent as nvarchar. */
  | 'String'
  /** A table-valued parameter. */
  | 'Structured'
  /** Non-Unicode text up to 2 GB (text, deprecated by SQL Server). */
  | 'Text'
  /** Time of day, to 100 ns (time). */
  | 'Time'
  /** Row version number (rowversion / timestamp), not a date. */
  | 'Timestamp'
  /** 8-bit unsigned integer, 0 to 255 (tinyint). */
  | 'TinyInt'
  /** A user-defined type. */
  | 'Udt'
  /** A GUID (uniqueidentifier). */
  | 'UniqueIdentifier'
  /** Variable-length binary data, up to 8,000 bytes or max (varbinary). */
  | 'VarBinary'
  /** Variable-length non-Unicode text, up to 8,000 characters or max (varchar). */
  | 'VarChar'
  /** Any SQL Server type (sql_variant). */
  | 'Variant'
  /** XML data (xml). */
  | 'Xml';

/** One command parameter, bound by name (@name) in the SQL: values never become part of the SQL text. */
export type SqlParameterInput = {
  /** Which way it passes its value. */
  direction?: ParameterDirection | null | undefined;
  /** The parameter name with its @, e.g. "@surname". Not needed for a returnValue. */
  name?: string | null | undefined;
  /** Maximum size in bytes (for output strings). */
  size?: number | null | undefined;
  /** The SqlDbType, e.g. VarChar, Int, Date. */
  type?: SqlDbType | null | undefined;
  /** Input value as text, in the form its type needs (checked before anything is sent): whole numbers for the integer types, true/false/1/0 for Bit, YYYY-MM-DD for Date, YYYY-MM-DDTHH:mm[:ss] for DateTime (no zone; DateTimeOffset may add Z or ±HH:mm), HH:mm[:ss] for Time, a GUID for UniqueIdentifier, base64 for Binary and VarBinary. */
  value?: string | null | undefined;
};

export type CachedPatientQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type CachedPatientQuery = { patient: { id: string, fhirId: string, siteId: string, name: Array<{ family: string | null, given: Array<string> | null }> | null } | null };

export type CachedSiteQueryVariables = Exact<{
  id: string | number;
}>;


export type CachedSiteQuery = { site: { id: string, practiceName: string | null } | null };

export type CachedImmediateMutationVariables = Exact<{
  input: RunQueryInput;
}>;


export type CachedImmediateMutation = { runImmediateQuery: { id: string, siteId: string, status: QueryStatus, rows: Array<unknown> | null } };

export type CachedRegisteredMutationVariables = Exact<{
  input: CreateRegisteredQueryInput;
}>;


export type CachedRegisteredMutation = { createRegisteredQuery: { id: string, siteId: string, name: string } };

export type CachedSubmitMutationVariables = Exact<{
  input: RunQueryInput;
}>;


export type CachedSubmitMutation = { submitAsyncQuery: { id: string, siteId: string, status: QueryStatus } };

export type CachedStatusSubscriptionVariables = Exact<{
  siteId: string | number;
  queryId: string | number;
}>;


export type CachedStatusSubscription = { queryStatusChanged: { id: string, siteId: string, status: QueryStatus, isTerminal: boolean } };

export type SubmitForExportMutationVariables = Exact<{
  input: RunQueryInput;
}>;


export type SubmitForExportMutation = { submitAsyncQuery: { id: string } };

export type ExportPagesQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type ExportPagesQuery = { sqlQuery: { status: QueryStatus, rowCount: number | null, pages: Array<{ pageNumber: number }> } | null };

export type SiteTimesQueryVariables = Exact<{
  id: string | number;
}>;


export type SiteTimesQuery = { site: { enrichedAt: string | null, heartbeatAt: string | null } | null };

export type PatientIdentityQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type PatientIdentityQuery = { patient: { id: string, fhirId: string, siteId: string, name: Array<{ family: string | null, given: Array<string> | null }> | null } | null };

export type NodeByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeByIdQuery = { node: { __typename: 'Patient', fhirId: string, siteId: string, id: string } | null };

export type PatientsByIdQueryVariables = Exact<{
  siteId: string | number;
  ids?: Array<string> | string | null | undefined;
}>;


export type PatientsByIdQuery = { patients: { edges: Array<{ node: { id: string, fhirId: string } }> } };

export type PatientPageQueryVariables = Exact<{
  siteId: string | number;
  search?: PatientSearch | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PatientPageQuery = { patients: { totalCount: number | null, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, fhirId: string, siteId: string, resourceType: string } }> } };

export type PatientByIdQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type PatientByIdQuery = { patient: { id: string, fhirId: string, siteId: string, resourceType: string, active: boolean | null, gender: string | null, birthDate: string | null, deceasedBoolean: boolean | null, deceasedDateTime: string | null, meta: { lastUpdated: string | null, profile: Array<string> | null } | null, identifier: Array<{ system: string | null, value: string | null }> | null, ihi: Array<{ system: string | null, value: string | null, type: { text: string | null, coding: Array<{ system: string | null, code: string | null }> | null } | null }> | null, name: Array<{ use: string | null, family: string | null, given: Array<string> | null }> | null, mobile: Array<{ value: string | null }> | null, address: Array<{ use: string | null, postalCode: string | null }> | null } | null };

export type AuBasePatientsQueryVariables = Exact<{
  siteId: string | number;
  after?: string | null | undefined;
}>;


export type AuBasePatientsQuery = { patients: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { resourceType: string, id: string, gender: string | null, birthDate: string | null, identifier: Array<{ system: string | null, value: string | null, type: { coding: Array<{ system: string | null, code: string | null }> | null } | null, period: { end: string | null } | null }> | null, name: Array<{ use: string | null, family: string | null, given: Array<string> | null }> | null, address: Array<{ use: string | null, type: string | null, text: string | null, line: Array<string> | null, city: string | null, state: string | null, postalCode: string | null, country: string | null }> | null, extension: Array<{ url: string, valueCoding: { system: string | null, code: string | null } | null }> | null } }> } };

export type CreateRegisteredMutationVariables = Exact<{
  input: CreateRegisteredQueryInput;
}>;


export type CreateRegisteredMutation = { createRegisteredQuery: { id: string, siteId: string, name: string, status: RegisteredQueryStatus, frequencySeconds: number, durationSeconds: number, lastHash: string | null, createdAt: string, completedAt: string | null, lastError: { type: QueryErrorType | null, code: number | null, message: string | null } | null, metrics: { executionSucceededCount: number, executionFailedCount: number, lastSucceededAt: string | null, lastFailedAt: string | null, resultSizeSum: number | null }, result: { rowCount: number, sizeBytes: number, columns: Array<string>, rows: Array<unknown>, outputParameters: Array<{ name: string | null }> | null } | null } };

export type RegisteredQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type RegisteredQuery = { registeredQuery: { id: string, status: RegisteredQueryStatus, lastHash: string | null, completedAt: string | null, metrics: { executionSucceededCount: number }, result: { rowCount: number, rows: Array<unknown> } | null } | null };

export type CancelRegisteredMutationVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type CancelRegisteredMutation = { cancelRegisteredQuery: { id: string, status: RegisteredQueryStatus, completedAt: string | null } };

export type RegisteredTwiceQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type RegisteredTwiceQuery = { a: { id: string, name: string } | null, b: { status: RegisteredQueryStatus, lastHash: string | null } | null };

export type SiteRegisteredQueryVariables = Exact<{
  a: string | number;
  b: string | number;
}>;


export type SiteRegisteredQuery = { a: { registeredQueries: Array<{ id: string, siteId: string, status: RegisteredQueryStatus, frequencySeconds: number, result: { rows: Array<unknown> } | null }> | null } | null, b: { registeredQueries: Array<{ id: string }> | null } | null };

export type PagesQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type PagesQuery = { sqlQuery: { status: QueryStatus, pages: Array<{ pageNumber: number, status: ResultPageStatus, rangeStart: number | null, rangeEnd: number | null, columns: Array<string> | null, rows: Array<unknown> | null }> } | null };

export type SubmitForPagesMutationVariables = Exact<{
  input: RunQueryInput;
}>;


export type SubmitForPagesMutation = { submitAsyncQuery: { id: string } };

export type PagesAndRowsQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type PagesAndRowsQuery = { sqlQuery: { rows: Array<unknown> | null, again: Array<unknown> | null, pages: Array<{ pageNumber: number, rows: Array<unknown> | null, columns: Array<string> | null }>, pagesAgain: Array<{ rows: Array<unknown> | null }> } | null, same: { rows: Array<unknown> | null } | null };

export type ExpiredRowsQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type ExpiredRowsQuery = { sqlQuery: { status: QueryStatus, rowCount: number | null, rows: Array<unknown> | null } | null };

export type OnePageQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
  number: number;
}>;


export type OnePageQuery = { sqlQuery: { status: QueryStatus, expiresAt: string | null, page: { pageNumber: number, status: ResultPageStatus, rangeStart: number | null, rangeEnd: number | null, columns: Array<string> | null, rows: Array<unknown> | null } | null } | null };

export type SitesByPmsQueryVariables = Exact<{
  pmsSiteId: string;
  pms: PracticeManagementSystem;
}>;


export type SitesByPmsQuery = { sites: Array<{ id: string, practiceName: string | null, pmsType: PracticeManagementSystem, availability: SiteAvailability, status: SiteStatus, authoritative: boolean | null, pmsSiteId: string | null, catalogues: Array<{ name: string, isDefault: boolean }> }> };

export type SiteByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type SiteByIdQuery = { site: { id: string, practiceName: string | null, availability: SiteAvailability, heartbeatAt: string | null } | null };

export type SiteTwiceQueryVariables = Exact<{
  a: string | number;
  b: string | number;
}>;


export type SiteTwiceQuery = { a: { id: string } | null, b: { practiceName: string | null } | null, z: { pmsType: PracticeManagementSystem } | null };

export type FullSiteQueryVariables = Exact<{
  id: string | number;
}>;


export type FullSiteQuery = { site: { id: string, pmsType: PracticeManagementSystem, availability: SiteAvailability, status: SiteStatus, practiceName: string | null, pmsSiteId: string | null, pmsVersion: string | null, haloLinkVersion: string | null, authoritative: boolean | null, enrichedAt: string | null, heartbeatAt: string | null, catalogues: Array<{ name: string, isDefault: boolean }>, registeredQueries: Array<{ id: string }> | null } | null };

export type PairSiteMutationVariables = Exact<{
  input: PairSiteInput;
}>;


export type PairSiteMutation = { pairSite: { id: string, practiceName: string | null, pmsType: PracticeManagementSystem, authoritative: boolean | null } };

export type SiteAliasesQueryVariables = Exact<{
  id: string | number;
}>;


export type SiteAliasesQuery = { a: { id: string } | null, b: { practiceName: string | null } | null, c: { availability: SiteAvailability, catalogues: Array<{ name: string }> } | null, d: { pmsType: PracticeManagementSystem, authoritative: boolean | null } | null };

export type SitesWithRegisteredQueryVariables = Exact<{
  pmsSiteId: string;
}>;


export type SitesWithRegisteredQuery = { sites: Array<{ id: string, authoritative: boolean | null, registeredQueries: Array<{ id: string }> | null }> };

export type RunImmediateMutationVariables = Exact<{
  input: RunQueryInput;
}>;


export type RunImmediateMutation = { runImmediateQuery: { id: string, siteId: string, mode: QueryMode, status: QueryStatus, isTerminal: boolean, rowCount: number | null, rowsAffected: number | null, resultSizeBytes: number | null, completedAt: string | null, sqlExecutionDurationMs: number | null, rows: Array<unknown> | null, error: { type: QueryErrorType | null, code: number | null, message: string | null } | null, outputParameters: Array<{ name: string | null, direction: ParameterDirection | null, type: SqlDbType | null, value: string | null }> | null } };

export type SubmitAsyncMutationVariables = Exact<{
  input: RunQueryInput;
}>;


export type SubmitAsyncMutation = { submitAsyncQuery: { id: string, siteId: string, mode: QueryMode, status: QueryStatus, isTerminal: boolean, createdAt: string, updatedAt: string, completedAt: string | null, maxTimeInQueueMs: number, rows: Array<unknown> | null, pages: Array<{ pageNumber: number }> } };

export type QueryStatusQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type QueryStatusQuery = { sqlQuery: { id: string, mode: QueryMode, status: QueryStatus, isTerminal: boolean, createdAt: string, completedAt: string | null, rowCount: number | null, resultSizeBytes: number | null, sqlExecutionDurationMs: number | null, timings: Array<{ phase: QueryPhase, startTime: string | null, endTime: string | null }>, pages: Array<{ pageNumber: number, status: ResultPageStatus, rowCount: number | null, rangeStart: number | null, rangeEnd: number | null, sizeBytes: number | null }>, error: { type: QueryErrorType | null, code: number | null, message: string | null } | null } | null };

export type QueryRowsQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type QueryRowsQuery = { sqlQuery: { status: QueryStatus, rowCount: number | null, rows: Array<unknown> | null } | null };

export type TwentyQueriesQueryVariables = Exact<{
  a: string | number;
  b: string | number;
  c: string | number;
  q1: string | number;
  q2: string | number;
  q3: string | number;
  q4: string | number;
  q5: string | number;
  q6: string | number;
  q7: string | number;
  q8: string | number;
  q9: string | number;
  q10: string | number;
  q11: string | number;
  q12: string | number;
  q13: string | number;
  q14: string | number;
  q15: string | number;
  q16: string | number;
  q17: string | number;
  q18: string | number;
  q19: string | number;
  q20: string | number;
}>;


export type TwentyQueriesQuery = { q1: { id: string, siteId: string, status: QueryStatus } | null, q2: { id: string, siteId: string, status: QueryStatus } | null, q3: { id: string, siteId: string, status: QueryStatus } | null, q4: { id: string, siteId: string, status: QueryStatus } | null, q5: { id: string, siteId: string, status: QueryStatus } | null, q6: { id: string, siteId: string, status: QueryStatus } | null, q7: { id: string, siteId: string, status: QueryStatus } | null, q8: { id: string, siteId: string, status: QueryStatus } | null, q9: { id: string, siteId: string, status: QueryStatus } | null, q10: { id: string, siteId: string, status: QueryStatus } | null, q11: { id: string, siteId: string, status: QueryStatus } | null, q12: { id: string, siteId: string, status: QueryStatus } | null, q13: { id: string, siteId: string, status: QueryStatus } | null, q14: { id: string, siteId: string, status: QueryStatus } | null, q15: { id: string, siteId: string, status: QueryStatus } | null, q16: { id: string, siteId: string, status: QueryStatus } | null, q17: { id: string, siteId: string, status: QueryStatus } | null, q18: { id: string, siteId: string, status: QueryStatus } | null, q19: { id: string, siteId: string, status: QueryStatus } | null, q20: { id: string, siteId: string, status: QueryStatus } | null };

export type StreamRowsQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type StreamRowsQuery = { sqlQuery: { status: QueryStatus, rows: Array<unknown> | null } | null };

export type PatientsByNameQueryVariables = Exact<{
  siteId: string | number;
  surname: string;
  firstname?: string | null | undefined;
  dob?: string | null | undefined;
  limit?: number | null | undefined;
}>;


export type PatientsByNameQuery = { site: { patientsByName: Array<{ patientId: number, title: string | null, firstname: string | null, surname: string | null, dob: string | null, sex: string | null, mobilePhone: string | null, email: string | null, medicareNo: string | null, medicareLineNo: string | null, ihi: string | null }> } | null };

export type PatientRecordQueryVariables = Exact<{
  siteId: string | number;
  patientId: number;
}>;


export type PatientRecordQuery = { site: { patientRecord: { patientId: number, title: string | null, firstname: string | null, surname: string | null, dob: string | null, sex: string | null, mobilePhone: string | null, email: string | null, medicareNo: string | null, medicareLineNo: string | null, ihi: string | null } | null } | null };

export type AppointmentsQueryVariables = Exact<{
  siteId: string | number;
  from: string;
  to: string;
  provider?: string | null | undefined;
}>;


export type AppointmentsQuery = { site: { appointments: Array<{ patientId: number, patientName: string | null, date: string, startTime: string, durationMinutes: number | null, provider: string | null, status: string | null, type: string | null, urgent: boolean | null }> } | null };

export type PatientAppointmentsQueryVariables = Exact<{
  siteId: string | number;
  patientId: number;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type PatientAppointmentsQuery = { site: { patientAppointments: Array<{ patientId: number, patientName: string | null, date: string, startTime: string, durationMinutes: number | null, provider: string | null, status: string | null, type: string | null, urgent: boolean | null }> } | null };

export type AppointmentCountsQueryVariables = Exact<{
  siteId: string | number;
  from: string;
  to: string;
}>;


export type AppointmentCountsQuery = { site: { appointmentCounts: Array<{ date: string, provider: string | null, status: string | null, count: number }> } | null };

export type ProvidersQueryVariables = Exact<{
  siteId: string | number;
}>;


export type ProvidersQuery = { site: { providers: Array<{ userId: number, title: string | null, firstname: string | null, surname: string | null, providerNo: string | null, location: string | null }> } | null };

export type ImmunisationsQueryVariables = Exact<{
  siteId: string | number;
  patientId: number;
}>;


export type ImmunisationsQuery = { site: { immunisations: Array<{ patientId: number, givenDate: string | null, vaccineName: string | null, vaccineId: string | null }> } | null };

export type ConditionsQueryVariables = Exact<{
  siteId: string | number;
  patientId: number;
}>;


export type ConditionsQuery = { site: { conditions: Array<{ patientId: number, year: number | null, condition: string | null, conditionId: string | null, status: string | null }> } | null };

export type VisitsQueryVariables = Exact<{
  siteId: string | number;
  patientId: number;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type VisitsQuery = { site: { visits: Array<{ patientId: number, visitDate: string | null, visitType: string | null, providerId: number | null, provider: string | null }> } | null };

export type InvestigationsQueryVariables = Exact<{
  siteId: string | number;
  patientId: number;
}>;


export type InvestigationsQuery = { site: { investigations: Array<{ patientId: number, reportId: number, testName: string | null, collected: string | null, reported: string | null, checked: string | null, actioned: string | null, checkedBy: string | null, notation: string | null, action: string | null, comment: string | null }> } | null };

export type CurrentMedicationsQueryVariables = Exact<{
  siteId: string | number;
  patientId: number;
}>;


export type CurrentMedicationsQuery = { site: { currentMedications: Array<{ patientId: number, productId: number | null, drugName: string | null, longTerm: boolean | null }> } | null };

export type ObservationsQueryVariables = Exact<{
  siteId: string | number;
  patientId: number;
  name?: string | null | undefined;
}>;


export type ObservationsQuery = { site: { observations: Array<{ patientId: number, observedAt: string | null, name: string | null, code: number | null, value: string | null }> } | null };

export type BilledServicesQueryVariables = Exact<{
  siteId: string | number;
  patientId: number;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type BilledServicesQuery = { site: { billedServices: Array<{ patientId: number, serviceDate: string | null, mbsItem: string | null, description: string | null }> } | null };

export type ActivePatientsQueryVariables = Exact<{
  siteId: string | number;
}>;


export type ActivePatientsQuery = { site: { activePatients: Array<{ patientId: number, title: string | null, firstname: string | null, surname: string | null, dob: string | null, sex: string | null, mobilePhone: string | null, email: string | null, medicareNo: string | null, medicareLineNo: string | null, ihi: string | null }> } | null };

export type RawRowsMutationVariables = Exact<{
  input: RunQueryInput;
}>;


export type RawRowsMutation = { runImmediateQuery: { status: QueryStatus, rows: Array<unknown> | null, error: { code: number | null } | null } };

export type TwoAppointmentBooksQueryVariables = Exact<{
  siteId: string | number;
  from: string;
  to: string;
  other: string;
}>;


export type TwoAppointmentBooksQuery = { site: { a: Array<{ patientId: number }>, b: Array<{ startTime: string }>, c: Array<{ patientId: number }> } | null };

export type FanOutQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
  from: string;
  to: string;
}>;


export type FanOutQuery = { sitesByIds: Array<{ id: string, practiceName: string | null, availability: SiteAvailability, appointments: Array<{ patientId: number, startTime: string }> } | null> };

export type LiveQueryStatusSubscriptionVariables = Exact<{
  siteId: string | number;
  queryId: string | number;
}>;


export type LiveQueryStatusSubscription = { queryStatusChanged: { id: string, status: QueryStatus, isTerminal: boolean, rowCount: number | null } };

export type LiveQueryStatusBriefSubscriptionVariables = Exact<{
  siteId: string | number;
  queryId: string | number;
}>;


export type LiveQueryStatusBriefSubscription = { queryStatusChanged: { status: QueryStatus } };

export type LiveRegisteredResultsSubscriptionVariables = Exact<{
  siteId: string | number;
  queryId: string | number;
}>;


export type LiveRegisteredResultsSubscription = { registeredQueryResultChanged: { hash: string, previousHash: string | null, query: { id: string, status: RegisteredQueryStatus, lastHash: string | null }, result: { rowCount: number, columns: Array<string>, rows: Array<unknown> } | null } };

export type LiveSubmitAsyncMutationVariables = Exact<{
  input: RunQueryInput;
}>;


export type LiveSubmitAsyncMutation = { submitAsyncQuery: { id: string, status: QueryStatus } };

export type LiveCreateRegisteredMutationVariables = Exact<{
  input: CreateRegisteredQueryInput;
}>;


export type LiveCreateRegisteredMutation = { createRegisteredQuery: { id: string, lastHash: string | null } };

export type LiveCancelRegisteredMutationVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type LiveCancelRegisteredMutation = { cancelRegisteredQuery: { id: string, status: RegisteredQueryStatus } };

export type LiveQueryPhasesSubscriptionVariables = Exact<{
  siteId: string | number;
  queryId: string | number;
}>;


export type LiveQueryPhasesSubscription = { queryStatusChanged: { status: QueryStatus, isTerminal: boolean, updatedAt: string, rowCount: number | null, timings: Array<{ phase: QueryPhase, startTime: string | null, endTime: string | null }>, pages: Array<{ pageNumber: number, status: ResultPageStatus }> } };

export type AppointmentsChangedSubscriptionVariables = Exact<{
  siteId: string | number;
  from: string;
  to: string;
  provider?: string | null | undefined;
}>;


export type AppointmentsChangedSubscription = { appointmentsChanged: Array<{ patientId: number, date: string, startTime: string, provider: string | null, status: string | null }> };

export type LiveSiteNameQueryVariables = Exact<{
  id: string | number;
}>;


export type LiveSiteNameQuery = { site: { practiceName: string | null } | null };

export type RunConformanceMutationVariables = Exact<{
  input: RunQueryInput;
}>;


export type RunConformanceMutation = { runImmediateQuery: { status: QueryStatus, rows: Array<unknown> | null, error: { type: QueryErrorType | null, code: number | null, message: string | null } | null } };


export const CachedPatientDocument = {"__meta__":{"hash":"sha256:3761544381cbeb2a51e2103c150f5fee9703c70ca86e7fb9a7281d6bde06e54c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CachedPatient"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fhirId"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"family"}},{"kind":"Field","name":{"kind":"Name","value":"given"}}]}}]}}]}}]} as unknown as DocumentNode<CachedPatientQuery, CachedPatientQueryVariables>;
export const CachedSiteDocument = {"__meta__":{"hash":"sha256:6625dcf545202403ae74235ac63f6191029013e76ecf97552ca12c7d49375c64"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CachedSite"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"practiceName"}}]}}]}}]} as unknown as DocumentNode<CachedSiteQuery, CachedSiteQueryVariables>;
export const CachedImmediateDocument = {"__meta__":{"hash":"sha256:7885a5b4d1bd0b4a49b2b92664f75800f05261d19d5848e2f7bf206aa350ed27"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CachedImmediate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runImmediateQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}}]}}]}}]} as unknown as DocumentNode<CachedImmediateMutation, CachedImmediateMutationVariables>;
export const CachedRegisteredDocument = {"__meta__":{"hash":"sha256:50f3ac987bcb243c5404776749cd118b59dd1fd21676ca9c041e2057e7b592c8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CachedRegistered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateRegisteredQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createRegisteredQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CachedRegisteredMutation, CachedRegisteredMutationVariables>;
export const CachedSubmitDocument = {"__meta__":{"hash":"sha256:729e24c9d0e03efbe9d371c8cfce44ea38eba851d61c065361d9cdb935cbce7a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CachedSubmit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitAsyncQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CachedSubmitMutation, CachedSubmitMutationVariables>;
export const CachedStatusDocument = {"__meta__":{"hash":"sha256:f93958629e9989c82fe5390d989fef0683ce5a84cb20b676b03c397522c496c8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CachedStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queryStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"queryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queryId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTerminal"}}]}}]}}]} as unknown as DocumentNode<CachedStatusSubscription, CachedStatusSubscriptionVariables>;
export const SubmitForExportDocument = {"__meta__":{"hash":"sha256:fa2afe7a39ca3ef85d915e7c93c1a848379687d2c5d5bdc26af46bf57912c66e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitForExport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitAsyncQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<SubmitForExportMutation, SubmitForExportMutationVariables>;
export const ExportPagesDocument = {"__meta__":{"hash":"sha256:14e844506b30c0314a0b40804d16a6a84a8d94c9ba68635b51c61e2f030ceba9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExportPages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"pages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageNumber"}}]}}]}}]}}]} as unknown as DocumentNode<ExportPagesQuery, ExportPagesQueryVariables>;
export const SiteTimesDocument = {"__meta__":{"hash":"sha256:ed98e1ce37a0f9dd7f4be0099d9f27cd253b5597d952b65e6f9db4cc19f34f06"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SiteTimes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enrichedAt"}},{"kind":"Field","name":{"kind":"Name","value":"heartbeatAt"}}]}}]}}]} as unknown as DocumentNode<SiteTimesQuery, SiteTimesQueryVariables>;
export const PatientIdentityDocument = {"__meta__":{"hash":"sha256:5cc6c7ea5a6b77270ac469349a6a7168bb23d7fc534dc25c97530e2594055a8d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientIdentity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fhirId"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"family"}},{"kind":"Field","name":{"kind":"Name","value":"given"}}]}}]}}]}}]} as unknown as DocumentNode<PatientIdentityQuery, PatientIdentityQueryVariables>;
export const NodeByIdDocument = {"__meta__":{"hash":"sha256:4ca9b42e00b6ec50f7b511c8346f58564bee6719497002a2c6977ef27edd7acb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fhirId"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}}]}}]}}]}}]} as unknown as DocumentNode<NodeByIdQuery, NodeByIdQueryVariables>;
export const PatientsByIdDocument = {"__meta__":{"hash":"sha256:5d63e3142057767ac8bd68c56a35b0054cd3770b71539a620486954558a2494e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientsById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fhirId"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PatientsByIdQuery, PatientsByIdQueryVariables>;
export const PatientPageDocument = {"__meta__":{"hash":"sha256:31a298d229705a6da22da708bd9b6fd8bb2d3e550eff87adb467d87a3d035075"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PatientSearch"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fhirId"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"resourceType"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PatientPageQuery, PatientPageQueryVariables>;
export const PatientByIdDocument = {"__meta__":{"hash":"sha256:1b75138c6c671a3c0dd696cc26e0cd2846122d9a8923c4fb0df90c240b103cea"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fhirId"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"resourceType"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"deceasedBoolean"}},{"kind":"Field","name":{"kind":"Name","value":"deceasedDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lastUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"profile"}}]}},{"kind":"Field","name":{"kind":"Name","value":"identifier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"ihi"},"name":{"kind":"Name","value":"identifier"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"system"},"value":{"kind":"StringValue","value":"http://ns.electronichealth.net.au/id/hi/ihi/1.0","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"coding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"use"}},{"kind":"Field","name":{"kind":"Name","value":"family"}},{"kind":"Field","name":{"kind":"Name","value":"given"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"mobile"},"name":{"kind":"Name","value":"telecom"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"system"},"value":{"kind":"StringValue","value":"phone","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"use"},"value":{"kind":"StringValue","value":"mobile","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"use"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}}]}}]}}]}}]} as unknown as DocumentNode<PatientByIdQuery, PatientByIdQueryVariables>;
export const AuBasePatientsDocument = {"__meta__":{"hash":"sha256:213777a82fd64febdbeb1c57981a74ffc18686a8c7d8f46fe0f76b1c177c3f8f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuBasePatients"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resourceType"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"identifier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"period"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"use"}},{"kind":"Field","name":{"kind":"Name","value":"family"}},{"kind":"Field","name":{"kind":"Name","value":"given"}}]}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"use"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"extension"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"valueCoding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AuBasePatientsQuery, AuBasePatientsQueryVariables>;
export const CreateRegisteredDocument = {"__meta__":{"hash":"sha256:6a2273a4b62db8505cc7dbbab6af9d859c9b679381dc8859fa1b7c3da8f0f626"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateRegistered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateRegisteredQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createRegisteredQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"frequencySeconds"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"lastHash"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"executionSucceededCount"}},{"kind":"Field","name":{"kind":"Name","value":"executionFailedCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastSucceededAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastFailedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resultSizeSum"}}]}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"columns"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"outputParameters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateRegisteredMutation, CreateRegisteredMutationVariables>;
export const RegisteredDocument = {"__meta__":{"hash":"sha256:cafb0ed0e6f9b7e23910d7293b0f6e129580de22229870c3f85426be5f202690"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Registered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registeredQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastHash"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"executionSucceededCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}}]}}]}}]}}]} as unknown as DocumentNode<RegisteredQuery, RegisteredQueryVariables>;
export const CancelRegisteredDocument = {"__meta__":{"hash":"sha256:26f84f4af5be42ebad597ad2e03a0c8e2e6c4b07bb0c0aa4c8afccaf0a9e4d76"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelRegistered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelRegisteredQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}}]}}]}}]} as unknown as DocumentNode<CancelRegisteredMutation, CancelRegisteredMutationVariables>;
export const RegisteredTwiceDocument = {"__meta__":{"hash":"sha256:3a50b0a42b9489aeabc7218fd5388888c5fa4241ab0020afa029dd09ff3674de"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RegisteredTwice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"a"},"name":{"kind":"Name","value":"registeredQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"b"},"name":{"kind":"Name","value":"registeredQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastHash"}}]}}]}}]} as unknown as DocumentNode<RegisteredTwiceQuery, RegisteredTwiceQueryVariables>;
export const SiteRegisteredDocument = {"__meta__":{"hash":"sha256:0fc5ab2dc9488011ab28de3347618e6de6b7afaccdc1235c0898180feac03620"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SiteRegistered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"a"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"b"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"a"},"name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"a"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registeredQueries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"frequencySeconds"}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rows"}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"b"},"name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"b"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registeredQueries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<SiteRegisteredQuery, SiteRegisteredQueryVariables>;
export const PagesDocument = {"__meta__":{"hash":"sha256:0dfaa8af5f8d144c574a3b5ff42216932f989aa983ce2ccb98323af80b537a41"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Pages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rangeStart"}},{"kind":"Field","name":{"kind":"Name","value":"rangeEnd"}},{"kind":"Field","name":{"kind":"Name","value":"columns"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}}]}}]}}]}}]} as unknown as DocumentNode<PagesQuery, PagesQueryVariables>;
export const SubmitForPagesDocument = {"__meta__":{"hash":"sha256:60f31e45bf23a803b5bd23793631762754fc64d56c00be934981ff62d2e23f51"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitForPages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitAsyncQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<SubmitForPagesMutation, SubmitForPagesMutationVariables>;
export const PagesAndRowsDocument = {"__meta__":{"hash":"sha256:28faa2823106984e3b5b6cd97dfec45399f7cbf462bf49d2f2dc98dbf4c7173e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PagesAndRows"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","alias":{"kind":"Name","value":"again"},"name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"pages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageNumber"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"columns"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"pagesAgain"},"name":{"kind":"Name","value":"pages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rows"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"same"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rows"}}]}}]}}]} as unknown as DocumentNode<PagesAndRowsQuery, PagesAndRowsQueryVariables>;
export const ExpiredRowsDocument = {"__meta__":{"hash":"sha256:7b7c774935745f58aae835d3ffd1d9cfb7747273f42537483c71e1300f85d15a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExpiredRows"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}}]}}]}}]} as unknown as DocumentNode<ExpiredRowsQuery, ExpiredRowsQueryVariables>;
export const OnePageDocument = {"__meta__":{"hash":"sha256:a08b19ee51c5e2e9cd5c5df0ab308ef407975d8f30ad42dd5ec0e6e92823930d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OnePage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"number"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"page"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"number"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rangeStart"}},{"kind":"Field","name":{"kind":"Name","value":"rangeEnd"}},{"kind":"Field","name":{"kind":"Name","value":"columns"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}}]}}]}}]}}]} as unknown as DocumentNode<OnePageQuery, OnePageQueryVariables>;
export const SitesByPmsDocument = {"__meta__":{"hash":"sha256:ecd392a8851821702660b6c5eeacb3c908e9944eaf02178461b9ebfa76101e48"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SitesByPms"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pmsSiteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pms"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PracticeManagementSystem"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sites"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"pmsSiteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pmsSiteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"pms"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pms"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"practiceName"}},{"kind":"Field","name":{"kind":"Name","value":"pmsType"}},{"kind":"Field","name":{"kind":"Name","value":"availability"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"authoritative"}},{"kind":"Field","name":{"kind":"Name","value":"pmsSiteId"}},{"kind":"Field","name":{"kind":"Name","value":"catalogues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]}}]}}]} as unknown as DocumentNode<SitesByPmsQuery, SitesByPmsQueryVariables>;
export const SiteByIdDocument = {"__meta__":{"hash":"sha256:6f50e59aebc53219fc466e825f72b9f21b1f2edca9f9b13ed5fd8dd5ea71af4d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SiteById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"practiceName"}},{"kind":"Field","name":{"kind":"Name","value":"availability"}},{"kind":"Field","name":{"kind":"Name","value":"heartbeatAt"}}]}}]}}]} as unknown as DocumentNode<SiteByIdQuery, SiteByIdQueryVariables>;
export const SiteTwiceDocument = {"__meta__":{"hash":"sha256:9e2c6813cc060c5460d24768d093e00d35990b99b71f1549433691e24ccc4e63"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SiteTwice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"a"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"b"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"a"},"name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"a"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"b"},"name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"a"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"practiceName"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"z"},"name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"b"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pmsType"}}]}}]}}]} as unknown as DocumentNode<SiteTwiceQuery, SiteTwiceQueryVariables>;
export const FullSiteDocument = {"__meta__":{"hash":"sha256:11d3dfdb87de3aefe6ecd39129966bb574d503d49247b78ce4e580ea72d9fdef"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FullSite"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"pmsType"}},{"kind":"Field","name":{"kind":"Name","value":"availability"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"practiceName"}},{"kind":"Field","name":{"kind":"Name","value":"pmsSiteId"}},{"kind":"Field","name":{"kind":"Name","value":"pmsVersion"}},{"kind":"Field","name":{"kind":"Name","value":"haloLinkVersion"}},{"kind":"Field","name":{"kind":"Name","value":"authoritative"}},{"kind":"Field","name":{"kind":"Name","value":"catalogues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}},{"kind":"Field","name":{"kind":"Name","value":"enrichedAt"}},{"kind":"Field","name":{"kind":"Name","value":"heartbeatAt"}},{"kind":"Field","name":{"kind":"Name","value":"registeredQueries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<FullSiteQuery, FullSiteQueryVariables>;
export const PairSiteDocument = {"__meta__":{"hash":"sha256:d18973ecbaaeec4aa2684e57856202d16d69dc898be90e633b67e28b0f3ecd35"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PairSite"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PairSiteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pairSite"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"practiceName"}},{"kind":"Field","name":{"kind":"Name","value":"pmsType"}},{"kind":"Field","name":{"kind":"Name","value":"authoritative"}}]}}]}}]} as unknown as DocumentNode<PairSiteMutation, PairSiteMutationVariables>;
export const SiteAliasesDocument = {"__meta__":{"hash":"sha256:16a4fc86ece84cd47e6bc27f64abec2fa65a97a4ec38b9c5fac2a75abd3f8325"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SiteAliases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"a"},"name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"b"},"name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"practiceName"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"c"},"name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"availability"}},{"kind":"Field","name":{"kind":"Name","value":"catalogues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"d"},"name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pmsType"}},{"kind":"Field","name":{"kind":"Name","value":"authoritative"}}]}}]}}]} as unknown as DocumentNode<SiteAliasesQuery, SiteAliasesQueryVariables>;
export const SitesWithRegisteredDocument = {"__meta__":{"hash":"sha256:1205bcaeacd9f5334b48899da4df659ef5a777aab4fd4bdd3fbe485b628bafc4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SitesWithRegistered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pmsSiteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sites"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"pmsSiteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pmsSiteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"pms"},"value":{"kind":"EnumValue","value":"BEST_PRACTICE"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"authoritative"}},{"kind":"Field","name":{"kind":"Name","value":"registeredQueries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<SitesWithRegisteredQuery, SitesWithRegisteredQueryVariables>;
export const RunImmediateDocument = {"__meta__":{"hash":"sha256:b633706d64f1cef2e69f9b42eb27b6c007410bc744c6d654767a1444d3c029f3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunImmediate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runImmediateQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTerminal"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"rowsAffected"}},{"kind":"Field","name":{"kind":"Name","value":"resultSizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"sqlExecutionDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outputParameters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rows"}}]}}]}}]} as unknown as DocumentNode<RunImmediateMutation, RunImmediateMutationVariables>;
export const SubmitAsyncDocument = {"__meta__":{"hash":"sha256:3c164afc481dbbfd006053a10af265b697d27dbeaa895664f7b9e87d7d6840d1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitAsync"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitAsyncQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTerminal"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"maxTimeInQueueMs"}},{"kind":"Field","name":{"kind":"Name","value":"pages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rows"}}]}}]}}]} as unknown as DocumentNode<SubmitAsyncMutation, SubmitAsyncMutationVariables>;
export const QueryStatusDocument = {"__meta__":{"hash":"sha256:3cd77e0c18136d0d6cd168b78255e41df9e04f5d9c7772ec768e52247ea726ef"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QueryStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTerminal"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"resultSizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"sqlExecutionDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"timings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"rangeStart"}},{"kind":"Field","name":{"kind":"Name","value":"rangeEnd"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<QueryStatusQuery, QueryStatusQueryVariables>;
export const QueryRowsDocument = {"__meta__":{"hash":"sha256:5448b47c3fc3168915b393de595e78e06040b42c5283192d72f7e549e1cadbc3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QueryRows"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}}]}}]}}]} as unknown as DocumentNode<QueryRowsQuery, QueryRowsQueryVariables>;
export const TwentyQueriesDocument = {"__meta__":{"hash":"sha256:c1e0f1ade9d6d0c8da0acd570b97b2cc013dc66a6574e67fb50e074bac27471b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TwentyQueries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"a"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"b"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"c"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q1"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q2"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q3"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q4"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q5"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q6"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q7"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q8"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q9"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q10"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q11"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q12"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q13"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q14"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q15"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q16"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q17"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q18"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q19"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q20"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"q1"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"a"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q1"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q2"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"a"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q2"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q3"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"a"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q3"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q4"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"a"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q4"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q5"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"a"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q5"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q6"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"a"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q6"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q7"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"a"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q7"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q8"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"b"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q8"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q9"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"b"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q9"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q10"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"b"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q10"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q11"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"b"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q11"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q12"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"b"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q12"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q13"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"b"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q13"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q14"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"b"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q14"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q15"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"c"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q15"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q16"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"c"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q16"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q17"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"c"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q17"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q18"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"c"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q18"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q19"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"c"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q19"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"q20"},"name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"c"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q20"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<TwentyQueriesQuery, TwentyQueriesQueryVariables>;
export const StreamRowsDocument = {"__meta__":{"hash":"sha256:42db106dba32906750e17f6b5544ecbf9aa1a704f88727478f6df9532b716e6f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StreamRows"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"stream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"initialCount"},"value":{"kind":"IntValue","value":"1"}}]}]}]}}]}}]} as unknown as DocumentNode<StreamRowsQuery, StreamRowsQueryVariables>;
export const PatientsByNameDocument = {"__meta__":{"hash":"sha256:c29a3854485992418855888ef0fcec3cba329d660fa3dbe0836391ea919d114f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientsByName"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"surname"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"firstname"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dob"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientsByName"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"surname"},"value":{"kind":"Variable","name":{"kind":"Name","value":"surname"}}},{"kind":"Argument","name":{"kind":"Name","value":"firstname"},"value":{"kind":"Variable","name":{"kind":"Name","value":"firstname"}}},{"kind":"Argument","name":{"kind":"Name","value":"dob"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dob"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"firstname"}},{"kind":"Field","name":{"kind":"Name","value":"surname"}},{"kind":"Field","name":{"kind":"Name","value":"dob"}},{"kind":"Field","name":{"kind":"Name","value":"sex"}},{"kind":"Field","name":{"kind":"Name","value":"mobilePhone"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"medicareNo"}},{"kind":"Field","name":{"kind":"Name","value":"medicareLineNo"}},{"kind":"Field","name":{"kind":"Name","value":"ihi"}}]}}]}}]}}]} as unknown as DocumentNode<PatientsByNameQuery, PatientsByNameQueryVariables>;
export const PatientRecordDocument = {"__meta__":{"hash":"sha256:fa2d0fee0dd992e69d32cc5c412a67b7e88b20dfe43e37962138dc74a6d680ea"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientRecord"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientRecord"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"patientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"firstname"}},{"kind":"Field","name":{"kind":"Name","value":"surname"}},{"kind":"Field","name":{"kind":"Name","value":"dob"}},{"kind":"Field","name":{"kind":"Name","value":"sex"}},{"kind":"Field","name":{"kind":"Name","value":"mobilePhone"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"medicareNo"}},{"kind":"Field","name":{"kind":"Name","value":"medicareLineNo"}},{"kind":"Field","name":{"kind":"Name","value":"ihi"}}]}}]}}]}}]} as unknown as DocumentNode<PatientRecordQuery, PatientRecordQueryVariables>;
export const AppointmentsDocument = {"__meta__":{"hash":"sha256:a734e825be495a88bf9cf489e43095f03237fcacc27edbb0416b754370715415"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Appointments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"provider"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"Variable","name":{"kind":"Name","value":"provider"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}},{"kind":"Field","name":{"kind":"Name","value":"patientName"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"durationMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"urgent"}}]}}]}}]}}]} as unknown as DocumentNode<AppointmentsQuery, AppointmentsQueryVariables>;
export const PatientAppointmentsDocument = {"__meta__":{"hash":"sha256:072597626b75a2063b7c49a695699c56786b0f301614265b0716f07f859e03d0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientAppointments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientAppointments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"patientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}},{"kind":"Field","name":{"kind":"Name","value":"patientName"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"durationMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"urgent"}}]}}]}}]}}]} as unknown as DocumentNode<PatientAppointmentsQuery, PatientAppointmentsQueryVariables>;
export const AppointmentCountsDocument = {"__meta__":{"hash":"sha256:ce1cdbcd0df854e0361701e0e7dd87ffbfa06636b611ca4a2d594d87ae028baf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AppointmentCounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointmentCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<AppointmentCountsQuery, AppointmentCountsQueryVariables>;
export const ProvidersDocument = {"__meta__":{"hash":"sha256:576b50314bcead37534d99792630ea7c9ab074e99c5883eb14703dadfbae64ed"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Providers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"firstname"}},{"kind":"Field","name":{"kind":"Name","value":"surname"}},{"kind":"Field","name":{"kind":"Name","value":"providerNo"}},{"kind":"Field","name":{"kind":"Name","value":"location"}}]}}]}}]}}]} as unknown as DocumentNode<ProvidersQuery, ProvidersQueryVariables>;
export const ImmunisationsDocument = {"__meta__":{"hash":"sha256:2f3e14c6f12978f045769d5220ac5ad7e72ffd696576a791b84f4fe18acb3ca5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Immunisations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"immunisations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"patientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}},{"kind":"Field","name":{"kind":"Name","value":"givenDate"}},{"kind":"Field","name":{"kind":"Name","value":"vaccineName"}},{"kind":"Field","name":{"kind":"Name","value":"vaccineId"}}]}}]}}]}}]} as unknown as DocumentNode<ImmunisationsQuery, ImmunisationsQueryVariables>;
export const ConditionsDocument = {"__meta__":{"hash":"sha256:c95a2014464d5a9289508ef105d1e1b40d72d3669efe550c8e3655279a5f022a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Conditions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conditions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"patientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"condition"}},{"kind":"Field","name":{"kind":"Name","value":"conditionId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<ConditionsQuery, ConditionsQueryVariables>;
export const VisitsDocument = {"__meta__":{"hash":"sha256:c2ff904dbd43df7dde4c97c67563862a84840ab5e907eccc44d1a97bc0aa708d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Visits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"visits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"patientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}},{"kind":"Field","name":{"kind":"Name","value":"visitDate"}},{"kind":"Field","name":{"kind":"Name","value":"visitType"}},{"kind":"Field","name":{"kind":"Name","value":"providerId"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}}]}}]}}]}}]} as unknown as DocumentNode<VisitsQuery, VisitsQueryVariables>;
export const InvestigationsDocument = {"__meta__":{"hash":"sha256:acf9d826b763756b66ddb5086054730d5c424624e8f0d06b10a9a9b19de3372d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Investigations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"investigations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"patientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}},{"kind":"Field","name":{"kind":"Name","value":"reportId"}},{"kind":"Field","name":{"kind":"Name","value":"testName"}},{"kind":"Field","name":{"kind":"Name","value":"collected"}},{"kind":"Field","name":{"kind":"Name","value":"reported"}},{"kind":"Field","name":{"kind":"Name","value":"checked"}},{"kind":"Field","name":{"kind":"Name","value":"actioned"}},{"kind":"Field","name":{"kind":"Name","value":"checkedBy"}},{"kind":"Field","name":{"kind":"Name","value":"notation"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}}]}}]}}]} as unknown as DocumentNode<InvestigationsQuery, InvestigationsQueryVariables>;
export const CurrentMedicationsDocument = {"__meta__":{"hash":"sha256:9207d9447758d3401ba87400203b0a34493472eb195d7f2440d80110ea983ddd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CurrentMedications"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currentMedications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"patientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}},{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"drugName"}},{"kind":"Field","name":{"kind":"Name","value":"longTerm"}}]}}]}}]}}]} as unknown as DocumentNode<CurrentMedicationsQuery, CurrentMedicationsQueryVariables>;
export const ObservationsDocument = {"__meta__":{"hash":"sha256:38998f897bd02b0667a36f5998f78aeacbed4eef6fe2761dd218634af5b57417"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Observations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"observations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"patientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}},{"kind":"Field","name":{"kind":"Name","value":"observedAt"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<ObservationsQuery, ObservationsQueryVariables>;
export const BilledServicesDocument = {"__meta__":{"hash":"sha256:c23ea16ae4e09db32894ff562abb63125399b575e8a00be33b6b9e532d6c717a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BilledServices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"billedServices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"patientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}},{"kind":"Field","name":{"kind":"Name","value":"serviceDate"}},{"kind":"Field","name":{"kind":"Name","value":"mbsItem"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]} as unknown as DocumentNode<BilledServicesQuery, BilledServicesQueryVariables>;
export const ActivePatientsDocument = {"__meta__":{"hash":"sha256:eeaae0be432c6f3619d261d983c27cda049f758cf238f850346d67e28d6bb088"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ActivePatients"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activePatients"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"firstname"}},{"kind":"Field","name":{"kind":"Name","value":"surname"}},{"kind":"Field","name":{"kind":"Name","value":"dob"}},{"kind":"Field","name":{"kind":"Name","value":"sex"}},{"kind":"Field","name":{"kind":"Name","value":"mobilePhone"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"medicareNo"}},{"kind":"Field","name":{"kind":"Name","value":"medicareLineNo"}},{"kind":"Field","name":{"kind":"Name","value":"ihi"}}]}}]}}]}}]} as unknown as DocumentNode<ActivePatientsQuery, ActivePatientsQueryVariables>;
export const RawRowsDocument = {"__meta__":{"hash":"sha256:ef999e4882ef3f344adde61e702a413e81b99dd47472ff1e9e7df7ff399986aa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RawRows"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runImmediateQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RawRowsMutation, RawRowsMutationVariables>;
export const TwoAppointmentBooksDocument = {"__meta__":{"hash":"sha256:05dede189bb2316f05f8c3bcdfbb582b0feef19331a2ff62fdaa945d1dab7a7d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TwoAppointmentBooks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"other"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"a"},"name":{"kind":"Name","value":"appointments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"b"},"name":{"kind":"Name","value":"appointments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startTime"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"c"},"name":{"kind":"Name","value":"appointments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"other"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"other"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}}]}}]}}]}}]} as unknown as DocumentNode<TwoAppointmentBooksQuery, TwoAppointmentBooksQueryVariables>;
export const FanOutDocument = {"__meta__":{"hash":"sha256:9b2922ee58fb7412cba45a7edeac42116d8caad3c93feab08148262a85d79549"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FanOut"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sitesByIds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"practiceName"}},{"kind":"Field","name":{"kind":"Name","value":"availability"}},{"kind":"Field","name":{"kind":"Name","value":"appointments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}}]}}]}}]}}]} as unknown as DocumentNode<FanOutQuery, FanOutQueryVariables>;
export const LiveQueryStatusDocument = {"__meta__":{"hash":"sha256:6332777a9259ddffc15135181701945282ea4dd96fbfe2b6d64ef84200586952"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveQueryStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queryStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"queryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queryId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTerminal"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}}]}}]}}]} as unknown as DocumentNode<LiveQueryStatusSubscription, LiveQueryStatusSubscriptionVariables>;
export const LiveQueryStatusBriefDocument = {"__meta__":{"hash":"sha256:b6d8fab728bd4e17c51f1f40a44e334865415688579b2641d2c0b041b4923099"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveQueryStatusBrief"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queryStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"queryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queryId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<LiveQueryStatusBriefSubscription, LiveQueryStatusBriefSubscriptionVariables>;
export const LiveRegisteredResultsDocument = {"__meta__":{"hash":"sha256:12e5e53a9126927b482b31be6237cbf93fabb434471cd26d66592352a506a25f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveRegisteredResults"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registeredQueryResultChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"queryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queryId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hash"}},{"kind":"Field","name":{"kind":"Name","value":"previousHash"}},{"kind":"Field","name":{"kind":"Name","value":"query"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastHash"}}]}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"columns"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}}]}}]}}]}}]} as unknown as DocumentNode<LiveRegisteredResultsSubscription, LiveRegisteredResultsSubscriptionVariables>;
export const LiveSubmitAsyncDocument = {"__meta__":{"hash":"sha256:206920e5576c23f22b8d8b1434fb101e378525e4af3926510f9f8e0353d7d3d3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LiveSubmitAsync"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitAsyncQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<LiveSubmitAsyncMutation, LiveSubmitAsyncMutationVariables>;
export const LiveCreateRegisteredDocument = {"__meta__":{"hash":"sha256:d90e59f8453c1facf7fd6f39ac5815b912fc0678ca314ed57ba7853869445f6d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LiveCreateRegistered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateRegisteredQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createRegisteredQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lastHash"}}]}}]}}]} as unknown as DocumentNode<LiveCreateRegisteredMutation, LiveCreateRegisteredMutationVariables>;
export const LiveCancelRegisteredDocument = {"__meta__":{"hash":"sha256:0ac388c36ef406b639ff587ad26ea4b8ea2617efde5521b17905bb0707954c81"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LiveCancelRegistered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelRegisteredQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<LiveCancelRegisteredMutation, LiveCancelRegisteredMutationVariables>;
export const LiveQueryPhasesDocument = {"__meta__":{"hash":"sha256:775a6c0f611a3269900ef979c34c712bae21453458dd60e433dc2bb51d99bd45"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveQueryPhases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queryStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"queryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queryId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTerminal"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"timings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<LiveQueryPhasesSubscription, LiveQueryPhasesSubscriptionVariables>;
export const AppointmentsChangedDocument = {"__meta__":{"hash":"sha256:aea22e844162f20115a0fcf43ca8f11df8ab0fd643fb11a461fae0599e74a6a6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AppointmentsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"provider"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointmentsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"Variable","name":{"kind":"Name","value":"provider"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<AppointmentsChangedSubscription, AppointmentsChangedSubscriptionVariables>;
export const LiveSiteNameDocument = {"__meta__":{"hash":"sha256:05a5ae9ba54c634a175740ad5f2f2ebb82039edf73e033f763f510921f68a2b7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LiveSiteName"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"practiceName"}}]}}]}}]} as unknown as DocumentNode<LiveSiteNameQuery, LiveSiteNameQueryVariables>;
export const RunConformanceDocument = {"__meta__":{"hash":"sha256:e8712347f33d22e574282a9f300483af1f07b9cb4d6610cc148df401fc1fcde5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunConformance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runImmediateQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rows"}}]}}]}}]} as unknown as DocumentNode<RunConformanceMutation, RunConformanceMutationVariables>;