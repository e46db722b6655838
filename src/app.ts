import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { createContextFactory, type Context } from './context.js';
import { createHaloClient, type HaloClient, type HaloClientConfig } from './datasources/halo-client.js';
import { handleExport, isExportRequest } from './export.js';
import { graphiqlExamples } from './graphiql-examples.js';
import { createGraphiQLRenderer } from './graphiql.js';
import { createMetrics, webhookResult, type Metrics } from './metrics.js';
import { createCursorCodec } from './schema/cursor.js';
import { maskError } from './schema/errors.js';
import { schema } from './schema/index.js';
import { createLocalCoordination, type Coordination } from './subscriptions/coordination.js';
import { createLiveQueries, type LiveQueries, type LiveQueriesOptions } from './subscriptions/live-queries.js';
import { createStaticSite } from './static.js';
import { createRedisCoordination } from './subscriptions/redis-coordination.js';
import { realScheduler, type Scheduler } from './subscriptions/scheduler.js';
import { attachWebSocketServer, type WsServer, type WsServerOptions } from './subscriptions/ws-server.js';
import { createHaloWebhookHandler, isHaloWebhookRequest } from './webhooks/halo-webhook.js';

export interface AppConfig {
  /** Halo's origin, e.g. https://api.stage.haloconnect.io, or the simulator's URL. */
  haloApiUrl: string;
  haloSubscriptionKey: string;
  /** Whether NON_QUERY commands (writes on practice databases) are allowed. @default false */
  allowWrites?: boolean;
  /**
   * Secret (at least 16 bytes) that signs connection cursors. Replicas behind one endpoint need the
   * same one, or a cursor from one is refused by another. @default random per process
   */
  cursorSecret?: string;
  /** Serve GraphiQL on GET /graphql. @default true */
  graphiql?: boolean;
  /** Site id the GraphiQL examples use. */
  exampleSiteId?: string;
  /** Overrides for the Halo client (timeouts, retry, breaker…). */
  halo?: Partial<Omit<HaloClientConfig, 'baseUrl' | 'subscriptionKey'>>;
  /**
   * HALO_WEBHOOK_SECRET. Enables `POST /webhooks/halo`: a verified webhook makes the watched query
   * be polled at once. Unset: the endpoint answers 404 and polling alone drives subscriptions.
   */
  haloWebhookSecret?: string;
  /**
   * REDIS_URL (`redis://`, `rediss://` or `unix://`). Replicas then share subscription events, one
   * poller per site (a lease) and webhook replay protection. Unset: all of it stays in this process.
   */
  redisUrl?: string;
  /** Poll intervals, WebSocket limits and the lease time-to-live. */
  subscriptions?: SubscriptionsConfig;
  /** The built example app served at `/app` (404 until `npm run build:web`). @default examples/web/dist of this repository */
  webAppDir?: string;
}

/** Tuning of subscriptions; every field has a default. */
export interface SubscriptionsConfig extends Partial<LiveQueriesOptions>, Omit<WsServerOptions, 'path'> {
  /** With Redis: how long a dead replica keeps polling rights for a site before another takes over. @default 3000 */
  leaseTtlMs?: number;
}

/** Injected dependencies, for tests. */
export interface AppDeps {
  /** Drives poll intervals and lease renewal. @default real timers */
  scheduler?: Scheduler;
  /** Wall clock (epoch ms) for webhook timestamps and Redis interest expiry. @default Date.now */
  now?: () => number;
  /** This replica's id in Redis leases. @default a random UUID */
  replicaId?: string;
  /** Background failures (Redis, pollers). Messages only, never payloads. @default ignored */
  onError?: (error: unknown, where: string) => void;
}

