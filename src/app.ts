import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { createAdmission } from './auth/admission.js';
import { createAuthenticator, type ClientAuthConfig } from './auth/authenticate.js';
import { AuthorizedHalo } from './request/authorized-halo.js';
import { createContextFactory, type Context } from './request/context.js';
import { createHaloClient, type HaloClient, type HaloClientConfig } from './datasources/halo-client.js';
import type { HaloAttemptEvent } from './datasources/http/settings.js';
import { handleExport, isExportRequest } from './http/export.js';
import { createGraphQLFastPath, type FastPath } from './http/graphql-fast-path.js';
import { createReadiness } from './http/readiness.js';
import { graphiqlExamples } from './http/graphiql-examples.js';
import { useIncrementalAccept } from './http/incremental-accept.js';
import { useNamedQueryJit } from './http/named-query-jit.js';
import { createTrustedDocuments, useTrustedDocuments, type TrustedDocumentsConfig } from './http/trusted-documents.js';
import { LOG_MESSAGES, silentLogger, useOperationLog } from './observability/logging.js';
import { createGraphiQLRenderer } from './http/graphiql.js';
import { createMetrics, webhookResult, type Metrics } from './observability/metrics.js';
import { createCursorCodec } from './lib/cursor.js';
import { createSiteRef } from './lib/site-ref.js';
import { maskError } from './errors/api-errors.js';
import { schema as baseSchema } from './schema/index.js';
import { loadNamedQueries, withNamedQueries } from './schema/named-queries.js';
import type { Catalogue } from './catalogue/types.js';
import { SitePmsTypes } from './request/site-pms-types.js';
import { SECURITY_DEFAULTS } from './security/config.js';
import { corsPolicy, refuseCorsPreflight, useHttpGate } from './http/http-gate.js';
import { graphqlLimitPlugins, type GraphQLLimits } from './security/limits.js';
import {
  createLocalRateLimiter,
  createRedisRateLimiter,
  type RateLimiter,
  type RateLimitOptions,
} from './security/rate-limit.js';
import { createLocalCoordination, type Coordination } from './subscriptions/coordination.js';
import { createLiveQueries, type LiveQueries, type LiveQueriesOptions } from './subscriptions/live-queries.js';
import { createStaticSite } from './http/static.js';
import { createTracing, type Tracing } from './observability/tracing.js';
import { drainHttpServer } from './lib/lifecycle.js';
import { createRedisCoordination } from './subscriptions/redis-coordination.js';
import { createRedisLink } from './lib/redis.js';
import { createIdempotencyStore } from './idempotency/store.js';
import { createUsageLedger, type QueryBudgets } from './usage/ledger.js';
import { createQueryReuse } from './usage/reuse.js';
import { DEFAULTS as HALO_DEFAULTS } from './datasources/http/settings.js';
import { realScheduler, type Scheduler } from './subscriptions/scheduler.js';
import { attachWebSocketServer, type WsServer, type WsServerOptions } from './http/ws-server.js';
import { createHaloWebhookHandler, isHaloWebhookRequest } from './webhooks/halo-webhook.js';

/**
 * Everything that keeps the API safe to expose, as one part of the app's configuration: client
 * auth, per-client rate limits, GraphQL document limits, HTTP limits. Defaults are in
 * `SECURITY_DEFAULTS` (src/security/config.ts).
 */
export interface SecurityConfig {
  /** API keys and/or JWT. Neither: open mode (development with the embedded simulator only). */
  auth?: ClientAuthConfig;
  /** Per-client token bucket. @default off in open mode; 50/s with a burst of 100 from `readAppConfig` */
  rateLimit?: RateLimitOptions;
  /** Depth, aliases, tokens, directives, cost and introspection. */
  limits?: GraphQLLimits;
  /** Largest HTTP request body. @default 2 MiB */
  maxBodyBytes?: number;
  /** Origins allowed to call from a browser on another origin (CORS). @default none */
  corsOrigins?: readonly string[];
}

