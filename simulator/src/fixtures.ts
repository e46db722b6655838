import { createHash } from 'node:crypto';

/** `pmsType` as Halo spells it in SiteForIntegrator. */
export type PmsType = 'BestPractice' | 'Zedmed' | 'D4w';
/** `practiceManagementName` as Halo spells it in query strings (with a space for Best Practice). */
export type PracticeManagementName = 'Best Practice' | 'Zedmed' | 'D4w';
export type SiteAvailability = 'online' | 'offline' | 'unreachable';
export type SiteStatus = 'initialising' | 'active' | 'removed' | 'uninstalled';

export const PMS_NAME_TO_TYPE: Readonly<Record<PracticeManagementName, PmsType>> = {
  'Best Practice': 'BestPractice',
  Zedmed: 'Zedmed',
  D4w: 'D4w',
};
export const PMS_TYPE_TO_NAME: Readonly<Record<PmsType, PracticeManagementName>> = {
  BestPractice: 'Best Practice',
  Zedmed: 'Zedmed',
  D4w: 'D4w',
};

export interface SiteFixture {
  /** Stable name used to derive the GUID and to refer to the fixture in tests. */
  key: string;
  id: string;
  pmsType: PmsType;
  pmsSiteId: string;
  practiceName: string;
  availability: SiteAvailability;
  status: SiteStatus;
  authoritative: boolean;
  fhirEnabled: boolean;
  pmsVersion: string;
  haloLinkVersion: string;
  catalogues: ReadonlyArray<{ name: string; isDefault: boolean }>;
  /** Number of seeded patients in this site's database. */
  patients: number;
  /** Seed for this site's synthetic data. */
  seed: number;
}

/** A UUID (v5 layout) derived from a fixture key, so site GUIDs are the same on every run. */
export function stableUuid(key: string): string {
  const h = createHash('sha1').update(`halo-graphql-simulator:${key}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The catalogue names are inferred: Halo does not publish them (DOMAIN.md §1.1). */
const BP_CATALOGUES = [
  { name: 'BPSPatients', isDefault: true },
  { name: 'BPSDrugs', isDefault: false },
] as const;
const ZEDMED_CATALOGUES = [
  { name: 'Zedmed', isDefault: true },
  { name: 'ZedmedAudit', isDefault: false },
] as const;
const D4W_CATALOGUES = [{ name: 'D4W', isDefault: true }] as const;

function site(f: Omit<SiteFixture, 'id'>): SiteFixture {
  return Object.freeze({ ...f, id: stableUuid(f.key) });
}

/** The default fixtures of docs/API.md. */
export const OnlineSite = site({
  key: 'bp-north',
  pmsType: 'BestPractice',
  pmsSiteId: '10001',
  practiceName: 'Halo Clinic North',
  availability: 'online',
  status: 'active',
  authoritative: true,
  fhirEnabled: true,
  pmsVersion: '1.14.2.1234',
  haloLinkVersion: '26.619.10213',
  catalogues: BP_CATALOGUES,
  patients: 2000,
  seed: 10001,
});

export const BackupSite = site({
  key: 'bp-north-backup',
  pmsType: 'BestPractice',
  pmsSiteId: '10001',
  practiceName: 'Halo Clinic North (backup server)',
  availability: 'online',
  status: 'active',
  authoritative: false,
  fhirEnabled: true,
  pmsVersion: '1.14.2.1234',
  haloLinkVersion: '26.619.10213',
  catalogues: BP_CATALOGUES,
  patients: 200,
  seed: 10011,
});

export const OfflineSite = site({
  key: 'bp-south',
  pmsType: 'BestPractice',
  pmsSiteId: '10002',
  practiceName: 'Halo Clinic South',
  availability: 'offline',
  status: 'active',
  authoritative: true,
  fhirEnabled: true,
  pmsVersion: '1.13.0.988',
  haloLinkVersion: '25.1210.7669',
  catalogues: BP_CATALOGUES,
  patients: 200,
  seed: 10002,
});

export const UnreachableSite = site({
  key: 'bp-west',
  pmsType: 'BestPractice',
  pmsSiteId: '10003',
  practiceName: 'Halo Clinic West',
  availability: 'unreachable',
  status: 'active',
  authoritative: true,
  fhirEnabled: true,
  pmsVersion: '1.13.0.988',
  haloLinkVersion: '25.1210.7669',
  catalogues: BP_CATALOGUES,
  patients: 200,
  seed: 10003,
});

/** A second FHIR site: its internal ids (and so FHIR ids) overlap North's, with other people behind them. */
export const EastSite = site({
  key: 'bp-east',
  pmsType: 'BestPractice',
  pmsSiteId: '10004',
  practiceName: 'Halo Clinic East',
  availability: 'online',
  status: 'active',
  authoritative: true,
  fhirEnabled: true,
  pmsVersion: '1.14.2.1234',
  haloLinkVersion: '26.619.10213',
  catalogues: BP_CATALOGUES,
  patients: 500,
  seed: 10004,
});

export const ZedmedSite = site({
  key: 'zedmed-family',
  pmsType: 'Zedmed',
  pmsSiteId: '20001',
  practiceName: 'Zedmed Family Practice',
  availability: 'online',
  status: 'active',
  authoritative: true,
  fhirEnabled: false,
  pmsVersion: '36.9.2',
  haloLinkVersion: '26.619.10213',
  catalogues: ZEDMED_CATALOGUES,
  patients: 300,
  seed: 20001,
});

export const D4wSite = site({
  key: 'd4w-smile',
  pmsType: 'D4w',
  pmsSiteId: '30001',
  practiceName: 'Smile Dental',
  availability: 'online',
  status: 'active',
  authoritative: true,
  fhirEnabled: false,
  pmsVersion: '10.2.1',
  haloLinkVersion: '26.619.10213',
  catalogues: D4W_CATALOGUES,
  patients: 300,
  seed: 30001,
});

export const DEFAULT_SITES: readonly SiteFixture[] = Object.freeze([
  OnlineSite,
  BackupSite,
  OfflineSite,
  UnreachableSite,
  EastSite,
  ZedmedSite,
  D4wSite,
]);

/** The Best Practice pairing code every fixture accepts. */
export const PAIRING_CODE = 'ABC123';
/** The simulator's default subscription key. */
export const DEFAULT_SUBSCRIPTION_KEY = 'dev-key';
/** The integrator id the simulator reports on every query (one simulated integrator). */
export const INTEGRATOR_ID = stableUuid('integrator');
