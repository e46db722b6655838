import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';

/**
 * Apollo Client on halo-graphql: queries and mutations over HTTP (POST), subscriptions over
 * graphql-ws. The default InMemoryCache needs no typePolicies: every `id` is unique across sites.
 */
export function createApolloClient(apiUrl: string, apiKey?: string): ApolloClient {
  const authorization: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  const http = new HttpLink({ uri: `${apiUrl}/graphql`, headers: authorization });
  const ws = new GraphQLWsLink(
    createClient({ url: `${apiUrl.replace(/^http/, 'ws')}/graphql`, connectionParams: authorization }),
  );
  const isSubscription = ({ query }: ApolloLink.Operation) => {
    const definition = getMainDefinition(query);
    return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
  };
  return new ApolloClient({ link: ApolloLink.split(isSubscription, ws, http), cache: new InMemoryCache() });
}