export interface AppConfig {
  /** Halo's origin, e.g. https://api.stage.haloconnect.io, or the simulator's URL. */
  haloApiUrl: string;
  haloSubscriptionKey: string;
  /**
   * Open mode only (no client auth configured, development with the embedded simulator): whether
   * the anonymous client may run NON_QUERY commands and stored procedures. With client auth, each
   * client's `writes` permission decides. @default false
   */
  allowWrites?: boolean;
  /** Client auth, rate limits and request limits (./security/config.ts). @default open, no rate limit, default limits */
  security?: SecurityConfig;
  /** Where the patient-safe structured log goes (./logging.ts). @default nothing is logged */
  logger?: Logger;
  /**
   * Secret (at least 16 bytes) that signs connection cursors. Replicas behind one endpoint need the
   * same one, or a cursor from one is refused by another. @default random per process
   */
  cursorSecret?: string;
  /**
   * The named queries (`Site` fields over catalogue SQL): the built-in entries plus NAMED_QUERIES_DIR's,
   * as `readAppConfig` loaded them. @default the built-in entries
   */
  namedQueries?: Catalogue;
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
  /** OTEL_EXPORTER_OTLP_ENDPOINT: export OpenTelemetry spans (OTLP/HTTP JSON) to `<endpoint>/v1/traces`. Unset: no tracing. */
  otelExporterEndpoint?: string;
  /** OTEL_TRACES_SAMPLER_ARG: share of traces kept, 0..1. @default 1 */
  otelSampleRatio?: number;
  /** Trusted documents: which documents run, by id or as text (./http/trusted-documents.ts). @default off */
  trustedDocuments?: TrustedDocumentsConfig;
  /**
   * SITE_MONTHLY_QUERY_BUDGET: billed Halo queries per site and UTC month; a creation beyond it is
   * refused with QUOTA_EXCEEDED before anything is sent (./usage/ledger.ts). @default no budget
   */
  queryBudgets?: QueryBudgets;
  /** QUERY_REUSE_MAX_BYTES: most bytes of result JSON this process keeps for `maxAgeSeconds` reuse (./usage/reuse.ts). @default 64 MiB */
  reuseMaxBytes?: number;
  /**
   * Answer plain JSON operations on node:http without yoga's Fetch layer (./graphql-fast-path.ts);
   * the answers are the same either way. Off only to compare the two. @default true
   */
  fastPath?: boolean;
  /**
   * Run queries that read named queries on the compiled executor (./http/named-query-jit.ts); the
   * answers are the same either way. Off only to compare the two. @default true
   */
  compileNamedQueries?: boolean;
}

