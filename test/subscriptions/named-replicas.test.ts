/**
 * A live named query across replicas (Redis): subscribers on two replicas, joining at the same
 * moment, share one Halo registered query; it stays while either replica has a subscriber and is
 * cancelled when the last one, on whichever replica, leaves.
 */
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/app.js';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { hasRedisServer } from '../helpers/redis.js';
import { useReplicas } from '../helpers/replicas.js';
import { subscribe, wsClient } from '../helpers/ws.js';
import { AppointmentsChanged } from './named-documents.js';

const siteId = OnlineSite.id;
const DAY = { siteId, from: '2026-03-02', to: '2026-03-02' };

describe.skipIf(!hasRedisServer())('a live named query on several replicas', () => {
  const ctx = useReplicas({
    subscriptions: {
      leaseTtlMs: 900,
      registeredMinPollIntervalMs: 50,
      registeredMaxPollIntervalMs: 100,
      sharedRegistrationGraceMs: 0,
    },
  });
  const replicas: Array<{ app: App; client: Client }> = [];
  beforeAll(() => {
    for (const name of ['a', 'b'] as const) replicas.push({ app: ctx.apps[name], client: wsClient(ctx.urls[name]) });
  });
  // Runs before the replicas stop (after-hooks run last registered first).
  afterAll(async () => {
    for (const { client } of replicas) await client?.dispose();
  });

  const registered = async () =>
    (await ctx.call('GET', `/integrator/sites/${siteId}/queries/registered`)).body.registeredQueries as Array<{
      id: string;
      status: string;
    }>;
  const upstream = async (operationId: string) =>
    ((await ctx.call('GET', '/_sim/requests')).body as Array<{ operationId: string }>).filter(
      (c) => c.operationId === operationId,
    );

  it('should share one registered query between replicas, and cancel it when the last subscriber leaves', async () => {
    const [a, b] = replicas as [{ app: App; client: Client }, { app: App; client: Client }];
    const onA = subscribe(a.client, AppointmentsChanged, DAY);
    const onB = subscribe(b.client, AppointmentsChanged, DAY);
    const [first, firstB] = await Promise.all([onA.next(), onB.next()]);
    expect(firstB.data).toEqual(first.data);
    const rows = first.data!.appointmentsChanged;
    expect(rows.length).toBeGreaterThan(20);
    expect(await upstream('createRegisteredQuery')).toHaveLength(1);
    const [query, ...others] = await registered();
    expect(others).toEqual([]);

    // A change at the practice reaches both replicas' subscribers.
    await ctx.call('POST', '/_sim/sql', {
      body: {
        siteId,
        sql: "INSERT INTO APPOINTMENTS (AppointmentDate, AppointmentTime, AppointmentLength, UserID, InternalID, LocationID) VALUES ('2026-03-02T00:00:00', 61200, 900, 1, 42, 1)",
      },
    });
    await ctx.call('POST', `/_sim/registered/${query!.id}/run`);
    for (const sub of [onA, onB]) expect((await sub.next()).data!.appointmentsChanged).toHaveLength(rows.length + 1);

    // a's subscriber leaves: b still has one, so the registration stays.
    onA.unsubscribe();
    await vi.waitFor(() => expect(a.app.live.stats().subscribers).toBe(0));
    await a.app.live.whenIdle();
    expect((await registered())[0]).toMatchObject({ id: query!.id, status: 'enabled' });
    expect(await upstream('cancelRegisteredQuery')).toEqual([]);

    // A new subscriber on a joins the same registration again.
    const again = subscribe(a.client, AppointmentsChanged, DAY);
    expect((await again.next()).data!.appointmentsChanged).toHaveLength(rows.length + 1);
    expect(await upstream('createRegisteredQuery')).toHaveLength(1);

    // The last subscribers leave: the registered query is cancelled, once.
    again.unsubscribe();
    onB.unsubscribe();
    for (const { app } of replicas) await vi.waitFor(() => expect(app.live.stats().subscribers).toBe(0));
    await vi.waitFor(async () => {
      expect((await registered())[0]).toMatchObject({ id: query!.id, status: 'cancelled' });
    });
    for (const { app } of replicas) await app.live.whenIdle();
    expect(await upstream('cancelRegisteredQuery')).toHaveLength(1);
  });
});
