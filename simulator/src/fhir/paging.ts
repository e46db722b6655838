/**
 * Opaque continuation tokens for paging links of POST searches.
 *
 * A POST search keeps patient data out of URLs (Halo's reason for offering it), so its `self` and
 * `next` links cannot repeat the search values. Instead the search (filters, `_sort`, `_total`) is
 * sealed with AES-256-GCM under a per-process random key, with the site id as associated data, and
 * the link is `…/Patient?_getpages=<token>&_count=N&_getpagesoffset=K`.
 *
 * Why sealed rather than a server-side map: no state to bound or expire, any number of concurrent
 * searches, and the ciphertext reveals nothing (a signed-but-readable token would still put names
 * and dates of birth in URLs). A token only works on the site it was made for and dies with the
 * process; a bad or foreign token is a 400. Paging is by offset over the live data, as a SQL-backed
 * façade would be, so rows written between pages can shift later pages.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { RawParam } from './search-params.js';

let processKey: Buffer | undefined;
const keyOf = (): Buffer => (processKey ??= randomBytes(32));

const IV_BYTES = 12;
const TAG_BYTES = 16;
const aad = (siteId: string): Buffer => Buffer.from(`halo-simulator:fhir-pages:v1:${siteId}`, 'utf8');

/** Seals a search's applied parameters into a URL-safe token bound to `siteId`. */
export function sealSearch(siteId: string, params: readonly RawParam[]): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(), iv);
  cipher.setAAD(aad(siteId));
  const body = Buffer.concat([cipher.update(JSON.stringify(params), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The parameters sealed in `token` for `siteId`, or `undefined` when it is not a valid token for that site. */
export function openSearch(siteId: string, token: string): RawParam[] | undefined {
  if (!/^[A-Za-z0-9_-]{40,16384}$/.test(token)) return undefined;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(), raw.subarray(0, IV_BYTES));
    decipher.setAAD(aad(siteId));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return undefined;
    const out: RawParam[] = [];
    for (const item of parsed) {
      if (!Array.isArray(item) || item.length !== 2 || typeof item[0] !== 'string' || typeof item[1] !== 'string')
        return undefined;
      out.push([item[0], item[1]]);
    }
    return out;
  } catch {
    return undefined;
  }
}
