import { initContextCache } from '@pothos/core';
import { randomBytes } from 'node:crypto';
import type { HaloClient, HaloDataSource } from './datasources/halo-client.js';
import { createCursorCodec, type CursorCodec } from './schema/cursor.js';
import type { LiveQueries } from './subscriptions/live-queries.js';

/** What every resolver sees. Created per request (and per subscription): loaders never outlive it. */
export interface Context {
  /** The Halo datasource bound to this request's cancellation signal. */
  halo: HaloDataSource;
  /** Aborts when the client goes away (for a subscription: when it ends). */
  signal: AbortSignal;
  /** Whether this caller may run NON_QUERY commands (writes on the practice database). */
  allowWrites: boolean;
  /** Signs and checks connection cursors (one secret per deployment). */
  cursors: CursorCodec;
  /** Shared watchers of async and registered queries: the source of subscription events. */
  live: LiveQueries;
}

export interface ContextDeps {
  halo: HaloClient;
  allowWrites: boolean;
  live: LiveQueries;
  /** @default a codec with a random per-process secret (cursors then only work on this replica) */
  cursors?: CursorCodec;
}

/**
 * The yoga context factory: fresh datasources and a fresh Pothos loader cache per request. The
 * graphql-ws server builds a fetch `Request` for each WebSocket operation, so both transports
 * reach this factory with the same shape.
 */
export function createContextFactory(deps: ContextDeps) {
  const cursors = deps.cursors ?? createCursorCodec(randomBytes(32));
  return ({ request }: { request: Request }): Context => ({
    // Pothos keys its loader caches on this object; initContextCache keeps them with it even when
    // yoga or graphql-ws spread the context into a new object.
    ...initContextCache(),
    halo: deps.halo.forRequest(request.signal),
    signal: request.signal,
    allowWrites: deps.allowWrites,
    cursors,
    live: deps.live,
  });
}
