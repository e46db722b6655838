/**
 * Prometheus metrics for `GET /metrics`. One `Registry` per app (never prom-client's global one:
 * tests run several apps in one process). Labels carry only names chosen by code — GraphQL
 * operation names, Halo operationIds, HTTP statuses, states — never variables, SQL, site or patient
 * ids, and every label whose values come from outside has a bounded set of values.
 */
import { getOperationAST, type DocumentNode, type ExecutionResult, type OperationTypeNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import {
  BILLED_OPERATIONS,
  type BilledOperationId,
  type BilledOutcome,
  type BreakerState,
  type HaloAttemptEvent,
  type SiteBreaker,
} from '../datasources/http/settings.js';
import { operationOutcome } from '../lib/outcome.js';
import type { ReuseSource } from '../usage/reuse.js';

/** How `POST /webhooks/halo` ended: 202, 401 (bad or missing signature / timestamp outside the window), 409, 400/405/413. */
export type WebhookResult = 'verified' | 'bad_signature' | 'stale' | 'replay' | 'malformed';

/** What the gauges read at scrape time (wired once the app has built them). */
export interface MetricsSources {
  /** Circuit state per site (only the counts per state are exported). */
  breakerStates?: () => Record<string, BreakerState>;
  /** Sites whose circuit is not closed, keyed by site GUID (exported under their `siteRef` pseudonym). */
  troubledSites?: () => Record<string, SiteBreaker>;
  halo?: () => {
    retryBudget: number;
    coalescedInFlight: number;
    pool: { connected: number; pending: number; running: number };
  };
  live?: () => { watches: number; subscribers: number; pollingSites: readonly string[] };
  ws?: () => { connections: number; operations: number };
  /** How replicas coordinate now: single (no Redis), shared (through Redis) or local (Redis unreachable). */
  coordinationMode?: () => 'single' | 'shared' | 'local';
  /** Answers kept for `maxAgeSeconds` reuse in this process. */
  reuse?: () => { entries: number; bytes: number; inFlight: number };
}

export interface MetricsOptions {
  /** Also export prom-client's process and Node.js metrics (`process_*`, `nodejs_*`). @default true */
  defaultMetrics?: boolean;
  /** Distinct operation names kept as label values; later new names are counted as `other`. @default 200 */
  maxOperationNames?: number;
  /**
   * The pseudonym a site is exported under in per-site series (src/lib/site-ref.ts): never its GUID.
   * Without it, per-site breaker series are not exported.
   */
  siteRef?: (siteId: string) => string;
}

/** Most sites with a per-site breaker series (the failing ones); the counts per state cover every site. */
const MAX_SITE_SERIES = 100;

export interface Metrics {
  readonly registry: Registry;
  /** The yoga/envelop plugin that counts and times GraphQL operations (HTTP, SSE and WebSocket alike). */
  readonly plugin: Plugin;
  /** One attempt of a Halo call (for `HaloHttpConfig.onAttempt`). */
  haloAttempt(event: HaloAttemptEvent): void;
  /** A site's circuit changed state (for `HaloHttpConfig.onBreakerStateChange`). */
  breakerStateChanged(siteId: string, state: BreakerState): void;
  /** A request to the webhook endpoint was answered. */
  webhookReceived(result: WebhookResult): void;
  /** The replica's coordination changed mode (it entered or left local mode). */
  coordinationMode(mode: 'single' | 'shared' | 'local'): void;
  /** A billed creation was sent to Halo (or may have been), and how it ended. */
  haloBilled(operationId: BilledOperationId, outcome: Exclude<BilledOutcome, 'unsent'>): void;
  /** A billed creation was refused because its site's monthly budget is spent. */
  budgetRefused(operationId: BilledOperationId): void;
  /** An immediate query asked for with `maxAgeSeconds` was answered. */
  reuseServed(source: ReuseSource): void;
  /** An operation reading named queries ran on the compiled executor. */
  compiledExecution(): void;
  /** Connects the gauges to the live parts of the app. */
  setSources(sources: MetricsSources): void;
  /** The exposition text and its content type. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const MAX_NAME_LENGTH = 64;
const UPSTREAM_CODE = /^(?:[1-5]\d\d|[A-Z][A-Z0-9_]{0,40})$/;

/** Bounds the values of a label: the first `max` valid values are kept, anything else is `other`. */
class LabelSet {
  private readonly seen = new Set<string>();
  constructor(private readonly max: number) {}
  label(value: string, valid: boolean): string {
    if (!valid) return 'other';
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(value);
    return value;
  }
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

type OperationKind = OperationTypeNode | 'unknown';

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function hasErrors(result: unknown): boolean {
  const errors = (result as ExecutionResult | undefined)?.errors;
  return Array.isArray(errors) && errors.length > 0;
}

/** Creates the registry and every metric in it. No timers, no I/O. */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  let sources: MetricsSources = {};
  const operationNames = new LabelSet(options.maxOperationNames ?? 200);
  const upstreamCodes = new LabelSet(100);

  // Gauges with a `collect` read the app's state at scrape time; they need no handle.
  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL operations by operation name and type; outcome is success, error (the result has errors), client_aborted (errors after the client went away) or invalid (failed to parse or validate). A subscription counts once, when it starts.',
    labelNames: ['operation_name', 'operation_type', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Execution time of GraphQL operations (after parse and validation; until the last @defer/@stream payload). For a subscription, the time to set it up.',
    labelNames: ['operation_name', 'operation_type'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const subscriptionsActive = new Gauge({
    name: 'subscriptions_active',
    help: 'GraphQL subscription executions running (SSE and WebSocket; identical WebSocket subscriptions share one execution).',
    registers: [registry],
  });
  const haloCalls = new Counter({
    name: 'halo_calls_total',
    help: 'Attempts of Halo API calls by operationId; status is the HTTP status, or the failure code when there was no response (ATTEMPT_TIMEOUT, CIRCUIT_OPEN, BULKHEAD_FULL, ECONNREFUSED, …).',
    labelNames: ['operation_id', 'status'] as const,
    registers: [registry],
  });
  const haloDuration = new Histogram({
    name: 'halo_call_duration_seconds',
    help: 'Duration of one attempt of a Halo API call, until the whole body was read (streamed result pages: until the headers).',
    labelNames: ['operation_id'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const haloRetries = new Counter({
    name: 'halo_retries_total',
    help: 'Attempts of Halo API calls after the first (retries), by operationId.',
    labelNames: ['operation_id'] as const,
    registers: [registry],
  });
  const breakerTransitions = new Counter({
    name: 'halo_breaker_transitions_total',
    help: 'Changes of per-site circuit breakers, by the state entered.',
    labelNames: ['state'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'halo_breaker_sites',
    help: 'Sites whose circuit breaker is in each state (sites that have had a practice-server call).',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const counts: Record<BreakerState, number> = { closed: 0, open: 0, 'half-open': 0, isolated: 0 };
      for (const state of Object.values(sources.breakerStates?.() ?? {})) counts[state]++;
      for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });
  // Per site without naming it: only sites whose circuit is not closed, under a keyed pseudonym.
  const siteRef = options.siteRef;
  const troubled = (): Array<[string, SiteBreaker]> =>
    siteRef ? Object.entries(sources.troubledSites?.() ?? {}).slice(0, MAX_SITE_SERIES) : [];
  new Gauge({
    name: 'halo_breaker_site_state',
    help: 'Sites whose circuit breaker is open or half-open (1), by site_ref: a keyed pseudonym of the site, never its id (the breaker log line names both). A closed circuit has no series.',
    labelNames: ['site_ref', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [siteId, b] of troubled()) this.set({ site_ref: siteRef!(siteId), state: b.state }, 1);
    },
  });
  new Gauge({
    name: 'halo_breaker_site_backoff_seconds',
    help: 'Wait between probes of a site whose circuit is open: the first probe after halfOpenAfterMs, doubling with each failed probe up to maxHalfOpenAfterMs.',
    labelNames: ['site_ref'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [siteId, b] of troubled())
        if (b.probeDelayMs !== undefined) this.set({ site_ref: siteRef!(siteId) }, b.probeDelayMs / 1000);
    },
  });
  new Gauge({
    name: 'halo_breaker_site_next_probe_seconds',
    help: 'Seconds until the next call to a site with an open circuit goes through as a probe (0: the next call will).',
    labelNames: ['site_ref'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [siteId, b] of troubled())
        if (b.probeInMs !== undefined) this.set({ site_ref: siteRef!(siteId) }, b.probeInMs / 1000);
    },
  });
  new Gauge({
    name: 'halo_retry_budget_tokens',
    help: 'Tokens left in the process-wide retry budget (a retry spends one).',
    registers: [registry],
    collect() {
      const s = sources.halo?.();
      if (s) this.set(s.retryBudget);
    },
  });
  new Gauge({
    name: 'halo_pool_requests',
    help: 'Requests in the Halo connection pool: running (on a socket) or pending (waiting for one).',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const s = sources.halo?.();
      if (!s) return;
      this.set({ state: 'running' }, s.pool.running);
      this.set({ state: 'pending' }, s.pool.pending);
    },
  });
  new Gauge({
    name: 'halo_coalesced_reads_in_flight',
    help: 'Distinct upstream reads currently shared by identical concurrent callers.',
    registers: [registry],
    collect() {
      const s = sources.halo?.();
      if (s) this.set(s.coalescedInFlight);
    },
  });
  new Gauge({
    name: 'watchers_active',
    help: 'Watched async and registered queries: one upstream watcher each, however many subscribers.',
    registers: [registry],
    collect() {
      const s = sources.live?.();
      if (s) this.set(s.watches);
    },
  });
  new Gauge({
    name: 'watcher_subscribers',
    help: 'Subscribers over all watchers.',
    registers: [registry],
    collect() {
      const s = sources.live?.();
      if (s) this.set(s.subscribers);
    },
  });
  new Gauge({
    name: 'polling_sites',
    help: 'Sites this replica polls for subscriptions (holds the lease of).',
    registers: [registry],
    collect() {
      const s = sources.live?.();
      if (s) this.set(s.pollingSites.length);
    },
  });
  new Gauge({
    name: 'graphql_ws_connections',
    help: 'Open graphql-ws WebSocket connections.',
    registers: [registry],
    collect() {
      const s = sources.ws?.();
      if (s) this.set(s.connections);
    },
  });
  new Gauge({
    name: 'graphql_ws_operations',
    help: 'Operations running over all WebSocket connections (each client subscription counts).',
    registers: [registry],
    collect() {
      const s = sources.ws?.();
      if (s) this.set(s.operations);
    },
  });
  new Gauge({
    name: 'redis_local_mode',
    help: 'Whether this replica works without Redis (1): REDIS_URL is set but Redis is unreachable, so it serves subscriptions from its own watchers and polls the sites its own subscribers watch, rate limits and refuses webhook replays on its own, and accepts idempotency keys it knows. 0 when Redis answers (or is not configured).',
    registers: [registry],
    collect() {
      this.set(sources.coordinationMode?.() === 'local' ? 1 : 0);
    },
  });
  const modeChanges = new Counter({
    name: 'redis_mode_changes_total',
    help: 'Times this replica entered local mode (mode="local": Redis became unreachable) or rejoined the others (mode="shared").',
    labelNames: ['mode'] as const,
    registers: [registry],
  });
  for (const mode of ['local', 'shared'] as const) modeChanges.inc({ mode }, 0);
  const webhooks = new Counter({
    name: 'webhooks_received_total',
    help: 'Requests to POST /webhooks/halo by result: verified, bad_signature, stale (timestamp outside the window), replay, malformed.',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  // Known label values start at 0, so a rate() sees the first increment.
  for (const result of ['verified', 'bad_signature', 'stale', 'replay', 'malformed'] as const)
    webhooks.inc({ result }, 0);

  const billed = new Counter({
    name: 'halo_billed_queries_total',
    help: 'Billed Halo creations this replica sent (immediate and async queries, registered-query creations), by operationId and outcome: succeeded (Halo answered 2xx), failed (Halo answered with an error status), unanswered (sent, and no answer came: it may have been carried out). Attempts that provably never left the process are not counted. No site label: Site.usage has the figures per site.',
    labelNames: ['operation_id', 'outcome'] as const,
    registers: [registry],
  });
  const refused = new Counter({
    name: 'halo_budget_refusals_total',
    help: 'Billed creations refused with QUOTA_EXCEEDED before anything was sent, because their site had spent its monthly budget (SITE_MONTHLY_QUERY_BUDGET), by operationId.',
    labelNames: ['operation_id'] as const,
    registers: [registry],
  });
  for (const operation_id of BILLED_OPERATIONS) {
    refused.inc({ operation_id }, 0);
    for (const outcome of ['succeeded', 'failed', 'unanswered'] as const) billed.inc({ operation_id, outcome }, 0);
  }
  const reused = new Counter({
    name: 'halo_query_reuse_total',
    help: 'Immediate queries asked for with maxAgeSeconds (raw or named), by where the answer came from: kept (an answer given within maxAgeSeconds), shared (an identical call in flight, here or on another replica) or called (a new billed Halo query).',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  for (const source of ['kept', 'shared', 'called'] as const) reused.inc({ source }, 0);
  const compiled = new Counter({
    name: 'graphql_compiled_executions_total',
    help: 'Queries reading named queries that ran on the compiled executor (graphql-jit) rather than the general one.',
    registers: [registry],
  });
  new Gauge({
    name: 'halo_query_reuse_kept_bytes',
    help: 'Bytes of result JSON this replica keeps for maxAgeSeconds reuse (bounded by QUERY_REUSE_MAX_BYTES).',
    registers: [registry],
    collect() {
      const s = sources.reuse?.();
      if (s) this.set(s.bytes);
    },
  });

  type Labels = { operation_name: string; operation_type: OperationKind };
  // Documents come from yoga's parse cache: the labels of one (document, operation) are computed once.
  const described = new WeakMap<DocumentNode, Map<string, Labels>>();
  const describe = (document: DocumentNode | undefined, operationName: string | null | undefined): Labels => {
    let perOperation = document ? described.get(document) : undefined;
    const cached = perOperation?.get(operationName ?? '');
    if (cached) return cached;
    const op = document ? getOperationAST(document, operationName ?? undefined) : null;
    const name = op?.name?.value;
    const labels: Labels = {
      operation_name:
        name === undefined
          ? 'anonymous'
          : operationNames.label(name, name.length <= MAX_NAME_LENGTH && NAME.test(name)),
      operation_type: (op?.operation ?? 'unknown') as OperationKind,
    };
    if (document) {
      if (!perOperation) described.set(document, (perOperation = new Map()));
      perOperation.set(operationName ?? '', labels);
    }
    return labels;
  };

  const plugin: Plugin = {
    onParse() {
      return ({ result }) => {
        if (result instanceof Error)
          requests.inc({ operation_name: 'anonymous', operation_type: 'unknown', outcome: 'invalid' });
      };
    },
    onValidate({ params }) {
      return ({ valid }) => {
        if (!valid) requests.inc({ ...describe(params.documentAST, undefined), outcome: 'invalid' });
      };
    },
    onExecute({ args }) {
      const labels = describe(args.document, args.operationName);
      const end = duration.startTimer(labels);
      return {
        onExecuteDone({ result }) {
          if (!isAsyncIterable(result)) {
            end();
            requests.inc({ ...labels, outcome: operationOutcome(hasErrors(result), args.contextValue) });
            return undefined;
          }
          let failed = false;
          return {
            onNext({ result: payload }) {
              if (hasErrors(payload)) failed = true;
            },
            onEnd() {
              end();
              requests.inc({ ...labels, outcome: operationOutcome(failed, args.contextValue) });
            },
          };
        },
      };
    },
    onSubscribe({ args }) {
      const labels = describe(args.document, args.operationName);
      const end = duration.startTimer(labels);
      return {
        onSubscribeResult({ result }) {
          end();
          if (!isAsyncIterable(result)) {
            requests.inc({ ...labels, outcome: operationOutcome(hasErrors(result), args.contextValue) });
            return undefined;
          }
          requests.inc({ ...labels, outcome: 'success' });
          subscriptionsActive.inc();
          let ended = false;
          return {
            onEnd() {
              if (ended) return;
              ended = true;
              subscriptionsActive.dec();
            },
          };
        },
      };
    },
  };

  return {
    registry,
    plugin,
    haloAttempt(event) {
      const operation_id = event.operationId;
      const status = upstreamCodes.label(String(event.outcome), UPSTREAM_CODE.test(String(event.outcome)));
      haloCalls.inc({ operation_id, status });
      haloDuration.observe({ operation_id }, event.durationMs / 1000);
      if (event.attempt > 1) haloRetries.inc({ operation_id });
    },
    breakerStateChanged(_siteId, state) {
      breakerTransitions.inc({ state });
    },
    webhookReceived(result) {
      webhooks.inc({ result });
    },
    coordinationMode(mode) {
      if (mode !== 'single') modeChanges.inc({ mode });
    },
    haloBilled(operation_id, outcome) {
      billed.inc({ operation_id, outcome });
    },
    budgetRefused(operation_id) {
      refused.inc({ operation_id });
    },
    reuseServed(source) {
      reused.inc({ source });
    },
    compiledExecution() {
      compiled.inc();
    },
    setSources(next) {
      sources = { ...sources, ...next };
    },
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/**
 * The webhook result for a response status of `POST /webhooks/halo` (the handler answers 401 for
 * both a bad signature and a timestamp outside its window; a parsable timestamp more than
 * `toleranceMs` away is counted as stale).
 */
export function webhookResult(
  status: number,
  timestampHeader: string | string[] | undefined,
  nowMs: number,
  toleranceMs = 5 * 60_000,
): WebhookResult | undefined {
  switch (status) {
    case 202:
      return 'verified';
    case 409:
      return 'replay';
    case 400:
    case 405:
    case 413:
      return 'malformed';
    case 401: {
      const sentAt = typeof timestampHeader === 'string' ? Date.parse(timestampHeader) : NaN;
      return Number.isFinite(sentAt) && Math.abs(nowMs - sentAt) > toleranceMs ? 'stale' : 'bad_signature';
    }
    default:
      return undefined;
  }
}
