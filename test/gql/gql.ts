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
    "\n  mutation SubmitForExport($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id } }\n": typeof types.SubmitForExportDocument,
    "\n  query ExportPages($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rowCount pages { pageNumber } } }\n": typeof types.ExportPagesDocument,
    "\n  query PatientPage($siteId: ID!, $search: PatientSearch, $first: Int, $after: String) {\n    patients(siteId: $siteId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { id siteId resourceType } }\n    }\n  }\n": typeof types.PatientPageDocument,
    "\n  query PatientById($siteId: ID!, $id: ID!) {\n    patient(siteId: $siteId, id: $id) {\n      id siteId resourceType active gender birthDate deceasedBoolean deceasedDateTime\n      meta { lastUpdated profile }\n      identifier { system value }\n      ihi: identifier(system: \"http://ns.electronichealth.net.au/id/hi/ihi/1.0\") { system value type { text coding { system code } } }\n      name { use family given }\n      mobile: telecom(system: \"phone\", use: \"mobile\") { value }\n      address { use postalCode }\n    }\n  }\n": typeof types.PatientByIdDocument,
    "\n  query AuBasePatients($siteId: ID!, $after: String) {\n    patients(siteId: $siteId, first: 100, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          resourceType id gender birthDate\n          identifier { system value type { coding { system code } } period { end } }\n          name { use family given }\n          address { use type text line city state postalCode country }\n          extension { url valueCoding { system code } }\n        }\n      }\n    }\n  }\n": typeof types.AuBasePatientsDocument,
    "\n  mutation CreateRegistered($input: CreateRegisteredQueryInput!) {\n    createRegisteredQuery(input: $input) {\n      id siteId name status frequencySeconds durationSeconds lastHash createdAt completedAt\n      lastError { type code message }\n      metrics { executionSucceededCount executionFailedCount lastSucceededAt lastFailedAt resultSizeSum }\n      result { rowCount sizeBytes columns rows outputParameters { name } }\n    }\n  }\n": typeof types.CreateRegisteredDocument,
    "\n  query Registered($siteId: ID!, $id: ID!) {\n    registeredQuery(siteId: $siteId, id: $id) {\n      id status lastHash completedAt\n      metrics { executionSucceededCount }\n      result { rowCount rows }\n    }\n  }\n": typeof types.RegisteredDocument,
    "\n  mutation CancelRegistered($siteId: ID!, $id: ID!) { cancelRegisteredQuery(siteId: $siteId, id: $id) { id status completedAt } }\n": typeof types.CancelRegisteredDocument,
    "\n        query RegisteredTwice($siteId: ID!, $id: ID!) {\n          a: registeredQuery(siteId: $siteId, id: $id) { id name }\n          b: registeredQuery(siteId: $siteId, id: $id) { status lastHash }\n        }\n      ": typeof types.RegisteredTwiceDocument,
    "\n        query SiteRegistered($a: ID!, $b: ID!) {\n          a: site(id: $a) { registeredQueries { id siteId status frequencySeconds result { rows } } }\n          b: site(id: $b) { registeredQueries { id } }\n        }\n      ": typeof types.SiteRegisteredDocument,
    "\n  query Pages($siteId: ID!, $id: ID!) {\n    sqlQuery(siteId: $siteId, id: $id) { status pages { pageNumber status rangeStart rangeEnd columns rows } }\n  }\n": typeof types.PagesDocument,
    "mutation SubmitForPages($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id } }": typeof types.SubmitForPagesDocument,
    "\n        query PagesAndRows($siteId: ID!, $id: ID!) {\n          sqlQuery(siteId: $siteId, id: $id) {\n            rows\n            again: rows\n            pages { pageNumber rows columns }\n            pagesAgain: pages { rows }\n          }\n          same: sqlQuery(siteId: $siteId, id: $id) { rows }\n        }\n      ": typeof types.PagesAndRowsDocument,
    "query ExpiredRows($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rowCount rows } }": typeof types.ExpiredRowsDocument,
    "\n  query SitesByPms($pmsSiteId: String!, $pms: PracticeManagementSystem!) {\n    sites(pmsSiteId: $pmsSiteId, pms: $pms) { id practiceName pmsType availability status authoritative pmsSiteId catalogues { name isDefault } }\n  }\n": typeof types.SitesByPmsDocument,
    "\n  query SiteById($id: ID!) { site(id: $id) { id practiceName availability heartbeatAt } }\n": typeof types.SiteByIdDocument,
    "\n        query SiteTwice($a: ID!, $b: ID!) { a: site(id: $a) { id } b: site(id: $a) { practiceName } z: site(id: $b) { pmsType } }\n      ": typeof types.SiteTwiceDocument,
    "\n  query FullSite($id: ID!) {\n    site(id: $id) {\n      id pmsType availability status practiceName pmsSiteId pmsVersion haloLinkVersion authoritative\n      catalogues { name isDefault } enrichedAt heartbeatAt registeredQueries { id }\n    }\n  }\n": typeof types.FullSiteDocument,
    "\n  mutation PairSite($input: PairSiteInput!) { pairSite(input: $input) { id practiceName pmsType authoritative } }\n": typeof types.PairSiteDocument,
    "\n        query SiteAliases($id: ID!) {\n          a: site(id: $id) { id }\n          b: site(id: $id) { practiceName }\n          c: site(id: $id) { availability catalogues { name } }\n          d: site(id: $id) { pmsType authoritative }\n        }\n      ": typeof types.SiteAliasesDocument,
    "\n        query SitesWithRegistered($pmsSiteId: String!) {\n          sites(pmsSiteId: $pmsSiteId, pms: BEST_PRACTICE) { id authoritative registeredQueries { id } }\n        }\n      ": typeof types.SitesWithRegisteredDocument,
    "\n  mutation RunImmediate($input: RunQueryInput!) {\n    runImmediateQuery(input: $input) {\n      id siteId mode status isTerminal rowCount rowsAffected resultSizeBytes completedAt sqlExecutionDurationMs\n      error { type code message }\n      outputParameters { name direction type value }\n      rows\n    }\n  }\n": typeof types.RunImmediateDocument,
    "\n  mutation SubmitAsync($input: RunQueryInput!) {\n    submitAsyncQuery(input: $input) { id siteId mode status isTerminal createdAt updatedAt completedAt maxTimeInQueueMs pages { pageNumber } rows }\n  }\n": typeof types.SubmitAsyncDocument,
    "\n  query QueryStatus($siteId: ID!, $id: ID!) {\n    sqlQuery(siteId: $siteId, id: $id) {\n      id mode status isTerminal createdAt completedAt rowCount resultSizeBytes sqlExecutionDurationMs\n      timings { phase startTime endTime }\n      pages { pageNumber status rowCount rangeStart rangeEnd sizeBytes }\n      error { type code message }\n    }\n  }\n": typeof types.QueryStatusDocument,
    "\n  query QueryRows($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rowCount rows } }\n": typeof types.QueryRowsDocument,
    "\n        query TwentyQueries(\n          $a: ID!, $b: ID!, $c: ID!,\n          $q1: ID!, $q2: ID!, $q3: ID!, $q4: ID!, $q5: ID!, $q6: ID!, $q7: ID!, $q8: ID!, $q9: ID!, $q10: ID!,\n          $q11: ID!, $q12: ID!, $q13: ID!, $q14: ID!, $q15: ID!, $q16: ID!, $q17: ID!, $q18: ID!, $q19: ID!, $q20: ID!\n        ) {\n          q1: sqlQuery(siteId: $a, id: $q1) { id siteId status }\n          q2: sqlQuery(siteId: $a, id: $q2) { id siteId status }\n          q3: sqlQuery(siteId: $a, id: $q3) { id siteId status }\n          q4: sqlQuery(siteId: $a, id: $q4) { id siteId status }\n          q5: sqlQuery(siteId: $a, id: $q5) { id siteId status }\n          q6: sqlQuery(siteId: $a, id: $q6) { id siteId status }\n          q7: sqlQuery(siteId: $a, id: $q7) { id siteId status }\n          q8: sqlQuery(siteId: $b, id: $q8) { id siteId status }\n          q9: sqlQuery(siteId: $b, id: $q9) { id siteId status }\n          q10: sqlQuery(siteId: $b, id: $q10) { id siteId status }\n          q11: sqlQuery(siteId: $b, id: $q11) { id siteId status }\n          q12: sqlQuery(siteId: $b, id: $q12) { id siteId status }\n          q13: sqlQuery(siteId: $b, id: $q13) { id siteId status }\n          q14: sqlQuery(siteId: $b, id: $q14) { id siteId status }\n          q15: sqlQuery(siteId: $c, id: $q15) { id siteId status }\n          q16: sqlQuery(siteId: $c, id: $q16) { id siteId status }\n          q17: sqlQuery(siteId: $c, id: $q17) { id siteId status }\n          q18: sqlQuery(siteId: $c, id: $q18) { id siteId status }\n          q19: sqlQuery(siteId: $c, id: $q19) { id siteId status }\n          q20: sqlQuery(siteId: $c, id: $q20) { id siteId status }\n        }\n      ": typeof types.TwentyQueriesDocument,
    "query StreamRows($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rows @stream(initialCount: 1) } }": typeof types.StreamRowsDocument,
    "\n  subscription LiveQueryStatus($siteId: ID!, $queryId: ID!) {\n    queryStatusChanged(siteId: $siteId, queryId: $queryId) { id status isTerminal rowCount }\n  }\n": typeof types.LiveQueryStatusDocument,
    "\n  subscription LiveQueryStatusBrief($siteId: ID!, $queryId: ID!) {\n    queryStatusChanged(siteId: $siteId, queryId: $queryId) { status }\n  }\n": typeof types.LiveQueryStatusBriefDocument,
    "\n  subscription LiveRegisteredResults($siteId: ID!, $queryId: ID!) {\n    registeredQueryResultChanged(siteId: $siteId, queryId: $queryId) {\n      hash previousHash query { id status lastHash } result { rowCount columns rows }\n    }\n  }\n": typeof types.LiveRegisteredResultsDocument,
    "\n  mutation LiveSubmitAsync($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id status } }\n": typeof types.LiveSubmitAsyncDocument,
    "\n  mutation LiveCreateRegistered($input: CreateRegisteredQueryInput!) { createRegisteredQuery(input: $input) { id lastHash } }\n": typeof types.LiveCreateRegisteredDocument,
    "\n  mutation LiveCancelRegistered($siteId: ID!, $id: ID!) { cancelRegisteredQuery(siteId: $siteId, id: $id) { id status } }\n": typeof types.LiveCancelRegisteredDocument,
    "query LiveSiteName($id: ID!) { site(id: $id) { practiceName } }": typeof types.LiveSiteNameDocument,
};
const documents: Documents = {
    "\n  mutation SubmitForExport($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id } }\n": types.SubmitForExportDocument,
    "\n  query ExportPages($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rowCount pages { pageNumber } } }\n": types.ExportPagesDocument,
    "\n  query PatientPage($siteId: ID!, $search: PatientSearch, $first: Int, $after: String) {\n    patients(siteId: $siteId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { id siteId resourceType } }\n    }\n  }\n": types.PatientPageDocument,
    "\n  query PatientById($siteId: ID!, $id: ID!) {\n    patient(siteId: $siteId, id: $id) {\n      id siteId resourceType active gender birthDate deceasedBoolean deceasedDateTime\n      meta { lastUpdated profile }\n      identifier { system value }\n      ihi: identifier(system: \"http://ns.electronichealth.net.au/id/hi/ihi/1.0\") { system value type { text coding { system code } } }\n      name { use family given }\n      mobile: telecom(system: \"phone\", use: \"mobile\") { value }\n      address { use postalCode }\n    }\n  }\n": types.PatientByIdDocument,
    "\n  query AuBasePatients($siteId: ID!, $after: String) {\n    patients(siteId: $siteId, first: 100, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          resourceType id gender birthDate\n          identifier { system value type { coding { system code } } period { end } }\n          name { use family given }\n          address { use type text line city state postalCode country }\n          extension { url valueCoding { system code } }\n        }\n      }\n    }\n  }\n": types.AuBasePatientsDocument,
    "\n  mutation CreateRegistered($input: CreateRegisteredQueryInput!) {\n    createRegisteredQuery(input: $input) {\n      id siteId name status frequencySeconds durationSeconds lastHash createdAt completedAt\n      lastError { type code message }\n      metrics { executionSucceededCount executionFailedCount lastSucceededAt lastFailedAt resultSizeSum }\n      result { rowCount sizeBytes columns rows outputParameters { name } }\n    }\n  }\n": types.CreateRegisteredDocument,
    "\n  query Registered($siteId: ID!, $id: ID!) {\n    registeredQuery(siteId: $siteId, id: $id) {\n      id status lastHash completedAt\n      metrics { executionSucceededCount }\n      result { rowCount rows }\n    }\n  }\n": types.RegisteredDocument,
    "\n  mutation CancelRegistered($siteId: ID!, $id: ID!) { cancelRegisteredQuery(siteId: $siteId, id: $id) { id status completedAt } }\n": types.CancelRegisteredDocument,
    "\n        query RegisteredTwice($siteId: ID!, $id: ID!) {\n          a: registeredQuery(siteId: $siteId, id: $id) { id name }\n          b: registeredQuery(siteId: $siteId, id: $id) { status lastHash }\n        }\n      ": types.RegisteredTwiceDocument,
    "\n        query SiteRegistered($a: ID!, $b: ID!) {\n          a: site(id: $a) { registeredQueries { id siteId status frequencySeconds result { rows } } }\n          b: site(id: $b) { registeredQueries { id } }\n        }\n      ": types.SiteRegisteredDocument,
    "\n  query Pages($siteId: ID!, $id: ID!) {\n    sqlQuery(siteId: $siteId, id: $id) { status pages { pageNumber status rangeStart rangeEnd columns rows } }\n  }\n": types.PagesDocument,
    "mutation SubmitForPages($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id } }": types.SubmitForPagesDocument,
    "\n        query PagesAndRows($siteId: ID!, $id: ID!) {\n          sqlQuery(siteId: $siteId, id: $id) {\n            rows\n            again: rows\n            pages { pageNumber rows columns }\n            pagesAgain: pages { rows }\n          }\n          same: sqlQuery(siteId: $siteId, id: $id) { rows }\n        }\n      ": types.PagesAndRowsDocument,
    "query ExpiredRows($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rowCount rows } }": types.ExpiredRowsDocument,
    "\n  query SitesByPms($pmsSiteId: String!, $pms: PracticeManagementSystem!) {\n    sites(pmsSiteId: $pmsSiteId, pms: $pms) { id practiceName pmsType availability status authoritative pmsSiteId catalogues { name isDefault } }\n  }\n": types.SitesByPmsDocument,
    "\n  query SiteById($id: ID!) { site(id: $id) { id practiceName availability heartbeatAt } }\n": types.SiteByIdDocument,
    "\n        query SiteTwice($a: ID!, $b: ID!) { a: site(id: $a) { id } b: site(id: $a) { practiceName } z: site(id: $b) { pmsType } }\n      ": types.SiteTwiceDocument,
    "\n  query FullSite($id: ID!) {\n    site(id: $id) {\n      id pmsType availability status practiceName pmsSiteId pmsVersion haloLinkVersion authoritative\n      catalogues { name isDefault } enrichedAt heartbeatAt registeredQueries { id }\n    }\n  }\n": types.FullSiteDocument,
    "\n  mutation PairSite($input: PairSiteInput!) { pairSite(input: $input) { id practiceName pmsType authoritative } }\n": types.PairSiteDocument,
    "\n        query SiteAliases($id: ID!) {\n          a: site(id: $id) { id }\n          b: site(id: $id) { practiceName }\n          c: site(id: $id) { availability catalogues { name } }\n          d: site(id: $id) { pmsType authoritative }\n        }\n      ": types.SiteAliasesDocument,
    "\n        query SitesWithRegistered($pmsSiteId: String!) {\n          sites(pmsSiteId: $pmsSiteId, pms: BEST_PRACTICE) { id authoritative registeredQueries { id } }\n        }\n      ": types.SitesWithRegisteredDocument,
    "\n  mutation RunImmediate($input: RunQueryInput!) {\n    runImmediateQuery(input: $input) {\n      id siteId mode status isTerminal rowCount rowsAffected resultSizeBytes completedAt sqlExecutionDurationMs\n      error { type code message }\n      outputParameters { name direction type value }\n      rows\n    }\n  }\n": types.RunImmediateDocument,
    "\n  mutation SubmitAsync($input: RunQueryInput!) {\n    submitAsyncQuery(input: $input) { id siteId mode status isTerminal createdAt updatedAt completedAt maxTimeInQueueMs pages { pageNumber } rows }\n  }\n": types.SubmitAsyncDocument,
    "\n  query QueryStatus($siteId: ID!, $id: ID!) {\n    sqlQuery(siteId: $siteId, id: $id) {\n      id mode status isTerminal createdAt completedAt rowCount resultSizeBytes sqlExecutionDurationMs\n      timings { phase startTime endTime }\n      pages { pageNumber status rowCount rangeStart rangeEnd sizeBytes }\n      error { type code message }\n    }\n  }\n": types.QueryStatusDocument,
    "\n  query QueryRows($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rowCount rows } }\n": types.QueryRowsDocument,
    "\n        query TwentyQueries(\n          $a: ID!, $b: ID!, $c: ID!,\n          $q1: ID!, $q2: ID!, $q3: ID!, $q4: ID!, $q5: ID!, $q6: ID!, $q7: ID!, $q8: ID!, $q9: ID!, $q10: ID!,\n          $q11: ID!, $q12: ID!, $q13: ID!, $q14: ID!, $q15: ID!, $q16: ID!, $q17: ID!, $q18: ID!, $q19: ID!, $q20: ID!\n        ) {\n          q1: sqlQuery(siteId: $a, id: $q1) { id siteId status }\n          q2: sqlQuery(siteId: $a, id: $q2) { id siteId status }\n          q3: sqlQuery(siteId: $a, id: $q3) { id siteId status }\n          q4: sqlQuery(siteId: $a, id: $q4) { id siteId status }\n          q5: sqlQuery(siteId: $a, id: $q5) { id siteId status }\n          q6: sqlQuery(siteId: $a, id: $q6) { id siteId status }\n          q7: sqlQuery(siteId: $a, id: $q7) { id siteId status }\n          q8: sqlQuery(siteId: $b, id: $q8) { id siteId status }\n          q9: sqlQuery(siteId: $b, id: $q9) { id siteId status }\n          q10: sqlQuery(siteId: $b, id: $q10) { id siteId status }\n          q11: sqlQuery(siteId: $b, id: $q11) { id siteId status }\n          q12: sqlQuery(siteId: $b, id: $q12) { id siteId status }\n          q13: sqlQuery(siteId: $b, id: $q13) { id siteId status }\n          q14: sqlQuery(siteId: $b, id: $q14) { id siteId status }\n          q15: sqlQuery(siteId: $c, id: $q15) { id siteId status }\n          q16: sqlQuery(siteId: $c, id: $q16) { id siteId status }\n          q17: sqlQuery(siteId: $c, id: $q17) { id siteId status }\n          q18: sqlQuery(siteId: $c, id: $q18) { id siteId status }\n          q19: sqlQuery(siteId: $c, id: $q19) { id siteId status }\n          q20: sqlQuery(siteId: $c, id: $q20) { id siteId status }\n        }\n      ": types.TwentyQueriesDocument,
    "query StreamRows($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rows @stream(initialCount: 1) } }": types.StreamRowsDocument,
    "\n  subscription LiveQueryStatus($siteId: ID!, $queryId: ID!) {\n    queryStatusChanged(siteId: $siteId, queryId: $queryId) { id status isTerminal rowCount }\n  }\n": types.LiveQueryStatusDocument,
    "\n  subscription LiveQueryStatusBrief($siteId: ID!, $queryId: ID!) {\n    queryStatusChanged(siteId: $siteId, queryId: $queryId) { status }\n  }\n": types.LiveQueryStatusBriefDocument,
    "\n  subscription LiveRegisteredResults($siteId: ID!, $queryId: ID!) {\n    registeredQueryResultChanged(siteId: $siteId, queryId: $queryId) {\n      hash previousHash query { id status lastHash } result { rowCount columns rows }\n    }\n  }\n": types.LiveRegisteredResultsDocument,
    "\n  mutation LiveSubmitAsync($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id status } }\n": types.LiveSubmitAsyncDocument,
    "\n  mutation LiveCreateRegistered($input: CreateRegisteredQueryInput!) { createRegisteredQuery(input: $input) { id lastHash } }\n": types.LiveCreateRegisteredDocument,
    "\n  mutation LiveCancelRegistered($siteId: ID!, $id: ID!) { cancelRegisteredQuery(siteId: $siteId, id: $id) { id status } }\n": types.LiveCancelRegisteredDocument,
    "query LiveSiteName($id: ID!) { site(id: $id) { practiceName } }": types.LiveSiteNameDocument,
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
export function graphql(source: "\n  mutation SubmitForExport($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id } }\n"): (typeof documents)["\n  mutation SubmitForExport($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportPages($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rowCount pages { pageNumber } } }\n"): (typeof documents)["\n  query ExportPages($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rowCount pages { pageNumber } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientPage($siteId: ID!, $search: PatientSearch, $first: Int, $after: String) {\n    patients(siteId: $siteId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { id siteId resourceType } }\n    }\n  }\n"): (typeof documents)["\n  query PatientPage($siteId: ID!, $search: PatientSearch, $first: Int, $after: String) {\n    patients(siteId: $siteId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { id siteId resourceType } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientById($siteId: ID!, $id: ID!) {\n    patient(siteId: $siteId, id: $id) {\n      id siteId resourceType active gender birthDate deceasedBoolean deceasedDateTime\n      meta { lastUpdated profile }\n      identifier { system value }\n      ihi: identifier(system: \"http://ns.electronichealth.net.au/id/hi/ihi/1.0\") { system value type { text coding { system code } } }\n      name { use family given }\n      mobile: telecom(system: \"phone\", use: \"mobile\") { value }\n      address { use postalCode }\n    }\n  }\n"): (typeof documents)["\n  query PatientById($siteId: ID!, $id: ID!) {\n    patient(siteId: $siteId, id: $id) {\n      id siteId resourceType active gender birthDate deceasedBoolean deceasedDateTime\n      meta { lastUpdated profile }\n      identifier { system value }\n      ihi: identifier(system: \"http://ns.electronichealth.net.au/id/hi/ihi/1.0\") { system value type { text coding { system code } } }\n      name { use family given }\n      mobile: telecom(system: \"phone\", use: \"mobile\") { value }\n      address { use postalCode }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuBasePatients($siteId: ID!, $after: String) {\n    patients(siteId: $siteId, first: 100, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          resourceType id gender birthDate\n          identifier { system value type { coding { system code } } period { end } }\n          name { use family given }\n          address { use type text line city state postalCode country }\n          extension { url valueCoding { system code } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuBasePatients($siteId: ID!, $after: String) {\n    patients(siteId: $siteId, first: 100, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          resourceType id gender birthDate\n          identifier { system value type { coding { system code } } period { end } }\n          name { use family given }\n          address { use type text line city state postalCode country }\n          extension { url valueCoding { system code } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRegistered($input: CreateRegisteredQueryInput!) {\n    createRegisteredQuery(input: $input) {\n      id siteId name status frequencySeconds durationSeconds lastHash createdAt completedAt\n      lastError { type code message }\n      metrics { executionSucceededCount executionFailedCount lastSucceededAt lastFailedAt resultSizeSum }\n      result { rowCount sizeBytes columns rows outputParameters { name } }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateRegistered($input: CreateRegisteredQueryInput!) {\n    createRegisteredQuery(input: $input) {\n      id siteId name status frequencySeconds durationSeconds lastHash createdAt completedAt\n      lastError { type code message }\n      metrics { executionSucceededCount executionFailedCount lastSucceededAt lastFailedAt resultSizeSum }\n      result { rowCount sizeBytes columns rows outputParameters { name } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Registered($siteId: ID!, $id: ID!) {\n    registeredQuery(siteId: $siteId, id: $id) {\n      id status lastHash completedAt\n      metrics { executionSucceededCount }\n      result { rowCount rows }\n    }\n  }\n"): (typeof documents)["\n  query Registered($siteId: ID!, $id: ID!) {\n    registeredQuery(siteId: $siteId, id: $id) {\n      id status lastHash completedAt\n      metrics { executionSucceededCount }\n      result { rowCount rows }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelRegistered($siteId: ID!, $id: ID!) { cancelRegisteredQuery(siteId: $siteId, id: $id) { id status completedAt } }\n"): (typeof documents)["\n  mutation CancelRegistered($siteId: ID!, $id: ID!) { cancelRegisteredQuery(siteId: $siteId, id: $id) { id status completedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query RegisteredTwice($siteId: ID!, $id: ID!) {\n          a: registeredQuery(siteId: $siteId, id: $id) { id name }\n          b: registeredQuery(siteId: $siteId, id: $id) { status lastHash }\n        }\n      "): (typeof documents)["\n        query RegisteredTwice($siteId: ID!, $id: ID!) {\n          a: registeredQuery(siteId: $siteId, id: $id) { id name }\n          b: registeredQuery(siteId: $siteId, id: $id) { status lastHash }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query SiteRegistered($a: ID!, $b: ID!) {\n          a: site(id: $a) { registeredQueries { id siteId status frequencySeconds result { rows } } }\n          b: site(id: $b) { registeredQueries { id } }\n        }\n      "): (typeof documents)["\n        query SiteRegistered($a: ID!, $b: ID!) {\n          a: site(id: $a) { registeredQueries { id siteId status frequencySeconds result { rows } } }\n          b: site(id: $b) { registeredQueries { id } }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Pages($siteId: ID!, $id: ID!) {\n    sqlQuery(siteId: $siteId, id: $id) { status pages { pageNumber status rangeStart rangeEnd columns rows } }\n  }\n"): (typeof documents)["\n  query Pages($siteId: ID!, $id: ID!) {\n    sqlQuery(siteId: $siteId, id: $id) { status pages { pageNumber status rangeStart rangeEnd columns rows } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SubmitForPages($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id } }"): (typeof documents)["mutation SubmitForPages($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query PagesAndRows($siteId: ID!, $id: ID!) {\n          sqlQuery(siteId: $siteId, id: $id) {\n            rows\n            again: rows\n            pages { pageNumber rows columns }\n            pagesAgain: pages { rows }\n          }\n          same: sqlQuery(siteId: $siteId, id: $id) { rows }\n        }\n      "): (typeof documents)["\n        query PagesAndRows($siteId: ID!, $id: ID!) {\n          sqlQuery(siteId: $siteId, id: $id) {\n            rows\n            again: rows\n            pages { pageNumber rows columns }\n            pagesAgain: pages { rows }\n          }\n          same: sqlQuery(siteId: $siteId, id: $id) { rows }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ExpiredRows($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rowCount rows } }"): (typeof documents)["query ExpiredRows($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rowCount rows } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SitesByPms($pmsSiteId: String!, $pms: PracticeManagementSystem!) {\n    sites(pmsSiteId: $pmsSiteId, pms: $pms) { id practiceName pmsType availability status authoritative pmsSiteId catalogues { name isDefault } }\n  }\n"): (typeof documents)["\n  query SitesByPms($pmsSiteId: String!, $pms: PracticeManagementSystem!) {\n    sites(pmsSiteId: $pmsSiteId, pms: $pms) { id practiceName pmsType availability status authoritative pmsSiteId catalogues { name isDefault } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SiteById($id: ID!) { site(id: $id) { id practiceName availability heartbeatAt } }\n"): (typeof documents)["\n  query SiteById($id: ID!) { site(id: $id) { id practiceName availability heartbeatAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query SiteTwice($a: ID!, $b: ID!) { a: site(id: $a) { id } b: site(id: $a) { practiceName } z: site(id: $b) { pmsType } }\n      "): (typeof documents)["\n        query SiteTwice($a: ID!, $b: ID!) { a: site(id: $a) { id } b: site(id: $a) { practiceName } z: site(id: $b) { pmsType } }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FullSite($id: ID!) {\n    site(id: $id) {\n      id pmsType availability status practiceName pmsSiteId pmsVersion haloLinkVersion authoritative\n      catalogues { name isDefault } enrichedAt heartbeatAt registeredQueries { id }\n    }\n  }\n"): (typeof documents)["\n  query FullSite($id: ID!) {\n    site(id: $id) {\n      id pmsType availability status practiceName pmsSiteId pmsVersion haloLinkVersion authoritative\n      catalogues { name isDefault } enrichedAt heartbeatAt registeredQueries { id }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PairSite($input: PairSiteInput!) { pairSite(input: $input) { id practiceName pmsType authoritative } }\n"): (typeof documents)["\n  mutation PairSite($input: PairSiteInput!) { pairSite(input: $input) { id practiceName pmsType authoritative } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query SiteAliases($id: ID!) {\n          a: site(id: $id) { id }\n          b: site(id: $id) { practiceName }\n          c: site(id: $id) { availability catalogues { name } }\n          d: site(id: $id) { pmsType authoritative }\n        }\n      "): (typeof documents)["\n        query SiteAliases($id: ID!) {\n          a: site(id: $id) { id }\n          b: site(id: $id) { practiceName }\n          c: site(id: $id) { availability catalogues { name } }\n          d: site(id: $id) { pmsType authoritative }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query SitesWithRegistered($pmsSiteId: String!) {\n          sites(pmsSiteId: $pmsSiteId, pms: BEST_PRACTICE) { id authoritative registeredQueries { id } }\n        }\n      "): (typeof documents)["\n        query SitesWithRegistered($pmsSiteId: String!) {\n          sites(pmsSiteId: $pmsSiteId, pms: BEST_PRACTICE) { id authoritative registeredQueries { id } }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunImmediate($input: RunQueryInput!) {\n    runImmediateQuery(input: $input) {\n      id siteId mode status isTerminal rowCount rowsAffected resultSizeBytes completedAt sqlExecutionDurationMs\n      error { type code message }\n      outputParameters { name direction type value }\n      rows\n    }\n  }\n"): (typeof documents)["\n  mutation RunImmediate($input: RunQueryInput!) {\n    runImmediateQuery(input: $input) {\n      id siteId mode status isTerminal rowCount rowsAffected resultSizeBytes completedAt sqlExecutionDurationMs\n      error { type code message }\n      outputParameters { name direction type value }\n      rows\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitAsync($input: RunQueryInput!) {\n    submitAsyncQuery(input: $input) { id siteId mode status isTerminal createdAt updatedAt completedAt maxTimeInQueueMs pages { pageNumber } rows }\n  }\n"): (typeof documents)["\n  mutation SubmitAsync($input: RunQueryInput!) {\n    submitAsyncQuery(input: $input) { id siteId mode status isTerminal createdAt updatedAt completedAt maxTimeInQueueMs pages { pageNumber } rows }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueryStatus($siteId: ID!, $id: ID!) {\n    sqlQuery(siteId: $siteId, id: $id) {\n      id mode status isTerminal createdAt completedAt rowCount resultSizeBytes sqlExecutionDurationMs\n      timings { phase startTime endTime }\n      pages { pageNumber status rowCount rangeStart rangeEnd sizeBytes }\n      error { type code message }\n    }\n  }\n"): (typeof documents)["\n  query QueryStatus($siteId: ID!, $id: ID!) {\n    sqlQuery(siteId: $siteId, id: $id) {\n      id mode status isTerminal createdAt completedAt rowCount resultSizeBytes sqlExecutionDurationMs\n      timings { phase startTime endTime }\n      pages { pageNumber status rowCount rangeStart rangeEnd sizeBytes }\n      error { type code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueryRows($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rowCount rows } }\n"): (typeof documents)["\n  query QueryRows($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rowCount rows } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query TwentyQueries(\n          $a: ID!, $b: ID!, $c: ID!,\n          $q1: ID!, $q2: ID!, $q3: ID!, $q4: ID!, $q5: ID!, $q6: ID!, $q7: ID!, $q8: ID!, $q9: ID!, $q10: ID!,\n          $q11: ID!, $q12: ID!, $q13: ID!, $q14: ID!, $q15: ID!, $q16: ID!, $q17: ID!, $q18: ID!, $q19: ID!, $q20: ID!\n        ) {\n          q1: sqlQuery(siteId: $a, id: $q1) { id siteId status }\n          q2: sqlQuery(siteId: $a, id: $q2) { id siteId status }\n          q3: sqlQuery(siteId: $a, id: $q3) { id siteId status }\n          q4: sqlQuery(siteId: $a, id: $q4) { id siteId status }\n          q5: sqlQuery(siteId: $a, id: $q5) { id siteId status }\n          q6: sqlQuery(siteId: $a, id: $q6) { id siteId status }\n          q7: sqlQuery(siteId: $a, id: $q7) { id siteId status }\n          q8: sqlQuery(siteId: $b, id: $q8) { id siteId status }\n          q9: sqlQuery(siteId: $b, id: $q9) { id siteId status }\n          q10: sqlQuery(siteId: $b, id: $q10) { id siteId status }\n          q11: sqlQuery(siteId: $b, id: $q11) { id siteId status }\n          q12: sqlQuery(siteId: $b, id: $q12) { id siteId status }\n          q13: sqlQuery(siteId: $b, id: $q13) { id siteId status }\n          q14: sqlQuery(siteId: $b, id: $q14) { id siteId status }\n          q15: sqlQuery(siteId: $c, id: $q15) { id siteId status }\n          q16: sqlQuery(siteId: $c, id: $q16) { id siteId status }\n          q17: sqlQuery(siteId: $c, id: $q17) { id siteId status }\n          q18: sqlQuery(siteId: $c, id: $q18) { id siteId status }\n          q19: sqlQuery(siteId: $c, id: $q19) { id siteId status }\n          q20: sqlQuery(siteId: $c, id: $q20) { id siteId status }\n        }\n      "): (typeof documents)["\n        query TwentyQueries(\n          $a: ID!, $b: ID!, $c: ID!,\n          $q1: ID!, $q2: ID!, $q3: ID!, $q4: ID!, $q5: ID!, $q6: ID!, $q7: ID!, $q8: ID!, $q9: ID!, $q10: ID!,\n          $q11: ID!, $q12: ID!, $q13: ID!, $q14: ID!, $q15: ID!, $q16: ID!, $q17: ID!, $q18: ID!, $q19: ID!, $q20: ID!\n        ) {\n          q1: sqlQuery(siteId: $a, id: $q1) { id siteId status }\n          q2: sqlQuery(siteId: $a, id: $q2) { id siteId status }\n          q3: sqlQuery(siteId: $a, id: $q3) { id siteId status }\n          q4: sqlQuery(siteId: $a, id: $q4) { id siteId status }\n          q5: sqlQuery(siteId: $a, id: $q5) { id siteId status }\n          q6: sqlQuery(siteId: $a, id: $q6) { id siteId status }\n          q7: sqlQuery(siteId: $a, id: $q7) { id siteId status }\n          q8: sqlQuery(siteId: $b, id: $q8) { id siteId status }\n          q9: sqlQuery(siteId: $b, id: $q9) { id siteId status }\n          q10: sqlQuery(siteId: $b, id: $q10) { id siteId status }\n          q11: sqlQuery(siteId: $b, id: $q11) { id siteId status }\n          q12: sqlQuery(siteId: $b, id: $q12) { id siteId status }\n          q13: sqlQuery(siteId: $b, id: $q13) { id siteId status }\n          q14: sqlQuery(siteId: $b, id: $q14) { id siteId status }\n          q15: sqlQuery(siteId: $c, id: $q15) { id siteId status }\n          q16: sqlQuery(siteId: $c, id: $q16) { id siteId status }\n          q17: sqlQuery(siteId: $c, id: $q17) { id siteId status }\n          q18: sqlQuery(siteId: $c, id: $q18) { id siteId status }\n          q19: sqlQuery(siteId: $c, id: $q19) { id siteId status }\n          q20: sqlQuery(siteId: $c, id: $q20) { id siteId status }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StreamRows($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rows @stream(initialCount: 1) } }"): (typeof documents)["query StreamRows($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status rows @stream(initialCount: 1) } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveQueryStatus($siteId: ID!, $queryId: ID!) {\n    queryStatusChanged(siteId: $siteId, queryId: $queryId) { id status isTerminal rowCount }\n  }\n"): (typeof documents)["\n  subscription LiveQueryStatus($siteId: ID!, $queryId: ID!) {\n    queryStatusChanged(siteId: $siteId, queryId: $queryId) { id status isTerminal rowCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveQueryStatusBrief($siteId: ID!, $queryId: ID!) {\n    queryStatusChanged(siteId: $siteId, queryId: $queryId) { status }\n  }\n"): (typeof documents)["\n  subscription LiveQueryStatusBrief($siteId: ID!, $queryId: ID!) {\n    queryStatusChanged(siteId: $siteId, queryId: $queryId) { status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveRegisteredResults($siteId: ID!, $queryId: ID!) {\n    registeredQueryResultChanged(siteId: $siteId, queryId: $queryId) {\n      hash previousHash query { id status lastHash } result { rowCount columns rows }\n    }\n  }\n"): (typeof documents)["\n  subscription LiveRegisteredResults($siteId: ID!, $queryId: ID!) {\n    registeredQueryResultChanged(siteId: $siteId, queryId: $queryId) {\n      hash previousHash query { id status lastHash } result { rowCount columns rows }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LiveSubmitAsync($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id status } }\n"): (typeof documents)["\n  mutation LiveSubmitAsync($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LiveCreateRegistered($input: CreateRegisteredQueryInput!) { createRegisteredQuery(input: $input) { id lastHash } }\n"): (typeof documents)["\n  mutation LiveCreateRegistered($input: CreateRegisteredQueryInput!) { createRegisteredQuery(input: $input) { id lastHash } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LiveCancelRegistered($siteId: ID!, $id: ID!) { cancelRegisteredQuery(siteId: $siteId, id: $id) { id status } }\n"): (typeof documents)["\n  mutation LiveCancelRegistered($siteId: ID!, $id: ID!) { cancelRegisteredQuery(siteId: $siteId, id: $id) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LiveSiteName($id: ID!) { site(id: $id) { practiceName } }"): (typeof documents)["query LiveSiteName($id: ID!) { site(id: $id) { practiceName } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;