/** Tuning of subscriptions; every field has a default. */
export interface SubscriptionsConfig
  extends Partial<LiveQueriesOptions>, Omit<WsServerOptions, 'path' | 'admit' | 'resolveDocument'> {
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
  /** OpenTelemetry tracing (a no-op without `otelExporterEndpoint`). */
  tracing: Tracing;
  /** The plain-JSON fast path in front of yoga (undefined when `fastPath: false`). */
  fastPath: FastPath | undefined;
  /**
   * The graceful first half of a stop: `/readiness` answers `stopping`, no new connections are
   * accepted, WebSocket clients are closed (1001) and subscriptions end, and HTTP requests in
   * flight are answered for up to `timeoutMs`. Call `stop()` after it.
   */
  drain(timeoutMs: number): Promise<void>;
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
  // Pseudonyms of sites for per-site metric series; the same in every replica (same subscription key).
  const siteRef = createSiteRef(config.haloSubscriptionKey);
  const metrics = createMetrics({ siteRef });
  const logger = config.logger ?? silentLogger();
  const security = config.security ?? {};
  const tracing = createTracing({
    endpoint: config.otelExporterEndpoint,
    ...(config.otelSampleRatio !== undefined ? { sampleRatio: config.otelSampleRatio } : {}),
  });
  const onError = (error: unknown, where: string) => {
    logger.warn({ event: 'background.error', where, err: error }, LOG_MESSAGES.background);
    deps.onError?.(error, where);
  };
  // One connection to Redis and one view of its health for everything shared between replicas.
  const redis = config.redisUrl ? createRedisLink({ url: config.redisUrl, onError }) : undefined;
  // Billed creations per site and month, shared by the replicas (a budget holds across them).
  const ledger = createUsageLedger({
    budgets: config.queryBudgets,
    link: redis,
    namespace: redisNamespace(config),
    now: config.halo?.now ?? Date.now,
    onBilled: (operationId, outcome) => metrics.haloBilled(operationId, outcome),
    onRefused: (operationId) => metrics.budgetRefused(operationId),
    onError,
  });
  const halo = createHaloClient({
    ...config.halo,
    baseUrl: config.haloApiUrl,
    subscriptionKey: config.haloSubscriptionKey,
    ledger,
    onAttempt: (event) => {
      metrics.haloAttempt(event);
      logUpstreamAttempt(logger, event);
      tracing.onHaloAttempt(event);
      config.halo?.onAttempt?.(event);
    },
    onBreakerStateChange: (siteId, state) => {
      metrics.breakerStateChanged(siteId, state);
      logger.warn({ event: 'breaker', siteId, siteRef: siteRef(siteId), breakerState: state }, LOG_MESSAGES.breaker);
      config.halo?.onBreakerStateChange?.(siteId, state);
    },
  });
  const coordination: Coordination = redis
    ? createRedisCoordination({
        link: redis,
        namespace: redisNamespace(config),
        ...(config.subscriptions?.leaseTtlMs !== undefined ? { leaseTtlMs: config.subscriptions.leaseTtlMs } : {}),
        ...(deps.now ? { now: deps.now } : {}),
        ...(deps.replicaId ? { replicaId: deps.replicaId } : {}),
        onError,
      })
    : createLocalCoordination(deps.now ? { now: deps.now } : {});
  coordination.onModeChange((mode) => {
    metrics.coordinationMode(mode);
    if (mode === 'local') logger.warn({ event: 'redis.local' }, LOG_MESSAGES.redisLocal);
    else logger.info({ event: 'redis.shared' }, LOG_MESSAGES.redisShared);
  });
  const live = createLiveQueries({
    halo,
    coordination,
    scheduler: deps.scheduler ?? realScheduler,
    options: config.subscriptions ?? {},
    onError,
  });
  const webhook = config.haloWebhookSecret
    ? createHaloWebhookHandler({
        secret: config.haloWebhookSecret,
        replay: coordination.replay,
        onEvent: (e) => live.refresh({ kind: e.webhookSource, siteId: e.siteId, queryId: e.queryId }),
        onError,
        ...(deps.now ? { now: deps.now } : {}),
      })
    : undefined;

  const rate = security.rateLimit;
  const limiter: RateLimiter | undefined =
    rate && rate.ratePerSecond > 0
      ? redis
        ? createRedisRateLimiter({ ...rate, link: redis, namespace: redisNamespace(config) })
        : createLocalRateLimiter(rate)
      : undefined;
  // A creation's deadline and reconciliation: the longest a creation (or a shared call) can be in flight.
  const flightMs = (config.halo?.siteCallTimeoutMs ?? HALO_DEFAULTS.siteCallTimeoutMs) + 30_000;
  // Keys shared by the replicas of this deployment (same subscription key, same Redis namespace).
  const idempotency = createIdempotencyStore({
    secret: `idempotency\n${config.haloSubscriptionKey}`,
    link: redis,
    namespace: redisNamespace(config),
    // A key still pending after this: its replica died.
    flightMs,
    now: config.halo?.now ?? Date.now,
    onError,
  });
  const reuse = createQueryReuse({
    secret: `reuse\n${config.haloSubscriptionKey}`,
    ...(config.reuseMaxBytes !== undefined ? { maxBytes: config.reuseMaxBytes } : {}),
    link: redis,
    namespace: redisNamespace(config),
    flightMs,
    now: config.halo?.now ?? Date.now,
    onServed: (source) => metrics.reuseServed(source),
    onError,
  });
  const admission = createAdmission(
    createAuthenticator(security.auth ?? {}, { allowWrites: config.allowWrites ?? false }),
    limiter,
  );

  // Ready when Halo answers a cheap read (a site lookup that matches nothing).
  const readiness = createReadiness({
    probe: (deadlineMs) =>
      halo.forRequest().getSites({ practiceManagementSiteId: '0', practiceManagementName: 'Zedmed' }, { deadlineMs }),
  });
  const operationLog = useOperationLog(logger);
  const schema = withNamedQueries(baseSchema, config.namedQueries ?? loadNamedQueries(baseSchema));
  const namedQueryJit =
    config.compileNamedQueries === false ? undefined : useNamedQueryJit({ onRun: () => metrics.compiledExecution() });
  const trusted = createTrustedDocuments(config.trustedDocuments ?? { mode: 'off' });
  const yoga = createYoga<Record<string, never>, Context>({
    schema,
    context: createContextFactory({
      halo,
      admission,
      cursors: createCursorCodec(config.cursorSecret ?? randomBytes(32)),
      live,
      idempotency,
      shared: { reuse, unbound: halo.forRequest(), usage: ledger, pmsTypes: new SitePmsTypes() },
    }),
    maxRequestBodySize: security.maxBodyBytes ?? SECURITY_DEFAULTS.maxBodyBytes,
    // No file uploads: a multipart body is only a way around CSRF prevention here.
    multipart: false,
    cors: corsPolicy(security.corsOrigins ?? []),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: false,
    graphiql:
      config.graphiql === false
        ? false
        : { title: 'halo-graphql', defaultQuery: graphiqlExamples(config.exampleSiteId), subscriptionsProtocol: 'WS' },
    renderGraphiQL: createGraphiQLRenderer(),
    maskedErrors: { maskError },
    plugins: [
      operationLog,
      useTrustedDocuments(trusted),
      useHttpGate({ admission }),
      ...graphqlLimitPlugins(security.limits),
      metrics.plugin,
      tracing.plugin,
      useDeferStream(),
      useIncrementalAccept(),
      ...(namedQueryJit ? [namedQueryJit] : []),
    ],
  });

  // The manifest's documents against the schema as served (with @defer and @stream): a stale one stops the start.
  trusted.check(yoga.getEnveloped({} as never).schema);

  const fastPath =
    config.fastPath === false
      ? undefined
      : createGraphQLFastPath(yoga as never, {
          maxBodyBytes: security.maxBodyBytes ?? SECURITY_DEFAULTS.maxBodyBytes,
          cors: (security.corsOrigins ?? []).length > 0,
          log: operationLog,
          resolveDocument: (params) => trusted.resolve(params),
        });
  const webApp = createStaticSite({
    prefix: '/app',
    root: config.webAppDir ?? fileURLToPath(new URL('../examples/web/dist', import.meta.url)),
    notBuiltHint: 'The example app is not built: run `npm run build:web`.',
  });
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    if (refuseCorsPreflight(req, res, security.corsOrigins ?? [])) return;
    if (req.url === '/readiness' || req.url?.startsWith('/readiness?')) {
      readiness.handle(req.method, res);
      return;
    }
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
      // Client auth and the rate limit, then every upstream call of the export goes through the
      // client's authorized datasource (an invisible site is SITE_NOT_FOUND, as for GraphQL).
      admission.admitHeaders(nodeHeaders(req.headers)).then(
        (principal) =>
          handleExport(req, res, (signal) => new AuthorizedHalo(halo.forRequest(signal), principal)).catch(() =>
            res.destroy(),
          ),
        (error: unknown) => sendRefusal(res, error),
      );
      return;
    }
    if (isHaloWebhookRequest(req.url ?? '')) {
      if (webhook) {
        res.once('finish', () => {
          const result = webhookResult(res.statusCode, req.headers['x-halo-timestamp'], (deps.now ?? Date.now)());
          if (result) metrics.webhookReceived(result);
          logger.info({ event: 'webhook', status: res.statusCode }, LOG_MESSAGES.webhook);
        });
        webhook(req, res).catch(() => res.destroy());
      } else {
        res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: 'Webhooks are not enabled (HALO_WEBHOOK_SECRET).' }));
      }
      return;
    }
    if (fastPath?.handle(req, res)) return;
    void yoga(req, res);
  });
  const ws = attachWebSocketServer(server, yoga, {
    ...config.subscriptions,
    path: '/graphql',
    resolveDocument: (payload) => trusted.resolve(payload),
    authenticate: (headers) => admission.authenticate(headers),
    // A subscriber joining an identical running execution is only admitted (auth and rate limit), with no context of its own.
    admit: (headers) => admission.admitHeaders(headers),
  });
  metrics.setSources({
    breakerStates: () => halo.breakerStates(),
    troubledSites: () => halo.troubledSites(),
    halo: () => halo.stats(),
    live: () => live.stats(),
    ws: () => ws.stats(),
    coordinationMode: () => coordination.mode,
    reuse: () => reuse.stats(),
  });
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
    tracing,
    fastPath,
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
    async drain(timeoutMs) {
      readiness.stopping();
      const drained = drainHttpServer(server, performance.now() + timeoutMs);
      await ws.close();
      await live.stop();
      await drained;
    },
    stop() {
      readiness.stopping();
      stopped ??= (async () => {
        const closed = server.listening
          ? new Promise<void>((resolve) => server.close(() => resolve()))
          : Promise.resolve();
        await ws.close();
        await live.stop();
        // Creations in flight finish (and are recorded) before Redis and the Halo pool close.
        await idempotency.stop();
        await reuse.stop();
        for (const socket of sockets) socket.destroy();
        await closed;
        await coordination.stop();
        await limiter?.close();
        await ledger.stop();
        await redis?.stop();
        await halo.close();
        await tracing.shutdown();
      })();
      return stopped;
    },
  };
}

