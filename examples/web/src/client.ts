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
] as const;

/**
 * The urql client: HTTP for queries and mutations, graphql-ws for subscriptions, graphcache for the
 * normalized cache. Entities need no keys of their own: every `id` the API returns is unique across
 * sites (Patient.id included), so graphcache's default `__typename:id` is right. Value types are
 * only declared embedded, which spares the development build a warning per type.
 */
export function createClient(origin: string = location.origin): Client {
  const http = new URL('/graphql', origin);
  const ws = createWsClient({ url: http.href.replace(/^http/, 'ws'), lazy: true, retryAttempts: 3 });
  const keys = Object.fromEntries(EMBEDDED.map((type) => [type, () => null]));
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
