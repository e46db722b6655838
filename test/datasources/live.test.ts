/**
 * Read-only smoke test against a real Halo environment. Skipped unless HALO_LIVE=1 with
 * HALO_API_URL and HALO_SUBSCRIPTION_KEY (and optionally HALO_LIVE_PMS_SITE_ID / HALO_LIVE_PMS_NAME
 * to look a practice up). It never creates queries (they are billable and run on a practice).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createHaloClient, type HaloClient } from '../../src/datasources/halo-client.js';
import type { PracticeManagementName } from '../../src/datasources/types.js';

const live =
  process.env['HALO_LIVE'] === '1' && !!process.env['HALO_API_URL'] && !!process.env['HALO_SUBSCRIPTION_KEY'];

describe.skipIf(!live)('Halo live (read-only)', () => {
  let client: HaloClient | undefined;
  const halo = () =>
    (client ??= createHaloClient({
      baseUrl: process.env['HALO_API_URL']!,
      subscriptionKey: process.env['HALO_SUBSCRIPTION_KEY']!,
    }));
  afterAll(async () => {
    await client?.close();
  });

  it('should answer getSites with a list', async () => {
    const pmsSiteId = process.env['HALO_LIVE_PMS_SITE_ID'] ?? '12345';
    const pmsName = (process.env['HALO_LIVE_PMS_NAME'] ?? 'Best Practice') as PracticeManagementName;
    const { sites = [] } = await halo()
      .forRequest()
      .getSites({ practiceManagementSiteId: pmsSiteId, practiceManagementName: pmsName });
    expect(Array.isArray(sites)).toBe(true);
    for (const site of sites) expect(typeof site.id).toBe('string');
  });

  it('should map an unknown site GUID to SITE_NOT_FOUND (or a gateway refusal)', async () => {
    const error = await halo()
      .forRequest()
      .getSite('00000000-0000-4000-8000-000000000000')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'HaloApiError' });
    expect(['SITE_NOT_FOUND', 'UPSTREAM_ERROR', 'BAD_USER_INPUT']).toContain((error as { code: string }).code);
  });

  it('should read the FHIR CapabilityStatement of a paired site when HALO_LIVE_SITE_ID is set', async ({ skip }) => {
    const siteId = process.env['HALO_LIVE_SITE_ID'];
    if (!siteId) return skip();
    const statement = await halo().forRequest().getFhirQuery(siteId, 'metadata');
    expect(statement.resourceType).toBe('CapabilityStatement');
  });
});
