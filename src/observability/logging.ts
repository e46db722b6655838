/**
 * Patient-safe structured logs (pino, one JSON object per line; for a person at a terminal, the
 * same records as readable lines, see `stdoutDestination`).
 *
 * A log line is built from an allow-list: only the keys in `FIELDS` survive, and only when their
 * value has the expected shape (a GUID, a GraphQL name, a code, a number…). Anything else (a
 * variable, SQL text, a row, a search value, a key, an error message) is dropped before it is
 * written, whatever the caller passed. Messages are fixed strings from `LOG_MESSAGES`; any other
 * message is replaced by the line's `event`. Errors are reduced to their class name and code.
 *
 * What is logged: one line per GraphQL operation (`event: "operation"`: operationName,
 * operationType, transport, clientId, durationMs, the error codes), refused HTTP requests
 * (`event: "http.refused"`: status, code), upstream failures (`event: "upstream"`: the Halo
 * operationId, attempt, status or network code, durationMs), webhooks (`event: "webhook"`:
 * status), background failures (`event: "background.error"`: where, errorName, errorCode), site
 * circuit changes (`event: "breaker"`: siteId, siteRef, breakerState), switches to and from local
 * mode (`event: "redis.local"` / `"redis.shared"`) and start-up. Operation names are logged: they are part of the client's code, not data.
 */
import { randomUUID } from 'node:crypto';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { DocumentNode, ExecutionArgs, ExecutionResult, GraphQLError, OperationDefinitionNode } from 'graphql';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Principal } from '../auth/principal.js';
import { GUID_PATTERN as GUID } from '../lib/guid.js';
import { SITE_REF_PATTERN } from '../lib/site-ref.js';
import { operationOutcome } from '../lib/outcome.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The only messages a line may carry. */
export const LOG_MESSAGES = {
  start: 'GraphQL API listening',
  authOpen: 'client auth is OFF: development only',
  authOn: 'client auth is on',
  operation: 'operation',
  refused: 'request refused',
  upstream: 'upstream call failed',
  webhook: 'webhook',
  background: 'background failure',
  simulator: 'embedded Halo simulator started (synthetic data only)',
  writesIgnored: "ALLOW_WRITES is ignored with client auth: each client's writes permission decides",
  subscriptions: 'subscriptions ready',
  tracing: 'tracing on',
  breaker: 'site circuit changed',
  redisLocal: 'Redis unreachable: local mode (this replica serves and polls on its own until Redis is back)',
  redisShared: 'Redis answers: replicas share subscriptions, polling, rate limits and idempotency keys',
  stopping: 'shutting down',
  stopped: 'stopped',
  stopForced: 'exiting at once',
  stopTimeout: 'did not stop in time',
} as const;

const MESSAGES: ReadonlySet<string> = new Set(Object.values(LOG_MESSAGES));

const CODE = /^[A-Z][A-Z0-9_]{0,47}$/;
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;
const WORD = /^[a-z][a-z0-9_.:-]{0,47}$/;
const CLIENT = /^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,127}$/;
const URLISH = /^(https?|wss?):\/\/[A-Za-z0-9.:[\]-]+(\/[A-Za-z0-9._/-]*)?$/;

const str = (re: RegExp) => (v: unknown) => (typeof v === 'string' && re.test(v) ? v : undefined);
const oneOf =
  (...values: string[]) =>
  (v: unknown) =>
    typeof v === 'string' && values.includes(v) ? v : undefined;
const int = (min: number, max: number) => (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined;
const ms = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v * 10) / 10 : undefined;
const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
const codes = (v: unknown) => {
  if (!Array.isArray(v)) return undefined;
  const kept = v.filter((c): c is string => typeof c === 'string' && CODE.test(c)).slice(0, 10);
  return kept.length > 0 ? kept : undefined;
};

