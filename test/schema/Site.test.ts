import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackupSite, OfflineSite, OnlineSite, UnreachableSite, ZedmedSite } from '../../simulator/src/fixtures.js';
import { graphql } from '../gql/index.js';
import { useApp } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';
import { callCounts, injectFault } from '../helpers/halo.js';

const ctx = useApp();
beforeEach(async () => {
  ctx.sim.reset();
});

const SitesByPms = graphql(`
  query SitesByPms($pmsSiteId: String!, $pms: PracticeManagementSystem!) {
    sites(pmsSiteId: $pmsSiteId, pms: $pms) {
      id
      practiceName
      pmsType
      availability
      status
      authoritative
      pmsSiteId
      catalogues {
        name
        isDefault
      }
    }
  }
`);

const SiteById = graphql(`
  query SiteById($id: ID!) {
    site(id: $id) {
      id
      practiceName
      availability
      heartbeatAt
    }
  }
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
        query SiteTwice($a: ID!, $b: ID!) {
          a: site(id: $a) {
            id
          }
          b: site(id: $a) {
            practiceName
          }
          z: site(id: $b) {
            pmsType
          }
        }
      `),
      { a: OnlineSite.id, b: ZedmedSite.id },
    );
    expect(res.data).toEqual({
      a: { id: OnlineSite.id },
      b: { practiceName: 'Halo Clinic North' },
      z: { pmsType: 'ZEDMED' },
    });
    expect((await ctx.upstreamCalls('getSite')).length).toBe(2);
  });
});

const FullSite = graphql(`
  query FullSite($id: ID!) {
    site(id: $id) {
      id
      pmsType
      availability
      status
      practiceName
      pmsSiteId
      pmsVersion
      haloLinkVersion
      authoritative
      catalogues {
        name
        isDefault
      }
      enrichedAt
      heartbeatAt
      registeredQueries {
        id
      }
    }
  }
`);

const PairSite = graphql(`
  mutation PairSite($input: PairSiteInput!) {
    pairSite(input: $input) {
      id
      practiceName
      pmsType
      authoritative
    }
  }
`);

