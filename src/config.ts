/**
 * The only module that reads the environment. Each reader validates once and returns a frozen
 * object; invalid values fail fast with a message naming the variable (never its value when it
 * could be a secret).
 */
import { readFileSync } from 'node:fs';
import { parseClientKeys, type ClientKeyEntry } from './auth/api-keys.js';
import type { ClientAuthConfig } from './auth/authenticate.js';
import type { LogLevel } from './observability/logging.js';
import type { SecurityConfig } from './app.js';
import { SECURITY_DEFAULTS } from './security/config.js';
import type { Catalogue } from './catalogue/types.js';
import { schema } from './schema/index.js';
import { loadNamedQueries } from './schema/named-queries.js';

type Env = Readonly<Record<string, string | undefined>>;

function int(env: Env, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be an integer between ${min} and ${max}`);
  return n;
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
  /** OTEL_EXPORTER_OTLP_ENDPOINT: OpenTelemetry spans go to `<endpoint>/v1/traces` (OTLP/HTTP JSON). Unset: no tracing. */
  otelExporterEndpoint: string | undefined;
  /** OTEL_TRACES_SAMPLER_ARG: share of traces kept, 0..1. Unset: all. */
  otelSampleRatio: number | undefined;
  /** Client auth, rate limits and request limits (see `readSecurityConfig`). */
  security: SecurityConfig;
  /** WS_MAX_PAYLOAD_BYTES and WS_MAX_SUBSCRIPTIONS. */
  ws: { maxPayloadBytes: number; maxSubscriptionsPerConnection: number };
  /** LOG_LEVEL. @default info */
  logLevel: LogLevel;
  /** The named queries: the built-in entries plus NAMED_QUERIES_DIR's (loaded and validated here). */
  namedQueries: Catalogue;
}

function bool(env: Env, name: string, dflt: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false`);
}

function otelEndpoint(env: Env): string | undefined {
  const raw = env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined;
  if (raw === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:')
    throw new Error('OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL');
  return raw;
}

function ratio(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`${name} must be a number between 0 and 1`);
  return n;
}

function cursorSecret(env: Env): string | undefined {
  const raw = env.CURSOR_SECRET || undefined;
  if (raw !== undefined && Buffer.byteLength(raw, 'utf8') < 16)
    throw new Error('CURSOR_SECRET must be at least 16 bytes');
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
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new Error('HALO_API_URL must be an absolute http(s) URL');
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
    // In front of a real Halo, GraphiQL and introspection are off unless asked for.
    graphiql: bool(env, 'GRAPHIQL', haloApiUrl === undefined),
    cursorSecret: cursorSecret(env),
    otelExporterEndpoint: otelEndpoint(env),
    otelSampleRatio: ratio(env, 'OTEL_TRACES_SAMPLER_ARG'),
    security: readSecurityConfig(env, haloApiUrl !== undefined),
    ws: {
      maxPayloadBytes: int(env, 'WS_MAX_PAYLOAD_BYTES', SECURITY_DEFAULTS.wsMaxPayloadBytes, 1024, 64 * 1024 * 1024),
      maxSubscriptionsPerConnection: int(env, 'WS_MAX_SUBSCRIPTIONS', SECURITY_DEFAULTS.wsMaxSubscriptions, 1, 10_000),
    },
    logLevel: logLevel(env),
    // A bad file throws a CatalogueError: `named query <file>:<line>: <problem>`.
    namedQueries: loadNamedQueries(schema, env.NAMED_QUERIES_DIR || undefined),
  });
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevel(env: Env): LogLevel {
  const raw = env.LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw))
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  return raw as LogLevel;
}

/**
 * Client auth and limits. In front of a real Halo (`realHalo`), client auth is required: without
 * API keys or JWT settings this throws, and the server does not start.
 * @throws Error naming the variable (never a key or hash) for any invalid value.
 */
