import { createApp, type App } from './app.js';
import { APP_VARIABLES, appConfigProblems, readAppConfig, type AppEnvConfig } from './config.js';
import { createLogger, LOG_MESSAGES, stdoutDestination } from './observability/logging.js';
import { formatHelpTable } from './lib/env.js';
import {
  checkListen,
  commandLine,
  exitWithProblems,
  failStartup,
  listenProblem,
  stopOnSignals,
  type ListenSettings,
} from './lib/lifecycle.js';
import type { Simulator } from '../simulator/src/server.js';
import { tracesUrlForLog } from './observability/tracing.js';

// `npm start`: the only module with side effects (environment, arguments, listen, signals).
const PROGRAM = 'halo-graphql';
/** How long requests in flight get to be answered after a stop signal. */
const DRAIN_MS = 5_000;
/** After a stop signal, the process exits 1 if it has not stopped by then. */
const STOP_TIMEOUT_MS = 10_000;

try {
  if (commandLine(process.argv.slice(2)) === 'help') process.stdout.write(await help());
  else await start();
} catch (error) {
  failStartup(PROGRAM, error);
}

async function start(): Promise<void> {
  let config: AppEnvConfig;
  try {
    config = readAppConfig();
  } catch (error) {
    exitWithProblems(PROGRAM, appConfigProblems(error));
  }
  const format = config.logFormat === 'auto' ? (process.stdout.isTTY ? 'pretty' : 'json') : config.logFormat;
  const logger = createLogger({ level: config.logLevel, destination: await stdoutDestination(format) });
  const listen: ListenSettings = { port: config.port, host: config.host, portVariable: 'PORT', hostVariable: 'HOST' };
  // A busy port fails here, before the embedded simulator starts.
  await checkListen(listen);

  let simulator: Simulator | undefined;
  let haloApiUrl = config.haloApiUrl;
  let haloKey = config.haloSubscriptionKey;
  let exampleSiteId: string | undefined;
  if (!haloApiUrl) {
    // Loaded only here: a façade in front of a real Halo never reads the simulator's code. The build
    // puts the seeded databases beside this file (dist/seed/); run from src/, the sites are seeded.
    const [{ startSimulator }, { useSeedSnapshot }, { readSimulatorConfig, simulatorConfigProblems }, { OnlineSite }] =
      await Promise.all([
        import('../simulator/src/server.js'),
        import('../simulator/src/db/seed-snapshot.js'),
        import('../simulator/src/config.js'),
        import('../simulator/src/fixtures.js'),
      ]);
    let simulatorConfig: ReturnType<typeof readSimulatorConfig>;
    try {
      simulatorConfig = readSimulatorConfig();
    } catch (error) {
      exitWithProblems(PROGRAM, simulatorConfigProblems(error));
    }
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
    logger.info(
      {
        event: 'simulator.start',
        url: simulator.url,
        simulatorKey: simulator.key,
        controlUrl: `${simulator.url}/_sim/`,
      },
      LOG_MESSAGES.simulator,
    );
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
    trustedDocuments: config.trustedDocuments,
    namedQueries: config.namedQueries,
    ...(config.queryBudgets ? { queryBudgets: config.queryBudgets } : {}),
    reuseMaxBytes: config.reuseMaxBytes,
    subscriptions: config.ws,
    // Background failures (Redis, pollers) are logged there too: class names and codes, never messages.
    logger,
  });
  const { url, port } = await listenOrExplain(app, config, listen);
  // Before the start lines: whoever reads them may stop the server at once.
  stopOnSignals({
    timeoutMs: STOP_TIMEOUT_MS,
    async stop() {
      // The drain (not ready, no new connections, WebSockets closed 1001, requests in flight
      // answered within DRAIN_MS), then app.stop() cuts what is left and closes the rest (Redis,
      // the Halo pool), and the embedded simulator, which those requests may have needed, stops last.
      await app.drain(DRAIN_MS);
      await app.stop();
      await simulator?.stop();
    },
    onStopping: (signal) => logger.info({ event: 'stop', signal }, LOG_MESSAGES.stopping),
    onStopped: (durationMs) => logger.info({ event: 'stopped', durationMs }, LOG_MESSAGES.stopped),
    onForced: (signal) => logger.warn({ event: 'stop.forced', signal }, LOG_MESSAGES.stopForced),
    onTimeout: () => logger.error({ event: 'stop.timeout' }, LOG_MESSAGES.stopTimeout),
    onFailed: (err) => logger.error({ event: 'background.error', where: 'stop', err }, LOG_MESSAGES.background),
  });

  if (config.otelExporterEndpoint) {
    logger.info(
      { event: 'tracing', url: tracesUrlForLog(config.otelExporterEndpoint), sampleRatio: config.otelSampleRatio },
      LOG_MESSAGES.tracing,
    );
  }
  const keys = config.security.auth?.keys?.length ?? 0;
  const jwt = config.security.auth?.jwt !== undefined;
  const authOn = keys > 0 || jwt;
  if (authOn) {
    logger.info({ event: 'auth', authMode: 'enforced', apiKeys: keys, jwt }, LOG_MESSAGES.authOn);
    if (config.allowWrites) logger.warn({ event: 'writes.ignored' }, LOG_MESSAGES.writesIgnored);
  } else {
    // readAppConfig refuses to start without client auth in front of a real Halo: this is the embedded simulator.
    logger.warn({ event: 'auth', authMode: 'open', writes: config.allowWrites }, LOG_MESSAGES.authOpen);
  }
  logger.info(
    {
      event: 'subscriptions',
      url,
      wsUrl: `${url.replace(/^http/, 'ws')}/graphql`,
      redis: config.redisUrl !== undefined,
      webhooks: config.haloWebhookSecret !== undefined,
    },
    LOG_MESSAGES.subscriptions,
  );
  // Last: once this line is out, the server answers.
  logger.info(
    {
      event: 'start',
      url,
      port,
      graphiql: config.graphiql,
      authMode: authOn ? 'enforced' : 'open',
      writes: config.allowWrites,
    },
    LOG_MESSAGES.start,
  );
}

