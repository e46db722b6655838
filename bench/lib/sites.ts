/**
 * Extra simulator sites for load scenarios: small D4w practices with distinct GUIDs, so that
 * concurrent requests for "one entity" can each be a different entity (identical concurrent reads
 * are shared by the façade, which would flatter its cost per operation).
 */
import { D4wSite, stableUuid, type SiteFixture } from '../../simulator/src/fixtures.js';

export function benchSites(n: number): SiteFixture[] {
  return Array.from({ length: n }, (_, i) =>
    Object.freeze({
      ...D4wSite,
      key: `bench-${i}`,
      id: stableUuid(`bench-${i}`),
      pmsSiteId: String(40_000 + i),
      practiceName: `Bench Dental ${i}`,
      patients: 10,
      seed: 50_000 + i,
    }),
  );
}
