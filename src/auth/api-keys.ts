/**
 * API keys. Only SHA-256 hashes of the keys are configured and held; a presented key is hashed and
 * compared with every configured hash in constant time (no early exit, so the time taken does
 * not tell which entry, if any, matched).
 *
 * Configuration (`CLIENT_KEYS`, or the file named by `CLIENT_KEYS_FILE`) is a JSON array:
 *
 * ```json
 * [{ "id": "reporting-app", "sha256": "<64 hex digits: sha256 of the key>",
 *    "sites": ["*"] | ["<site GUID>", …], "permissions": ["read", "async", "registered", "sql", "writes"] }]
 * ```
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isClientId, parsePermissions, parseSites, type Principal } from './principal.js';

/** One configured client key (the key itself is never configured, only its hash). */
export interface ClientKeyEntry {
  id: string;
  /** SHA-256 of the key, as 64 hex digits. */
  sha256: string;
  sites: '*' | ReadonlySet<string>;
  permissions: Principal['permissions'];
}

const HEX64 = /^[0-9a-f]{64}$/i;
/** Longer presented keys are refused without hashing (a real key is 32–64 characters). */
const MAX_KEY_LENGTH = 512;

/** SHA-256 of a key as lower-case hex: what `CLIENT_KEYS` stores. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * Parses and validates the `CLIENT_KEYS` JSON. Messages name the entry by position and id, never
 * a hash or a key.
 * @throws Error for invalid JSON, a missing or malformed field, or a duplicate id or hash.
 */
export function parseClientKeys(json: string, source = 'CLIENT_KEYS'): ClientKeyEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error(`${source} must be valid JSON (an array of {id, sha256, sites, permissions})`);
  }
  if (!Array.isArray(raw)) throw new Error(`${source} must be a JSON array of {id, sha256, sites, permissions}`);
  const ids = new Set<string>();
  const hashes = new Set<string>();
  return raw.map((entry: unknown, i) => {
    const where = `${source}[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new Error(`${where} must be an object`);
    const e = entry as Record<string, unknown>;
    if (typeof e['id'] !== 'string' || !isClientId(e['id']))
      throw new Error(`${where}: id must be 1–128 letters, digits or . _ : @ / + -`);
    const id = e['id'];
    if (typeof e['sha256'] !== 'string' || !HEX64.test(e['sha256'])) {
      throw new Error(
        `${where} (${id}): sha256 must be the 64 hex digits of the key's SHA-256 (store hashes, never keys)`,
      );
    }
    const sha256 = e['sha256'].toLowerCase();
    if (ids.has(id)) throw new Error(`${where}: duplicate id ${id}`);
    if (hashes.has(sha256)) throw new Error(`${where} (${id}): the same key hash is configured twice`);
    ids.add(id);
    hashes.add(sha256);
    return {
      id,
      sha256,
      sites: parseSites(e['sites'], `${where} (${id})`),
      permissions: parsePermissions(e['permissions'], `${where} (${id})`),
    };
  });
}

/** Finds the client of a presented key. */
export interface ApiKeyStore {
  /** The principal of `key`, or undefined when no configured hash matches. */
  lookup(key: string): Principal | undefined;
  readonly size: number;
}

/** Builds the lookup over configured entries (hashes decoded once). */
export function createApiKeyStore(entries: readonly ClientKeyEntry[]): ApiKeyStore {
  const table = entries.map((e) => ({
    hash: Buffer.from(e.sha256, 'hex'),
    principal: Object.freeze({
      clientId: e.id,
      sites: e.sites,
      permissions: e.permissions,
      via: 'api-key' as const,
    }) satisfies Principal,
  }));
  return {
    size: table.length,
    lookup(key) {
      if (key.length === 0 || key.length > MAX_KEY_LENGTH) return undefined;
      const presented = createHash('sha256').update(key, 'utf8').digest();
      let found: Principal | undefined;
      // Every entry is compared, matched or not.
      for (const entry of table) {
        if (timingSafeEqual(presented, entry.hash) && found === undefined) found = entry.principal;
      }
      return found;
    },
  };
}