/** The allow-list: key → validator returning the value to log, or undefined to drop it. */
const FIELDS: Readonly<Record<string, (v: unknown) => unknown>> = {
  event: str(WORD),
  requestId: str(/^[A-Za-z0-9-]{1,64}$/),
  operationName: str(NAME),
  operationType: oneOf('query', 'mutation', 'subscription'),
  transport: oneOf('http', 'ws'),
  clientId: str(CLIENT),
  authVia: oneOf('open', 'api-key', 'jwt'),
  authMode: oneOf('open', 'enforced'),
  durationMs: ms,
  status: int(100, 599),
  code: str(CODE),
  codes,
  errors: int(0, 1_000_000),
  outcome: oneOf('success', 'error', 'client_aborted'),
  siteId: str(GUID),
  siteRef: str(SITE_REF_PATTERN),
  breakerState: oneOf('closed', 'open', 'half-open', 'isolated'),
  haloOperationId: str(/^[A-Za-z_]{1,48}$/),
  attempt: int(1, 1_000),
  upstreamStatus: int(100, 599),
  upstreamError: str(CODE),
  reason: str(CODE),
  retryAfterSeconds: int(0, 86_400),
  where: str(/^[a-z][a-z0-9 _.:-]{0,47}$/),
  errorName: str(/^[A-Za-z][A-Za-z0-9]{0,47}$/),
  errorCode: str(/^[A-Z][A-Z0-9_]{0,47}$/),
  url: str(URLISH),
  redis: bool,
  webhooks: bool,
  writes: bool,
  port: int(0, 65_535),
  wsUrl: str(URLISH),
  controlUrl: str(URLISH),
  // The embedded simulator's key: it guards synthetic data only, and the developer needs it to call the simulator.
  simulatorKey: str(/^[\x21-\x7e]{1,128}$/),
  graphiql: bool,
  jwt: bool,
  apiKeys: int(0, 1_000_000),
  sampleRatio: (v: unknown) => (typeof v === 'number' && v >= 0 && v <= 1 ? v : undefined),
  signal: oneOf('SIGINT', 'SIGTERM'),
};

/** Only allow-listed, well-shaped fields (an `err` becomes errorName + errorCode). */
export function allowListed(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const check = FIELDS[key];
    if (check) {
      const v = check(value);
      if (v !== undefined) out[key] = v;
    } else if (key === 'err' && value instanceof Error) {
      const name = FIELDS.errorName!(value.name);
      const code = FIELDS.errorCode!((value as { code?: unknown }).code);
      if (name !== undefined) out['errorName'] = name;
      if (code !== undefined) out['errorCode'] = code;
    }
  }
  return out;
}

export interface LoggerOptions {
  /** @default 'info' */
  level?: LogLevel;
  /** Where lines go. @default stdout, one JSON record per line */
  destination?: DestinationStream;
}

/** `json`: one JSON record per line, for machines. `pretty`: one readable line per record, for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

/**
 * Standard output in `format`. Both write synchronously (no line is lost however the process ends);
 * pino-pretty is loaded only for `pretty`, and formats records that already passed the allow-list.
 */
export async function stdoutDestination(format: LogFormat): Promise<DestinationStream> {
  const stdout = pino.destination({ dest: 1, sync: true });
  if (format === 'json') return stdout;
  const { readableLines } = await import('../lib/readable-log.js');
  return readableLines(stdout);
}

/** A pino logger whose lines pass the allow-list. No I/O until something is logged. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'halo-graphql' },
      // pino keeps `err` out of formatters.log when it serializes errors itself: keep it as a plain field.
      serializers: { err: (e: unknown) => e },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => allowListed(object),
      },
      hooks: {
        logMethod(args, method) {
          // (obj, msg) or (msg): a message that is not one of ours is withheld.
          const [first, second] = args as unknown[];
          if (typeof first === 'string') {
            return method.call(this, MESSAGES.has(first) ? first : 'message withheld');
          }
          const event = FIELDS.event!((first as { event?: unknown } | null)?.event);
          const msg =
            typeof second === 'string' && MESSAGES.has(second) ? second : typeof event === 'string' ? event : 'log';
          return method.call(this, first as object, msg);
        },
      },
    },
    // Synchronous: no line is lost however the process ends (asynchronous writes measured no cheaper here).
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** A logger that writes nothing (the default for `createApp` without one). */
export const silentLogger = (): Logger => pino({ level: 'silent' });

// ── Operation logging ────────────────────────────────────────────────────────────────────────────

interface OperationInfo {
  requestId: string;
  transport: 'http' | 'ws';
}

const API_CODES = /^[A-Z][A-Z0-9_]{0,47}$/;

/** The `extensions.code`s of a result's errors (GRAPHQL_VALIDATION_FAILED style codes included). */
export function errorCodes(errors: readonly GraphQLError[] | undefined): string[] {
  const out = new Set<string>();
  for (const e of errors ?? []) {
    const code = e.extensions?.['code'];
    out.add(typeof code === 'string' && API_CODES.test(code) ? code : 'UNCODED');
  }
  return [...out];
}

