/**
 * The façade for the subscription scenarios: the production `createApp` (bundled by esbuild like
 * dist/main.js, plain JavaScript at run time) with settings `main.ts` does not read from the
 * environment: the webhook secret and the subscription tuning, passed as JSON in BENCH_APP_CONFIG.
 * Prints the same "GraphQL API on …" line as main.ts and answers `{type:'app'}` over IPC with the
 * app's subscription counters.
 */
import { createApp, type AppConfig } from '../../src/app.js';
import { readSecurityConfig } from '../../src/config.js';
import type { AppStatsReply, AppStatsRequest } from '../lib/ipc.js';

const env = process.env;
const extra = JSON.parse(env.BENCH_APP_CONFIG ?? '{}') as Partial<AppConfig>;
const app = createApp({
  haloApiUrl: env.HALO_API_URL ?? '',
  haloSubscriptionKey: env.HALO_SUBSCRIPTION_KEY ?? '',
  graphiql: false,
  // Client auth and limits from the same variables main.ts reads (CLIENT_KEYS, RATE_LIMIT_PER_SECOND…).
  security: readSecurityConfig(env, true),
  ...extra,
});
const { url } = await app.start(Number(env.PORT ?? 0), env.HOST ?? '127.0.0.1');
console.log(`GraphQL API on ${url}/graphql`);

// Only what the benchmark reads; the shape of the app's stats is not assumed here.
const counters = app as unknown as { live?: { stats(): unknown }; ws?: { stats(): unknown } };
process.on('message', (msg: AppStatsRequest | { type?: unknown }) => {
  if (!('id' in msg) || msg.type !== 'app') return;
  process.send?.({
    id: msg.id,
    type: 'app',
    live: counters.live?.stats() ?? null,
    ws: counters.ws?.stats() ?? null,
  } satisfies AppStatsReply);
});

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
