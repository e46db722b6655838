/**
 * The only module that reads the environment, through the definitions in `APP_VARIABLES` (the
 * same table `--help` prints and the README shows). Each reader validates once and returns a
 * frozen object; invalid values fail fast with a message naming the variable (never its value
 * when it could be a secret).
 */
import { readFileSync } from 'node:fs';
import { parseClientKeys, type ClientKeyEntry } from './auth/api-keys.js';
import type { ClientAuthConfig } from './auth/authenticate.js';
import type { LogLevel } from './observability/logging.js';
import type { SecurityConfig } from './app.js';
import { TRUSTED_DOCUMENTS_MODES, type TrustedDocumentsConfig } from './http/trusted-documents.js';
import { SECURITY_DEFAULTS } from './security/config.js';
import { ConfigError, custom, decimal, defineVariables, flag, integer, oneOf, text, type Env } from './lib/env.js';
import type { Catalogue } from './catalogue/types.js';
import { schema } from './schema/index.js';
import { loadNamedQueries } from './schema/named-queries.js';
import { parseQueryBudgets, type QueryBudgets } from './usage/ledger.js';
import { REUSE_MAX_BYTES } from './usage/reuse.js';

const LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
] as const satisfies readonly LogLevel[];
const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
const MiB = 1024 * 1024;
const bytes = (n: number) => (n % MiB === 0 ? `${n} (${n / MiB} MiB)` : String(n));

function httpUrl(raw: string, name: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:')
    throw new ConfigError(`${name} must be an absolute http(s) URL`);
  return raw;
}

/** TRUSTED_DOCUMENTS_FILE: `{ "<id>": "<document>" }`, read once at start. */
function readTrustedDocuments(path: string, name: string): Readonly<Record<string, string>> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`${name} could not be read`);
  }
  let documents: unknown;
  try {
    documents = JSON.parse(text);
  } catch {
    documents = undefined;
  }
  if (
    typeof documents !== 'object' ||
    documents === null ||
    Array.isArray(documents) ||
    Object.values(documents).some((d) => typeof d !== 'string')
  )
    throw new ConfigError(`${name} must hold a JSON object {"<document id>": "<document>"}`);
  return Object.freeze({ ...(documents as Record<string, string>) });
}

/** TRUSTED_DOCUMENTS with its file; the mode defaults to off with the embedded simulator, allow with HALO_API_URL. */
function trustedDocuments(
  mode: TrustedDocumentsConfig['mode'] | undefined,
  documents: Readonly<Record<string, string>> | undefined,
  realHalo: boolean,
): TrustedDocumentsConfig {
  const chosen = mode ?? (realHalo ? 'allow' : 'off');
  if (documents === undefined) {
    if (chosen === 'require') throw new ConfigError('TRUSTED_DOCUMENTS=require needs TRUSTED_DOCUMENTS_FILE');
    return Object.freeze({ mode: chosen });
  }
  if (chosen === 'off')
    throw new ConfigError(
      'TRUSTED_DOCUMENTS_FILE is set but TRUSTED_DOCUMENTS is off (the default with the embedded simulator): set TRUSTED_DOCUMENTS=allow or require',
    );
  return Object.freeze({ mode: chosen, documents });
}

