/**
 * Optional OpenTelemetry tracing (OTLP/HTTP, JSON). Enabled by `OTEL_EXPORTER_OTLP_ENDPOINT`
 * (`AppConfig.otelExporterEndpoint`); unset, `createTracing` returns a no-op that loads no
 * provider, starts no timer and opens no socket.
 *
 * One tracer provider per app, never registered globally (tests run several apps in one process):
 * spans are started on this provider's own tracer, and the operation span reaches the Halo
 * client's attempt hook through an AsyncLocalStorage owned by this module, not through the global
 * context manager.
 *
 * Attributes come from an allow-list of values chosen by code — GraphQL operation names and types,
 * Halo operationIds, HTTP statuses, failure and error codes, attempt numbers — never variables,
 * documents, SQL, rows, search values, site or query ids, keys or error messages.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  ProxyTracerProvider,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVICE_NAME,
} from '@opentelemetry/semantic-conventions';
import { getOperationAST, type DocumentNode, type ExecutionResult, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { HaloAttemptEvent } from '../datasources/http/settings.js';
import { operationOutcome, type OperationOutcome } from '../lib/outcome.js';

export interface TracingOptions {
  /** OTLP/HTTP base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`); spans are POSTed to `<endpoint>/v1/traces`. Unset: no-op. */
  endpoint: string | undefined;
  /** `service.name` of the resource. @default 'halo-graphql' */
  serviceName?: string;
  /** Share of traces kept, 0..1 (`OTEL_TRACES_SAMPLER_ARG`); a Halo call follows its operation's decision. @default 1 */
  sampleRatio?: number;
}

export interface Tracing {
  /** Whether spans are recorded and exported. */
  readonly enabled: boolean;
  /** This app's tracer (a no-op tracer when disabled). */
  readonly tracer: Tracer;
  /** The yoga/envelop plugin: one span per GraphQL operation (HTTP, SSE and WebSocket alike). */
  readonly plugin: Plugin;
  /** One attempt of a Halo call (for `HaloHttpConfig.onAttempt`): a client span, child of the running operation's span. */
  onHaloAttempt(event: HaloAttemptEvent): void;
  /** Exports the finished spans now. Never rejects. */
  forceFlush(): Promise<void>;
  /** Exports the finished spans and stops the exporter; later spans are dropped. Idempotent, never rejects. */
  shutdown(): Promise<void>;
}

// Span attribute keys. The GraphQL ones are OpenTelemetry's (still "incubating", hence spelled out here).
export const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
export const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';
/** success, error (the result has errors, or execution threw) or invalid (failed to parse or validate). */
export const ATTR_OUTCOME = 'halo_graphql.outcome';
/** Number of errors in the result (all payloads of an incremental result). */
export const ATTR_ERROR_COUNT = 'halo_graphql.error_count';
/** Distinct `extensions.code` values of the result's errors (codes only, never messages). */
export const ATTR_ERROR_CODES = 'halo_graphql.error_codes';
export const ATTR_HALO_OPERATION_ID = 'halo.operation_id';
/** 1 for the first attempt of a call; more is a retry. */
export const ATTR_HALO_ATTEMPT = 'halo.attempt';
export const ATTR_HALO_RETRY = 'halo.retry';
/** The failure code when Halo did not answer (ATTEMPT_TIMEOUT, CIRCUIT_OPEN, ECONNREFUSED…). */
export const ATTR_HALO_NETWORK_CODE = 'halo.network_code';

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const MAX_NAME_LENGTH = 64;
const CODE = /^[A-Z][A-Z0-9_]{0,40}$/;
const MAX_ERROR_CODES = 10;

type Outcome = OperationOutcome | 'invalid';

interface Operation {
  name: string | undefined;
  type: string | undefined;
}

/** The running operation's span while it is open (spans started after it ends are roots). */
interface Scope {
  span: Span;
  open: boolean;
}

