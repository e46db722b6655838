/**
 * JWT client auth (jose): a bearer token signed by the identity provider's keys (JWKS), with the
 * configured issuer and audience, becomes a principal.
 *
 * | claim | meaning |
 * |---|---|
 * | `sub` | the client id (logged; letters, digits and `. _ : @ / + -`, at most 128) |
 * | `sites` (JWT_SITES_CLAIM) | `["*"]` or an array of site GUIDs; absent = no site |
 * | `permissions` (JWT_PERMISSIONS_CLAIM) | an array, or a space-separated string, of `read async registered sql writes`; others are ignored; absent = none |
 * | `exp` | required |
 *
 * Only asymmetric algorithms are accepted (a JWKS holds public keys), so an `HS256` token signed
 * with a public key as the secret, or `alg: none`, is refused.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { isClientId, parseSites, PERMISSIONS, type Permission, type Principal } from './principal.js';

/** How tokens are verified. */
export interface JwtOptions {
  /** Expected `iss`. */
  issuer: string;
  /** Expected `aud` (one of them, when the token has several). */
  audience: string;
  /** JWKS URL of the identity provider (fetched on demand, cached, refetched for an unknown `kid`). */
  jwksUrl?: string;
  /** A key set to use instead of `jwksUrl` (tests, or keys held locally). */
  keys?: JWTVerifyGetKey;
  /** @default 'sites' */
  sitesClaim?: string;
  /** @default 'permissions' */
  permissionsClaim?: string;
  /** Allowed clock skew. @default 30 */
  clockToleranceSeconds?: number;
}

/** Verifies a token and returns its principal, or undefined when it is not acceptable (for any reason). */
export type JwtVerifier = (token: string) => Promise<Principal | undefined>;

const ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];
/** Three base64url parts. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** True when `token` has the shape of a compact JWS (so it is a JWT, not an API key). */
export const looksLikeJwt = (token: string): boolean => token.length <= 16_384 && JWT_SHAPE.test(token);

/**
 * Builds the verifier. No I/O here: the JWKS is fetched on the first token.
 * @throws Error when neither `jwksUrl` nor `keys` is given, or `jwksUrl` is not an https URL (http only for loopback).
 */
export function createJwtVerifier(options: JwtOptions): JwtVerifier {
  let keys = options.keys;
  if (!keys) {
    if (!options.jwksUrl) throw new Error('JWT_JWKS_URL must be set when JWT_ISSUER is');
    const url = new URL(options.jwksUrl);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
      throw new Error('JWT_JWKS_URL must be an https URL');
    keys = createRemoteJWKSet(url, { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  }
  const getKey = keys;
  const sitesClaim = options.sitesClaim ?? 'sites';
  const permissionsClaim = options.permissionsClaim ?? 'permissions';
  return async (token) => {
    if (!looksLikeJwt(token)) return undefined;
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, getKey, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ALGORITHMS,
        clockTolerance: options.clockToleranceSeconds ?? 30,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch {
      // Expired, wrong issuer/audience/signature, JWKS unreachable: all the same to the client.
      return undefined;
    }
    const sub = payload['sub'];
    if (typeof sub !== 'string' || !isClientId(sub)) return undefined;
    let sites: Principal['sites'];
    try {
      sites = payload[sitesClaim] === undefined ? new Set() : parseSites(payload[sitesClaim], 'token');
    } catch {
      return undefined;
    }
    return Object.freeze({
      clientId: sub,
      sites,
      permissions: tokenPermissions(payload[permissionsClaim]),
      via: 'jwt' as const,
    });
  };
}

function tokenPermissions(claim: unknown): ReadonlySet<Permission> {
  const list = typeof claim === 'string' ? claim.split(/\s+/) : Array.isArray(claim) ? claim : [];
  return new Set(
    list.filter((p): p is Permission => typeof p === 'string' && (PERMISSIONS as readonly string[]).includes(p)),
  );
}
