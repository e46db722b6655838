import { readSimulatorConfig } from './config.js';
import { startSimulator } from './simulator/server.js';

// `npm start`. Until the GraphQL API lands, this starts the embedded Halo simulator and says so.
const config = readSimulatorConfig();
const simulator = await startSimulator({ port: 0, host: '127.0.0.1', timeScale: config.timeScale, pageBytes: config.pageBytes });
console.log(`Embedded Halo simulator on ${simulator.url} (subscription key: ${simulator.key}); no HALO_API_URL is set.`);
console.log('The GraphQL API is not built yet: see the README status. Press Ctrl+C to stop.');

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  simulator.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