export function readSecurityConfig(env: Env, realHalo: boolean): SecurityConfig {
  let keys: ClientKeyEntry[] | undefined;
  if (env.CLIENT_KEYS && env.CLIENT_KEYS_FILE) throw new Error('Set CLIENT_KEYS or CLIENT_KEYS_FILE, not both');
  if (env.CLIENT_KEYS) keys = parseClientKeys(env.CLIENT_KEYS, 'CLIENT_KEYS');
  if (env.CLIENT_KEYS_FILE) {
    let text: string;
    try {
      text = readFileSync(env.CLIENT_KEYS_FILE, 'utf8');
    } catch {
      throw new Error('CLIENT_KEYS_FILE could not be read');
    }
    keys = parseClientKeys(text, 'CLIENT_KEYS_FILE');
  }
  const jwtVars = ['JWT_ISSUER', 'JWT_AUDIENCE', 'JWT_JWKS_URL'] as const;
  const setJwt = jwtVars.filter((v) => env[v]);
  if (setJwt.length > 0 && setJwt.length < jwtVars.length)
    throw new Error(`JWT client auth needs all of ${jwtVars.join(', ')}`);
  let jwt: ClientAuthConfig['jwt'];
  if (setJwt.length === jwtVars.length) {
    let url: URL | undefined;
    try {
      url = new URL(env.JWT_JWKS_URL!);
    } catch {
      // reported below
    }
    const loopback = url !== undefined && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url?.protocol !== 'https:' && !(url?.protocol === 'http:' && loopback))
      throw new Error('JWT_JWKS_URL must be an https URL');
    jwt = {
      issuer: env.JWT_ISSUER!,
      audience: env.JWT_AUDIENCE!,
      jwksUrl: env.JWT_JWKS_URL!,
      ...(env.JWT_SITES_CLAIM ? { sitesClaim: env.JWT_SITES_CLAIM } : {}),
      ...(env.JWT_PERMISSIONS_CLAIM ? { permissionsClaim: env.JWT_PERMISSIONS_CLAIM } : {}),
    };
  }
  const authOn = (keys !== undefined && keys.length > 0) || jwt !== undefined;
  if (realHalo && !authOn) {
    throw new Error(
      'Client auth is required in front of a real Halo (HALO_API_URL is set): configure CLIENT_KEYS or CLIENT_KEYS_FILE, and/or JWT_ISSUER, JWT_AUDIENCE and JWT_JWKS_URL',
    );
  }
  const ratePerSecond = num0(env, 'RATE_LIMIT_PER_SECOND', authOn ? SECURITY_DEFAULTS.ratePerSecond : 0);
  const corsOrigins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    let ok: boolean;
    try {
      const u = new URL(origin);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === origin;
    } catch {
      ok = false;
    }
    if (!ok)
      throw new Error(
        'CORS_ORIGINS must be a comma-separated list of origins such as https://app.example.org (scheme, host and port only)',
      );
  }
  return Object.freeze({
    auth: { ...(keys ? { keys } : {}), ...(jwt ? { jwt } : {}) },
    rateLimit: {
      ratePerSecond,
      burst: int(env, 'RATE_LIMIT_BURST', Math.max(1, Math.ceil(ratePerSecond * 2)), 1, 1_000_000),
    },
    limits: {
      maxDepth: int(env, 'MAX_DEPTH', SECURITY_DEFAULTS.maxDepth, 1, 100),
      maxAliases: int(env, 'MAX_ALIASES', SECURITY_DEFAULTS.maxAliases, 0, 1_000),
      maxTokens: int(env, 'MAX_TOKENS', SECURITY_DEFAULTS.maxTokens, 100, 1_000_000),
      maxDirectives: int(env, 'MAX_DIRECTIVES', SECURITY_DEFAULTS.maxDirectives, 0, 1_000),
      cost: { maxCost: int(env, 'MAX_COST', SECURITY_DEFAULTS.maxCost, 100, 100_000_000) },
      introspection: bool(env, 'INTROSPECTION', !realHalo),
    },
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', SECURITY_DEFAULTS.maxBodyBytes, 1024, 512 * 1024 * 1024),
    corsOrigins,
  });
}

function num0(env: Env, name: string, dflt: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number, 0 or more (0 turns the limit off)`);
  return n;
}
