/**
 * The only module that reads the environment. Each reader validates once and returns a frozen
 * object; invalid values fail fast with a message naming the variable (never its value when it
 * could be a secret).
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
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer between ${min} and ${max}`);
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
  if (webhookUrl && !webhookSecret) throw new Error('SIMULATOR_WEBHOOK_SECRET must be set when SIMULATOR_WEBHOOK_URL is');
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

export interface AppEnvConfig {
  port: number;
  host: string;
  /** Unset: `npm start` runs the embedded simulator. */
  haloApiUrl: string | undefined;
  haloSubscriptionKey: string | undefined;
  haloWebhookSecret: string | undefined;
  redisUrl: string | undefined;
  allowWrites: boolean;
  graphiql: boolean;
  /** CURSOR_SECRET: signs connection cursors; set the same value on every replica. Unset: random per process. */
  cursorSecret: string | undefined;
  /**
   * OTEL_EXPORTER_OTLP_ENDPOINT. Tracing needs the OpenTelemetry SDK packages, which are not
   * installed: when set, `main.ts` says so (see `tracingNotice`) and no traces are exported.
   */
  otelExporterEndpoint: string | undefined;
  simulator: SimulatorConfig;
}

function bool(env: Env, name: string, dflt: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false`);
}

function cursorSecret(env: Env): string | undefined {
  const raw = env.CURSOR_SECRET || undefined;
  if (raw !== undefined && Buffer.byteLength(raw, 'utf8') < 16) throw new Error('CURSOR_SECRET must be at least 16 bytes');
  return raw;
}

export function readAppConfig(env: Env = process.env): AppEnvConfig {
  const haloApiUrl = env.HALO_API_URL || undefined;
  if (haloApiUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(haloApiUrl);
    } catch {
      throw new Error('HALO_API_URL must be an absolute http(s) URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('HALO_API_URL must be an absolute http(s) URL');
    if (!env.HALO_SUBSCRIPTION_KEY) throw new Error('HALO_SUBSCRIPTION_KEY must be set when HALO_API_URL is');
  }
  return Object.freeze({
    port: int(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    haloApiUrl: haloApiUrl?.replace(/\/+$/, ''),
    haloSubscriptionKey: env.HALO_SUBSCRIPTION_KEY || undefined,
    haloWebhookSecret: env.HALO_WEBHOOK_SECRET || undefined,
    redisUrl: env.REDIS_URL || undefined,
    allowWrites: bool(env, 'ALLOW_WRITES', false),
    graphiql: bool(env, 'GRAPHIQL', true),
    cursorSecret: cursorSecret(env),
    otelExporterEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined,
    simulator: readSimulatorConfig(env),
  });
}
