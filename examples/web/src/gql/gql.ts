/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query SiteLookup($pmsSiteId: String!, $pms: PracticeManagementSystem!) {\n    sites(pmsSiteId: $pmsSiteId, pms: $pms) {\n      id\n      pmsType\n      practiceName\n      availability\n      status\n      authoritative\n      pmsVersion\n      catalogues {\n        name\n        isDefault\n      }\n    }\n  }\n": typeof types.SiteLookupDocument,
    "\n  mutation RunImmediate($input: RunQueryInput!) {\n    runImmediateQuery(input: $input) {\n      id\n      siteId\n      status\n      rowCount\n      sqlExecutionDurationMs\n      rows\n      error {\n        type\n        code\n        message\n      }\n    }\n  }\n": typeof types.RunImmediateDocument,
    "\n  mutation SubmitAsync($input: RunQueryInput!) {\n    submitAsyncQuery(input: $input) {\n      id\n      siteId\n      status\n      createdAt\n      updatedAt\n    }\n  }\n": typeof types.SubmitAsyncDocument,
    "\n  subscription WatchQueryStatus($siteId: ID!, $queryId: ID!) {\n    queryStatusChanged(siteId: $siteId, queryId: $queryId) {\n      id\n      siteId\n      status\n      isTerminal\n      updatedAt\n      rowCount\n      resultSizeBytes\n      timings {\n        phase\n        startTime\n        endTime\n      }\n      pages {\n        pageNumber\n        status\n        rowCount\n      }\n      error {\n        type\n        code\n        message\n      }\n    }\n  }\n": typeof types.WatchQueryStatusDocument,
    "\n  query QueryPages($siteId: ID!, $id: ID!) {\n    sqlQuery(siteId: $siteId, id: $id) {\n      id\n      siteId\n      status\n      isTerminal\n      updatedAt\n      rowCount\n      pages {\n        pageNumber\n        status\n        rowCount\n      }\n      error {\n        type\n        code\n        message\n      }\n    }\n  }\n": typeof types.QueryPagesDocument,
    "\n  query FirstResultPage($siteId: ID!, $id: ID!) {\n    sqlQuery(siteId: $siteId, id: $id) {\n      id\n      siteId\n      rowCount\n      pages {\n        pageNumber\n        status\n        rowCount\n        columns\n        rows\n      }\n    }\n  }\n": typeof types.FirstResultPageDocument,
    "\n  query SearchPatients($siteId: ID!, $search: PatientSearch, $first: Int, $after: String) {\n    patients(siteId: $siteId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          fhirId\n          siteId\n          active\n          gender\n          birthDate\n          name {\n            use\n            family\n            given\n          }\n          telecom {\n            system\n            value\n          }\n        }\n      }\n    }\n  }\n": typeof types.SearchPatientsDocument,
    "\n  query Providers($siteId: ID!) {\n    site(id: $siteId) {\n      id\n      providers {\n        userId\n        title\n        firstname\n        surname\n      }\n    }\n  }\n": typeof types.ProvidersDocument,
    "\n  subscription AppointmentBook($siteId: ID!, $day: Date!, $provider: String) {\n    appointmentsChanged(siteId: $siteId, from: $day, to: $day, provider: $provider) {\n      patientId\n      patientName\n      startTime\n      durationMinutes\n      provider\n      type\n      status\n      urgent\n    }\n  }\n": typeof types.AppointmentBookDocument,
};
const documents: Documents = {
    "\n  query SiteLookup($pmsSiteId: String!, $pms: PracticeManagementSystem!) {\n    sites(pmsSiteId: $pmsSiteId, pms: $pms) {\n      id\n      pmsType\n      practiceName\n      availability\n      status\n      authoritative\n      pmsVersion\n      catalogues {\n        name\n        isDefault\n      }\n    }\n  }\n": types.SiteLookupDocument,
    "\n  mutation RunImmediate($input: RunQueryInput!) {\n    runImmediateQuery(input: $input) {\n      id\n      siteId\n      status\n      rowCount\n      sqlExecutionDurationMs\n      rows\n      error {\n        type\n        code\n        message\n      }\n    }\n  }\n": types.RunImmediateDocument,
    "\n  mutation SubmitAsync($input: RunQueryInput!) {\n    submitAsyncQuery(input: $input) {\n      id\n      siteId\n      status\n      createdAt\n      updatedAt\n    }\n  }\n": types.SubmitAsyncDocument,
    "\n  subscription WatchQueryStatus($siteId: ID!, $queryId: ID!) {\n    queryStatusChanged(siteId: $siteId, queryId: $queryId) {\n      id\n      siteId\n      status\n      isTerminal\n      updatedAt\n      rowCount\n      resultSizeBytes\n      timings {\n        phase\n        startTime\n        endTime\n      }\n      pages {\n        pageNumber\n        status\n        rowCount\n      }\n      error {\n        type\n        code\n        message\n      }\n    }\n  }\n": types.WatchQueryStatusDocument,
    "\n  query QueryPages($siteId: ID!, $id: ID!) {\n    sqlQuery(siteId: $siteId, id: $id) {\n      id\n      siteId\n      status\n      isTerminal\n      updatedAt\n      rowCount\n      pages {\n        pageNumber\n        status\n        rowCount\n      }\n      error {\n        type\n        code\n        message\n      }\n    }\n  }\n": types.QueryPagesDocument,
    "\n  query FirstResultPage($siteId: ID!, $id: ID!) {\n    sqlQuery(siteId: $siteId, id: $id) {\n      id\n      siteId\n      rowCount\n      pages {\n        pageNumber\n        status\n        rowCount\n        columns\n        rows\n      }\n    }\n  }\n": types.FirstResultPageDocument,
    "\n  query SearchPatients($siteId: ID!, $search: PatientSearch, $first: Int, $after: String) {\n    patients(siteId: $siteId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          fhirId\n          siteId\n          active\n          gender\n          birthDate\n          name {\n            use\n            family\n            given\n          }\n          telecom {\n            system\n            value\n          }\n        }\n      }\n    }\n  }\n": types.SearchPatientsDocument,
    "\n  query Providers($siteId: ID!) {\n    site(id: $siteId) {\n      id\n      providers {\n        userId\n        title\n        firstname\n        surname\n      }\n    }\n  }\n": types.ProvidersDocument,
    "\n  subscription AppointmentBook($siteId: ID!, $day: Date!, $provider: String) {\n    appointmentsChanged(siteId: $siteId, from: $day, to: $day, provider: $provider) {\n      patientId\n      patientName\n      startTime\n      durationMinutes\n      provider\n      type\n      status\n      urgent\n    }\n  }\n": types.AppointmentBookDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SiteLookup($pmsSiteId: String!, $pms: PracticeManagementSystem!) {\n    sites(pmsSiteId: $pmsSiteId, pms: $pms) {\n      id\n      pmsType\n      practiceName\n      availability\n      status\n      authoritative\n      pmsVersion\n      catalogues {\n        name\n        isDefault\n      }\n    }\n  }\n"): (typeof documents)["\n  query SiteLookup($pmsSiteId: String!, $pms: PracticeManagementSystem!) {\n    sites(pmsSiteId: $pmsSiteId, pms: $pms) {\n      id\n      pmsType\n      practiceName\n      availability\n      status\n      authoritative\n      pmsVersion\n      catalogues {\n        name\n        isDefault\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunImmediate($input: RunQueryInput!) {\n    runImmediateQuery(input: $input) {\n      id\n      siteId\n      status\n      rowCount\n      sqlExecutionDurationMs\n      rows\n      error {\n        type\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RunImmediate($input: RunQueryInput!) {\n    runImmediateQuery(input: $input) {\n      id\n      siteId\n      status\n      rowCount\n      sqlExecutionDurationMs\n      rows\n      error {\n        type\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitAsync($input: RunQueryInput!) {\n    submitAsyncQuery(input: $input) {\n      id\n      siteId\n      status\n      createdAt\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitAsync($input: RunQueryInput!) {\n    submitAsyncQuery(input: $input) {\n      id\n      siteId\n      status\n      createdAt\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WatchQueryStatus($siteId: ID!, $queryId: ID!) {\n    queryStatusChanged(siteId: $siteId, queryId: $queryId) {\n      id\n      siteId\n      status\n      isTerminal\n      updatedAt\n      rowCount\n      resultSizeBytes\n      timings {\n        phase\n        startTime\n        endTime\n      }\n      pages {\n        pageNumber\n        status\n        rowCount\n      }\n      error {\n        type\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription WatchQueryStatus($siteId: ID!, $queryId: ID!) {\n    queryStatusChanged(siteId: $siteId, queryId: $queryId) {\n      id\n      siteId\n      status\n      isTerminal\n      updatedAt\n      rowCount\n      resultSizeBytes\n      timings {\n        phase\n        startTime\n        endTime\n      }\n      pages {\n        pageNumber\n        status\n        rowCount\n      }\n      error {\n        type\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueryPages($siteId: ID!, $id: ID!) {\n    sqlQuery(siteId: $siteId, id: $id) {\n      id\n      siteId\n      status\n      isTerminal\n      updatedAt\n      rowCount\n      pages {\n        pageNumber\n        status\n        rowCount\n      }\n      error {\n        type\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query QueryPages($siteId: ID!, $id: ID!) {\n    sqlQuery(siteId: $siteId, id: $id) {\n      id\n      siteId\n      status\n      isTerminal\n      updatedAt\n      rowCount\n      pages {\n        pageNumber\n        status\n        rowCount\n      }\n      error {\n        type\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FirstResultPage($siteId: ID!, $id: ID!) {\n    sqlQuery(siteId: $siteId, id: $id) {\n      id\n      siteId\n      rowCount\n      pages {\n        pageNumber\n        status\n        rowCount\n        columns\n        rows\n      }\n    }\n  }\n"): (typeof documents)["\n  query FirstResultPage($siteId: ID!, $id: ID!) {\n    sqlQuery(siteId: $siteId, id: $id) {\n      id\n      siteId\n      rowCount\n      pages {\n        pageNumber\n        status\n        rowCount\n        columns\n        rows\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchPatients($siteId: ID!, $search: PatientSearch, $first: Int, $after: String) {\n    patients(siteId: $siteId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          fhirId\n          siteId\n          active\n          gender\n          birthDate\n          name {\n            use\n            family\n            given\n          }\n          telecom {\n            system\n            value\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchPatients($siteId: ID!, $search: PatientSearch, $first: Int, $after: String) {\n    patients(siteId: $siteId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          fhirId\n          siteId\n          active\n          gender\n          birthDate\n          name {\n            use\n            family\n            given\n          }\n          telecom {\n            system\n            value\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Providers($siteId: ID!) {\n    site(id: $siteId) {\n      id\n      providers {\n        userId\n        title\n        firstname\n        surname\n      }\n    }\n  }\n"): (typeof documents)["\n  query Providers($siteId: ID!) {\n    site(id: $siteId) {\n      id\n      providers {\n        userId\n        title\n        firstname\n        surname\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AppointmentBook($siteId: ID!, $day: Date!, $provider: String) {\n    appointmentsChanged(siteId: $siteId, from: $day, to: $day, provider: $provider) {\n      patientId\n      patientName\n      startTime\n      durationMinutes\n      provider\n      type\n      status\n      urgent\n    }\n  }\n"): (typeof documents)["\n  subscription AppointmentBook($siteId: ID!, $day: Date!, $provider: String) {\n    appointmentsChanged(siteId: $siteId, from: $day, to: $day, provider: $provider) {\n      patientId\n      patientName\n      startTime\n      durationMinutes\n      provider\n      type\n      status\n      urgent\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;