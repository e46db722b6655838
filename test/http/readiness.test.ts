import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../simulator/src/server.js';
import { createApp, type App } from '../../src/app.js';
import { HaloApiError } from '../../src/datasources/halo-error.js';
import { createLogger } from '../../src/observability/logging.js';
import { createReadiness, reasonFor } from '../../src/http/readiness.js';
import { captureLines } from '../security/harness.js';

const failure = (status: number | undefined) =>
  new HaloApiError({
    operationId: 'getSites',
    kind: status === undefined ? 'network' : 'general',
    code: 'UPSTREAM_ERROR',
    status,
    ...(status === undefined ? { networkCode: 'ECONNREFUSED' } : {}),
  });

describe('readiness check', () => {
  it('should share one probe between concurrent checks and reuse its answer for maxAgeMs only', async () => {
    let clock = 0;
    let probes = 0;
    let fail = false;
    const readiness = createReadiness({
      maxAgeMs: 1_000,
      now: () => clock,
      probe: async () => {
        probes++;
        if (fail) throw failure(undefined);
      },
    });
    const answers = await Promise.all([readiness.check(), readiness.check(), readiness.check()]);
    expect(answers).toEqual([{ ready: true }, { ready: true }, { ready: true }]);
    expect(probes).toBe(1);
    fail = true;
    clock = 999;
    expect(await readiness.check()).toEqual({ ready: true });
    expect(probes).toBe(1);
    clock = 1_000;
    expect(await readiness.check()).toEqual({ ready: false, reason: 'halo_unreachable' });
    expect(probes).toBe(2);
    readiness.stopping();
    fail = false;
    clock = 5_000;
    expect(await readiness.check()).toEqual({ ready: false, reason: 'stopping' });
    expect(probes).toBe(2);
  });

  it('should name why Halo cannot be used', () => {
    expect(reasonFor(failure(undefined))).toBe('halo_unreachable');
    expect(reasonFor(failure(401))).toBe('halo_rejected_key');
    expect(reasonFor(failure(403))).toBe('halo_rejected_key');
    expect(reasonFor(failure(429))).toBe('halo_rate_limited');
    expect(reasonFor(failure(500))).toBe('halo_error');
    expect(reasonFor(new TypeError('x'))).toBe('halo_unreachable');
  });
});

describe('GET /readiness', () => {
  let sim: Simulator;
  const started: App[] = [];
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, timeScale: 0 });
  });
  afterAll(async () => {
    await Promise.all(started.map((a) => a.stop()));
    await sim.stop();
  });
  async function appFor(haloApiUrl: string, key: string, logger = createLogger({ level: 'silent' })) {
    const app = createApp({
      haloApiUrl,
      haloSubscriptionKey: key,
      logger,
      halo: { keepAliveTimeoutMs: 10, retry: { maxAttempts: 1 } },
    });
    started.push(app);
    return (await app.start(0)).url;
  }

  it('should answer 200 {ready: true} when Halo answers', async () => {
    const res = await fetch(`${await appFor(sim.url, sim.key)}/readiness`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ ready: true });
  });

  it('should answer 503 halo_rejected_key for a wrong subscription key, and log the 401 without the key', async () => {
    const { stream, lines } = captureLines();
    const url = await appFor(sim.url, 'wrong-key-canary-7f3a', createLogger({ destination: stream }));
    const res = await fetch(`${url}/readiness`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, reason: 'halo_rejected_key' });
    const upstream = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'upstream');
    expect(upstream).toEqual([
      expect.objectContaining({ haloOperationId: 'getSites', upstreamStatus: 401, attempt: 1 }),
    ]);
    expect(lines.join('\n')).not.toContain('canary');
  });

  it("should answer 503 halo_unreachable when nothing answers at Halo's address", async () => {
    const gone = await startSimulator({ port: 0, timeScale: 0 });
    await gone.stop();
    const url = await appFor(gone.url, gone.key);
    const res = await fetch(`${url}/readiness`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, reason: 'halo_unreachable' });
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });
});
