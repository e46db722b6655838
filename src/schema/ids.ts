import { badUserInput } from '../errors/api-errors.js';
import { isGuid } from '../lib/guid.js';

/** Halo GUIDs are UUIDs: anything else is refused before it can reach an upstream URL. */
export function requireGuid(value: string, argument: string): string {
  if (!isGuid(value)) throw badUserInput(`${argument} must be a Halo GUID (a UUID).`, { argument });
  return value.toLowerCase();
}

/** Composite loader keys (siteId + id); both parts are validated GUIDs, so `/` cannot occur in them. */
export const siteScopedKey = (siteId: string, id: string) => `${siteId}/${id}`;
export function splitSiteScopedKey(key: string): [siteId: string, id: string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
