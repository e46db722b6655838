/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type CommandType =
  | 'STORED_PROCEDURE'
  | 'TEXT';

export type ExecutionMode =
  | 'NON_QUERY'
  | 'READER'
  | 'SCALAR';

/** One FHIR search parameter sent as given, e.g. { name: "family:exact", value: "Smith" }. */
export type FhirSearchParamInput = {
  /** Parameter name with optional modifier. Paging parameters (_count, _getpages…) are not allowed: use first/after. */
  name: string;
  value: string;
};

export type ParameterDirection =
  | 'INPUT'
  | 'INPUT_OUTPUT'
  | 'OUTPUT'
  | 'RETURN_VALUE';

/** FHIR Patient search parameters (names as FHIR, with "-" written "_"). Each list element is one parameter: elements AND together, commas inside one element OR (FHIR semantics); values such as "ge1970-01-01" or "system|value" pass through verbatim. */
export type PatientSearch = {
  /** Logical id (token, exact). */
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

export type PracticeManagementSystem =
  | 'BEST_PRACTICE'
  | 'D4W'
  | 'ZEDMED';

export type QueryErrorType =
  | 'FBSQL'
  | 'HALO_LINK'
  | 'HTTP'
  | 'MSSQL';

export type QueryPhase =
  | 'DOWNLOADING'
  | 'EXECUTING'
  | 'INITIALISING'
  | 'QUEUED'
  | 'UPLOADING';

export type QueryStatus =
  | 'EXECUTING'
  | 'EXECUTION_FAILED'
  | 'EXPIRED_IN_QUEUE'
  | 'INITIALISATION_FAILED_CACHE_ERROR'
  | 'INITIALISATION_FAILED_SITE_OFFLINE'
  | 'INITIALISATION_FAILED_SITE_UNREACHABLE'
  | 'INITIALISING'
  | 'QUEUED'
  | 'SUCCESSFUL'
  | 'UPLOADING'
  | 'UPLOAD_FAILED';

export type ResultPageStatus =
  | 'CACHED'
  | 'QUEUED'
  | 'UPLOADING';

export type RunQueryInput = {
  /** A database name from the site's catalogues; the default one when omitted. */
  catalogue?: string | null | undefined;
  commandType?: CommandType | null | undefined;
  /** READER (rows), NON_QUERY (writes; needs write permission) or SCALAR. */
  executionMode?: ExecutionMode | null | undefined;
  /** Immediate: 0–60,000 (default 30,000). Async: 0–7,200,000 (default 3,600,000). */
  maxTimeInQueueMs?: number | null | undefined;
  parameters?: Array<SqlParameterInput> | null | undefined;
  siteId: string | number;
  /** T-SQL text, or the stored procedure name when commandType is STORED_PROCEDURE. */
  sql: string;
};

export type SiteAvailability =
  | 'OFFLINE'
  | 'ONLINE'
  | 'UNREACHABLE';

export type SiteStatus =
  | 'ACTIVE'
  | 'INITIALISING'
  | 'REMOVED'
  | 'UNINSTALLED';

export type SqlDbType =
  | 'BigInt'
  | 'Binary'
  | 'Bit'
  | 'Char'
  | 'Date'
  | 'DateTime'
  | 'DateTime2'
  | 'DateTimeOffset'
  | 'Decimal'
  | 'Float'
  | 'Image'
  | 'Int'
  | 'Money'
  | 'NChar'
  | 'NText'
  | 'NVarChar'
  | 'Real'
  | 'SmallDateTime'
  | 'SmallInt'
  | 'SmallMoney'
  | 'String'
  | 'Structured'
  | 'Text'
  | 'Time'
  | 'Timestamp'
  | 'TinyInt'
  | 'Udt'
  | 'UniqueIdentifier'
  | 'VarBinary'
  | 'VarChar'
  | 'Variant'
  | 'Xml';

export type SqlParameterInput = {
  direction?: ParameterDirection | null | undefined;
  /** The parameter name with its @, e.g. "@surname". Not needed for a returnValue. */
  name?: string | null | undefined;
  /** Maximum size in bytes (for output strings). */
  size?: number | null | undefined;
  /** The SqlDbType, e.g. VarChar, Int, Date. */
  type?: SqlDbType | null | undefined;
  /** Input value as text (dates as YYYY-MM-DD). */
  value?: string | null | undefined;
};

export type SiteLookupQueryVariables = Exact<{
  pmsSiteId: string;
  pms: PracticeManagementSystem;
}>;


export type SiteLookupQuery = { sites: Array<{ id: string, pmsType: PracticeManagementSystem, practiceName: string | null, availability: SiteAvailability, status: SiteStatus, authoritative: boolean | null, pmsVersion: string | null, catalogues: Array<{ name: string, isDefault: boolean }> }> };

export type RunImmediateMutationVariables = Exact<{
  input: RunQueryInput;
}>;


export type RunImmediateMutation = { runImmediateQuery: { id: string, siteId: string, status: QueryStatus, rowCount: number | null, sqlExecutionDurationMs: number | null, rows: Array<unknown> | null, error: { type: QueryErrorType | null, code: number | null, message: string | null } | null } };

export type SubmitAsyncMutationVariables = Exact<{
  input: RunQueryInput;
}>;


export type SubmitAsyncMutation = { submitAsyncQuery: { id: string, siteId: string, status: QueryStatus, createdAt: string, updatedAt: string } };

export type WatchQueryStatusSubscriptionVariables = Exact<{
  siteId: string | number;
  queryId: string | number;
}>;


export type WatchQueryStatusSubscription = { queryStatusChanged: { id: string, siteId: string, status: QueryStatus, isTerminal: boolean, updatedAt: string, rowCount: number | null, resultSizeBytes: number | null, timings: Array<{ phase: QueryPhase, startTime: string | null, endTime: string | null }>, pages: Array<{ pageNumber: number, status: ResultPageStatus, rowCount: number | null }>, error: { type: QueryErrorType | null, code: number | null, message: string | null } | null } };

export type QueryPagesQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type QueryPagesQuery = { sqlQuery: { id: string, siteId: string, status: QueryStatus, isTerminal: boolean, updatedAt: string, rowCount: number | null, pages: Array<{ pageNumber: number, status: ResultPageStatus, rowCount: number | null }>, error: { type: QueryErrorType | null, code: number | null, message: string | null } | null } | null };

export type FirstResultPageQueryVariables = Exact<{
  siteId: string | number;
  id: string | number;
}>;


export type FirstResultPageQuery = { sqlQuery: { id: string, siteId: string, rowCount: number | null, pages: Array<{ pageNumber: number, status: ResultPageStatus, rowCount: number | null, columns: Array<string> | null, rows: Array<unknown> | null }> } | null };

export type SearchPatientsQueryVariables = Exact<{
  siteId: string | number;
  search?: PatientSearch | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchPatientsQuery = { patients: { totalCount: number | null, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, siteId: string, active: boolean | null, gender: string | null, birthDate: string | null, name: Array<{ use: string | null, family: string | null, given: Array<string> | null }> | null, telecom: Array<{ system: string | null, value: string | null }> | null } }> } };