/** The operation log's yoga plugin, plus the two HTTP hooks for requests answered without yoga's HTTP layer. */
export interface OperationLog extends Plugin<{ principal?: Principal; request?: Request }> {
  /** An HTTP request starts (yoga's `onRequest`). */
  httpStarted(request: Request): void;
  /**
   * Its response is about to be sent (yoga's `onResponse`): logs it when refused and not yet logged.
   * @returns the request id for the `x-request-id` header (undefined for a request never started)
   */
  httpResponded(request: Request, status: number): string | undefined;
}

/**
 * The yoga plugin that writes one line per GraphQL operation (at its end; for a subscription,
 * when it completes) and one per refused HTTP request, and sets `x-request-id` on HTTP responses.
 */
export function useOperationLog(logger: Logger): OperationLog {
  const httpRequests = new WeakMap<Request, OperationInfo & { started: number; logged: boolean }>();
  const infoFor = (request: Request | undefined): OperationInfo => {
    const http = request ? httpRequests.get(request) : undefined;
    return http ?? { requestId: randomUUID(), transport: 'ws' };
  };
  const line = (args: ExecutionArgs, started: number, info: OperationInfo, errors: readonly GraphQLError[]) => {
    const ctx = args.contextValue as { principal?: Principal; request?: Request } | undefined;
    const op = operationOf(args.document, args.operationName);
    const http = ctx?.request ? httpRequests.get(ctx.request) : undefined;
    if (http) http.logged = true;
    const outcome = operationOutcome(errors.length > 0, ctx);
    const fields = {
      event: 'operation',
      requestId: info.requestId,
      transport: info.transport,
      operationName: op?.name?.value,
      operationType: op?.operation,
      clientId: ctx?.principal?.clientId,
      authVia: ctx?.principal?.via,
      durationMs: performance.now() - started,
      outcome,
      errors: errors.length,
      // A client that hung up caused its own errors (aborted upstream calls): no codes to alarm on.
      codes: outcome === 'client_aborted' ? [] : errorCodes(errors),
    };
    if (outcome === 'error') logger.warn(fields, LOG_MESSAGES.operation);
    else logger.info(fields, LOG_MESSAGES.operation);
  };
  /** Logs when a single result is done, or when a stream (incremental delivery, subscription) ends. */
  const onDone = (args: ExecutionArgs, started: number, result: unknown) => {
    const info = infoFor((args.contextValue as { request?: Request } | undefined)?.request);
    if (!isAsyncIterable(result)) {
      line(args, started, info, ((result as ExecutionResult | undefined)?.errors ?? []) as readonly GraphQLError[]);
      return undefined;
    }
    const errors: GraphQLError[] = [];
    return {
      onNext: ({ result: next }: { result: ExecutionResult }) => {
        errors.push(...((next.errors ?? []) as readonly GraphQLError[]));
      },
      onEnd: () => line(args, started, info, errors),
    };
  };
  const httpStarted = (request: Request) => {
    httpRequests.set(request, {
      requestId: randomUUID(),
      transport: 'http',
      started: performance.now(),
      logged: false,
    });
  };
  const httpResponded = (request: Request, status: number) => {
    const http = httpRequests.get(request);
    if (!http) return undefined;
    if (!http.logged && status >= 400) {
      logger.warn(
        { event: 'http.refused', requestId: http.requestId, status, durationMs: performance.now() - http.started },
        LOG_MESSAGES.refused,
      );
    }
    return http.requestId;
  };
  return {
    httpStarted,
    httpResponded,
    onRequest({ request }) {
      httpStarted(request);
    },
    onExecute({ args }) {
      const started = performance.now();
      return { onExecuteDone: (payload) => onDone(args, started, payload.result) };
    },
    onSubscribe({ args }) {
      const started = performance.now();
      return {
        onSubscribeResult: (payload) => onDone(args, started, payload.result),
        onSubscribeError: ({ error }) => {
          const info = infoFor((args.contextValue as { request?: Request } | undefined)?.request);
          line(args, started, info, [error as GraphQLError]);
        },
      };
    },
    onResponse({ request, response }) {
      const requestId = httpResponded(request, response.status);
      if (requestId !== undefined) response.headers.set('x-request-id', requestId);
    },
  };
}

const operations = new WeakMap<DocumentNode, Map<string, OperationDefinitionNode | null>>();

/** `getOperationAST`, once per (document, operation name): documents come from yoga's parse cache. */
function operationOf(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | null {
  let perName = operations.get(document);
  if (!perName) operations.set(document, (perName = new Map()));
  const key = operationName ?? '';
  let op = perName.get(key);
  if (op === undefined) perName.set(key, (op = getOperationAST(document, operationName ?? undefined) ?? null));
  return op;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
