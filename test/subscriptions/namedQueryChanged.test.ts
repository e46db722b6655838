/**
 * Live named queries (`<name>Changed`): the rows at once, then every change, from one Halo
 * registered query per (site, entry, arguments) shared by every subscriber, renewed when its
 * duration runs out, and cancelled at Halo after the last subscriber leaves (and a grace period).
 * Webhooks drive the changes; the poll timers run on a manual scheduler, so nothing here waits on
 * the clock.
 */
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OnlineSite, ZedmedSite } from '../../simulator/src/fixtures.js';
import { schema } from '../../src/schema/index.js';
import { loadNamedQueries } from '../../src/schema/named-queries.js';
import { useApp } from '../helpers/app.js';
import { createManualScheduler } from '../helpers/scheduler.js';
import { subscribe, wsClient } from '../helpers/ws.js';
import { AppointmentsChanged } from './named-documents.js';

const siteId = OnlineSite.id;
const GRACE_MS = 15_000;
const DAY = { siteId, from: '2026-03-02', to: '2026-03-02' };

describe('appointmentsChanged (a live named query)', () => {
  const scheduler = createManualScheduler();
  const ctx = useApp({
    webhookSecret: 'whsec-named-live',
    app: {
      namedQueries: loadNamedQueries(schema, fileURLToPath(new URL('./named-queries/', import.meta.url))),
      subscriptions: { sharedRegistrationGraceMs: GRACE_MS },
    },
    deps: { scheduler },
  });
  let client: Client;
  beforeAll(() => {
    client = wsClient(ctx.url);
  });
  afterAll(async () => {
    await client?.dispose();
  });
  beforeEach(async () => {
    await ctx.call('POST', '/_sim/reset');
  });

  /** The registered queries Halo holds for the site. */
  const registered = async () =>
    (await ctx.call('GET', `/integrator/sites/${siteId}/queries/registered`)).body.registeredQueries as Array<{
      id: string;
      name: string;
      status: string;
      frequency: number;
    }>;
  const enabled = async () => (await registered()).filter((q) => q.status === 'enabled');
  /** Runs the registered query now (Halo Link's schedule); a changed result sends the webhook. */
  const run = (queryId: string) => ctx.call('POST', `/_sim/registered/${queryId}/run`);
  const book = async () =>
    (
      await ctx.call('POST', '/_sim/sql', {
        body: {
          siteId,
          sql: "SELECT COUNT(*) AS n FROM APPOINTMENTS WHERE AppointmentDate = '2026-03-02T00:00:00' AND RecordStatus = 1",
        },
      })
    ).body.rows[0].n as number;
  /** Unsubscribes and waits until the server let them go (the watchers lost them). */
  async function leave(...subs: Array<{ unsubscribe(): void }>) {
    for (const sub of subs) sub.unsubscribe();
    await vi.waitFor(() => expect(ctx.app.live.stats().subscribers).toBe(0));
    await ctx.app.live.whenIdle();
  }
  const addAppointment = (time: number) =>
    ctx.call('POST', '/_sim/sql', {
      body: {
        siteId,
        sql: `INSERT INTO APPOINTMENTS (AppointmentDate, AppointmentTime, AppointmentLength, UserID, InternalID, LocationID) VALUES ('2026-03-02T00:00:00', ${time}, 900, 1, 42, 1)`,
      },
    });

  it('should send the rows at once, then each change, to every subscriber, from one registered query', async () => {
    const a = subscribe(client, AppointmentsChanged, DAY);
    const first = (await a.next()).data!.appointmentsChanged;
    expect(first).toHaveLength(await book());
    expect(first[0]).toMatchObject({ date: '2026-03-02', startTime: '08:00:00' });
    const b = subscribe(client, AppointmentsChanged, DAY);
    expect((await b.next()).data!.appointmentsChanged).toEqual(first);

    const [query, ...others] = await enabled();
    expect(others).toEqual([]);
    // The label carries the entry's name, never an argument.
    expect(query).toMatchObject({ name: 'halo-graphql live appointments', frequency: 300 });
    expect(await ctx.upstreamCalls('createRegisteredQuery')).toHaveLength(1);

    await addAppointment(61_200);
    await run(query!.id);
    for (const sub of [a, b]) {
      const rows = (await sub.next()).data!.appointmentsChanged;
      expect(rows).toHaveLength(first.length + 1);
      expect(rows.at(-1)).toEqual({
        patientId: 42,
        date: '2026-03-02',
        startTime: '17:00:00',
        provider: expect.any(String),
        status: 'Booked',
      });
    }
    await leave(a, b);
  });

  it('should cancel the registered query at Halo after the last subscriber leaves and the grace period passes', async () => {
    await ctx.clearRequests();
    const a = subscribe(client, AppointmentsChanged, DAY);
    await a.next();
    const [query] = await enabled();
    await leave(a);
    // Within the grace period a new subscriber rejoins it: no second registration.
    const again = subscribe(client, AppointmentsChanged, DAY);
    await again.next();
    expect((await enabled()).map((q) => q.id)).toEqual([query!.id]);
    await leave(again);
    expect(await enabled()).toHaveLength(1);
    scheduler.advance(GRACE_MS);
    await ctx.app.live.whenIdle();
    expect(await enabled()).toEqual([]);
    expect((await registered()).find((q) => q.id === query!.id)?.status).toBe('cancelled');
    const calls = (await ctx.upstreamCalls()).map((c) => c.operationId);
    expect(calls.filter((c) => c === 'createRegisteredQuery')).toHaveLength(1);
    expect(calls.filter((c) => c === 'cancelRegisteredQuery')).toHaveLength(1);
    expect(ctx.app.live.stats()).toMatchObject({ watches: 0, subscribers: 0 });
  });

  it('should keep one registration per set of arguments', async () => {
    const day = subscribe(client, AppointmentsChanged, DAY);
    const other = subscribe(client, AppointmentsChanged, { ...DAY, to: '2026-03-03' });
    await Promise.all([day.next(), other.next()]);
    expect(await enabled()).toHaveLength(2);
    await leave(day, other);
    scheduler.advance(GRACE_MS);
    await ctx.app.live.whenIdle();
    expect(await enabled()).toEqual([]);
  });

  it('should register the next query when one runs out, without repeating an unchanged result', async () => {
    await ctx.clearRequests();
    const sub = subscribe(client, parse(SHORT_BOOK), { siteId, day: '2026-03-02' });
    const first = (await sub.next()).data as { shortBookChanged: unknown[] };
    const [query] = await enabled();
    // Two minutes later Halo completes it; the next poll of it sees that.
    await ctx.advance(120_000);
    await vi.waitFor(async () => {
      scheduler.advance(30_000);
      await ctx.app.live.whenIdle();
      expect(await ctx.upstreamCalls('createRegisteredQuery')).toHaveLength(2);
    });
    const [next, ...others] = await enabled();
    expect(others).toEqual([]);
    expect(next!.id).not.toBe(query!.id);
    expect(sub.results).toHaveLength(1);
    await addAppointment(61_200);
    await run(next!.id);
    const changed = (await sub.next()).data as { shortBookChanged: unknown[] };
    expect(changed.shortBookChanged).toHaveLength(first.shortBookChanged.length + 1);
    await leave(sub);
    scheduler.advance(GRACE_MS);
    await ctx.app.live.whenIdle();
    expect(await enabled()).toEqual([]);
  });

  it('should refuse an unknown site and a PMS without a statement, without registering anything', async () => {
    await ctx.clearRequests();
    const unknown = subscribe(client, AppointmentsChanged, { ...DAY, siteId: '5d0c3a10-0000-4000-8000-0000000000ff' });
    const zedmed = subscribe(client, AppointmentsChanged, { ...DAY, siteId: ZedmedSite.id });
    await Promise.all([unknown.done, zedmed.done]);
    expect(unknown.results.map((r) => r.errors?.map((e) => e.extensions?.['code']))).toEqual([['SITE_NOT_FOUND']]);
    expect(zedmed.results.map((r) => r.errors?.map((e) => e.extensions?.['code']))).toEqual([['NOT_SUPPORTED']]);
    expect(await ctx.upstreamCalls('createRegisteredQuery')).toEqual([]);
  });
});

describe('appointmentsChanged when the server stops', () => {
  const ctx = useApp({ listen: true });

  it('should cancel its registered queries at Halo: nothing is left running for nobody', async () => {
    const client = wsClient(ctx.url);
    const sub = subscribe(client, AppointmentsChanged, DAY);
    await sub.next();
    const list = async () =>
      (await ctx.call('GET', `/integrator/sites/${siteId}/queries/registered`)).body.registeredQueries as Array<{
        status: string;
      }>;
    expect((await list()).map((q) => q.status)).toEqual(['enabled']);
    await ctx.app.stop();
    await expect(sub.done).rejects.toMatchObject({ code: 1001 });
    expect((await list()).map((q) => q.status)).toEqual(['cancelled']);
    await client.dispose();
  });
});

const SHORT_BOOK = `subscription S($siteId: ID!, $day: Date!) { shortBookChanged(siteId: $siteId, day: $day) { patientId startTime } }`;
