/**
 * Which practice management system each site runs, as Halo last reported it (`getSite`). A Halo
 * GUID names one PMS database, so a site's PMS does not change: remembering it lets a named query
 * pick its statement without reading the site again (`site(id) { appointments(…) }` then costs one
 * Halo call, not two). In this process only; bounded.
 */
import type { PmsType, SiteForIntegrator } from '../datasources/types.js';

export class SitePmsTypes {
  private readonly known = new Map<string, PmsType>();

  constructor(private readonly maxEntries = 10_000) {}

  /** Remembers the PMS Halo reported for the site (nothing when it reported none). */
  remember(siteId: string, site: SiteForIntegrator): void {
    const pmsType = site.pmsType ?? site.practiceMetadata?.pmsType;
    if (pmsType === undefined) return;
    const key = siteId.toLowerCase();
    if (this.known.get(key) === pmsType) return;
    this.known.set(key, pmsType);
    if (this.known.size > this.maxEntries) this.known.delete(this.known.keys().next().value!);
  }

  get(siteId: string): PmsType | undefined {
    return this.known.get(siteId.toLowerCase());
  }
}
