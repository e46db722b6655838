/**
 * Admission: authenticate a request and charge its client's rate limit, once per request object
 * (the HTTP gate and the context factory may both ask; a WebSocket operation is its own request).
 */
import type { GraphQLError } from 'graphql';
import { apiError } from '../errors/api-errors.js';
import type { RateLimiter } from '../security/rate-limit.js';
import type { Authenticator } from './authenticate.js';
import type { Principal } from './principal.js';

export interface Admission {
  readonly mode: Authenticator['mode'];
  /**
   * The request's principal (authenticated and charged once per request).
   * @throws GraphQLError UNAUTHENTICATED (401) or RATE_LIMITED (429, `retryAfterSeconds`).
   */
  admit(request: Request): Promise<Principal>;
  /** As `admit`, for a request that is not a fetch `Request` (the export endpoint); not memoized. */
  admitHeaders(headers: Headers): Promise<Principal>;
  /** Checks credentials only (no rate charge): for a WebSocket's `connection_init`. */
  authenticate(headers: Headers): Promise<Principal>;
}

/** RATE_LIMITED for this server's own per-client limit, with HTTP 429 and `Retry-After`. */
export function clientRateLimited(retryAfterSeconds: number): GraphQLError {
  return apiError('RATE_LIMITED', 'Too many requests from this client. Try again later.', {
    retryAfterSeconds,
    http: { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } },
  });
}

/** Combines the authenticator and the optional rate limiter. */
export function createAdmission(authenticator: Authenticator, limiter?: RateLimiter): Admission {
  const admitted = new WeakMap<Request, Promise<Principal>>();
  const run = async (headers: Headers): Promise<Principal> => {
    const principal = await authenticator.authenticate(headers);
    if (limiter) {
      const decision = await limiter.take(principal.clientId);
      if (!decision.ok) throw clientRateLimited(decision.retryAfterSeconds);
    }
    return principal;
  };
  return {
    mode: authenticator.mode,
    authenticate: (headers) => authenticator.authenticate(headers),
    admitHeaders: run,
    admit(request) {
      let p = admitted.get(request);
      if (!p) {
        p = run(request.headers);
        admitted.set(request, p);
      }
      return p;
    },
  };
}