describe('site', () => {
  it('should return every field of a site', async () => {
    const res = await execute(ctx.app, FullSite, { id: OnlineSite.id });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      site: {
        id: OnlineSite.id,
        pmsType: 'BEST_PRACTICE',
        availability: 'ONLINE',
        status: 'ACTIVE',
        practiceName: 'Halo Clinic North',
        pmsSiteId: '10001',
        pmsVersion: '1.14.2.1234',
        haloLinkVersion: '26.619.10213',
        authoritative: true,
        catalogues: [
          { name: 'BPSPatients', isDefault: true },
          { name: 'BPSDrugs', isDefault: false },
        ],
        enrichedAt: '2025-06-01T00:00:00.000Z',
        // The simulator reports an online site's last heartbeat 15 s ago.
        heartbeatAt: new Date(ctx.sim.clock.now() - 15_000).toISOString(),
        registeredQueries: [],
      },
    });
  });

  it('should show offline and unreachable sites as such', async () => {
    const offline = await execute(ctx.app, SiteById, { id: OfflineSite.id });
    const unreachable = await execute(ctx.app, SiteById, { id: UnreachableSite.id });
    expect([offline.data?.site?.availability, unreachable.data?.site?.availability]).toEqual([
      'OFFLINE',
      'UNREACHABLE',
    ]);
    expect([offline.data?.site?.practiceName, unreachable.data?.site?.practiceName]).toEqual([
      'Halo Clinic South',
      'Halo Clinic West',
    ]);
  });

  it('should call getSite once for one site under several aliases', async () => {
    await ctx.clearRequests();
    const res = await execute(
      ctx.app,
      graphql(`
        query SiteAliases($id: ID!) {
          a: site(id: $id) {
            id
          }
          b: site(id: $id) {
            practiceName
          }
          c: site(id: $id) {
            availability
            catalogues {
              name
            }
          }
          d: site(id: $id) {
            pmsType
            authoritative
          }
        }
      `),
      { id: OnlineSite.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      a: { id: OnlineSite.id },
      b: { practiceName: 'Halo Clinic North' },
      c: { availability: 'ONLINE', catalogues: [{ name: 'BPSPatients' }, { name: 'BPSDrugs' }] },
      d: { pmsType: 'BEST_PRACTICE', authoritative: true },
    });
    expect(await callCounts(ctx)).toEqual({ getSite: 1 });
  });

  it('should answer RATE_LIMITED with retryAfterSeconds when Halo keeps answering 429', async () => {
    await injectFault(ctx, { operationId: 'getSite', status: 429, retryAfterSeconds: 120, count: 5 });
    const res = await execute(ctx.app, SiteById, { id: OnlineSite.id });
    expect(res.data).toEqual({ site: null });
    expect(res.errors?.map((e) => [e.path, e.message, e.extensions])).toEqual([
      [['site'], 'Halo is rate limiting requests. Try again later.', { code: 'RATE_LIMITED', retryAfterSeconds: 120 }],
    ]);
    // Waiting 120 s would outlast the deadline: no retry.
    expect(await callCounts(ctx)).toEqual({ getSite: 1 });
  });

  it('should retry a 429 that may be retried at once, and answer RATE_LIMITED when the retries are used up', async () => {
    await injectFault(ctx, { operationId: 'getSite', status: 429, retryAfterSeconds: 0, count: 5 });
    const res = await execute(ctx.app, SiteById, { id: OnlineSite.id });
    expect(res.errors?.map((e) => e.extensions)).toEqual([{ code: 'RATE_LIMITED', retryAfterSeconds: 0 }]);
    expect(await callCounts(ctx)).toEqual({ getSite: 2 });
  });

  it('should answer UPSTREAM_ERROR when Halo sends a malformed body', async () => {
    await injectFault(ctx, { operationId: 'getSite', body: 'malformed', count: 3 });
    const res = await execute(ctx.app, SiteById, { id: OnlineSite.id });
    expect(res.data).toEqual({ site: null });
    expect(res.errors?.map((e) => [e.message, e.extensions])).toEqual([
      ['Halo answered with an unexpected error.', { code: 'UPSTREAM_ERROR' }],
    ]);
  });

  it('should mask an unexpected resolver error: no message, no stack', async () => {
    const forRequest = ctx.app.halo.forRequest.bind(ctx.app.halo);
    const spy = vi.spyOn(ctx.app.halo, 'forRequest').mockImplementation((signal, options) => {
      const ds = forRequest(signal, options);
      // The datasource's methods are on its prototype: override one, keep the rest.
      return Object.assign(Object.create(ds) as typeof ds, {
        getSite: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'SECRET-9c1e')")),
      });
    });
    try {
      const res = await execute(ctx.app, SiteById, { id: OnlineSite.id });
      expect(res.data).toEqual({ site: null });
      // yoga's masked error: its own code, no originalError, no stack, nothing of the message.
      expect(res.errors).toEqual([
        {
          message: 'Unexpected error.',
          locations: [expect.any(Object)],
          path: ['site'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ]);
      expect(JSON.stringify(res)).not.toMatch(/SECRET|TypeError|stack/);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('sites', () => {
  it('should list the sites of a Zedmed database id, and none for an unknown id', async () => {
    const zedmed = await execute(ctx.app, SitesByPms, { pmsSiteId: '20001', pms: 'ZEDMED' });
    expect(zedmed.data?.sites).toEqual([
      {
        id: ZedmedSite.id,
        practiceName: 'Zedmed Family Practice',
        pmsType: 'ZEDMED',
        availability: 'ONLINE',
        status: 'ACTIVE',
        authoritative: true,
        pmsSiteId: '20001',
        catalogues: [
          { name: 'Zedmed', isDefault: true },
          { name: 'ZedmedAudit', isDefault: false },
        ],
      },
    ]);
    const none = await execute(ctx.app, SitesByPms, { pmsSiteId: '99999', pms: 'D4W' });
    expect(none).toEqual({ data: { sites: [] } });
  });

  it("should keep every site when one site's registered queries cannot be read", async () => {
    const res = await execute(
      ctx.app,
      graphql(`
        query SitesWithRegistered($pmsSiteId: String!) {
          sites(pmsSiteId: $pmsSiteId, pms: BEST_PRACTICE) {
            id
            authoritative
            registeredQueries {
              id
            }
          }
        }
      `),
      { pmsSiteId: '10001' },
    );
    // Halo refuses queries (and their lists) on a backup server: that site's list is null, with an error.
    expect(res.data?.sites).toEqual([
      { id: OnlineSite.id, authoritative: true, registeredQueries: [] },
      { id: BackupSite.id, authoritative: false, registeredQueries: null },
    ]);
    expect(res.errors?.map((e) => [e.path, e.extensions])).toEqual([
      [['sites', 1, 'registeredQueries'], { code: 'NOT_AUTHORITATIVE', authoritativeSiteId: OnlineSite.id }],
    ]);
  });

  it('should refuse an empty pmsSiteId with BAD_USER_INPUT without calling Halo', async () => {
    await ctx.clearRequests();
    const res = await execute(ctx.app, SitesByPms, { pmsSiteId: ' ', pms: 'BEST_PRACTICE' });
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(await ctx.upstreamCalls()).toEqual([]);
  });
});

describe('pairSite', () => {
  it('should pair a Best Practice site with its pairing code and return the authoritative site', async () => {
    const res = await execute(ctx.app, PairSite, {
      input: { pmsSiteId: '10001', pms: 'BEST_PRACTICE', pairingCode: 'ABC123' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.pairSite).toEqual({
      id: OnlineSite.id,
      practiceName: 'Halo Clinic North',
      pmsType: 'BEST_PRACTICE',
      authoritative: true,
    });
    expect(await callCounts(ctx)).toEqual({ Integrator_PairSite: 1 });
  });

  it('should pair a Zedmed site without a code', async () => {
    const res = await execute(ctx.app, PairSite, { input: { pmsSiteId: '20001', pms: 'ZEDMED' } });
    expect(res.data?.pairSite).toEqual({
      id: ZedmedSite.id,
      practiceName: 'Zedmed Family Practice',
      pmsType: 'ZEDMED',
      authoritative: true,
    });
  });

  it('should refuse Best Practice without a pairing code with BAD_USER_INPUT, without calling Halo', async () => {
    const res = await execute(ctx.app, PairSite, { input: { pmsSiteId: '10001', pms: 'BEST_PRACTICE' } });
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'pairingCode is required for Best Practice.'],
    ]);
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should answer BAD_USER_INPUT when Halo refuses the pairing code, without echoing it', async () => {
    const res = await execute(ctx.app, PairSite, {
      input: { pmsSiteId: '10001', pms: 'BEST_PRACTICE', pairingCode: 'WRONG-CANARY' },
    });
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'Halo rejected the request as invalid.'],
    ]);
    expect(JSON.stringify(res)).not.toContain('CANARY');
    expect(await callCounts(ctx)).toEqual({ Integrator_PairSite: 1 });
  });

  it('should answer SITE_NOT_FOUND for an unknown practice management id', async () => {
    const res = await execute(ctx.app, PairSite, { input: { pmsSiteId: '99999', pms: 'ZEDMED' } });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['SITE_NOT_FOUND']);
  });
});