/** `<endpoint>/v1/traces`; throws when the endpoint is not an absolute http(s) URL. */
export function tracesUrl(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error('otelExporterEndpoint (OTEL_EXPORTER_OTLP_ENDPOINT) must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error('otelExporterEndpoint (OTEL_EXPORTER_OTLP_ENDPOINT) must be an absolute http(s) URL');
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

/** The traces URL for a log line: without user info, query or fragment. */
export function tracesUrlForLog(endpoint: string): string {
  const url = new URL(tracesUrl(endpoint));
  return `${url.origin}${url.pathname}`;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function describe(document: DocumentNode | undefined, operationName: string | null | undefined): Operation {
  let op: ReturnType<typeof getOperationAST> = null;
  try {
    op = document ? getOperationAST(document, operationName ?? undefined) : null;
  } catch {
    // Not a document graphql-js can read: the span stays unnamed.
  }
  const name = op?.name?.value;
  return {
    name: name !== undefined && name.length <= MAX_NAME_LENGTH && NAME.test(name) ? name : undefined,
    type: op?.operation,
  };
}

/** Wall-clock milliseconds on the same clock as the SDK's spans. */
function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Counts errors and collects their codes, over one result or every payload of an incremental one. */
class ErrorTally {
  count = 0;
  readonly codes = new Set<string>();
  add(result: unknown): void {
    const errors = (result as ExecutionResult | undefined)?.errors;
    if (!Array.isArray(errors)) return;
    this.count += errors.length;
    for (const error of errors as readonly GraphQLError[]) {
      const code = error?.extensions?.code;
      if (typeof code === 'string' && CODE.test(code) && this.codes.size < MAX_ERROR_CODES) this.codes.add(code);
    }
  }
}

const noopPlugin: Plugin = {};

/** No provider, no exporter, no timers: what an app without an endpoint gets. */
function noopTracing(): Tracing {
  return {
    enabled: false,
    // A private proxy without a delegate: always the no-op tracer, whatever is registered globally.
    tracer: new ProxyTracerProvider().getTracer('halo-graphql'),
    plugin: noopPlugin,
    onHaloAttempt() {},
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}

/** Tracing for one app. No I/O until the first batch of spans is exported. */
export function createTracing(options: TracingOptions): Tracing {
  if (options.endpoint === undefined || options.endpoint === '') return noopTracing();
  const url = tracesUrl(options.endpoint);
  const ratio = options.sampleRatio ?? 1;
  if (!(ratio >= 0 && ratio <= 1)) throw new Error('sampleRatio (OTEL_TRACES_SAMPLER_ARG) must be between 0 and 1');

  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName ?? 'halo-graphql' }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
  const tracer = provider.getTracer('halo-graphql');
  const scopes = new AsyncLocalStorage<Scope>();

  const startOperation = (op: Operation, startTime?: number): Span => {
    const attributes: Attributes = {};
    if (op.name !== undefined) attributes[ATTR_GRAPHQL_OPERATION_NAME] = op.name;
    if (op.type !== undefined) attributes[ATTR_GRAPHQL_OPERATION_TYPE] = op.type;
    // Named as OpenTelemetry's GraphQL conventions say: "<type> <name>", "<type>", or "GraphQL Operation".
    const spanName =
      op.type === undefined ? 'GraphQL Operation' : op.name === undefined ? op.type : `${op.type} ${op.name}`;
    // ROOT_CONTEXT: a globally registered context manager (someone else's) must not pick a parent.
    return tracer.startSpan(
      spanName,
      { kind: SpanKind.SERVER, attributes, ...(startTime !== undefined ? { startTime } : {}) },
      ROOT_CONTEXT,
    );
  };

  const finish = (scope: Scope, outcome: Outcome, tally?: ErrorTally): void => {
    if (!scope.open) return;
    scope.open = false;
    const { span } = scope;
    span.setAttribute(ATTR_OUTCOME, outcome);
    if (tally && tally.count > 0) {
      span.setAttribute(ATTR_ERROR_COUNT, tally.count);
      if (tally.codes.size > 0) span.setAttribute(ATTR_ERROR_CODES, [...tally.codes]);
    }
    // No description: error messages can quote variables or literals.
    if (outcome !== 'success') span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };

  /** An operation that never reached execution (parse or validation failed). */
  const invalid = (op: Operation, startTime: number): void => {
    const span = startOperation(op, startTime);
    span.setAttribute(ATTR_OUTCOME, 'invalid');
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(nowMs());
  };

  /** Runs `run` (an execute or subscribe function) inside the scope; a throw or rejection ends the span. */
  const within = <T>(scope: Scope, run: () => T): T =>
    scopes.run(scope, () => {
      try {
        const result = run();
        if (isPromiseLike(result)) {
          return Promise.resolve(result).then(undefined, (error: unknown) => {
            finish(scope, 'error');
            throw error;
          }) as T;
        }
        return result;
      } catch (error) {
        finish(scope, 'error');
        throw error;
      }
    });

  const plugin: Plugin = {
    onParse() {
      const startTime = nowMs();
      return ({ result }) => {
        if (result instanceof Error) invalid({ name: undefined, type: undefined }, startTime);
      };
    },
    onValidate({ params }) {
      const startTime = nowMs();
      return ({ valid }) => {
        if (!valid) invalid(describe(params.documentAST, undefined), startTime);
      };
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      const scope: Scope = { span: startOperation(describe(args.document, args.operationName)), open: true };
      setExecuteFn((execArgs) => within(scope, () => executeFn(execArgs)));
      return {
        onExecuteDone({ result }) {
          const tally = new ErrorTally();
          if (!isAsyncIterable(result)) {
            tally.add(result);
            finish(scope, operationOutcome(tally.count > 0, args.contextValue), tally);
            return undefined;
          }
          // @defer/@stream: until the last payload.
          return {
            onNext({ result: payload }) {
              tally.add(payload);
            },
            onEnd() {
              finish(scope, operationOutcome(tally.count > 0, args.contextValue), tally);
            },
          };
        },
      };
    },
    onSubscribe({ args, subscribeFn, setSubscribeFn }) {
      // A subscription's span covers setting it up (as the duration metric does), not its lifetime:
      // later polls are shared between subscribers and traced as calls of their own.
      const scope: Scope = { span: startOperation(describe(args.document, args.operationName)), open: true };
      setSubscribeFn((subArgs) => within(scope, () => subscribeFn(subArgs)));
      return {
        onSubscribeResult({ result }) {
          const tally = new ErrorTally();
          if (!isAsyncIterable(result)) tally.add(result);
          finish(scope, operationOutcome(tally.count > 0, args.contextValue), tally);
          return undefined;
        },
      };
    },
  };

  let stopped: Promise<void> | undefined;
  return {
    enabled: true,
    tracer,
    plugin,
    onHaloAttempt(event) {
      if (stopped) return;
      const endTime = nowMs();
      const scope = scopes.getStore();
      const parent = scope?.open ? trace.setSpan(ROOT_CONTEXT, scope.span) : ROOT_CONTEXT;
      const attributes: Attributes = {
        [ATTR_HALO_OPERATION_ID]: event.operationId,
        [ATTR_HALO_ATTEMPT]: event.attempt,
        [ATTR_HALO_RETRY]: event.attempt > 1,
      };
      let errorType: string | undefined;
      if (typeof event.outcome === 'number') {
        attributes[ATTR_HTTP_RESPONSE_STATUS_CODE] = event.outcome;
        if (event.outcome >= 400) errorType = String(event.outcome);
      } else {
        errorType = CODE.test(event.outcome) ? event.outcome : '_OTHER';
        attributes[ATTR_HALO_NETWORK_CODE] = errorType;
      }
      if (errorType !== undefined) attributes[ATTR_ERROR_TYPE] = errorType;
      const span = tracer.startSpan(
        event.operationId,
        { kind: SpanKind.CLIENT, attributes, startTime: endTime - event.durationMs },
        parent,
      );
      if (errorType !== undefined) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end(endTime);
    },
    async forceFlush() {
      try {
        await provider.forceFlush();
      } catch {
        // An unreachable collector must never fail the app.
      }
    },
    shutdown() {
      stopped ??= provider.shutdown().catch(() => undefined);
      return stopped;
    },
  };
}
