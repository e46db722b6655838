/**
 * The simulator's configuration, read from the environment once (`npm run simulator`, or the
 * façade's embedded start). Invalid values fail fast with a message naming the variable.
 */
export interface SimulatorConfig {
  port: number;
  host: string;
  key: string;
  timeScale: number;
  pageBytes: number;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

function int(env: Env, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be an integer between ${min} and ${max}`);
  return n;
}

function num(env: Env, name: string, dflt: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
}

export function readSimulatorConfig(env: Env = process.env): SimulatorConfig {
  const webhookUrl = env.SIMULATOR_WEBHOOK_URL || undefined;
  if (webhookUrl !== undefined) {
    try {
      new URL(webhookUrl.replace(/\{(siteId|queryId|source)\}/g, 'x'));
    } catch {
      throw new Error('SIMULATOR_WEBHOOK_URL must be an absolute URL');
    }
  }
  const webhookSecret = env.SIMULATOR_WEBHOOK_SECRET || undefined;
  if (webhookUrl && !webhookSecret)
    throw new Error('SIMULATOR_WEBHOOK_SECRET must be set when SIMULATOR_WEBHOOK_URL is');
  return Object.freeze({
    port: int(env, 'SIMULATOR_PORT', 4010, 0, 65535),
    host: env.HOST || '127.0.0.1',
    key: env.SIMULATOR_KEY || 'dev-key',
    timeScale: num(env, 'SIMULATOR_TIME_SCALE', 1),
    pageBytes: int(env, 'SIMULATOR_PAGE_BYTES', 1024 * 1024, 256, 64 * 1024 * 1024),
    webhookUrl,
    webhookSecret,
  });
}
