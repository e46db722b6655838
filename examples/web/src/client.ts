import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { createClient as createWsClient } from 'graphql-ws';

/** Types that are values inside their parent, not entities: graphcache stores them embedded. */
const EMBEDDED = [
  'Catalogue',
  'StatusTiming',
  'ResultPage',
  'QueryError',
  'SqlParameter',
  'RegisteredQueryMetrics',
  'RegisteredQueryResult',
  'RegisteredQueryResultChange',
  'PatientConnection',
  'PatientEdge',
  'PageInfo',
  'HumanName',
  'ContactPoint',
  'Identifier',
  'Period',
  'CodeableConcept',
  'Coding',
  'Address',
  'Extension',
  'Element',
  'Meta',
  'Narrative',
  'Reference',
  'Attachment',
  'Quantity',
  'PatientContact',
  'PatientCommunication',
  'PatientLink',
  // Rows of named queries: values of the query that returned them.
  'Appointment',
  'AppointmentCount',
  'BilledService',
  'Condition',
  'Immunisation',
  'Investigation',
  'Medication',
  'Observation',
  'PatientRecord',
  'Provider',
  'Visit',
] as const;

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);

/**
 * The urql client: HTTP for queries and mutations, graphql-ws for subscriptions, graphcache for the
 * normalized cache. FHIR ids are unique per site only, so a Patient's key includes its siteId (as
 * does a RegisteredQuery's); Halo GUIDs (sites, SQL queries) are unique on their own.
 */
export function createClient(origin: string = location.origin): Client {
  const http = new URL('/graphql', origin);
  const ws = createWsClient({ url: http.href.replace(/^http/, 'ws'), lazy: true, retryAttempts: 3 });
  const keys: Record<string, (data: Data) => string | null> = {
    Site: (d) => str(d['id']),
    SqlQuery: (d) => str(d['id']),
    Patient: (d) => (str(d['siteId']) && str(d['id']) ? `${str(d['siteId'])}/${str(d['id'])}` : null),
    RegisteredQuery: (d) => (str(d['siteId']) && str(d['id']) ? `${str(d['siteId'])}/${str(d['id'])}` : null),
  };
  for (const type of EMBEDDED) keys[type] = () => null;
  return new Client({
    url: http.href,
    preferGetMethod: false,
    exchanges: [
      cacheExchange({ keys }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
}
