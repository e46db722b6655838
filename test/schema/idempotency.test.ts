import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/app.js';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { useApp, type AppContext } from '../helpers/app.js';
import { callCounts, injectFault } from '../helpers/halo.js';
import { hasRedisServer } from '../helpers/redis.js';
import { useReplicas } from '../helpers/replicas.js';
import { CLIENTS, clientKeyEntries, codes, gql, type RawResponse } from '../security/harness.js';

const siteId = OnlineSite.id;
const RUN = `mutation Run($input: RunQueryInput!) { runImmediateQuery(input: $input) { id status rows } }`;
const SUBMIT = `mutation Submit($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id status } }`;
const REGISTER = `mutation Register($input: CreateRegisteredQueryInput!) { createRegisteredQuery(input: $input) { id name status } }`;
const SQL = 'SELECT TOP 3 InternalID FROM BPS_Patients ORDER BY InternalID';
const registration = (name: string, idempotencyKey?: string) => ({
  siteId,
  name,
  sql: 'SELECT COUNT(*) AS n FROM BPS_Patients',
  frequencySeconds: 60,
  durationSeconds: 600,
  ...(idempotencyKey ? { idempotencyKey } : {}),
});

type Data = Record<string, { id: string; status: string; rows?: unknown[]; name?: string } | null>;
const answer = (r: RawResponse, field: string) => (r.json?.data as Data | undefined)?.[field];