export type ProvidersQueryVariables = Exact<{
  siteId: string | number;
}>;


export type ProvidersQuery = { site: { id: string, providers: Array<{ userId: number, title: string | null, firstname: string | null, surname: string | null }> } | null };

export type AppointmentBookSubscriptionVariables = Exact<{
  siteId: string | number;
  day: string;
  provider?: string | null | undefined;
}>;


export type AppointmentBookSubscription = { appointmentsChanged: Array<{ patientId: number, patientName: string | null, startTime: string, durationMinutes: number | null, provider: string | null, type: string | null, status: string | null, urgent: boolean | null }> };


export const SiteLookupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SiteLookup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pmsSiteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pms"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PracticeManagementSystem"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sites"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"pmsSiteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pmsSiteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"pms"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pms"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"pmsType"}},{"kind":"Field","name":{"kind":"Name","value":"practiceName"}},{"kind":"Field","name":{"kind":"Name","value":"availability"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"authoritative"}},{"kind":"Field","name":{"kind":"Name","value":"pmsVersion"}},{"kind":"Field","name":{"kind":"Name","value":"catalogues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]}}]}}]} as unknown as DocumentNode<SiteLookupQuery, SiteLookupQueryVariables>;
export const RunImmediateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunImmediate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runImmediateQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"sqlExecutionDurationMs"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RunImmediateMutation, RunImmediateMutationVariables>;
export const SubmitAsyncDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitAsync"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RunQueryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitAsyncQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<SubmitAsyncMutation, SubmitAsyncMutationVariables>;
export const WatchQueryStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WatchQueryStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queryStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"queryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queryId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTerminal"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"resultSizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"timings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WatchQueryStatusSubscription, WatchQueryStatusSubscriptionVariables>;
export const QueryPagesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QueryPages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isTerminal"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"pages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<QueryPagesQuery, QueryPagesQueryVariables>;
export const FirstResultPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FirstResultPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sqlQuery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"pages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"columns"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}}]}}]}}]}}]} as unknown as DocumentNode<FirstResultPageQuery, FirstResultPageQueryVariables>;
export const SearchPatientsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchPatients"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PatientSearch"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"siteId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"use"}},{"kind":"Field","name":{"kind":"Name","value":"family"}},{"kind":"Field","name":{"kind":"Name","value":"given"}}]}},{"kind":"Field","name":{"kind":"Name","value":"telecom"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchPatientsQuery, SearchPatientsQueryVariables>;
export const ProvidersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Providers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"site"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"firstname"}},{"kind":"Field","name":{"kind":"Name","value":"surname"}}]}}]}}]}}]} as unknown as DocumentNode<ProvidersQuery, ProvidersQueryVariables>;
export const AppointmentBookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AppointmentBook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"day"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"provider"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointmentsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"siteId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"siteId"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"day"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"day"}}},{"kind":"Argument","name":{"kind":"Name","value":"provider"},"value":{"kind":"Variable","name":{"kind":"Name","value":"provider"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patientId"}},{"kind":"Field","name":{"kind":"Name","value":"patientName"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"durationMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"urgent"}}]}}]}}]} as unknown as DocumentNode<AppointmentBookSubscription, AppointmentBookSubscriptionVariables>;