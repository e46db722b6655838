import { initContextCache } from '@pothos/core';
import { randomBytes } from 'node:crypto';
import type { Admission } from '../auth/admission.js';
import type { Principal } from '../auth/principal.js';
import type { HaloClient } from '../datasources/halo-client.js';
import { createCursorCodec, type CursorCodec } from '../lib/cursor.js';
import type { LiveQueries } from '../subscriptions/live-queries.js';
import { AuthorizedHalo, type SharedRequestState } from './authorized-halo.js';
import { AuthorizedLive } from './authorized-live.js';

/** What every resolver sees. Created per request (and per subscription): loaders never outlive it. */
export interface Context {
  /**
   * The Halo datasource bound to this request's cancellation signal and limited to what the
   * principal may do: a call for a site or operation it may not use never reaches Halo.
   */
  halo: AuthorizedHalo;
  /** Aborts when the client goes away (for a subscription: when it ends). */
  signal: AbortSignal;
  /** The authenticated client: its sites and permissions. */
  principal: Principal;
  /** Signs and checks connection cursors (one secret per deployment). */
  cursors: CursorCodec;
  /** Shared watchers of async and registered queries (the source of subscription events), limited like `halo`. */
  live: LiveQueries;
}

export interface ContextDeps {
  halo: HaloClient;
  live: LiveQueries;
  /** Authenticates the request and charges its client's rate limit. */
  admission: Admission;
  /** @default a codec with a random per-process secret (cursors then only work on this replica) */
  cursors?: CursorCodec;
  /** What requests share for named queries (answers kept for `maxAgeSeconds`, sites' PMS). @default nothing */
  shared?: SharedRequestState;
}

/**
 * The yoga context factory: the request's principal, then fresh datasources and a fresh Pothos
 * loader cache per request. The graphql-ws server builds a fetch `Request` for each WebSocket
 * operation, so both transports reach this factory with the same shape.
 * @throws GraphQLError UNAUTHENTICATED or RATE_LIMITED (from the admission).
 */
export function createContextFactory(deps: ContextDeps) {
  const cursors = deps.cursors ?? createCursorCodec(randomBytes(32));
  return async ({ request }: { request: Request }): Promise<Context> => {
    const principal = await deps.admission.admit(request);
    return {
      // Pothos keys its loader caches on this object; initContextCache keeps them with it even when
      // yoga or graphql-ws spread the context into a new object.
      ...initContextCache(),
      halo: new AuthorizedHalo(deps.halo.forRequest(request.signal), principal, deps.shared),
      signal: request.signal,
      principal,
      cursors,
      live: new AuthorizedLive(deps.live, principal),
    };
  };
}
