import { initContextCache } from '@pothos/core';
import { randomBytes } from 'node:crypto';
import type { Admission } from '../auth/admission.js';
import type { Principal } from '../auth/principal.js';
import type { HaloClient } from '../datasources/halo-client.js';
import { createCursorCodec, type CursorCodec } from '../lib/cursor.js';
import {
  checkIdempotencyKey,
  createIdempotencyStore,
  type CreatedRef,
  type IdempotencyStore,
} from '../idempotency/store.js';
import type { LiveQueries } from '../subscriptions/live-queries.js';
import { AuthorizedHalo, type SharedRequestState } from './authorized-halo.js';
import { AuthorizedLive } from './authorized-live.js';

/** A billable creation, as a mutation describes it to `Context.idempotent`. */
export interface Creation<T> {
  /** Sends it, through `halo` (with a key: a datasource that the client leaving does not cancel). */
  create(halo: AuthorizedHalo): Promise<T>;
  /** What a repeat of the key needs to answer again: the created thing's site and id. */
  remember(value: T): CreatedRef;
  /** The first answer again (read from Halo through the request's datasource). */
  replay(ref: CreatedRef): Promise<T>;
  /** When the first creation's outcome was unknown: what it created since `sentAt`, if that can be found out. */
  settle?(sentAt: number, halo: AuthorizedHalo): Promise<CreatedRef | undefined>;
}

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
  /**
   * Runs a billable creation, at most once per `idempotencyKey` of this client within 24 h
   * (src/idempotency/store.ts); without a key, simply runs it. `request` is everything the key
   * stands for (a repeat with other input is BAD_USER_INPUT).
   */
  idempotent<T>(idempotencyKey: string | null | undefined, request: unknown, creation: Creation<T>): Promise<T>;
}

export interface ContextDeps {
  halo: HaloClient;
  live: LiveQueries;
  /** Authenticates the request and charges its client's rate limit. */
  admission: Admission;
  /** @default a codec with a random per-process secret (cursors then only work on this replica) */
  cursors?: CursorCodec;
  /** @default keys remembered in this process only, under a random secret */
  idempotency?: IdempotencyStore;
  /** What requests share (answers kept for `maxAgeSeconds`, usage per site, sites' PMS). @default nothing */
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
  const idempotency = deps.idempotency ?? createIdempotencyStore({ secret: randomBytes(32).toString('hex') });
  return async ({ request }: { request: Request }): Promise<Context> => {
    const principal = await deps.admission.admit(request);
    const halo = new AuthorizedHalo(deps.halo.forRequest(request.signal), principal, deps.shared, request.signal);
    return {
      // Pothos keys its loader caches on this object; initContextCache keeps them with it even when
      // yoga or graphql-ws spread the context into a new object.
      ...initContextCache(),
      halo,
      signal: request.signal,
      principal,
      cursors,
      live: new AuthorizedLive(deps.live, principal),
      idempotent(key, input, creation) {
        if (key === null || key === undefined) return creation.create(halo);
        checkIdempotencyKey(key);
        // A keyed creation runs to its end even if this client goes away: its retry gets the answer.
        const detached = new AuthorizedHalo(deps.halo.forRequest(undefined), principal, deps.shared);
        const { settle } = creation;
        return idempotency.run(
          { clientId: principal.clientId, key, request: input, signal: request.signal },
          {
            create: () => creation.create(detached),
            remember: (value) => creation.remember(value),
            replay: (ref) => creation.replay(ref),
            ...(settle ? { settle: (sentAt: number) => settle(sentAt, halo) } : {}),
          },
        );
      },
    };
  };
}