/** Every variable the façade reads, in the order `--help` and the README list them. */
export const APP_VARIABLES = defineVariables({
  PORT: integer({ fallback: 4000, min: 0, max: 65535, meaning: 'HTTP port of the GraphQL API (`0`: any free port)' }),
  HOST: text({ fallback: '127.0.0.1', meaning: 'listen address (`0.0.0.0` in a container)' }),
  HALO_API_URL: custom({
    parse: httpUrl,
    meaning:
      "Halo's origin, e.g. `https://api.stage.haloconnect.io`; unset: `npm start` runs the embedded Halo simulator (synthetic data only)",
  }),
  HALO_SUBSCRIPTION_KEY: text({
    meaning: 'your `Ocp-Apim-Subscription-Key` for Halo (secret; required with `HALO_API_URL`)',
  }),
  HALO_WEBHOOK_SECRET: text({
    meaning: 'secret verifying Halo webhooks at `POST /webhooks/halo` (a verified webhook triggers a poll at once)',
  }),
  REDIS_URL: text({
    meaning:
      'replicas share subscriptions, polling, rate limits, webhook replay protection, idempotency keys, usage counters and reused answers through this Redis 6+ (`redis://`, `rediss://`, `unix://`); while it is unreachable each replica works alone (local mode); unset: each process on its own',
  }),
  ALLOW_WRITES: flag({
    fallback: false,
    meaning:
      'open (development) mode only: allow NON_QUERY and stored procedures; with client auth each key’s `writes` permission decides',
  }),
  GRAPHIQL: flag({ shown: 'on; off with HALO_API_URL', meaning: 'serve GraphiQL on `GET /graphql`' }),
  INTROSPECTION: flag({ shown: 'on; off with HALO_API_URL', meaning: 'allow GraphQL introspection' }),
  CLIENT_KEYS: custom({
    parse: (raw: string, name: string) => parseClientKeys(raw, name),
    meaning:
      'API clients as JSON `[{id, sha256, sites, permissions}]`: hashes of the keys only (see "Client auth"); required, or JWT, with `HALO_API_URL`',
  }),
  CLIENT_KEYS_FILE: custom({
    parse: (raw: string, name: string) => {
      let text: string;
      try {
        text = readFileSync(raw, 'utf8');
      } catch {
        throw new ConfigError(`${name} could not be read`);
      }
      return parseClientKeys(text, name);
    },
    meaning: 'a file holding the same JSON as `CLIENT_KEYS` (set one of the two)',
  }),
  JWT_ISSUER: text({ meaning: 'accept JWTs from this issuer (with `JWT_AUDIENCE` and `JWT_JWKS_URL`)' }),
  JWT_AUDIENCE: text({ meaning: 'the audience those JWTs must carry' }),
  JWT_JWKS_URL: custom({
    parse: (raw: string, name: string) => {
      let url: URL | undefined;
      try {
        url = new URL(raw);
      } catch {
        // reported below
      }
      const loopback = url !== undefined && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
      if (url?.protocol !== 'https:' && !(url?.protocol === 'http:' && loopback))
        throw new ConfigError(`${name} must be an https URL`);
      return raw;
    },
    meaning: 'https URL of the issuer’s signing keys (JWKS)',
  }),
  JWT_SITES_CLAIM: text({
    shown: 'sites',
    meaning: 'the JWT claim listing the client’s sites (`["*"]` or site GUIDs)',
  }),
  JWT_PERMISSIONS_CLAIM: text({
    shown: 'permissions',
    meaning: 'the JWT claim listing the client’s permissions (array or space-separated)',
  }),
  CORS_ORIGINS: custom({
    parse: (raw: string, name: string) => {
      const origins = raw
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
      for (const origin of origins) {
        let ok: boolean;
        try {
          const u = new URL(origin);
          ok = (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === origin;
        } catch {
          ok = false;
        }
        if (!ok)
          throw new ConfigError(
            `${name} must be a comma-separated list of origins such as https://app.example.org (scheme, host and port only)`,
          );
      }
      return origins;
    },
    shown: 'none',
    meaning: 'comma-separated origins allowed to call the API from a browser (`https://app.example.org`)',
  }),
  RATE_LIMIT_PER_SECOND: decimal({
    accepts: (n) => n >= 0,
    expected: 'a number, 0 or more (0 turns the limit off)',
    shown: `${SECURITY_DEFAULTS.ratePerSecond}; 0 (off) in open mode`,
    meaning: 'operations per second per client (`0` turns the limit off)',
  }),
  RATE_LIMIT_BURST: integer({
    min: 1,
    max: 1_000_000,
    shown: 'twice the rate',
    meaning: 'operations a client may send at once above its rate',
  }),
  MAX_DEPTH: integer({ fallback: SECURITY_DEFAULTS.maxDepth, min: 1, max: 100, meaning: 'deepest selection' }),
  MAX_ALIASES: integer({
    fallback: SECURITY_DEFAULTS.maxAliases,
    min: 0,
    max: 1_000,
    meaning: 'aliases per operation',
  }),
  MAX_TOKENS: integer({
    fallback: SECURITY_DEFAULTS.maxTokens,
    min: 100,
    max: 1_000_000,
    meaning: 'tokens per document',
  }),
  MAX_DIRECTIVES: integer({
    fallback: SECURITY_DEFAULTS.maxDirectives,
    min: 0,
    max: 1_000,
    meaning: 'directives per operation',
  }),
  MAX_COST: integer({
    fallback: SECURITY_DEFAULTS.maxCost,
    min: 100,
    max: 100_000_000,
    meaning: 'cost per operation (a Halo call costs 100; see "Limits")',
  }),
  MAX_BODY_BYTES: integer({
    fallback: SECURITY_DEFAULTS.maxBodyBytes,
    shown: bytes(SECURITY_DEFAULTS.maxBodyBytes),
    min: 1024,
    max: 512 * MiB,
    meaning: 'largest HTTP request body (413 above)',
  }),
  WS_MAX_PAYLOAD_BYTES: integer({
    fallback: SECURITY_DEFAULTS.wsMaxPayloadBytes,
    shown: bytes(SECURITY_DEFAULTS.wsMaxPayloadBytes),
    min: 1024,
    max: 64 * MiB,
    meaning: 'largest WebSocket message (close 1009 above)',
  }),
  WS_MAX_SUBSCRIPTIONS: integer({
    fallback: SECURITY_DEFAULTS.wsMaxSubscriptions,
    min: 1,
    max: 10_000,
    meaning: 'operations at once on one WebSocket',
  }),
  CURSOR_SECRET: custom({
    parse: (raw: string, name: string) => {
      if (Buffer.byteLength(raw, 'utf8') < 16) throw new ConfigError(`${name} must be at least 16 bytes`);
      return raw;
    },
    shown: 'random per process',
    meaning: 'HMAC key (16 bytes or more) signing `patients` cursors; replicas behind one endpoint need the same one',
  }),
  LOG_LEVEL: oneOf({
    values: LOG_LEVELS,
    fallback: 'info',
    meaning: `pino log level (${LOG_LEVELS.join(', ')}); lines are patient-safe, from allow-listed fields`,
  }),
  LOG_FORMAT: oneOf({
    values: LOG_FORMATS,
    fallback: 'auto',
    meaning: '`json`: one JSON record per line; `pretty`: readable lines; `auto`: pretty when stdout is a terminal',
  }),
  NAMED_QUERIES_DIR: text({
    meaning:
      'a folder of your own named-query YAML files (one entry per file), added to the built-in ones at start; a bad file stops the start naming the file, the line and the problem',
  }),
  TRUSTED_DOCUMENTS: oneOf({
    values: TRUSTED_DOCUMENTS_MODES,
    shown: 'off; allow with HALO_API_URL',
    meaning:
      '`allow`: a request may name a document of `TRUSTED_DOCUMENTS_FILE` by id (`documentId`, or the APQ hash) instead of sending it; `require`: only those documents run; `off`: ids are not accepted',
  }),
  TRUSTED_DOCUMENTS_FILE: custom({
    parse: readTrustedDocuments,
    meaning:
      'the trusted documents: a JSON object `{"<id>": "<document>"}` as GraphQL Code Generator\'s client preset writes it (`persisted-documents.json`)',
  }),
  SITE_MONTHLY_QUERY_BUDGET: custom({
    parse: parseQueryBudgets,
    meaning:
      'billed Halo queries (immediate, async, registered-query creations) per site and UTC month: a whole number for every site, or JSON `{"<site GUID>": n, "*": n}` (`*`: every other site); a creation beyond it is refused with `QUOTA_EXCEEDED` before anything is sent; `Site.usage` shows the figures',
  }),
  QUERY_REUSE_MAX_BYTES: integer({
    fallback: REUSE_MAX_BYTES,
    shown: bytes(REUSE_MAX_BYTES),
    min: 0,
    max: 4096 * MiB,
    meaning:
      'most bytes of result JSON this process keeps for `maxAgeSeconds` reuse (least recently used go first; an answer over a quarter of it is not kept); `0` keeps none (identical calls in flight are still shared)',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: custom({
    parse: httpUrl,
    meaning: 'export OpenTelemetry spans (OTLP/HTTP JSON) to `<endpoint>/v1/traces`; unset: no tracing',
  }),
  OTEL_TRACES_SAMPLER_ARG: decimal({
    accepts: (n) => n >= 0 && n <= 1,
    expected: 'a number between 0 and 1',
    shown: '1',
    meaning: 'share of traces kept, 0 to 1',
  }),
});

type AppVariables = (typeof APP_VARIABLES)['variables'];

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
  /** LOG_FORMAT. `auto`: readable lines when stdout is a terminal, JSON otherwise. @default auto */
  logFormat: (typeof LOG_FORMATS)[number];
  /** TRUSTED_DOCUMENTS and TRUSTED_DOCUMENTS_FILE. @default off with the embedded simulator, allow with HALO_API_URL */
  trustedDocuments: TrustedDocumentsConfig;
  /** The named queries: the built-in entries plus NAMED_QUERIES_DIR's (loaded and validated here). */
  namedQueries: Catalogue;
  /** SITE_MONTHLY_QUERY_BUDGET. @default no budget */
  queryBudgets: QueryBudgets | undefined;
  /** QUERY_REUSE_MAX_BYTES. @default 64 MiB */
  reuseMaxBytes: number;
}

export function readAppConfig(env: Env = process.env): AppEnvConfig {
  const v = APP_VARIABLES.read(env);
  const haloApiUrl = v.get('HALO_API_URL');
  if (haloApiUrl !== undefined && !v.isSet('HALO_SUBSCRIPTION_KEY'))
    throw new ConfigError('HALO_SUBSCRIPTION_KEY must be set when HALO_API_URL is');
  return Object.freeze({
    port: v.get('PORT'),
    host: v.get('HOST'),
    haloApiUrl: haloApiUrl?.replace(/\/+$/, ''),
    haloSubscriptionKey: v.get('HALO_SUBSCRIPTION_KEY'),
    haloWebhookSecret: v.get('HALO_WEBHOOK_SECRET'),
    redisUrl: v.get('REDIS_URL'),
    allowWrites: v.get('ALLOW_WRITES'),
    // In front of a real Halo, GraphiQL and introspection are off unless asked for.
    graphiql: v.get('GRAPHIQL') ?? haloApiUrl === undefined,
    cursorSecret: v.get('CURSOR_SECRET'),
    otelExporterEndpoint: v.get('OTEL_EXPORTER_OTLP_ENDPOINT'),
    otelSampleRatio: v.get('OTEL_TRACES_SAMPLER_ARG'),
    security: readSecurityConfig(env, haloApiUrl !== undefined),
    ws: {
      maxPayloadBytes: v.get('WS_MAX_PAYLOAD_BYTES'),
      maxSubscriptionsPerConnection: v.get('WS_MAX_SUBSCRIPTIONS'),
    },
    logLevel: v.get('LOG_LEVEL'),
    logFormat: v.get('LOG_FORMAT'),
    trustedDocuments: trustedDocuments(
      v.get('TRUSTED_DOCUMENTS'),
      v.get('TRUSTED_DOCUMENTS_FILE'),
      haloApiUrl !== undefined,
    ),
    // A bad file throws a CatalogueError: `named query <file>:<line>: <problem>`.
    namedQueries: loadNamedQueries(schema, v.get('NAMED_QUERIES_DIR')),
    queryBudgets: v.get('SITE_MONTHLY_QUERY_BUDGET'),
    reuseMaxBytes: v.get('QUERY_REUSE_MAX_BYTES'),
  });
}

/** What `readAppConfig` threw, with every other mistake it would have found next: one message each. */
export function appConfigProblems(error: unknown, env: Env = process.env): string[] {
  const errors = [error];
  try {
    readSecurityConfig(env, APP_VARIABLES.read(env).isSet('HALO_API_URL'));
  } catch (security) {
    errors.push(security);
  }
  return APP_VARIABLES.problems(env, errors);
}

/**
 * Client auth and limits. In front of a real Halo (`realHalo`), client auth is required: without
 * API keys or JWT settings this throws, and the server does not start.
 * @throws ConfigError naming the variable (never a key or hash) for any invalid value.
 */
export function readSecurityConfig(env: Env, realHalo: boolean): SecurityConfig {
  const v = APP_VARIABLES.read(env);
  if (v.isSet('CLIENT_KEYS') && v.isSet('CLIENT_KEYS_FILE'))
    throw new ConfigError('Set CLIENT_KEYS or CLIENT_KEYS_FILE, not both');
  const keys: ClientKeyEntry[] | undefined = v.get('CLIENT_KEYS') ?? v.get('CLIENT_KEYS_FILE');
  const jwtVars = ['JWT_ISSUER', 'JWT_AUDIENCE', 'JWT_JWKS_URL'] as const satisfies ReadonlyArray<keyof AppVariables>;
  const setJwt = jwtVars.filter((name) => v.isSet(name));
  if (setJwt.length > 0 && setJwt.length < jwtVars.length)
    throw new ConfigError(`JWT client auth needs all of ${jwtVars.join(', ')}`);
  let jwt: ClientAuthConfig['jwt'];
  if (setJwt.length === jwtVars.length) {
    const jwksUrl = v.get('JWT_JWKS_URL')!;
    const sitesClaim = v.get('JWT_SITES_CLAIM');
    const permissionsClaim = v.get('JWT_PERMISSIONS_CLAIM');
    jwt = {
      issuer: v.get('JWT_ISSUER')!,
      audience: v.get('JWT_AUDIENCE')!,
      jwksUrl,
      ...(sitesClaim ? { sitesClaim } : {}),
      ...(permissionsClaim ? { permissionsClaim } : {}),
    };
  }
  const authOn = (keys !== undefined && keys.length > 0) || jwt !== undefined;
  if (realHalo && !authOn) {
    throw new ConfigError(
      'Client auth is required in front of a real Halo (HALO_API_URL is set): configure CLIENT_KEYS or CLIENT_KEYS_FILE, and/or JWT_ISSUER, JWT_AUDIENCE and JWT_JWKS_URL',
    );
  }
  const ratePerSecond = v.get('RATE_LIMIT_PER_SECOND') ?? (authOn ? SECURITY_DEFAULTS.ratePerSecond : 0);
  const corsOrigins = v.get('CORS_ORIGINS') ?? [];
  return Object.freeze({
    auth: { ...(keys ? { keys } : {}), ...(jwt ? { jwt } : {}) },
    rateLimit: {
      ratePerSecond,
      burst: v.get('RATE_LIMIT_BURST') ?? Math.max(1, Math.ceil(ratePerSecond * 2)),
    },
    limits: {
      maxDepth: v.get('MAX_DEPTH'),
      maxAliases: v.get('MAX_ALIASES'),
      maxTokens: v.get('MAX_TOKENS'),
      maxDirectives: v.get('MAX_DIRECTIVES'),
      cost: { maxCost: v.get('MAX_COST') },
      introspection: v.get('INTROSPECTION') ?? !realHalo,
    },
    maxBodyBytes: v.get('MAX_BODY_BYTES'),
    corsOrigins,
  });
}
