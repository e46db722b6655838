import { createApp } from './app.js';
import { readAppConfig } from './config.js';
import { CatalogueError } from './catalogue/types.js';
import { createLogger, LOG_MESSAGES } from './observability/logging.js';
import type { Simulator } from '../simulator/src/server.js';
import { tracesUrlForLog } from './observability/tracing.js';

// `npm start`: the only module with side effects (env, listen, signals).
let config: ReturnType<typeof readAppConfig>;
try {
  config = readAppConfig();
} catch (error) {
  // A named-query file the server refuses: one line naming the file, the line and the problem.
  if (!(error instanceof CatalogueError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const logger = createLogger({ level: config.logLevel });
const authOn = Boolean(config.security.auth?.keys?.length || config.security.auth?.jwt);

let simulator: Simulator | undefined;
let haloApiUrl = config.haloApiUrl;
let haloKey = config.haloSubscriptionKey;
let exampleSiteId: string | undefined;
if (!haloApiUrl) {
  // Loaded only here: a façade in front of a real Halo never reads the simulator's code. The build
  // puts the seeded databases beside this file (dist/seed/); run from src/, the sites are seeded.
  const [{ startSimulator }, { useSeedSnapshot }, { readSimulatorConfig }, { OnlineSite }] = await Promise.all([
    import('../simulator/src/server.js'),
    import('../simulator/src/db/seed-snapshot.js'),
    import('../simulator/src/config.js'),
    import('../simulator/src/fixtures.js'),
  ]);
  const simulatorConfig = readSimulatorConfig();
  // The embedded simulator sends its webhooks to SIMULATOR_WEBHOOK_URL, or to this server when a
  // webhook secret is set and the port is known in advance.
  const selfHost = ['0.0.0.0', '::', ''].includes(config.host)
    ? '127.0.0.1'
    : config.host.includes(':')
      ? `[${config.host}]`
      : config.host;
  const webhooks = simulatorConfig.webhookUrl
    ? { webhookUrl: simulatorConfig.webhookUrl, webhookSecret: simulatorConfig.webhookSecret }
    : config.haloWebhookSecret && config.port !== 0
      ? { webhookUrl: `http://${selfHost}:${config.port}/webhooks/halo`, webhookSecret: config.haloWebhookSecret }
      : {};
  useSeedSnapshot(new URL('./seed/', import.meta.url));
  simulator = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    timeScale: simulatorConfig.timeScale,
    pageBytes: simulatorConfig.pageBytes,
    key: simulatorConfig.key,
    ...webhooks,
  });
  haloApiUrl = simulator.url;
  haloKey = simulator.key;
  exampleSiteId = OnlineSite.id;
  console.log(`No HALO_API_URL set: started the embedded Halo simulator on ${simulator.url} (synthetic data only).`);
}

const app = createApp({
  haloApiUrl,
  haloSubscriptionKey: haloKey!,
  allowWrites: config.allowWrites,
  graphiql: config.graphiql,
  ...(exampleSiteId ? { exampleSiteId } : {}),
  cursorSecret: config.cursorSecret,
  ...(config.haloWebhookSecret ? { haloWebhookSecret: config.haloWebhookSecret } : {}),
  ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
  ...(config.otelExporterEndpoint ? { otelExporterEndpoint: config.otelExporterEndpoint } : {}),
  ...(config.otelSampleRatio !== undefined ? { otelSampleRatio: config.otelSampleRatio } : {}),
  security: config.security,
  namedQueries: config.namedQueries,
  subscriptions: config.ws,
  // Background failures (Redis, pollers) are logged there too: class names and codes, never messages.
  logger,
});
const { url } = await app.start(config.port, config.host);
if (config.otelExporterEndpoint) {
  const share = config.otelSampleRatio === undefined ? '' : ` (sampling ${config.otelSampleRatio * 100}% of traces)`;
  console.log(`Tracing: OpenTelemetry spans to ${tracesUrlForLog(config.otelExporterEndpoint)}${share}.`);
}
console.log(
  `GraphQL API on ${url}/graphql (GraphiQL in a browser)${!authOn && config.allowWrites ? '; NON_QUERY writes are ENABLED' : ''}`,
);
if (authOn) {
  const keys = config.security.auth?.keys?.length ?? 0;
  console.log(
    `Client auth: ${[keys ? `${keys} API key${keys === 1 ? '' : 's'}` : '', config.security.auth?.jwt ? 'JWT' : ''].filter(Boolean).join(' and ')}.`,
  );
  if (config.allowWrites)
    console.warn("ALLOW_WRITES is ignored with client auth: each client's writes permission decides.");
  logger.info({ event: 'start', url, authMode: 'enforced' }, LOG_MESSAGES.authOn);
} else {
  // readAppConfig refuses to start without client auth in front of a real Halo: this is the embedded simulator.
  console.warn(
    'client auth is OFF: development only (no CLIENT_KEYS, CLIENT_KEYS_FILE or JWT_* set; every caller may use every site).',
  );
  logger.warn({ event: 'start', url, authMode: 'open', writes: config.allowWrites }, LOG_MESSAGES.authOpen);
}
console.log(
  `Subscriptions: graphql-ws on ${url.replace(/^http/, 'ws')}/graphql and SSE; ${config.redisUrl ? 'shared between replicas through Redis' : 'in this process (no REDIS_URL)'}; ` +
    `webhooks ${config.haloWebhookSecret ? `on ${url}/webhooks/halo` : 'off (no HALO_WEBHOOK_SECRET)'}.`,
);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  logger.info({ event: 'stop' }, LOG_MESSAGES.stopping);
  Promise.all([app.stop(), simulator?.stop()]).then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
