import { createApp } from './app.js';
import { readAppConfig } from './config.js';
import { startSimulator, type Simulator } from './simulator/server.js';

// `npm start`: the only module with side effects (env, listen, signals).
const config = readAppConfig();

let simulator: Simulator | undefined;
let haloApiUrl = config.haloApiUrl;
let haloKey = config.haloSubscriptionKey;
if (!haloApiUrl) {
  simulator = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    timeScale: config.simulator.timeScale,
    pageBytes: config.simulator.pageBytes,
    key: config.simulator.key,
  });
  haloApiUrl = simulator.url;
  haloKey = simulator.key;
  console.log(`No HALO_API_URL set: started the embedded Halo simulator on ${simulator.url} (synthetic data only).`);
}

const app = createApp({ haloApiUrl, haloSubscriptionKey: haloKey!, allowWrites: config.allowWrites, graphiql: config.graphiql });
const { url } = await app.start(config.port, config.host);
console.log(`GraphQL API on ${url}/graphql (GraphiQL in a browser)${config.allowWrites ? '; NON_QUERY writes are ENABLED' : ''}`);

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
