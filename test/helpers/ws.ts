import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type FormattedExecutionResult } from 'graphql';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client of the app at `baseUrl` (http://host:port): no retries, so failures show. */
export function wsClient(baseUrl: string, options: Partial<ClientOptions> = {}): Client {
  return createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    ...options,
  });
}

export interface LiveSubscription<T> {
  /** Every result received so far. */
  readonly results: Array<FormattedExecutionResult<T>>;
  /** The next result not yet returned by `next()` (waits for it). */
  next(): Promise<FormattedExecutionResult<T>>;
  /** Resolves when the server completes the subscription; rejects with what the sink's error got. */
  readonly done: Promise<void>;
  /** Completes it from the client side. */
  unsubscribe(): void;
}

/** Subscribes with a typed document and records what arrives. */
export function subscribe<T, V>(client: Client, document: TypedDocumentNode<T, V>, variables: V): LiveSubscription<T> {
  const results: Array<FormattedExecutionResult<T>> = [];
  let waiters: Array<() => void> = [];
  let cursor = 0;
  let settled = false;
  let failure: { error: unknown } | undefined;
  const wake = () => {
    const w = waiters;
    waiters = [];
    for (const fn of w) fn();
  };
  let resolveDone!: () => void;
  let rejectDone!: (e: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  done.catch(() => undefined);
  const unsubscribe = client.subscribe<T>(
    { query: print(document), variables: variables as Record<string, unknown> },
    {
      next: (r) => {
        results.push(r as FormattedExecutionResult<T>);
        wake();
      },
      error: (e) => {
        settled = true;
        failure = { error: e };
        rejectDone(e);
        wake();
      },
      complete: () => {
        settled = true;
        resolveDone();
        wake();
      },
    },
  );
  return {
    results,
    done,
    unsubscribe,
    async next() {
      while (results.length <= cursor) {
        if (settled)
          throw failure ? failure.error : new Error(`subscription completed after ${results.length} results`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
      return results[cursor++]!;
    },
  };
}
