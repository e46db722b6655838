import { initContextCache } from '@pothos/core';
import type { HaloClient, HaloDataSource } from './datasources/halo-client.js';

/** What every resolver sees. Created per request (and per subscription): loaders never outlive it. */
export interface Context {
  /** The Halo datasource bound to this request's cancellation signal. */
  halo: HaloDataSource;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  /** Whether this caller may run NON_QUERY commands (writes on the practice database). */
  allowWrites: boolean;
}

export interface ContextDeps {
  halo: HaloClient;
  allowWrites: boolean;
}

/** The yoga context factory: fresh datasources and a fresh Pothos loader cache per request. */
export function createContextFactory(deps: ContextDeps) {
  return ({ request }: { request: Request }): Context => ({
    // Pothos keys its loader caches on this object; initContextCache keeps them with it even when
    // yoga or graphql-ws spread the context into a new object.
    ...initContextCache(),
    halo: deps.halo.forRequest(request.signal),
    signal: request.signal,
    allowWrites: deps.allowWrites,
  });
}
