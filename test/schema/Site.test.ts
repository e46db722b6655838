import { beforeEach, describe, expect, it } from 'vitest';
import { BackupSite, OnlineSite, ZedmedSite } from '../../src/simulator/fixtures.js';
import { graphql } from '../gql/index.js';
import { useApp } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';

const ctx = useApp();
beforeEach(async () => {
  ctx.sim.reset();
});

const SitesByPms = graphql(`
  query SitesByPms($pmsSiteId: String!, $pms: PracticeManagementSystem!) {
    sites(pmsSiteId: $pmsSiteId, pms: $pms) { id practiceName pmsType availability status authoritative pmsSiteId catalogues { name isDefault } }
  }
`);

const SiteById = graphql(`
  query SiteById($id: ID!) { site(id: $id) { id practiceName availability heartbeatAt } }
`);

describe('Site', () => {
  it('should list both sites that share a PMS id', async () => {
    const res = await execute(ctx.app, SitesByPms, { pmsSiteId: '10001', pms: 'BEST_PRACTICE' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.sites.map((s) => [s.id, s.practiceName, s.authoritative, s.availability])).toEqual([
      [OnlineSite.id, 'Halo Clinic North', true, 'ONLINE'],
      [BackupSite.id, 'Halo Clinic North (backup server)', false, 'ONLINE'],
    ]);
    expect(res.data?.sites[0]?.catalogues).toEqual([
      { name: 'BPSPatients', isDefault: true },
      { name: 'BPSDrugs', isDefault: false },
    ]);
  });

  it('should answer SITE_NOT_FOUND for an unknown site and BAD_USER_INPUT for a non-GUID', async () => {
    const unknown = await execute(ctx.app, SiteById, { id: '3f91c577-0000-4000-8000-000000000000' });
    expect(unknown.data?.site).toBeNull();
    expect(unknown.errors?.[0]?.extensions?.code).toBe('SITE_NOT_FOUND');
    await ctx.clearRequests();
    const bad = await execute(ctx.app, SiteById, { id: 'x/../other-site' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should load a site once however often it is selected', async () => {
    await ctx.clearRequests();
    const res = await execute(
      ctx.app,
      graphql(`
        query SiteTwice($a: ID!, $b: ID!) { a: site(id: $a) { id } b: site(id: $a) { practiceName } z: site(id: $b) { pmsType } }
      `),
      { a: OnlineSite.id, b: ZedmedSite.id },
    );
    expect(res.data).toEqual({ a: { id: OnlineSite.id }, b: { practiceName: 'Halo Clinic North' }, z: { pmsType: 'ZEDMED' } });
    expect((await ctx.upstreamCalls('getSite')).length).toBe(2);
  });
});
