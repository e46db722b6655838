import { afterAll, beforeAll } from 'vitest';
import { createApp, type App, type AppConfig } from '../../src/app.js';
import { startSimulator, type Simulator } from '../../simulator/src/server.js';
import { simClient, type SimCall } from '../../simulator/test/helpers.js';
import { startKillableRedis, type KillableRedis } from '../chaos/processes.js';
import { freePort } from './app.js';

export interface ReplicasContext {
  /** A redis-server the test may kill and restart (empty). */
  redis: KillableRedis;
  sim: Simulator;
  /** Calls the simulator (control API included). */
  call: SimCall;
  /** Two replicas of the app sharing `redis`, listening on loopback (`urls`). */
  apps: Record<'a' | 'b', App>;
  urls: Record<'a' | 'b', string>;
  /** Integrator calls the simulator received since its log was last cleared. */
  upstreamCalls(): Promise<Array<{ operationId: string; siteId: string | null }>>;
}

/**
 * A redis-server, a simulator (port 0, frozen clock) and two replicas of the app sharing that Redis,
 * each listening on a free loopback port, for the file; all stopped after. `app` is added to each
 * replica's configuration.
 */
export function useReplicas(app: Partial<AppConfig> = {}): ReplicasContext {
  const ctx = { apps: {}, urls: {} } as ReplicasContext;
  beforeAll(async () => {
    ctx.redis = await startKillableRedis(await freePort());
    ctx.sim = await startSimulator({ port: 0, timeScale: 0 });
    ctx.call = simClient(ctx.sim);
    ctx.upstreamCalls = async () =>
      (await ctx.call('GET', '/_sim/requests')).body as Array<{ operationId: string; siteId: string | null }>;
    const config: AppConfig = {
      haloApiUrl: ctx.sim.url,
      haloSubscriptionKey: ctx.sim.key,
      redisUrl: ctx.redis.url,
      ...app,
      halo: { keepAliveTimeoutMs: 10, ...app.halo },
    };
    for (const name of ['a', 'b'] as const) {
      ctx.apps[name] = createApp(config, { replicaId: `replica-${name}` });
      ctx.urls[name] = (await ctx.apps[name].start(0)).url;
    }
  });
  afterAll(async () => {
    for (const replica of Object.values(ctx.apps)) await replica?.stop();
    await ctx.sim?.stop();
    await ctx.redis?.stop();
  });
  return ctx;
}
