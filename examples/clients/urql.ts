import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { createClient } from 'graphql-ws';

/**
 * urql on halo-graphql, with graphcache's normalized cache (no `keys` needed: every `id` is unique
 * across sites) and subscriptions over graphql-ws.
 */
export function createUrqlClient(apiUrl: string, apiKey?: string): Client {
  const authorization: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  const ws = createClient({ url: `${apiUrl.replace(/^http/, 'ws')}/graphql`, connectionParams: authorization });
  return new Client({
    url: `${apiUrl}/graphql`,
    // Operations are POST only: a GET would put search values (names, birth dates) in URLs, and so
    // in proxy and browser logs. urql sends queries as GET by default ('within-url-limit').
    preferGetMethod: false,
    fetchOptions: { headers: authorization },
    exchanges: [
      cacheExchange(),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
}