describe('idempotency keys', () => {
  // Short practice deadline and reconciliation, so an ambiguous creation is quick to make.
  const ctx: AppContext = useApp({
    app: {
      security: { auth: { keys: clientKeyEntries() } },
      halo: { siteCallTimeoutMs: 400, reconcile: { attempts: 2, intervalMs: 20 } },
    },
  });
  const admin = CLIENTS.admin.key;
  beforeEach(async () => {
    ctx.sim.reset();
    await ctx.clearRequests();
  });

  it('should answer a repeated key with the first answer, read again, without a second creation', async () => {
    const input = { siteId, sql: SQL, idempotencyKey: 'run-1' };
    const first = await gql(ctx.app, RUN, { input }, admin);
    const again = await gql(ctx.app, RUN, { input }, admin);
    expect(first.json?.errors).toBeUndefined();
    expect(answer(again, 'runImmediateQuery')).toEqual(answer(first, 'runImmediateQuery'));
    expect(answer(first, 'runImmediateQuery')?.rows).toHaveLength(3);
    expect(await callCounts(ctx)).toEqual({ createImmediateQuery: 1, getQuery: 1 });

    const submitted = await gql(ctx.app, SUBMIT, { input: { siteId, sql: SQL, idempotencyKey: 'submit-1' } }, admin);
    const resubmitted = await gql(ctx.app, SUBMIT, { input: { siteId, sql: SQL, idempotencyKey: 'submit-1' } }, admin);
    expect(answer(resubmitted, 'submitAsyncQuery')?.id).toBe(answer(submitted, 'submitAsyncQuery')?.id);

    const registered = await gql(ctx.app, REGISTER, { input: registration('daily', 'register-1') }, admin);
    const reregistered = await gql(ctx.app, REGISTER, { input: registration('daily', 'register-1') }, admin);
    expect(answer(reregistered, 'createRegisteredQuery')).toEqual(answer(registered, 'createRegisteredQuery'));
    expect(await callCounts(ctx)).toMatchObject({ createAsyncQuery: 1, createRegisteredQuery: 1 });
  });

  it('should keep keys per client: the same key from another client is another intent', async () => {
    const input = { siteId, sql: SQL, idempotencyKey: 'shared-words' };
    const a = await gql(ctx.app, RUN, { input }, admin);
    const b = await gql(ctx.app, RUN, { input }, CLIENTS.northAll.key);
    expect(answer(a, 'runImmediateQuery')?.id).not.toBe(answer(b, 'runImmediateQuery')?.id);
    expect(await callCounts(ctx)).toEqual({ createImmediateQuery: 2 });
  });

  it('should refuse a key reused for a different request, and a malformed key, sending nothing', async () => {
    await gql(ctx.app, RUN, { input: { siteId, sql: SQL, idempotencyKey: 'k' } }, admin);
    const other = await gql(ctx.app, RUN, { input: { siteId, sql: 'SELECT 1 AS one', idempotencyKey: 'k' } }, admin);
    expect(other.json?.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    // The same key on another mutation is another request as well.
    expect(codes(await gql(ctx.app, SUBMIT, { input: { siteId, sql: SQL, idempotencyKey: 'k' } }, admin))).toEqual([
      'BAD_USER_INPUT',
    ]);
    for (const idempotencyKey of ['', 'x'.repeat(129), 'line\nbreak', 'é']) {
      const res = await gql(ctx.app, RUN, { input: { siteId, sql: SQL, idempotencyKey } }, admin);
      expect(res.json?.errors?.[0]?.message).toBe('idempotencyKey must be 1 to 128 printable ASCII characters.');
    }
    expect(await callCounts(ctx)).toEqual({ createImmediateQuery: 1 });
  });

  it('should make a repeat wait for the first creation while it is in flight', async () => {
    await injectFault(ctx, { operationId: 'createAsyncQuery', delayMs: 300 });
    const input = { siteId, sql: SQL, idempotencyKey: 'in-flight' };
    const [first, second] = await Promise.all([
      gql(ctx.app, SUBMIT, { input }, admin),
      gql(ctx.app, SUBMIT, { input }, admin),
    ]);
    expect(answer(first, 'submitAsyncQuery')?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer(second, 'submitAsyncQuery')?.id).toBe(answer(first, 'submitAsyncQuery')?.id);
    expect(await callCounts(ctx)).toEqual({ createAsyncQuery: 1, getQuery: 1 });
  });

  it('should run again after a failure that proves nothing was created', async () => {
    await injectFault(ctx, { operationId: 'createImmediateQuery', status: 503 });
    const input = { siteId, sql: SQL, idempotencyKey: 'offline-then-back' };
    expect(codes(await gql(ctx.app, RUN, { input }, admin))).toEqual(['SITE_UNAVAILABLE']);
    const retried = await gql(ctx.app, RUN, { input }, admin);
    expect(answer(retried, 'runImmediateQuery')?.status).toBe('SUCCESSFUL');
    expect(await callCounts(ctx)).toEqual({ createImmediateQuery: 2 });
  });

  it('should never send a creation again after an ambiguous one, and answer with the registered query once it can tell', async () => {
    // Halo answers after the deadline (400 ms) and creates the query only then: nothing to find at first.
    await injectFault(ctx, { operationId: 'createRegisteredQuery', delayMs: 700 });
    const input = registration('slow', 'register-slow');
    const first = await gql(ctx.app, REGISTER, { input }, admin);
    expect(first.json?.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_TIMEOUT', mayHaveSucceeded: true });
    // A retry while Halo is still at it: still unknown, and nothing sent again.
    const early = await gql(ctx.app, REGISTER, { input }, admin);
    expect(early.json?.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_TIMEOUT', mayHaveSucceeded: true });
    // Halo creates it 700 ms after it was sent.
    await vi.waitFor(async () => {
      const list = await ctx.call('GET', `/integrator/sites/${siteId}/queries/registered`);
      expect((list.body.registeredQueries as Array<{ name: string }>).map((q) => q.name)).toContain('slow');
    });
    const later = await gql(ctx.app, REGISTER, { input }, admin);
    expect(answer(later, 'createRegisteredQuery')).toMatchObject({ name: 'slow', status: 'ENABLED' });
    const again = await gql(ctx.app, REGISTER, { input }, admin);
    expect(answer(again, 'createRegisteredQuery')).toEqual(answer(later, 'createRegisteredQuery'));
    expect((await callCounts(ctx)).createRegisteredQuery).toBe(1);

    // An immediate query cannot be looked for: the key stays ambiguous, and it is never run twice.
    await injectFault(ctx, { operationId: 'createImmediateQuery', delayMs: 700 });
    const run = { siteId, sql: SQL, idempotencyKey: 'run-slow' };
    for (let i = 0; i < 3; i++) {
      const res = await gql(ctx.app, RUN, { input: run }, admin);
      expect(res.json?.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_TIMEOUT', mayHaveSucceeded: true });
    }
    expect((await callCounts(ctx)).createImmediateQuery).toBe(1);
  });

  it("should carry a keyed creation through when its client hangs up, and answer the client's retry with it", async () => {
    await injectFault(ctx, { operationId: 'createAsyncQuery', delayMs: 200 });
    const input = { siteId, sql: SQL, idempotencyKey: 'hung-up' };
    const controller = new AbortController();
    const abandoned = Promise.resolve(
      ctx.app.yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query: SUBMIT, variables: { input } }),
        signal: controller.signal,
      }),
    ).catch(() => undefined);
    await vi.waitFor(async () => expect(await ctx.upstreamCalls('createAsyncQuery')).toHaveLength(1));
    controller.abort();
    await abandoned;
    const retried = await gql(ctx.app, SUBMIT, { input }, admin);
    expect(answer(retried, 'submitAsyncQuery')?.status).toBe('INITIALISING');
    expect(await callCounts(ctx)).toEqual({ createAsyncQuery: 1, getQuery: 1 });
  });
});

