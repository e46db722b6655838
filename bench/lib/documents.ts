/** The GraphQL operations the benchmark sends (to the façade and to the bare graphql-js baseline). */

/** One entity, one upstream call (`getSite`). */
export const SITE_QUERY = /* GraphQL */ `
  query Site($id: ID!) {
    site(id: $id) {
      id
      pmsType
      availability
      status
      practiceName
      pmsSiteId
      authoritative
      heartbeatAt
    }
  }
`;

/** A 20-item list with nested objects: `getSite` + `getRegisteredQueries`, two upstream calls. */
export const LIST_QUERY = /* GraphQL */ `
  query SiteRegisteredQueries($id: ID!) {
    site(id: $id) {
      id
      practiceName
      registeredQueries {
        id
        siteId
        name
        status
        frequencySeconds
        durationSeconds
        lastHash
        createdAt
        metrics {
          executionSucceededCount
          executionFailedCount
          lastSucceededAt
          lastExecutionDurationMs
        }
        lastError {
          type
          code
          message
        }
      }
    }
  }
`;

/** `n` aliased `sqlQuery` fields (one batch-status call per site per 100 ids), nested two levels. */
export function sqlQueriesDocument(refs: ReadonlyArray<{ siteId: string; id: string }>): string {
  const fields = refs.map(
    (r, i) =>
      `q${i}: sqlQuery(siteId: "${r.siteId}", id: "${r.id}") { id status isTerminal timings { phase startTime } pages { pageNumber status } }`,
  );
  return `{\n${fields.join('\n')}\n}`;
}

/** Registered queries of a site with their latest result: Halo has no batch read for results. */
export const LIST_WITH_RESULTS_QUERY = /* GraphQL */ `
  query SiteRegisteredResults($id: ID!) {
    site(id: $id) {
      id
      registeredQueries {
        id
        name
        result {
          rowCount
        }
      }
    }
  }
`;

export const ROWS_QUERY = /* GraphQL */ `
  query Rows($siteId: ID!, $id: ID!) {
    sqlQuery(siteId: $siteId, id: $id) {
      rowCount
      rows
    }
  }
`;
