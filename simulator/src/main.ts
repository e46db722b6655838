import { readSimulatorConfig, SIMULATOR_VARIABLES, simulatorConfigProblems, type SimulatorConfig } from './config.js';
import { useSeedSnapshot } from './db/seed-snapshot.js';
import { startSimulator } from './server.js';
import { formatHelpTable } from '../../src/lib/env.js';
import {
  checkListen,
  commandLine,
  exitWithProblems,
  failStartup,
  listenProblem,
  stopOnSignals,
  type ListenSettings,
} from '../../src/lib/lifecycle.js';

// `npm run simulator`: the Halo simulator alone.
const PROGRAM = 'halo-simulator';

try {
  if (commandLine(process.argv.slice(2)) === 'help') process.stdout.write(help());
  else await start();
} catch (error) {
  failStartup(PROGRAM, error);
}

async function start(): Promise<void> {
  let config: SimulatorConfig;
  try {
    config = readSimulatorConfig();
  } catch (error) {
    exitWithProblems(PROGRAM, simulatorConfigProblems(error));
  }
  const listen: ListenSettings = {
    port: config.port,
    host: config.host,
    portVariable: 'SIMULATOR_PORT',
    hostVariable: 'HOST',
  };
  await checkListen(listen);
  // The build's seeded databases (dist/seed/); run from src/, the sites are seeded at start.
  useSeedSnapshot(new URL('./seed/', import.meta.url));
  const simulator = await startSimulator({
    port: config.port,
    host: config.host,
    key: config.key,
    timeScale: config.timeScale,
    pageBytes: config.pageBytes,
    ...(config.webhookUrl ? { webhookUrl: config.webhookUrl, webhookSecret: config.webhookSecret } : {}),
  }).catch((error: unknown) => {
    throw listenProblem(error, listen) ?? error;
  });
  stopOnSignals({
    timeoutMs: 10_000,
    stop: () => simulator.stop(),
    onStopping: (signal) => console.log(`${signal}: stopping the simulator`),
    onForced: (signal) => console.log(`${signal} again: exiting at once`),
    onTimeout: () => console.error('the simulator did not stop within 10 s'),
  });
  console.log(`Halo simulator listening on ${simulator.url} (subscription key: ${simulator.key})`);
  console.log(`Control API on ${simulator.url}/_sim/ (see simulator/README.md)`);
  if (config.webhookUrl) console.log('Sending signed webhooks to the configured SIMULATOR_WEBHOOK_URL');
}

function help(): string {
  const width = Math.min(process.stdout.columns ?? 120, 140);
  return [
    `${PROGRAM}: a faithful Halo Connect simulator (integrator REST API and FHIR, synthetic data).`,
    '',
    'Usage: npm run simulator [-- --help]',
    '       node dist/simulator.js [--help]',
    '',
    'Settings come from environment variables (an empty one counts as unset):',
    '',
    formatHelpTable(SIMULATOR_VARIABLES.rows(), width),
    '',
    'SIGTERM or SIGINT (Ctrl-C) stops it; a second signal exits at once.',
    '',
  ].join('\n');
}
