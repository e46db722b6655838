import { createServer } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { createApp, type App, type AppConfig, type AppDeps } from '../../src/app.js';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/src/server.js';
import { simClient, type SimCall } from '../../simulator/test/helpers.js';

export interface AppContext {
  sim: Simulator;
  app: App;
  /** The app's base URL (http://127.0.0.1:port) when it was started with `listen` or `webhookSecret`. */
  url: string;
  /** Calls the simulator (control API included). */
  call: SimCall;
  /** Integrator calls the simulator received since the last `clearRequests()`, by operationId. */
  upstreamCalls(operationId?: string): Promise<Array<{ operationId: string; siteId: string | null }>>;
  clearRequests(): Promise<void>;
  advance(ms: number): Promise<void>;
}

export interface UseAppOptions {
  simulator?: SimulatorOptions;
  app?: Partial<AppConfig>;
  /** Injected into createApp (e.g. a manual scheduler). */
  deps?: AppDeps;
  /** Also listen on a free port (`ctx.url`), for WebSocket and SSE clients. */
  listen?: boolean;
  /**
   * The simulator sends webhooks signed with this secret to the app's /webhooks/halo, and the app
   * verifies them (implies `listen`).
   */
  webhookSecret?: string;
}

/** A free TCP port on 127.0.0.1 (for a server whose URL must be known before it starts). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * A simulator (port 0, frozen clock) and the app in process for the file; both stopped after.
 * Query the app with `execute(ctx.app, document)` (./execute.ts).
 */
export function useApp(options: UseAppOptions = {}): AppContext {
  const ctx = {} as AppContext;
  beforeAll(async () => {
    const secret = options.webhookSecret;
    // The simulator needs the app's webhook URL before the app (which needs the simulator's URL) exists.
    const appPort = secret !== undefined ? await freePort() : 0;
    ctx.sim = await startSimulator({
      port: 0,
      timeScale: 0,
      ...(secret !== undefined
        ? { webhookUrl: `http://127.0.0.1:${appPort}/webhooks/halo`, webhookSecret: secret }
        : {}),
      ...options.simulator,
    });
    ctx.call = simClient(ctx.sim);
    ctx.app = createApp(
      {
        haloApiUrl: ctx.sim.url,
        haloSubscriptionKey: ctx.sim.key,
        allowWrites: true,
        exampleSiteId: OnlineSite.id,
        ...(secret !== undefined ? { haloWebhookSecret: secret } : {}),
        ...options.app,
        halo: { keepAliveTimeoutMs: 10, ...options.app?.halo },
      },
      options.deps,
    );
    if (options.listen || secret !== undefined) ctx.url = (await ctx.app.start(appPort)).url;
    ctx.upstreamCalls = async (operationId) => {
      const log = (await ctx.call('GET', '/_sim/requests')).body as Array<{
        operationId: string;
        siteId: string | null;
      }>;
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