export interface App {
  yoga: YogaServerInstance<Record<string, never>, Context>;
  server: Server;
  halo: HaloClient;
  /** Shared watchers behind the subscriptions. */
  live: LiveQueries;
  /** The graphql-ws server on `server`. */
  ws: WsServer;
  /** The Prometheus registry behind `GET /metrics`. */
  metrics: Metrics;
  /** Listens (port 0 = any free port) and resolves with the URL. */
  start(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /**
   * Closes WebSocket clients (1001), ends subscriptions, stops polling (releasing leases), closes
   * Redis, client sockets, the HTTP server and the Halo connection pool. Idempotent.
   */
  stop(): Promise<void>;
}

/** Builds the façade. No listening, no env reads: `main.ts` does that. */
export function createApp(config: AppConfig, deps: AppDeps = {}): App {
  const metrics = createMetrics();
  const halo = createHaloClient({
    ...config.halo,
    baseUrl: config.haloApiUrl,
    subscriptionKey: config.haloSubscriptionKey,
    onAttempt: (event) => {
      metrics.haloAttempt(event);
      config.halo?.onAttempt?.(event);
    },
    onBreakerStateChange: (siteId, state) => {
      metrics.breakerStateChanged(siteId, state);
      config.halo?.onBreakerStateChange?.(siteId, state);
    },
  });
  const onError = deps.onError ?? (() => undefined);
  const coordination: Coordination = config.redisUrl
    ? createRedisCoordination({
        url: config.redisUrl,
        // Replicas of one deployment (same Halo, same key) share state; other deployments on the same Redis do not.
        namespace: createHash('sha256').update(`${config.haloApiUrl}\n${config.haloSubscriptionKey}`).digest('base64url').slice(0, 16),
        ...(config.subscriptions?.leaseTtlMs !== undefined ? { leaseTtlMs: config.subscriptions.leaseTtlMs } : {}),
        ...(deps.now ? { now: deps.now } : {}),
        ...(deps.replicaId ? { replicaId: deps.replicaId } : {}),
        onError,
      })
    : createLocalCoordination(deps.now ? { now: deps.now } : {});
  const live = createLiveQueries({ halo, coordination, scheduler: deps.scheduler ?? realScheduler, options: config.subscriptions ?? {}, onError });
  const webhook = config.haloWebhookSecret
    ? createHaloWebhookHandler({
        secret: config.haloWebhookSecret,
        replay: coordination.replay,
        onEvent: (e) => live.refresh({ kind: e.webhookSource, siteId: e.siteId, queryId: e.queryId }),
        onError,
        ...(deps.now ? { now: deps.now } : {}),
      })
    : undefined;

  let readyUntil = 0;
  const yoga = createYoga<Record<string, never>, Context>({
    schema,
    context: createContextFactory({
      halo,
      allowWrites: config.allowWrites ?? false,
      cursors: createCursorCodec(config.cursorSecret ?? randomBytes(32)),
      live,
    }),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: false,
    graphiql:
      config.graphiql === false ? false : { title: 'halo-graphql', defaultQuery: graphiqlExamples(config.exampleSiteId), subscriptionsProtocol: 'WS' },
    renderGraphiQL: createGraphiQLRenderer(),
    maskedErrors: { maskError },
    plugins: [
      metrics.plugin,
      useDeferStream(),
      useReadinessCheck({
        endpoint: '/readiness',
        // Ready when Halo answers a cheap read; the answer is cached for 10 s so probes cost little.
        check: async () => {
          if (Date.now() < readyUntil) return true;
          try {
            await halo.forRequest().getSites({ practiceManagementSiteId: '0', practiceManagementName: 'Zedmed' }, { deadlineMs: 5_000 });
            readyUntil = Date.now() + 10_000;
            return true;
          } catch {
            return false;
          }
        },
      }),
    ],
  });

  const webApp = createStaticSite({
    prefix: '/app',
    root: config.webAppDir ?? fileURLToPath(new URL('../examples/web/dist', import.meta.url)),
    notBuiltHint: 'The example app is not built: run `npm run build:web`.',
  });
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    if (req.url === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
      metrics.scrape().then(
        ({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
          res.end(req.method === 'HEAD' ? undefined : body);
        },
        () => res.destroy(),
      );
      return;
    }
    if (webApp.matches(req.url ?? '')) {
      webApp.handle(req, res).catch(() => res.destroy());
      return;
    }
    if (isExportRequest(req.url ?? '')) {
      handleExport(req, res, halo).catch(() => res.destroy());
      return;
    }
    if (isHaloWebhookRequest(req.url ?? '')) {
      if (webhook) {
        res.once('finish', () => {
          const result = webhookResult(res.statusCode, req.headers['x-halo-timestamp'], (deps.now ?? Date.now)());
          if (result) metrics.webhookReceived(result);
        });
        webhook(req, res).catch(() => res.destroy());
      }
      else {
        res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: 'Webhooks are not enabled (HALO_WEBHOOK_SECRET).' }));
      }
      return;
    }
    void yoga(req, res);
  });
  const ws = attachWebSocketServer(server, yoga, { ...config.subscriptions, path: '/graphql' });
  metrics.setSources({ breakerStates: () => halo.breakerStates(), halo: () => halo.stats(), live: () => live.stats(), ws: () => ws.stats() });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  let stopped: Promise<void> | undefined;
  return {
    yoga,
    server,
    halo,
    live,
    ws,
    metrics,
    async start(port = 0, host = '127.0.0.1') {
      await coordination.start();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address() as AddressInfo;
      const h = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return { url: `http://${h}:${address.port}`, port: address.port };
    },
    stop() {
      stopped ??= (async () => {
        const closed = server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
        await ws.close();
        await live.stop();
        for (const socket of sockets) socket.destroy();
        await closed;
        await coordination.stop();
        await halo.close();
      })();
      return stopped;
    },
  };
}
