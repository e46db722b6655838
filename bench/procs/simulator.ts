/**
 * The simulator for load scenarios: `startSimulator` as in dist/simulator.js (bundled the same way),
 * with the default fixtures plus BENCH_EXTRA_SITES small sites (bench/lib/sites.ts). Prints the same
 * line as `npm run simulator`.
 */
import { DEFAULT_SITES } from '../../simulator/src/fixtures.js';
import { startSimulator } from '../../simulator/src/server.js';
import { benchSites } from '../lib/sites.js';

const env = process.env;
const simulator = await startSimulator({
  port: 0,
  host: '127.0.0.1',
  key: env.SIMULATOR_KEY ?? 'bench-key',
  timeScale: Number(env.SIMULATOR_TIME_SCALE ?? 1),
  ...(env.SIMULATOR_PAGE_BYTES ? { pageBytes: Number(env.SIMULATOR_PAGE_BYTES) } : {}),
  sites: [...DEFAULT_SITES, ...benchSites(Number(env.BENCH_EXTRA_SITES ?? 0))],
});
console.log(`Halo simulator listening on ${simulator.url} (subscription key: ${simulator.key})`);
process.on('SIGTERM', () => {
  simulator.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
