import { createHmac } from 'node:crypto';

/** A site reference: `s` and 12 hex digits. */
export const SITE_REF_PATTERN = /^s[0-9a-f]{12}$/;

/**
 * A stable pseudonym for a site, for places that must tell sites apart without naming them (metric
 * labels): a keyed hash of the site GUID, the same in every replica that shares `secret`, and not
 * reversible without it (not even by hashing a list of candidate GUIDs). The log line of a breaker
 * transition carries both, so an operator can map one to the other.
 */
export function createSiteRef(secret: string): (siteId: string) => string {
  const cache = new Map<string, string>();
  return (siteId) => {
    const id = siteId.toLowerCase();
    let ref = cache.get(id);
    if (ref === undefined) {
      ref = `s${createHmac('sha256', `site-ref\n${secret}`).update(id).digest('hex').slice(0, 12)}`;
      if (cache.size >= 10_000) cache.clear();
      cache.set(id, ref);
    }
    return ref;
  };
}
