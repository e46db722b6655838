import { readSimulatorConfig } from './config.js';
import { useSeedSnapshot } from './db/seed-snapshot.js';
import { startSimulator } from './server.js';

// `npm run simulator`: the Halo simulator alone.
const config = readSimulatorConfig();
// The build's seeded databases (dist/seed/); run from src/, the sites are seeded at start.
useSeedSnapshot(new URL('./seed/', import.meta.url));
const simulator = await startSimulator({
  port: config.port,
  host: config.host,
  key: config.key,
  timeScale: config.timeScale,
  pageBytes: config.pageBytes,
  ...(config.webhookUrl ? { webhookUrl: config.webhookUrl, webhookSecret: config.webhookSecret } : {}),
});
console.log(`Halo simulator listening on ${simulator.url} (subscription key: ${simulator.key})`);
if (config.webhookUrl) console.log('Sending signed webhooks to the configured SIMULATOR_WEBHOOK_URL');

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the simulator`);
  simulator.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
