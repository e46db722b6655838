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

export type SiteLookupQueryVariables = Exact<{
  pmsSiteId: string;
  pms: PracticeManagementSystem;
}>;


export type SiteLookupQuery = { __typename: 'Query', sites: Array<{ __typename: 'Site', id: string, pmsType: PracticeManagementSystem, practiceName: string | null, availability: SiteAvailability, status: SiteStatus, authoritative: boolean | null, pmsVersion: string | null, catalogues: Array<{ __typename: 'Catalogue', name: string, isDefault: boolean }> }> };

export type RunImmediateMutationVariables = Exact<{
  input: RunQueryInput;
}>;


export type RunImmediateMutation = { __typename: 'Mutation', runImmediateQuery: { __typename: 'SqlQuery', id: string, siteId: string, status: QueryStatus, rowCount: number | null, sqlExecutionDurationMs: number | null, rows: Array<unknown> | null, error: { __typename: 'QueryError', type: QueryErrorType | null, code: number | null, message: string | null } | null } };

export type SubmitAsyncMutationVariables = Exact<{
  input: RunQueryInput;
}>;


export type SubmitAsyncMutation = { __typename: 'Mutation', submitAsyncQuery: { __typename: 'SqlQuery', id: string, siteId: string, status: QueryStatus, createdAt: string, updatedAt: string } };

export type WatchQueryStatusSubscriptionVariables = Exact<{
  siteId: string | number;
  queryId: string | number;
}>;


export type WatchQueryStatusSubscription = { queryStatusChanged: { __typename: 'SqlQuery', id: string, siteId: string, status: QueryStatus, isTerminal: boolean, updatedAt: string, rowCount: number | null, resultSizeBytes: number | null, timings: Array<{ __typename: 'StatusTiming', phase: QueryPhase, startTime: string | null, endTime: string | null }>, pages: Array<{ __typename: 'ResultPage', pageNumber: number, status: ResultPageStatus, rowCount: number | null }>, error: { __typename: 'QueryError', type: QueryErrorType | null, code: number | null, message: string | null } | null } };

export type QueryPagesQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type QueryPagesQuery = { __typename: 'Query', sqlQuery: { __typename: 'SqlQuery', id: string, siteId: string, status: QueryStatus, isTerminal: boolean, updatedAt: string, rowCount: number | null, pages: Array<{ __typename: 'ResultPage', pageNumber: number, status: ResultPageStatus, rowCount: number | null }>, error: { __typename: 'QueryError', type: QueryErrorType | null, code: number | null, message: string | null } | null } | null };

export type FirstResultPageQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type FirstResultPageQuery = { __typename: 'Query', sqlQuery: { __typename: 'SqlQuery', id: string, siteId: string, rowCount: number | null, pages: Array<{ __typename: 'ResultPage', pageNumber: number, status: ResultPageStatus, rowCount: number | null, columns: Array<string> | null, rows: Array<unknown> | null }> } | null };

export type SearchPatientsQueryVariables = Exact<{
  siteId: string | number;
  search?: PatientSearch | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchPatientsQuery = { __typename: 'Query', patients: { __typename: 'PatientConnection', totalCount: number | null, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename: 'PatientEdge', cursor: string, node: { __typename: 'Patient', id: string, fhirId: string, siteId: string, active: boolean | null, gender: string | null, birthDate: string | null, name: Array<{ __typename: 'HumanName', use: string | null, family: string | null, given: Array<string> | null }> | null, telecom: Array<{ __typename: 'ContactPoint', system: string | null, value: string | null }> | null } }> } };

export type ProvidersQueryVariables = Exact<{
  siteId: string | number;
}>;


export type ProvidersQuery = { __typename: 'Query', site: { __typename: 'Site', id: string, providers: Array<{ __typename: 'Provider', userId: number, title: string | null, firstname: string | null, surname: string | null }> } | null };

export type AppointmentBookSubscriptionVariables = Exact<{
  siteId: string | number;
  day: string;
  provider?: string | null | undefined;
}>;


