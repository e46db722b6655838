import { graphql } from '../gql/index.js';

export const LiveQueryStatus = graphql(`
  subscription LiveQueryStatus($siteId: ID!, $queryId: ID!) {
    queryStatusChanged(siteId: $siteId, queryId: $queryId) {
      id
      status
      isTerminal
      rowCount
    }
  }
`);

/** The same subscription with another selection: a distinct execution, the same watcher. */
export const LiveQueryStatusBrief = graphql(`
  subscription LiveQueryStatusBrief($siteId: ID!, $queryId: ID!) {
    queryStatusChanged(siteId: $siteId, queryId: $queryId) {
      status
    }
  }
`);

export const LiveRegisteredResults = graphql(`
  subscription LiveRegisteredResults($siteId: ID!, $queryId: ID!) {
    registeredQueryResultChanged(siteId: $siteId, queryId: $queryId) {
      hash
      previousHash
      query {
        id
        status
        lastHash
      }
      result {
        rowCount
        columns
        rows
      }
    }
  }
`);

export const LiveSubmitAsync = graphql(`
  mutation LiveSubmitAsync($input: RunQueryInput!) {
    submitAsyncQuery(input: $input) {
      id
      status
    }
  }
`);

export const LiveCreateRegistered = graphql(`
  mutation LiveCreateRegistered($input: CreateRegisteredQueryInput!) {
    createRegisteredQuery(input: $input) {
      id
      lastHash
    }
  }
`);

export const LiveCancelRegistered = graphql(`
  mutation LiveCancelRegistered($siteId: ID!, $id: ID!) {
    cancelRegisteredQuery(siteId: $siteId, id: $id) {
      id
      status
    }
  }
`);

/** Everything an async query's timeline shows: phases with their times, and page progress. */
export const LiveQueryPhases = graphql(`
  subscription LiveQueryPhases($siteId: ID!, $queryId: ID!) {
    queryStatusChanged(siteId: $siteId, queryId: $queryId) {
      status
      isTerminal
      updatedAt
      rowCount
      timings {
        phase
        startTime
        endTime
      }
      pages {
        pageNumber
        status
      }
    }
  }
`);
