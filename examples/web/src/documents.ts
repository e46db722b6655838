import { graphql } from './gql/index.js';

export const SiteLookup = graphql(`
  query SiteLookup($pmsSiteId: String!, $pms: PracticeManagementSystem!) {
    sites(pmsSiteId: $pmsSiteId, pms: $pms) {
      id
      pmsType
      practiceName
      availability
      status
      authoritative
      pmsVersion
      catalogues {
        name
        isDefault
      }
    }
  }
`);

export const RunImmediate = graphql(`
  mutation RunImmediate($input: RunQueryInput!) {
    runImmediateQuery(input: $input) {
      id
      siteId
      status
      rowCount
      sqlExecutionDurationMs
      rows
      error {
        type
        code
        message
      }
    }
  }
`);

export const SubmitAsync = graphql(`
  mutation SubmitAsync($input: RunQueryInput!) {
    submitAsyncQuery(input: $input) {
      id
      siteId
      status
      createdAt
      updatedAt
    }
  }
`);

export const WatchQueryStatus = graphql(`
  subscription WatchQueryStatus($siteId: ID!, $queryId: ID!) {
    queryStatusChanged(siteId: $siteId, queryId: $queryId) {
      id
      siteId
      status
      isTerminal
      updatedAt
      rowCount
      resultSizeBytes
      timings {
        phase
        startTime
        endTime
      }
      pages {
        pageNumber
        status
        rowCount
      }
      error {
        type
        code
        message
      }
    }
  }
`);

export const QueryPages = graphql(`
  query QueryPages($siteId: ID!, $id: ID!) {
    sqlQuery(siteId: $siteId, id: $id) {
      id
      siteId
      status
      isTerminal
      updatedAt
      rowCount
      pages {
        pageNumber
        status
        rowCount
      }
      error {
        type
        code
        message
      }
    }
  }
`);

export const FirstResultPage = graphql(`
  query FirstResultPage($siteId: ID!, $id: ID!) {
    sqlQuery(siteId: $siteId, id: $id) {
      id
      siteId
      rowCount
      pages {
        pageNumber
        status
        rowCount
        columns
        rows
      }
    }
  }
`);

export const SearchPatients = graphql(`
  query SearchPatients($siteId: ID!, $search: PatientSearch, $first: Int, $after: String) {
    patients(siteId: $siteId, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          fhirId
          siteId
          active
          gender
          birthDate
          name {
            use
            family
            given
          }
          telecom {
            system
            value
          }
        }
      }
    }
  }
`);

/** The practice's providers: a named query (typed rows, no SQL from the browser). */
export const Providers = graphql(`
  query Providers($siteId: ID!) {
    site(id: $siteId) {
      id
      providers {
        userId
        title
        firstname
        surname
      }
    }
  }
`);

/** A day's appointment book, live: the rows at once, then again each time they change at the practice. */
export const AppointmentBook = graphql(`
  subscription AppointmentBook($siteId: ID!, $day: Date!, $provider: String) {
    appointmentsChanged(siteId: $siteId, from: $day, to: $day, provider: $provider) {
      patientId
      patientName
      startTime
      durationMinutes
      provider
      type
      status
      urgent
    }
  }
`);
