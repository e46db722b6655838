import { graphql } from '../gql/index.js';

export const CachedPatient = graphql(`
  query CachedPatient($siteId: ID!, $id: ID!) {
    patient(siteId: $siteId, id: $id) {
      id
      fhirId
      siteId
      name {
        family
        given
      }
    }
  }
`);

export const CachedSite = graphql(`
  query CachedSite($id: ID!) {
    site(id: $id) {
      id
      practiceName
    }
  }
`);

export const CachedImmediate = graphql(`
  mutation CachedImmediate($input: RunQueryInput!) {
    runImmediateQuery(input: $input) {
      id
      siteId
      status
      rows
    }
  }
`);

export const CachedRegistered = graphql(`
  mutation CachedRegistered($input: CreateRegisteredQueryInput!) {
    createRegisteredQuery(input: $input) {
      id
      siteId
      name
    }
  }
`);

export const CachedSubmit = graphql(`
  mutation CachedSubmit($input: RunQueryInput!) {
    submitAsyncQuery(input: $input) {
      id
      siteId
      status
    }
  }
`);

export const CachedStatus = graphql(`
  subscription CachedStatus($siteId: ID!, $queryId: ID!) {
    queryStatusChanged(siteId: $siteId, queryId: $queryId) {
      id
      siteId
      status
      isTerminal
    }
  }
`);
