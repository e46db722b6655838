import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, type App, type AppConfig } from '../../src/app.js';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { startSimulator, type Simulator } from '../../simulator/src/server.js';
import { execute } from '../helpers/execute.js';
import { hasRedisServer, startRedis, type RedisServer } from '../helpers/redis.js';
import { simClient, type SimCall } from '../../simulator/test/helpers.js';
import { subscribe, wsClient } from '../helpers/ws.js';
import { LiveCreateRegistered, LiveQueryStatus, LiveRegisteredResults, LiveSubmitAsync } from './documents.js';
import { statusesUntilTerminal } from './drive.js';

const SECRET = 'whsec-replicas';
const siteId = OnlineSite.id;

/** Two in-process replicas (a, b) sharing one Redis; real timers, fast async polling, registered polling effectively off. */
describe.skipIf(!hasRedisServer())('several replicas through Redis', () => {
  let redis: RedisServer;
  let sim: Simulator;
  let call: SimCall;
  let config: AppConfig;
  const apps: Record<'a' | 'b', { app: App; url: string; client: Client }> = {} as never;
  let inspector: Redis;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    inspector = new Redis(redis.url);
    sim = await startSimulator({ port: 0, timeScale: 0 });
    call = simClient(sim);
    config = {
      haloApiUrl: sim.url,
      haloSubscriptionKey: sim.key,
      allowWrites: true,
      redisUrl: redis.url,
      haloWebhookSecret: SECRET,
      halo: { keepAliveTimeoutMs: 10 },
      subscriptions: {
        leaseTtlMs: 900,
        minPollIntervalMs: 20,
        maxPollIntervalMs: 100,
        registeredMinPollIntervalMs: 600_000,
        registeredMaxPollIntervalMs: 600_000,
      },
    };
    for (const name of ['a', 'b'] as const) {
      const app = createApp(config, { replicaId: `replica-${name}` });
      const { url } = await app.start(0);
      apps[name] = { app, url, client: wsClient(url) };
    }
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const { app, client } of Object.values(apps)) {
      await client?.dispose();
      await app?.stop();
    }
    inspector?.disconnect();
    await sim?.stop();
    await redis?.stop();
  });

  beforeEach(async () => {
    sim.reset();
    for (const { app } of Object.values(apps)) await vi.waitFor(() => expect(app.live.stats().watches).toBe(0));
  });

  const submit = async () =>
    (
      await execute(apps.a.app, LiveSubmitAsync, {
        input: { siteId, sql: 'SELECT TOP 4 InternalID FROM BPS_Patients' },
      })
    ).data!.submitAsyncQuery.id;
  const leaseHolder = async () => {
    const [key] = await inspector.keys(`halo-graphql:*:lease:${siteId}`);
    return key ? inspector.get(key) : null;
  };
  const postWebhook = async (url: string, id: string, body: object) => {
    const raw = JSON.stringify({ id, occurredAt: new Date().toISOString(), ...body });
    const timestamp = new Date().toISOString();
    const res = await fetch(`${url}/webhooks/halo`, {
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

  it('should have one replica poll a site while a subscriber on the other gets every change', async () => {
    const queryId = await submit();
    const onA = subscribe(apps.a.client, LiveQueryStatus, { siteId, queryId });
    expect((await onA.next()).data?.queryStatusChanged.status).toBe('INITIALISING');
    await vi.waitFor(() => expect(apps.a.app.live.stats().pollingSites).toEqual([siteId]));
    expect(await leaseHolder()).toBe('replica-a');

    const onB = subscribe(apps.b.client, LiveQueryStatus, { siteId, queryId });
    expect((await onB.next()).data?.queryStatusChanged.status).toBe('INITIALISING');
    await call('POST', '/_sim/clock/advance', { body: { ms: 100 } });
    expect((await onB.next()).data?.queryStatusChanged.status).toBe('QUEUED');
    await call('POST', '/_sim/clock/advance', { body: { ms: 10_000 } });
    // One poll sees SUCCESSFUL: the phases statusTiming recorded since QUEUED arrive first, on both replicas.
    expect(await statusesUntilTerminal(onB)).toEqual(['EXECUTING', 'UPLOADING', 'SUCCESSFUL']);
    expect(onB.results.at(-1)?.data?.queryStatusChanged).toMatchObject({ status: 'SUCCESSFUL', rowCount: 4 });
    await Promise.all([onA.done, onB.done]);
    expect(onA.results.map((r) => r.data?.queryStatusChanged.status)).toEqual([
      'INITIALISING',
      'QUEUED',
      'EXECUTING',
      'UPLOADING',
      'SUCCESSFUL',
    ]);
    // b never polled: it only ever read the current state once, when its subscriber arrived.
    expect(apps.b.app.live.stats().pollingSites).toEqual([]);
    await vi.waitFor(async () => expect(await leaseHolder()).toBeNull());
  });

  it('should route a webhook received by the replica that does not poll to the one that does, and read the result once', async () => {
    const created = await execute(apps.a.app, LiveCreateRegistered, {
      input: {
        siteId,
        name: 'replicated',
        sql: "SELECT COUNT(*) AS n FROM PATIENTS WHERE SURNAME = 'Repl'",
        frequencySeconds: 60,
        durationSeconds: 600,
      },
    });
    const queryId = created.data!.createRegisteredQuery.id;
    const onA = subscribe(apps.a.client, LiveRegisteredResults, { siteId, queryId });
    await onA.next();
    await vi.waitFor(async () => expect(await leaseHolder()).toBe('replica-a'));
    const onB = subscribe(apps.b.client, LiveRegisteredResults, { siteId, queryId });
    const first = (await onB.next()).data?.registeredQueryResultChanged;
    await call('DELETE', '/_sim/requests');

    await call('POST', '/_sim/sql', {
      body: { siteId, sql: "UPDATE PATIENTS SET SURNAME = 'Repl' WHERE INTERNALID = 3" },
    });
    await call('POST', '/_sim/clock/advance', { body: { ms: 60_000 } });
    expect(await postWebhook(apps.b.url, randomUUID(), { siteId, queryId, webhookSource: 'registered' })).toBe(202);
    const change = (await onB.next()).data?.registeredQueryResultChanged;
    expect(change).toMatchObject({
      previousHash: first?.hash,
      hash: createHash('sha256').update('[{"n":1}]').digest('base64'),
      result: { rows: [{ n: 1 }] },
    });
    expect((await onA.next()).data?.registeredQueryResultChanged.hash).toBe(change?.hash);
    // Polled and read once (together, after a webhook), by the lease holder; b got the result through Redis.
    const log = (await call('GET', '/_sim/requests')).body as Array<{ operationId: string }>;
    expect(log.map((e) => e.operationId).sort()).toEqual(['getRegisteredQuery', 'getRegisteredQueryResult']);
    onA.unsubscribe();
    onB.unsubscribe();
  });

  it('should share webhook replay protection between replicas', async () => {
    const id = randomUUID();
    const body = { siteId, queryId: randomUUID(), webhookSource: 'async' };
    expect(await postWebhook(apps.a.url, id, body)).toBe(202);
    expect(await postWebhook(apps.b.url, id, body)).toBe(409);
    expect(await postWebhook(apps.a.url, id, body)).toBe(409);
  });

  it('should hand polling over when the polling replica is killed, without losing the terminal status', async () => {
    // Replica c in its own process, so it can die without releasing anything.
    const script = fileURLToPath(new URL('./replica-process.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, JSON.stringify({ config, replicaId: 'replica-c' })],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(child);
    const cUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /READY (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`replica c exited with ${code}`)));
    });
    const cClient = wsClient(cUrl);
    try {
      const queryId = await submit();
      const onC = subscribe(cClient, LiveQueryStatus, { siteId, queryId });
      await onC.next();
      await vi.waitFor(async () => expect(await leaseHolder()).toBe('replica-c'));
      const onA = subscribe(apps.a.client, LiveQueryStatus, { siteId, queryId });
      expect((await onA.next()).data?.queryStatusChanged.status).toBe('INITIALISING');
      expect(apps.a.app.live.stats().pollingSites).toEqual([]);
      await call('POST', '/_sim/clock/advance', { body: { ms: 100 } });
      expect((await onA.next()).data?.queryStatusChanged.status).toBe('QUEUED');

      const killedAt = performance.now();
      child.kill('SIGKILL');
      // The query finishes while nobody polls.
      await call('POST', '/_sim/clock/advance', { body: { ms: 10_000 } });
      expect(await statusesUntilTerminal(onA)).toEqual(['EXECUTING', 'UPLOADING', 'SUCCESSFUL']);
      expect(onA.results.at(-1)?.data?.queryStatusChanged).toMatchObject({ status: 'SUCCESSFUL', rowCount: 4 });
      const handoverMs = performance.now() - killedAt;
      await onA.done;
      expect(handoverMs).toBeLessThan(5_000);
      console.info(
        `replicas: polling handed over ${handoverMs.toFixed(0)} ms after the polling replica was killed (lease TTL 900 ms)`,
      );
      await expect(onC.done).rejects.toBeDefined();
    } finally {
      await cClient.dispose();
    }
  });
});
