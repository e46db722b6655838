/**
 * Halo's timestamps are UTC; one sent without a zone is read as UTC everywhere (the DateTime
 * scalar, Site.enrichedAt/heartbeatAt, RegisteredQueryMetrics), whatever this server's time zone.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { toInstant } from '../../src/lib/instant.js';
import { graphql } from '../gql/index.js';
import { useApp } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';

const zone = process.env.TZ;
beforeAll(() => {
  // A server in Sydney: Date.parse would read a zone-less timestamp 10 or 11 hours off.
  process.env.TZ = 'Australia/Sydney';
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('toInstant', () => {
  it('should read a timestamp without a zone as UTC in a server far from UTC', () => {
    expect(new Date('2026-03-05T14:30:00').getTimezoneOffset()).toBe(-660);
    expect(toInstant('2026-03-05T14:30:00')).toBe('2026-03-05T14:30:00.000Z');
    expect(toInstant('2026-03-05T14:30:00.25')).toBe('2026-03-05T14:30:00.250Z');
    expect(toInstant('2026-03-05T14:30:00+10:00')).toBe('2026-03-05T04:30:00.000Z');
    expect(toInstant('2026-03-05T14:30:00Z')).toBe('2026-03-05T14:30:00.000Z');
  });

  it('should refuse what is not an ISO date-time', () => {
    expect(toInstant(undefined)).toBeUndefined();
    expect(toInstant('2026-03-05')).toBeUndefined();
    expect(toInstant('2026-02-30T10:00:00Z')).toBeUndefined();
    expect(toInstant('yesterday')).toBeUndefined();
  });
});

describe('timestamps in the schema', () => {
  const ctx = useApp();
  const SiteTimes = graphql(`
    query SiteTimes($id: ID!) {
      site(id: $id) {
        enrichedAt
        heartbeatAt
      }
    }
  `);

  it('should answer Site.enrichedAt and heartbeatAt without a zone as the same instant in UTC', async () => {
    const forRequest = ctx.app.halo.forRequest.bind(ctx.app.halo);
    const spy = vi.spyOn(ctx.app.halo, 'forRequest').mockImplementation((signal, options) => {
      const ds = forRequest(signal, options);
      return Object.assign(Object.create(ds) as typeof ds, {
        getSite: async (siteId: string) => ({
          ...(await ds.getSite(siteId)),
          enrichedAt: '2026-03-05T14:30:00',
          heartbeatTimestampUTC: '2026-03-05T23:59:59.5',
        }),
      });
    });
    try {
      const res = await execute(ctx.app, SiteTimes, { id: OnlineSite.id });
      expect(res.errors).toBeUndefined();
      expect(res.data?.site).toEqual({
        enrichedAt: '2026-03-05T14:30:00.000Z',
        heartbeatAt: '2026-03-05T23:59:59.500Z',
      });
    } finally {
      spy.mockRestore();
    }
  });
});