/** Replicas of one deployment (same Halo, same key) share Redis state; other deployments on the same Redis do not. */
export function redisNamespace(config: Pick<AppConfig, 'haloApiUrl' | 'haloSubscriptionKey'>): string {
  return createHash('sha256')
    .update(`${config.haloApiUrl}\n${config.haloSubscriptionKey}`)
    .digest('base64url')
    .slice(0, 16);
}

/** Upstream failures: the Halo operationId, attempt, status or network code and duration (nothing else is known here). */
function logUpstreamAttempt(logger: Logger, event: HaloAttemptEvent): void {
  // Halo refusing our key (401/403) is an operator's problem: logged like a failure. A caller
  // that went away (ABORTED) is not one.
  const failed =
    typeof event.outcome === 'number'
      ? event.outcome === 401 || event.outcome === 403 || event.outcome === 429 || event.outcome >= 500
      : event.outcome !== 'ABORTED';
  if (!failed) return;
  logger.warn(
    {
      event: 'upstream',
      haloOperationId: event.operationId,
      attempt: event.attempt,
      ...(typeof event.outcome === 'number' ? { upstreamStatus: event.outcome } : { upstreamError: event.outcome }),
      durationMs: event.durationMs,
    },
    LOG_MESSAGES.upstream,
  );
}

function nodeHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    try {
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    } catch {
      // a value fetch refuses is dropped
    }
  }
  return headers;
}

/** A refused non-GraphQL request (the export): the GraphQL error's HTTP status and code as JSON. */
function sendRefusal(res: ServerResponse, error: unknown): void {
  const gql = error instanceof GraphQLError ? error : undefined;
  const http = gql?.extensions['http'] as { status?: number; headers?: Record<string, string> } | undefined;
  const status = http?.status ?? 500;
  const body = JSON.stringify({
    errors: [
      {
        message: gql?.message ?? 'Unexpected error.',
        extensions: { code: gql?.extensions['code'] ?? 'INTERNAL_SERVER_ERROR' },
      },
    ],
  });
  res.writeHead(status, {
    ...(http?.headers ?? {}),
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}
