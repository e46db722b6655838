import { createApp } from './app.js';
import { readAppConfig } from './config.js';
import { startSimulator, type Simulator } from './simulator/server.js';
import { tracingNotice } from './tracing.js';

// `npm start`: the only module with side effects (env, listen, signals).
const config = readAppConfig();
const notice = tracingNotice(config.otelExporterEndpoint);
if (notice) console.warn(notice);

let simulator: Simulator | undefined;
let haloApiUrl = config.haloApiUrl;
let haloKey = config.haloSubscriptionKey;
if (!haloApiUrl) {
  // The embedded simulator sends its webhooks to SIMULATOR_WEBHOOK_URL, or to this server when a
  // webhook secret is set and the port is known in advance.
  const selfHost = ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const webhooks = config.simulator.webhookUrl
    ? { webhookUrl: config.simulator.webhookUrl, webhookSecret: config.simulator.webhookSecret }
    : config.haloWebhookSecret && config.port !== 0
      ? { webhookUrl: `http://${selfHost}:${config.port}/webhooks/halo`, webhookSecret: config.haloWebhookSecret }
      : {};
  simulator = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    timeScale: config.simulator.timeScale,
    pageBytes: config.simulator.pageBytes,
    key: config.simulator.key,
    ...webhooks,
  });
  haloApiUrl = simulator.url;
  haloKey = simulator.key;
  console.log(`No HALO_API_URL set: started the embedded Halo simulator on ${simulator.url} (synthetic data only).`);
}

const app = createApp(
  {
    haloApiUrl,
    haloSubscriptionKey: haloKey!,
    allowWrites: config.allowWrites,
    graphiql: config.graphiql,
    cursorSecret: config.cursorSecret,
    ...(config.haloWebhookSecret ? { haloWebhookSecret: config.haloWebhookSecret } : {}),
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
  },
  {
    // Background failures (Redis, pollers) carry messages only, never payloads.
    onError: (error, where) => console.error(`${where}: ${error instanceof Error ? error.message : String(error)}`),
  },
);
const { url } = await app.start(config.port, config.host);
console.log(`GraphQL API on ${url}/graphql (GraphiQL in a browser)${config.allowWrites ? '; NON_QUERY writes are ENABLED' : ''}`);
console.log(
  `Subscriptions: graphql-ws on ${url.replace(/^http/, 'ws')}/graphql and SSE; ${config.redisUrl ? 'shared between replicas through Redis' : 'in this process (no REDIS_URL)'}; ` +
    `webhooks ${config.haloWebhookSecret ? `on ${url}/webhooks/halo` : 'off (no HALO_WEBHOOK_SECRET)'}.`,
);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  Promise.all([app.stop(), simulator?.stop()]).then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
