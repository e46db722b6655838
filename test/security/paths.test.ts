import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHaloClient, type HaloClient } from '../../src/datasources/halo-client.js';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { useSimulator } from '../../simulator/test/helpers.js';

/**
 * Below the resolvers' id checks, the datasource itself keeps every argument inside its own path
 * segment: whatever a caller passes, a request reaches Halo on the route it was meant for.
 */
describe('path segments', () => {
  const ctx = useSimulator();
  let halo: HaloClient;
  beforeAll(() => {
    halo = createHaloClient({ baseUrl: ctx.sim.url, subscriptionKey: ctx.sim.key, keepAliveTimeoutMs: 10 });
  });
  afterAll(async () => {
    await halo.close();
  });

  it.each(['x/../other-site', '../queries/async', 'x%2F..%2Fy', `${OnlineSite.id}/queries`, 'a?b=c', 'a#b'])(
    'should send %j as one segment of the getSite route',
    async (siteId) => {
      await ctx.call('DELETE', '/_sim/requests');
      await expect(halo.forRequest().getSite(siteId)).rejects.toMatchObject({
        code: expect.stringMatching(/BAD_USER_INPUT|SITE_NOT_FOUND/),
      });
      const log = (await ctx.call('GET', '/_sim/requests')).body as Array<{
        operationId: string;
        siteId: string | null;
      }>;
      expect(log).toEqual([expect.objectContaining({ operationId: 'getSite', siteId })]);
    },
  );

  it.each(['.', '..', ''])('should refuse the dot segment %j without calling Halo', async (siteId) => {
    await ctx.call('DELETE', '/_sim/requests');
    await expect(halo.forRequest().getSite(siteId)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await ctx.call('GET', '/_sim/requests')).body).toEqual([]);
  });
});
