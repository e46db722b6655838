/**
 * The seed snapshot: the seeded database images of the default sites, written once by the build
 * (`scripts/build.mjs` → dist/seed/) so a start deserializes them (a few ms) instead of seeding
 * (several hundred ms). Without a snapshot (tests and `npm run dev` run src/), sites are seeded
 * as before. Images are keyed by what seeding depends on (`siteImageKey`: PMS, seed, patient
 * count, catalogues), so a site whose spec differs from every snapshot entry is seeded too.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SITES } from '../fixtures.js';
import {
  primeSiteDatabaseImages,
  siteDatabaseImages,
  siteImageKey,
  type SiteDatabaseSpec,
} from './open-site-database.js';

const MANIFEST = 'manifest.json';
const FORMAT = 2;

interface Manifest {
  format: number;
  entries: Array<{
    site: SiteDatabaseSpec;
    /** One file per catalogue, in fixture order. */
    files: Array<{ catalogue: string; file: string; bytes: number }>;
  }>;
}

/** Seeds `sites` (default: the fixtures) and writes their images and a manifest into `dir`. */
export function writeSeedSnapshot(dir: string, sites: readonly SiteDatabaseSpec[] = DEFAULT_SITES): void {
  mkdirSync(dir, { recursive: true });
  const manifest: Manifest = { format: FORMAT, entries: [] };
  const seen = new Set<string>();
  for (const site of sites) {
    const key = siteImageKey(site);
    if (seen.has(key)) continue;
    seen.add(key);
    const n = manifest.entries.length;
    const files = siteDatabaseImages(site).map(([catalogue, image], i) => {
      const file = `${n}-${i}.sqlite`;
      writeFileSync(join(dir, file), image);
      return { catalogue, file, bytes: image.length };
    });
    const { pmsType, seed, patients, catalogues } = site;
    manifest.entries.push({
      site: { pmsType, seed, patients, catalogues: catalogues.map((c) => ({ name: c.name, isDefault: c.isDefault })) },
      files,
    });
  }
  writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest, null, 1));
}

/**
 * Hands the images in `dir` to the database cache, so the sites they were seeded for open from
 * them. Returns how many sites it covers: 0 when `dir` holds no snapshot (or one this code cannot
 * read), in which case every site is seeded at open as without a snapshot.
 */
export function useSeedSnapshot(dir: string | URL): number {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(path, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return 0;
  }
  if (manifest.format !== FORMAT || !Array.isArray(manifest.entries)) return 0;
  let used = 0;
  for (const { site, files } of manifest.entries) {
    try {
      if (files.length !== site.catalogues.length) continue;
      const images = files.map(({ catalogue, file, bytes }, i) => {
        const image = readFileSync(join(path, file));
        if (image.length !== bytes || catalogue !== site.catalogues[i]?.name)
          throw new Error('snapshot entry does not match its manifest');
        return [catalogue, image] as const;
      });
      primeSiteDatabaseImages(site, images);
      used++;
    } catch {
      // A missing or truncated image: that site is seeded at open instead.
    }
  }
  return used;
}
