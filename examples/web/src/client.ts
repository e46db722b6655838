import { Client, fetchExchange, makeOperation, mapExchange, subscriptionExchange } from '@urql/core';
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

/**
 * Every document is sent with its hash from codegen's manifest (`src/gql/persisted-documents.json`),
 * and with its text: a server with TRUSTED_DOCUMENTS=require runs the manifest's copy (the text is
 * ignored), and one with trusted documents off runs the text, so the app works with either. The
 * hash is read before graphcache, which forwards operations of its own making (without the
 * document's `__meta__` or extensions), and sent after it. (`miss` tells urql to send the text too.)
 */
const readDocumentHash = mapExchange({
  onOperation(operation) {
    const hash = (operation.query as { __meta__?: { hash?: string } }).__meta__?.hash;
    return hash ? makeOperation(operation.kind, operation, { documentHash: hash }) : operation;
  },
});
const sendDocumentHash = mapExchange({
  onOperation(operation) {
    const hash: unknown = operation.context['documentHash'];
    if (typeof hash !== 'string') return operation;
    const persistedQuery = { version: 1 as const, sha256Hash: hash.replace(/^sha256:/, ''), miss: true };
    return makeOperation(operation.kind, { ...operation, extensions: { ...operation.extensions, persistedQuery } });
  },
});

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
      readDocumentHash,
      cacheExchange({ keys }),
      sendDocumentHash,
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