/**
 * `app.start`, with its foreseeable failure (the port taken since the check) as a start-up
 * mistake. An unreachable Redis is not one: the replica starts in local mode and joins when Redis answers.
 */
async function listenOrExplain(
  app: App,
  config: AppEnvConfig,
  listen: ListenSettings,
): Promise<{ url: string; port: number }> {
  try {
    return await app.start(config.port, config.host);
  } catch (error) {
    const listening = listenProblem(error, listen);
    if (listening) throw listening;
    throw error;
  }
}

async function help(): Promise<string> {
  const { SIMULATOR_VARIABLES, EMBEDDED_SIMULATOR_VARIABLES } = await import('../simulator/src/config.js');
  const width = Math.min(process.stdout.columns ?? 120, 140);
  const embedded = SIMULATOR_VARIABLES.rows().filter((row) =>
    (EMBEDDED_SIMULATOR_VARIABLES as readonly string[]).includes(row.name),
  );
  return [
    `${PROGRAM}: a GraphQL API over the Halo Connect Cloud API.`,
    '',
    'Usage: npm start [-- --help]',
    '       node dist/main.js [--help]',
    '',
    'Settings come from environment variables (an empty one counts as unset):',
    '',
    formatHelpTable(APP_VARIABLES.rows(), width),
    '',
    'Without HALO_API_URL, the embedded Halo simulator also reads:',
    '',
    formatHelpTable(embedded, width),
    '',
    'SIGTERM or SIGINT (Ctrl-C) stops the server: requests in flight are answered first (5 s at most);',
    'a second signal exits at once.',
    '',
  ].join('\n');
}
