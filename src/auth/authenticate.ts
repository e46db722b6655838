/**
 * Client authentication: request headers → principal.
 *
 * Credentials: `Authorization: Bearer <API key or JWT>` or `X-Api-Key: <API key>` (over WebSocket,
 * the same names in `connection_init`'s payload). With neither API keys nor JWT configured the
 * server runs open (development with the embedded simulator only; `config.ts` refuses it in front
 * of a real Halo) and every request gets the open principal.
 */
import type { GraphQLError } from 'graphql';
import { apiError } from '../errors/api-errors.js';
import { createApiKeyStore, type ClientKeyEntry } from './api-keys.js';
import { createJwtVerifier, looksLikeJwt, type JwtOptions } from './jwt.js';
import { openPrincipal, type Principal } from './principal.js';

/** What client auth accepts. Both may be configured at once. */
export interface ClientAuthConfig {
  /** Configured API keys (hashes). */
  keys?: readonly ClientKeyEntry[];
  /** JWT verification. */
  jwt?: JwtOptions;
}

export interface Authenticator {
  /** `open`: no client auth configured (development only). */
  readonly mode: 'open' | 'enforced';
  /**
   * The principal of the request's credentials.
   * @throws GraphQLError UNAUTHENTICATED (HTTP 401) when credentials are missing, malformed or unknown.
   */
  authenticate(headers: Headers): Promise<Principal>;
}

/** UNAUTHENTICATED with HTTP 401 and a `WWW-Authenticate` challenge; the same for every cause. */
export function unauthenticated(): GraphQLError {
  return apiError(
    'UNAUTHENTICATED',
    'Authentication is required: send an API key (Authorization: Bearer, or X-Api-Key) or a valid token.',
    {
      http: { status: 401, headers: { 'www-authenticate': 'Bearer realm="halo-graphql"' } },
    },
  );
}

/** The credential a request presents, if exactly one is presented. */
export function presentedCredential(
  headers: Headers,
): { kind: 'bearer' | 'api-key'; value: string } | 'none' | 'invalid' {
  const authorization = headers.get('authorization');
  const apiKey = headers.get('x-api-key');
  let bearer: string | undefined;
  if (authorization !== null) {
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (!m?.[1]) return 'invalid';
    bearer = m[1];
  }
  if (apiKey !== null && (apiKey.trim() === '' || apiKey.includes(','))) return 'invalid';
  if (bearer !== undefined && apiKey !== null && bearer !== apiKey.trim()) return 'invalid';
  if (bearer !== undefined) return { kind: 'bearer', value: bearer };
  if (apiKey !== null) return { kind: 'api-key', value: apiKey.trim() };
  return 'none';
}

/**
 * Builds the authenticator.
 * @param open The open-mode principal's write permission (ALLOW_WRITES); ignored when auth is configured.
 */
export function createAuthenticator(
  config: ClientAuthConfig,
  open: { allowWrites: boolean } = { allowWrites: false },
): Authenticator {
  const keys = config.keys && config.keys.length > 0 ? createApiKeyStore(config.keys) : undefined;
  const jwt = config.jwt ? createJwtVerifier(config.jwt) : undefined;
  if (!keys && !jwt) {
    const principal = openPrincipal(open.allowWrites);
    return { mode: 'open', authenticate: async () => principal };
  }
  return {
    mode: 'enforced',
    async authenticate(headers) {
      const credential = presentedCredential(headers);
      if (typeof credential === 'string') throw unauthenticated();
      let principal: Principal | undefined;
      if (jwt && credential.kind === 'bearer' && looksLikeJwt(credential.value))
        principal = await jwt(credential.value);
      principal ??= keys?.lookup(credential.value);
      if (!principal) throw unauthenticated();
      return principal;
    },
  };
}
