import { createClient, type Client } from 'graphql-ws';

/** A graphql-ws client: subscriptions (and queries) over one WebSocket, `graphql-transport-ws`. */
export function createWsClient(apiUrl: string, apiKey?: string): Client {
  return createClient({
    url: `${apiUrl.replace(/^http/, 'ws')}/graphql`,
    // Browsers cannot set WebSocket headers: the key travels in connection_init's payload.
    connectionParams: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
  });
}

/** Calls `onStatus` with every status of an async query as it happens; resolves after the terminal one. */
export async function watchQueryStatus(
  client: Client,
  siteId: string,
  queryId: string,
  onStatus: (status: string) => void,
): Promise<void> {
  const events = client.iterate<{ queryStatusChanged: { status: string } }>({
    query: `subscription Watch($siteId: ID!, $queryId: ID!) {
      queryStatusChanged(siteId: $siteId, queryId: $queryId) { status isTerminal }
    }`,
    variables: { siteId, queryId },
  });
  for await (const event of events) {
    if (event.errors) throw new Error(event.errors[0]?.message);
    if (event.data) onStatus(event.data.queryStatusChanged.status);
  }
}
