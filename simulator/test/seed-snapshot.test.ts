import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { D4wSite, OnlineSite, ZedmedSite, type SiteFixture } from '../src/fixtures.js';
import {
  clearSiteDatabaseCache,
  closeAll,
  openSiteDatabases,
  siteDatabaseImages,
} from '../src/db/open-site-database.js';
import { useSeedSnapshot, writeSeedSnapshot } from '../src/db/seed-snapshot.js';

/** One site of each PMS. */
const SITES: readonly SiteFixture[] = [OnlineSite, ZedmedSite, D4wSite];

const dirs: string[] = [];
function snapshotDir(sites: readonly SiteFixture[] = SITES): string {
  const dir = mkdtempSync(join(tmpdir(), 'halo-seed-'));
  dirs.push(dir);
  writeSeedSnapshot(dir, sites);
  return dir;
}

/** Schema, row count per table and every row, per catalogue. */
function describeDatabases(dbs: Map<string, Database.Database>) {
  return [...dbs].map(([catalogue, db]) => {
    const schema = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all() as Array<{
      type: string;
      name: string;
    }>;
    const tables = schema.filter((s) => s.type === 'table').map((s) => s.name);
    return {
      catalogue,
      schema,
      counts: Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get()])),
      rows: Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()])),
    };
  });
}

afterEach(() => clearSiteDatabaseCache());
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('seed snapshot', () => {
  it('opens databases equal to a fresh seed, for a site of each PMS', () => {
    const dir = snapshotDir();
    for (const site of SITES) {
      clearSiteDatabaseCache();
      const fresh = openSiteDatabases(site);
      const freshImages = siteDatabaseImages(site);
      clearSiteDatabaseCache();
      expect(useSeedSnapshot(dir)).toBe(SITES.length);
      // The cache now holds the snapshot's images, not a new seed: the very bytes of the files.
      const images = siteDatabaseImages(site);
      expect(images.map(([name]) => name)).toEqual(site.catalogues.map((c) => c.name));
      for (const [i, [name, image]] of images.entries()) {
        expect(freshImages[i]?.[0]).toBe(name);
        expect(Buffer.compare(image, freshImages[i]![1]), `${site.key}/${name} image`).toBe(0);
      }
      const fromSnapshot = openSiteDatabases(site);
      const expected = describeDatabases(fresh);
      const actual = describeDatabases(fromSnapshot);
      expect(actual.map((d) => d.counts)).toEqual(expected.map((d) => d.counts));
      expect(Object.values(actual[0]!.counts).some((n) => Number(n) > 0)).toBe(true);
      expect(actual).toEqual(expected);
      closeAll(fresh);
      closeAll(fromSnapshot);
    }
  });

  it('seeds as before when there is no snapshot', () => {
    expect(useSeedSnapshot(join(tmpdir(), 'halo-seed-does-not-exist'))).toBe(0);
    const dbs = openSiteDatabases(OnlineSite);
    expect(dbs.get('BPSPatients')!.prepare('SELECT COUNT(*) FROM PATIENTS').pluck().get()).toBeGreaterThan(0);
    closeAll(dbs);
  });

  it('seeds a site whose spec is not in the snapshot, and one whose image is damaged', () => {
    const dir = snapshotDir([OnlineSite, ZedmedSite]);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      entries: Array<{ files: Array<{ file: string }> }>;
    };
    truncateSync(join(dir, manifest.entries[1]!.files[0]!.file), 100);
    expect(useSeedSnapshot(dir)).toBe(1);

    // Another seed: not what the snapshot was seeded for.
    const other: SiteFixture = { ...OnlineSite, seed: OnlineSite.seed + 1, patients: 50 };
    clearSiteDatabaseCache();
    const expectedOther = describeDatabases(openSiteDatabases(other));
    const expectedZedmed = describeDatabases(openSiteDatabases(ZedmedSite));
    clearSiteDatabaseCache();
    useSeedSnapshot(dir);
    expect(describeDatabases(openSiteDatabases(other))).toEqual(expectedOther);
    expect(describeDatabases(openSiteDatabases(ZedmedSite))).toEqual(expectedZedmed);
  });

  it('ignores a snapshot in another format', () => {
    const dir = snapshotDir([D4wSite]);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 999, entries: [] }));
    expect(useSeedSnapshot(dir)).toBe(0);
  });
});
