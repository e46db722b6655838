/**
 * The simulator's configuration, read from the environment once (`npm run simulator`, or the
 * façade's embedded start) through the definitions in `SIMULATOR_VARIABLES`, which
 * `npm run simulator -- --help` prints. Invalid values fail fast with a message naming the variable.
 */
import { ConfigError, custom, decimal, defineVariables, integer, text, type Env } from '../../src/lib/env.js';

export interface SimulatorConfig {
  port: number;
  host: string;
  key: string;
  timeScale: number;
  pageBytes: number;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
}

export const SIMULATOR_VARIABLES = defineVariables({
  SIMULATOR_PORT: integer({
    fallback: 4010,
    min: 0,
    max: 65535,
    meaning: 'port of `npm run simulator` (`0`: any free port); the embedded simulator takes a free port',
  }),
  HOST: text({
    fallback: '127.0.0.1',
    meaning: 'listen address of `npm run simulator`; the embedded simulator listens on 127.0.0.1',
  }),
  SIMULATOR_KEY: text({ fallback: 'dev-key', meaning: 'the `Ocp-Apim-Subscription-Key` clients must send' }),
  SIMULATOR_TIME_SCALE: decimal({
    fallback: 1,
    accepts: (n) => n > 0,
    expected: 'a positive number',
    meaning: 'simulated time speed: `60` makes one simulated minute pass per real second',
  }),
  SIMULATOR_PAGE_BYTES: integer({
    fallback: 1024 * 1024,
    min: 256,
    max: 64 * 1024 * 1024,
    meaning: 'async results are split into pages of about this many bytes of JSON',
  }),
  SIMULATOR_WEBHOOK_URL: custom({
    parse: (raw: string, name: string) => {
      try {
        new URL(raw.replace(/\{(siteId|queryId|source)\}/g, 'x'));
      } catch {
        throw new ConfigError(`${name} must be an absolute URL`);
      }
      return raw;
    },
    meaning:
      'when set (with the secret), signed Halo webhooks are POSTed here; `{siteId}`, `{queryId}`, `{source}` are substituted',
  }),
  SIMULATOR_WEBHOOK_SECRET: text({ meaning: 'HMAC-SHA256 secret for `X-Halo-Signature-256`' }),
});

/** The variables the façade's embedded simulator reads (it picks its own port and address). */
export const EMBEDDED_SIMULATOR_VARIABLES = [
  'SIMULATOR_KEY',
  'SIMULATOR_TIME_SCALE',
  'SIMULATOR_PAGE_BYTES',
  'SIMULATOR_WEBHOOK_URL',
  'SIMULATOR_WEBHOOK_SECRET',
] as const;

export function readSimulatorConfig(env: Env = process.env): SimulatorConfig {
  const v = SIMULATOR_VARIABLES.read(env);
  const webhookUrl = v.get('SIMULATOR_WEBHOOK_URL');
  const webhookSecret = v.get('SIMULATOR_WEBHOOK_SECRET');
  if (webhookUrl && !webhookSecret)
    throw new ConfigError('SIMULATOR_WEBHOOK_SECRET must be set when SIMULATOR_WEBHOOK_URL is');
  return Object.freeze({
    port: v.get('SIMULATOR_PORT'),
    host: v.get('HOST'),
    key: v.get('SIMULATOR_KEY'),
    timeScale: v.get('SIMULATOR_TIME_SCALE'),
    pageBytes: v.get('SIMULATOR_PAGE_BYTES'),
    webhookUrl,
    webhookSecret,
  });
}

/** What `readSimulatorConfig` threw, with every other invalid variable: one message per mistake. */
export function simulatorConfigProblems(error: unknown, env: Env = process.env): string[] {
  return SIMULATOR_VARIABLES.problems(env, [error]);
}
