import { afterAll, beforeAll } from 'vitest';
import { createApp, type App, type AppConfig } from '../../src/app.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/server.js';
import { simClient, type SimCall } from './simulator.js';

export interface AppContext {
  sim: Simulator;
  app: App;
  /** Calls the simulator (control API included). */
  call: SimCall;
  /** Integrator calls the simulator received since the last `clearRequests()`, by operationId. */
  upstreamCalls(operationId?: string): Promise<Array<{ operationId: string; siteId: string | null }>>;
  clearRequests(): Promise<void>;
  advance(ms: number): Promise<void>;
}

/**
 * A simulator (port 0, frozen clock) and the app in process for the file; both stopped after.
 * Query the app with `execute(ctx.app, document)` (./execute.ts).
 */
export function useApp(options: { simulator?: SimulatorOptions; app?: Partial<AppConfig> } = {}): AppContext {
  const ctx = {} as AppContext;
  beforeAll(async () => {
    ctx.sim = await startSimulator({ port: 0, timeScale: 0, ...options.simulator });
    ctx.call = simClient(ctx.sim);
    ctx.app = createApp({
      haloApiUrl: ctx.sim.url,
      haloSubscriptionKey: ctx.sim.key,
      allowWrites: true,
      ...options.app,
      halo: { keepAliveTimeoutMs: 10, ...options.app?.halo },
    });
    ctx.upstreamCalls = async (operationId) => {
      const log = (await ctx.call('GET', '/_sim/requests')).body as Array<{ operationId: string; siteId: string | null }>;
      return operationId ? log.filter((e) => e.operationId === operationId) : log;
    };
    ctx.clearRequests = async () => {
      await ctx.call('DELETE', '/_sim/requests');
    };
    ctx.advance = async (ms) => {
      await ctx.call('POST', '/_sim/clock/advance', { body: { ms } });
    };
  });
  afterAll(async () => {
    await ctx.app?.stop();
    await ctx.sim?.stop();
  });
  return ctx;
}