export type AppointmentBookSubscription = { appointmentsChanged: Array<{ __typename: 'Appointment', patientId: number, patientName: string | null, startTime: string, durationMinutes: number | null, provider: string | null, type: string | null, status: string | null, urgent: boolean | null }> };


export const SiteLookupDocument = {"__meta__":{"hash":"sha256:d9ccead9333843e7db6d3681c03dd681d25961708a4a9e051c5e1e42ef815eec"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SiteLookup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pmsSiteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pms"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PracticeManagementSystem"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"sites"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"pmsSiteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pmsSiteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"pms"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pms"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"pmsType"}},{"kind":"Field","name":{"kind":"Name","value":"practiceName"}},{"kind":"Field","name":{"kind":"Name","value":"availability"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"authoritative"}},{"kind":"Field","name":{"kind":"Name","value":"pmsVersion"}},{"kind":"Field","name":{"kind":"Name","value":"catalogues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]}}]}}]} as unknown as DocumentNode<SiteLookupQuery, SiteLookupQueryVariables>;
export const RunImmediateDocument = {"__meta__":{"hash":"sha256:ba9febb3617185d94db5b29371bbf688dea62b8c98237782f5cc3353b416d5dc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunImmediate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"runImmediateQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"sqlExecutionDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RunImmediateMutation, RunImmediateMutationVariables>;
export const SubmitAsyncDocument = {"__meta__":{"hash":"sha256:f7f206a5aa82d2a8e621bed428c03d632a9bd616e4424e44d96d547049f09852"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitAsync"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"submitAsyncQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<SubmitAsyncMutation, SubmitAsyncMutationVariables>;
export const WatchQueryStatusDocument = {"__meta__":{"hash":"sha256:a4f24a8b6d130a2c2103588f1b4987b5fd2a5a34d66d884f3bf2c24c3a0d0db5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WatchQueryStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queryStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"queryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queryId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTerminal"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"resultSizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"timings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"pageNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WatchQueryStatusSubscription, WatchQueryStatusSubscriptionVariables>;
export const QueryPagesDocument = {"__meta__":{"hash":"sha256:1b216293db73fb55c284f96e80f736ac0e51328d62e67ae1bd93beba38d2fc1c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QueryPages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTerminal"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"pages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"pageNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<QueryPagesQuery, QueryPagesQueryVariables>;
export const FirstResultPageDocument = {"__meta__":{"hash":"sha256:21173e430cdc3b5df4cea7995fde5833100cd1c162b843820556dd22f823048e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FirstResultPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"pages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"pageNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"columns"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}}]}}]}}]}}]} as unknown as DocumentNode<FirstResultPageQuery, FirstResultPageQueryVariables>;
export const SearchPatientsDocument = {"__meta__":{"hash":"sha256:6a16deddd2b8b81ffb4e7fb7d0916d3be0932a51a8f23ce08642b2ba26c0bb13"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchPatients"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PatientSearch"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"patients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fhirId"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"use"}},{"kind":"Field","name":{"kind":"Name","value":"family"}},{"kind":"Field","name":{"kind":"Name","value":"given"}}]}},{"kind":"Field","name":{"kind":"Name","value":"telecom"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchPatientsQuery, SearchPatientsQueryVariables>;
export const ProvidersDocument = {"__meta__":{"hash":"sha256:2be1b90383ec33852d57f1ce6dd950db870473ab2eb858c90fc217693d09de77"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Providers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"firstname"}},{"kind":"Field","name":{"kind":"Name","value":"surname"}}]}}]}}]}}]} as unknown as DocumentNode<ProvidersQuery, ProvidersQueryVariables>;
export const AppointmentBookDocument = {"__meta__":{"hash":"sha256:d468ff78847b916a7dbc208ed5367a4dbce1f5f2e992812ed241c25fbb1c0228"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AppointmentBook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"day"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"provider"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointmentsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"day"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"day"}}},{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"Variable","name":{"kind":"Name","value":"provider"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"patientId"}},{"kind":"Field","name":{"kind":"Name","value":"patientName"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"durationMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"urgent"}}]}}]}}]} as unknown as DocumentNode<AppointmentBookSubscription, AppointmentBookSubscriptionVariables>;