import { createHmac, randomUUID } from 'node:crypto';
import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, redisNamespace, type App, type AppConfig } from '../../src/app.js';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { startSimulator, type Simulator } from '../../simulator/src/server.js';
import { simClient, type SimCall } from '../../simulator/test/helpers.js';
import { startKillableRedis, type KillableRedis } from '../chaos/processes.js';
import { freePort } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';
import { hasRedisServer } from '../helpers/redis.js';
import { subscribe, wsClient } from '../helpers/ws.js';
import { captureLines } from '../security/harness.js';
import { createLogger } from '../../src/observability/logging.js';
import { statusesUntilTerminal } from './drive.js';
import { LiveQueryStatus, LiveSubmitAsync } from './documents.js';

const SECRET = 'whsec-redis-outage';
const siteId = OnlineSite.id;
type Name = 'a' | 'b';

/**
 * Two in-process replicas (a, b) sharing a redis-server that the tests kill (SIGKILL) and start
 * again on the same port: local mode while it is down, and the rejoin when it is back.
 */
describe.skipIf(!hasRedisServer())('replicas while Redis is down', () => {
  let redis: KillableRedis;
  let sim: Simulator;
  let call: SimCall;
  let config: AppConfig;
  const apps = {} as Record<Name, { app: App; url: string; client: Client }>;
  const errors: string[] = [];
  const log = captureLines();

  beforeAll(async () => {
    redis = await startKillableRedis(await freePort());
    sim = await startSimulator({ port: 0, timeScale: 0 });
    call = simClient(sim);
    config = {
      haloApiUrl: sim.url,
      haloSubscriptionKey: sim.key,
      redisUrl: redis.url,
      haloWebhookSecret: SECRET,
      halo: { keepAliveTimeoutMs: 10 },
      subscriptions: { leaseTtlMs: 600, minPollIntervalMs: 20, maxPollIntervalMs: 100 },
    };
    for (const name of ['a', 'b'] as const) {
      const app = createApp(name === 'a' ? { ...config, logger: createLogger({ destination: log.stream }) } : config, {
        replicaId: `replica-${name}`,
        onError: (error) => errors.push(error instanceof Error ? error.name : 'unknown'),
      });
      const { url } = await app.start(0);
      apps[name] = { app, url, client: wsClient(url) };
    }
  });

  afterAll(async () => {
    for (const { app, client } of Object.values(apps)) {
      await client?.dispose();
      await app?.stop();
    }
    await sim?.stop();
    await redis?.stop();
  });

  beforeEach(async () => {
    sim.reset();
    await redisUp();
    for (const { app } of Object.values(apps)) await vi.waitFor(() => expect(app.live.stats().watches).toBe(0));
  });

  /** The replica's `redis_local_mode` gauge. */
  const localMode = async (name: Name) =>
    Number(/^redis_local_mode (\d)/m.exec((await apps[name].app.metrics.scrape()).body)?.[1]);
  const everyone = (mode: 0 | 1) =>
    vi.waitFor(async () => expect([await localMode('a'), await localMode('b')]).toEqual([mode, mode]), {
      timeout: 5_000,
      interval: 20,
    });
  async function redisDown() {
    await redis.kill();
    await everyone(1);
  }
  async function redisUp() {
    if (!redis.running) await redis.restart();
    await everyone(0);
  }
  const submit = async () =>
    (
      await execute(apps.a.app, LiveSubmitAsync, {
        input: { siteId, sql: 'SELECT TOP 4 InternalID FROM BPS_Patients' },
      })
    ).data!.submitAsyncQuery.id;
  const advance = (ms: number) => call('POST', '/_sim/clock/advance', { body: { ms } });
  const statuses = (results: Array<{ data?: { queryStatusChanged: { status: string } } | null }>) =>
    results.map((r) => r.data?.queryStatusChanged.status);

  async function* sse(url: string, body: unknown): AsyncGenerator<{ event: string; data: unknown }> {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: ?(.*)$/m.exec(block)?.[1];
        const data = /^data: ?(.*)$/m.exec(block)?.[1];
        if (event) yield { event, data: data ? JSON.parse(data) : null };
      }
    }
  }

  it('should take a new subscription while Redis is down, over WebSocket and SSE, to its terminal status', async () => {
    await redisDown();
    const queryId = await submit();
    const ws = subscribe(apps.a.client, LiveQueryStatus, { siteId, queryId });
    const events = sse(apps.a.url, { query: print(LiveQueryStatus), variables: { siteId, queryId } });
    expect((await ws.next()).data?.queryStatusChanged.status).toBe('INITIALISING');
    expect((await events.next()).value).toMatchObject({
      event: 'next',
      data: { data: { queryStatusChanged: { status: 'INITIALISING' } } },
    });
    // Nobody could prove a lease: this replica polls the site its subscribers watch.
    await vi.waitFor(() => expect(apps.a.app.live.stats().pollingSites).toEqual([siteId]));

    await advance(100);
    expect((await ws.next()).data?.queryStatusChanged.status).toBe('QUEUED');
    await advance(10_000);
    // One poll sees SUCCESSFUL: the phases statusTiming recorded since QUEUED arrive first.
    expect(await statusesUntilTerminal(ws)).toEqual(['EXECUTING', 'UPLOADING', 'SUCCESSFUL']);
    expect(ws.results.at(-1)?.data?.queryStatusChanged).toMatchObject({ status: 'SUCCESSFUL', rowCount: 4 });
    await ws.done;
    expect(statuses(ws.results)).toEqual(['INITIALISING', 'QUEUED', 'EXECUTING', 'UPLOADING', 'SUCCESSFUL']);
    const rest = [];
    for await (const e of events) rest.push(e);
    expect(
      rest.map((e) => [
        e.event,
        (e.data as { data?: { queryStatusChanged: { status: string } } })?.data?.queryStatusChanged.status,
      ]),
    ).toEqual([
      ['next', 'QUEUED'],
      ['next', 'EXECUTING'],
      ['next', 'UPLOADING'],
      ['next', 'SUCCESSFUL'],
      ['complete', undefined],
    ]);

    const metrics = (await apps.a.app.metrics.scrape()).body;
    expect(metrics).toMatch(/^redis_local_mode 1$/m);
    const switches = log.lines.map((l) => JSON.parse(l) as { event?: string; msg?: string; level?: string });
    expect(switches.filter((l) => l.event === 'redis.local').at(-1)).toMatchObject({
      level: 'warn',
      msg: 'Redis unreachable: local mode (this replica serves and polls on its own until Redis is back)',
    });
    expect(Number(/^redis_mode_changes_total\{mode="local"\} (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
  });

  it('should keep running subscriptions moving while Redis is down: the replica that did not poll takes its site over', async () => {
    const queryId = await submit();
    const onA = subscribe(apps.a.client, LiveQueryStatus, { siteId, queryId });
    await onA.next();
    await vi.waitFor(() => expect(apps.a.app.live.stats().pollingSites).toEqual([siteId]));
    const onB = subscribe(apps.b.client, LiveQueryStatus, { siteId, queryId });
    expect((await onB.next()).data?.queryStatusChanged.status).toBe('INITIALISING');
    expect(apps.b.app.live.stats().pollingSites).toEqual([]);

    await redisDown();
    await vi.waitFor(() => expect(apps.b.app.live.stats().pollingSites).toEqual([siteId]));
    await advance(100);
    // Each replica polls on its own now: both see the change (a status between two polls could be
    // skipped; the terminal one never is).
    expect((await onB.next()).data?.queryStatusChanged.status).toBe('QUEUED');
    expect((await onA.next()).data?.queryStatusChanged.status).toBe('QUEUED');
    await advance(10_000);
    expect(await statusesUntilTerminal(onB)).toEqual(['EXECUTING', 'UPLOADING', 'SUCCESSFUL']);
    await Promise.all([onA.done, onB.done]);
    expect(statuses(onA.results)).toEqual(['INITIALISING', 'QUEUED', 'EXECUTING', 'UPLOADING', 'SUCCESSFUL']);
    expect(statuses(onB.results)).toEqual(['INITIALISING', 'QUEUED', 'EXECUTING', 'UPLOADING', 'SUCCESSFUL']);
  });

  it('should rejoin when Redis is back: one replica polls again, and no subscriber gets an event twice', async () => {
    await redisDown();
    const queryId = await submit();
    const onA = subscribe(apps.a.client, LiveQueryStatus, { siteId, queryId });
    const onB = subscribe(apps.b.client, LiveQueryStatus, { siteId, queryId });
    await Promise.all([onA.next(), onB.next()]);
    // Each replica polls for its own subscriber.
    await vi.waitFor(() => {
      expect(apps.a.app.live.stats().pollingSites).toEqual([siteId]);
      expect(apps.b.app.live.stats().pollingSites).toEqual([siteId]);
    });
    await advance(100);
    expect((await onA.next()).data?.queryStatusChanged.status).toBe('QUEUED');
    expect((await onB.next()).data?.queryStatusChanged.status).toBe('QUEUED');

    await redisUp();
    await vi.waitFor(() =>
      expect(apps.a.app.live.stats().pollingSites.length + apps.b.app.live.stats().pollingSites.length).toBe(1),
    );
    await advance(10_000);
    await Promise.all([onA.done, onB.done]);
    expect(statuses(onA.results)).toEqual(['INITIALISING', 'QUEUED', 'EXECUTING', 'UPLOADING', 'SUCCESSFUL']);
    expect(statuses(onB.results)).toEqual(['INITIALISING', 'QUEUED', 'EXECUTING', 'UPLOADING', 'SUCCESSFUL']);
  });

  it("should hand a site over to the lease holder when Redis is back, and deliver the other replica's terminal status", async () => {
    await redisDown();
    const [forA, forB] = [await submit(), await submit()];
    const onA = subscribe(apps.a.client, LiveQueryStatus, { siteId, queryId: forA });
    const onB = subscribe(apps.b.client, LiveQueryStatus, { siteId, queryId: forB });
    await Promise.all([onA.next(), onB.next()]);
    await advance(100);
    await Promise.all([onA.next(), onB.next()]);

    // Redis is back, and a holds the site's lease: b stops polling and a must take up b's query.
    await redis.restart();
    const inspector = new Redis(redis.url);
    try {
      await inspector.set(`halo-graphql:${redisNamespace(config)}:lease:${siteId}`, 'replica-a', 'PX', 5_000);
      await everyone(0);
      await vi.waitFor(() => {
        expect(apps.a.app.live.stats().pollingSites).toEqual([siteId]);
        expect(apps.b.app.live.stats().pollingSites).toEqual([]);
      });
    } finally {
      inspector.disconnect();
    }
    await advance(10_000);
    expect(await statusesUntilTerminal(onB)).toEqual(['EXECUTING', 'UPLOADING', 'SUCCESSFUL']);
    expect(onB.results.at(-1)?.data?.queryStatusChanged).toMatchObject({ status: 'SUCCESSFUL', rowCount: 4 });
    await Promise.all([onA.done, onB.done]);
    expect(statuses(onA.results)).toEqual(['INITIALISING', 'QUEUED', 'EXECUTING', 'UPLOADING', 'SUCCESSFUL']);
    expect(statuses(onB.results)).toEqual(['INITIALISING', 'QUEUED', 'EXECUTING', 'UPLOADING', 'SUCCESSFUL']);
  });

  it('should start in local mode when Redis is down, serve subscriptions, and join the others when Redis comes', async () => {
    await redisDown();
    const c = createApp(config, { replicaId: 'replica-c' });
    try {
      const started = performance.now();
      const { url } = await c.start(0);
      expect(performance.now() - started).toBeLessThan(3_000);
      expect((await c.metrics.scrape()).body).toMatch(/^redis_local_mode 1$/m);
      const client = wsClient(url);
      try {
        const queryId = await submit();
        const sub = subscribe(client, LiveQueryStatus, { siteId, queryId });
        expect((await sub.next()).data?.queryStatusChanged.status).toBe('INITIALISING');
        await redisUp();
        await vi.waitFor(async () => expect((await c.metrics.scrape()).body).toMatch(/^redis_local_mode 0$/m), {
          timeout: 5_000,
        });
        await advance(10_000);
        await sub.done;
        expect(statuses(sub.results).at(-1)).toBe('SUCCESSFUL');
      } finally {
        await client.dispose();
      }
    } finally {
      await c.stop();
    }
  });

  it('should refuse webhook replays this replica has seen while Redis is down, without waiting for Redis', async () => {
    const post = async (name: Name, id: string) => {
      const raw = JSON.stringify({
        id,
        occurredAt: new Date().toISOString(),
        siteId,
        queryId: randomUUID(),
        webhookSource: 'async',
      });
      const timestamp = new Date().toISOString();
      const res = await fetch(`${apps[name].url}/webhooks/halo`, {
        method: 'POST',
        headers: {
          'x-halo-id': id,
          'x-halo-timestamp': timestamp,
          'x-halo-signature-256': createHmac('sha256', SECRET).update(`${raw}.${timestamp}`).digest('hex'),
        },
        body: raw,
      });
      await res.arrayBuffer();
      return res.status;
    };
    const seen = randomUUID();
    expect(await post('a', seen)).toBe(202);
    await redisDown();
    expect(await post('a', seen)).toBe(409);
    const fresh = randomUUID();
    const started = performance.now();
    expect(await post('b', fresh)).toBe(202);
    expect(performance.now() - started).toBeLessThan(250);
    expect(await post('b', fresh)).toBe(409);
  });
});
