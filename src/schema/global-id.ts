/**
 * Global ids: the `id` of an object whose own id is unique only within its site (a FHIR logical id
 * is one practice's database key), made unique across sites and types, so that client caches keyed
 * by `__typename` + `id` (Apollo Client, urql's graphcache, Relay) never take two practices'
 * patients for one.
 *
 * An id is `<type prefix>_<base64url(site GUID as 16 bytes, then the local id as UTF-8)>`, e.g.
 * `pt_…` for a Patient. The `_` keeps it apart from every FHIR id (which cannot contain one), so an
 * argument taking either is never ambiguous. Clients treat it as opaque: they pass it back and
 * never parse it. It carries nothing but the two ids it is made of (no patient data).
 */
import { isGuid } from '../lib/guid.js';

/** The types with global ids, and their prefixes. */
const PREFIXES = { Patient: 'pt' } as const;

export type GlobalIdType = keyof typeof PREFIXES;

export interface GlobalId {
  type: GlobalIdType;
  /** Lower-case Halo site GUID. */
  siteId: string;
  /** The id within the site (for a Patient, its FHIR logical id). */
  localId: string;
}

const TYPES = new Map<string, GlobalIdType>(
  Object.entries(PREFIXES).map(([type, prefix]) => [prefix, type as GlobalIdType]),
);

/** The global id of `localId` on `siteId` (a GUID). */
export function encodeGlobalId(type: GlobalIdType, siteId: string, localId: string): string {
  const guid = Buffer.from(siteId.replace(/-/g, ''), 'hex');
  return `${PREFIXES[type]}_${Buffer.concat([guid, Buffer.from(localId, 'utf8')]).toString('base64url')}`;
}

/** What a global id stands for, or undefined when `id` is not one this API issued. */
export function decodeGlobalId(id: string): GlobalId | undefined {
  const underscore = id.indexOf('_');
  const type = underscore > 0 ? TYPES.get(id.slice(0, underscore)) : undefined;
  if (type === undefined) return undefined;
  const encoded = id.slice(underscore + 1);
  if (!/^[A-Za-z0-9_-]{23,}$/.test(encoded)) return undefined;
  const bytes = Buffer.from(encoded, 'base64url');
  // Only the canonical spelling: one id, one string.
  if (bytes.length <= 16 || bytes.toString('base64url') !== encoded) return undefined;
  const hex = bytes.subarray(0, 16).toString('hex');
  const siteId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const localId = bytes.subarray(16).toString('utf8');
  if (!isGuid(siteId) || localId.includes('\uFFFD')) return undefined;
  return { type, siteId, localId };
}
