/**
 * Patient search: filter the cached index, sort, page, and wrap the page in a searchset Bundle
 * (FHIR.md §2.7–2.8). Resources are built for the returned page only.
 *
 * Paging links (all GET URLs, as FHIR requires even for POST searches):
 * - GET search: `self`/`next`/`previous` repeat the applied parameters as received, plus
 *   `_count=N` and `_getpagesoffset=K` (K > 0). The client already put those values in a URL.
 * - POST search, and any continuation of one: `…/Patient?_getpages=<sealed token>&_count=N
 *   [&_getpagesoffset=K]`, so no searched value appears in a URL (see ./paging.ts).
 */
import { randomUUID } from 'node:crypto';
import { formatInstant } from './dates.js';
import type { Bundle, BundleLink } from './fhir-types.js';
import { badFhirRequest } from './outcome.js';
import { openSearch, sealSearch } from './paging.js';
import { patientResource } from './patient.js';
import { patientIndex } from './patient-index.js';
import {
  DEFAULT_COUNT,
  MAX_COUNT,
  PAGES_OFFSET_PARAM,
  PAGES_TOKEN_PARAM,
  comparePatients,
  parseSearch,
  type ParsedSearch,
} from './search-params.js';
import type { FhirRequest } from './types.js';

/**
 * Runs a Patient search (GET query or POST form body, or a `_getpages` continuation of either) and
 * returns the searchset Bundle: `total` (unless `_total=none`), `link` self/next/previous, and
 * `entry[]` with `fullUrl`, `resource` and `search.mode = "match"`. Throws a 400 FhirError for a bad
 * request (see parseSearch).
 */
export function searchPatients(req: FhirRequest): Bundle {
  const nowMs = req.now().getTime();
  const ctx = { nowMs };
  const outer = parseSearch(req.params, ctx);

  let search: ParsedSearch = outer;
  let token: string | undefined;
  if (outer.pagesToken !== undefined) {
    if (outer.applied.length > 0) {
      throw badFhirRequest(
        `The "${PAGES_TOKEN_PARAM}" parameter cannot be combined with search or sort parameters; follow the Bundle links as given.`,
      );
    }
    const sealed = openSearch(req.site.id, outer.pagesToken);
    if (!sealed)
      throw badFhirRequest(
        `The "${PAGES_TOKEN_PARAM}" continuation is not valid for this site (it may be from an earlier simulator run).`,
      );
    search = parseSearch(sealed, ctx);
    token = outer.pagesToken;
  } else if (req.method === 'POST') {
    token = sealSearch(req.site.id, outer.applied);
  }

  const count = Math.min(outer.count ?? DEFAULT_COUNT, MAX_COUNT);
  const offset = outer.offset ?? 0;

  const index = patientIndex(req.db, req.site);
  const matches = index.patients.filter((p) => search.predicates.every((pred) => pred(p)));
  matches.sort(comparePatients(search.sort));
  const page = count === 0 ? [] : matches.slice(offset, offset + count);

  const base = `${req.baseUrl}/Patient`;
  const linkAt = (at: number): string => {
    const q = new URLSearchParams();
    if (token !== undefined) q.append(PAGES_TOKEN_PARAM, token);
    else for (const [name, value] of search.applied) q.append(name, value);
    q.append('_count', String(count));
    if (at > 0) q.append(PAGES_OFFSET_PARAM, String(at));
    return `${base}?${q.toString()}`;
  };
  const link: BundleLink[] = [{ relation: 'self', url: linkAt(offset) }];
  if (count > 0 && offset > 0) link.push({ relation: 'previous', url: linkAt(Math.max(0, offset - count)) });
  if (count > 0 && offset + count < matches.length) link.push({ relation: 'next', url: linkAt(offset + count) });

  const bundle: Bundle = {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { lastUpdated: formatInstant(nowMs) },
    type: 'searchset',
  };
  if (search.total !== 'none') bundle.total = matches.length;
  bundle.link = link;
  if (page.length > 0) {
    bundle.entry = page.map((p) => ({
      fullUrl: `${base}/${encodeURIComponent(p.record.id)}`,
      resource: patientResource(p.record),
      search: { mode: 'match' as const },
    }));
  }
  return bundle;
}