/** Two replicas sharing keys through a redis-server the test kills and restarts (empty). */
describe.skipIf(!hasRedisServer())('idempotency keys across replicas', () => {
  const ctx = useReplicas();
  const { apps } = ctx;
  beforeEach(async () => {
    ctx.sim.reset();
    if (!ctx.redis.running) await ctx.redis.restart();
    await everyone(0);
  });

  const localMode = async (app: App) => Number(/^redis_local_mode (\d)/m.exec((await app.metrics.scrape()).body)?.[1]);
  const everyone = (mode: 0 | 1) =>
    vi.waitFor(async () => expect([await localMode(apps.a), await localMode(apps.b)]).toEqual([mode, mode]), {
      timeout: 5_000,
      interval: 20,
    });
  const creations = async () =>
    ((await ctx.call('GET', '/_sim/requests')).body as Array<{ operationId: string }>).filter(
      (e) => e.operationId === 'createAsyncQuery',
    ).length;
  const submit = (app: App, idempotencyKey?: string) =>
    gql(app, SUBMIT, { input: { siteId, sql: SQL, ...(idempotencyKey ? { idempotencyKey } : {}) } });

  it('should answer a repeat on the other replica with the first answer, and make it wait while in flight', async () => {
    const first = await submit(apps.a, 'across');
    const repeat = await submit(apps.b, 'across');
    expect(answer(repeat, 'submitAsyncQuery')?.id).toBe(answer(first, 'submitAsyncQuery')?.id);

    await ctx.call('POST', '/_sim/faults', { body: { operationId: 'createAsyncQuery', delayMs: 400 } });
    const [onA, onB] = await Promise.all([
      submit(apps.a, 'across-in-flight'),
      new Promise<RawResponse>((resolve) => setTimeout(() => resolve(submit(apps.b, 'across-in-flight')), 50)),
    ]);
    expect(answer(onB, 'submitAsyncQuery')?.id).toBe(answer(onA, 'submitAsyncQuery')?.id);
    expect(await creations()).toBe(2);
  });

  it('should answer keys a replica knows while Redis is down, refuse the others with IDEMPOTENCY_UNAVAILABLE, and still create without a key', async () => {
    const first = await submit(apps.a, 'before-outage');
    await ctx.redis.kill();
    await everyone(1);
    expect(answer(await submit(apps.a, 'before-outage'), 'submitAsyncQuery')?.id).toBe(
      answer(first, 'submitAsyncQuery')?.id,
    );
    const unknown = await submit(apps.b, 'before-outage');
    expect(unknown.json?.errors?.[0]?.extensions).toEqual({ code: 'IDEMPOTENCY_UNAVAILABLE', retryAfterSeconds: 1 });
    expect(codes(await submit(apps.b, 'during-outage'))).toEqual(['IDEMPOTENCY_UNAVAILABLE']);
    expect(answer(await submit(apps.b), 'submitAsyncQuery')?.status).toBe('INITIALISING');
    expect(await creations()).toBe(2);

    // Redis restarts empty: the replicas put back the keys they know, so b answers this one again.
    await ctx.redis.restart();
    await everyone(0);
    await vi.waitFor(async () => {
      const again = await submit(apps.b, 'before-outage');
      expect(answer(again, 'submitAsyncQuery')?.id).toBe(answer(first, 'submitAsyncQuery')?.id);
    });
    expect(await creations()).toBe(2);
  });
});
