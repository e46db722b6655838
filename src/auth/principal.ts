/**
 * Who is calling, and what they may do: the principal every request carries in its context.
 *
 * A principal is built once per request (or WebSocket operation) by the authenticator from an API
 * key, a JWT or, in development with the embedded simulator only, the open-mode default. Nothing
 * else creates one.
 */
import { isGuid } from '../lib/guid.js';

/**
 * What a client may do. `sql` is needed in addition for every command whose SQL the client sends
 * (raw SQL, as opposed to the catalogue's named queries); `writes` in addition for NON_QUERY
 * commands and stored procedures.
 */
export const PERMISSIONS = ['read', 'async', 'registered', 'sql', 'writes'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** An authenticated client. */
export interface Principal {
  /** A stable, non-secret name of the client (key id or JWT subject); logged, so never a key. */
  readonly clientId: string;
  /** Site GUIDs (lower case) the client may see, or every site. */
  readonly sites: '*' | ReadonlySet<string>;
  readonly permissions: ReadonlySet<Permission>;
  /** How it authenticated. */
  readonly via: 'open' | 'api-key' | 'jwt';
}

const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,127}$/;

/** True when `clientId` is a safe, loggable client name. */
export const isClientId = (value: string): boolean => CLIENT_ID.test(value);

/** True when the principal may see `siteId` (a GUID; compared case-insensitively). */
export function canSeeSite(principal: Principal, siteId: string): boolean {
  return principal.sites === '*' || principal.sites.has(siteId.toLowerCase());
}

/**
 * The development principal: every site and every permission (raw SQL included) but `writes`,
 * which follows `allowWrites`. Used only when no client auth is configured and Halo is the
 * embedded simulator.
 */
export function openPrincipal(allowWrites: boolean): Principal {
  return Object.freeze({
    clientId: 'anonymous',
    sites: '*' as const,
    permissions: new Set<Permission>(allowWrites ? PERMISSIONS : ['read', 'async', 'registered', 'sql']),
    via: 'open' as const,
  });
}

/**
 * Parses a `sites` list (`["*"]` or GUIDs) from configuration or a token claim.
 * @throws Error naming `where` when the list is not an array of `"*"` or GUIDs.
 */
export function parseSites(value: unknown, where: string): '*' | ReadonlySet<string> {
  if (!Array.isArray(value) || value.some((s) => typeof s !== 'string'))
    throw new Error(`${where}: sites must be an array of site GUIDs or ["*"]`);
  const list = value as string[];
  if (list.includes('*')) {
    if (list.length !== 1) throw new Error(`${where}: sites must be ["*"] alone or a list of site GUIDs`);
    return '*';
  }
  for (const s of list) if (!isGuid(s)) throw new Error(`${where}: every site must be a Halo GUID (a UUID)`);
  return new Set(list.map((s) => s.toLowerCase()));
}

/**
 * Parses a `permissions` list from configuration or a token claim (an array, or a space-separated
 * string as OAuth scopes are).
 * @throws Error naming `where` for an unknown permission.
 */
export function parsePermissions(value: unknown, where: string): ReadonlySet<Permission> {
  const list = typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : value;
  if (!Array.isArray(list) || list.some((p) => typeof p !== 'string'))
    throw new Error(`${where}: permissions must be an array of ${PERMISSIONS.join(', ')}`);
  const out = new Set<Permission>();
  for (const p of list as string[]) {
    if (!(PERMISSIONS as readonly string[]).includes(p))
      throw new Error(`${where}: unknown permission (allowed: ${PERMISSIONS.join(', ')})`);
    out.add(p as Permission);
  }
  return out;
}
