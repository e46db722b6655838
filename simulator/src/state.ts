import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { SimClock, TimerHandle } from './clock.js';
import { closeAll, openSiteDatabases } from './db/open-site-database.js';
import { INTEGRATOR_ID, type SiteAvailability, type SiteFixture, type SiteStatus } from './fixtures.js';
import { INFERRED } from './inferred.js';
import { paginate, rowsToJson, byteLength, resultHash, type StoredPage } from './results.js';
import { executeCommand } from './sql/execute.js';
import {
  SqlExecutionError,
  type CommandParameter,
  type ErrorType,
  type ExecutionResult,
  type SqlCommand,
} from './sql/types.js';

export type AsyncStatus =
  | 'initialising'
  | 'initialisationFailedCacheError'
  | 'initialisationFailedSiteOffline'
  | 'initialisationFailedSiteUnreachable'
  | 'queued'
  | 'expiredInQueue'
  | 'executing'
  | 'executionFailed'
  | 'uploading'
  | 'uploadFailed'
  | 'successful';

export const TERMINAL_ASYNC_STATUSES: ReadonlySet<AsyncStatus> = new Set([
  'initialisationFailedCacheError',
  'initialisationFailedSiteOffline',
  'initialisationFailedSiteUnreachable',
  'expiredInQueue',
  'executionFailed',
  'uploadFailed',
  'successful',
]);

export interface ErrorDetails {
  errorType: 'http' | 'mssql' | 'fbsql' | 'haloLink';
  errorCode: number;
  errorMessage: string;
}

export interface Timing {
  startTime: number;
  endTime?: number;
}

export interface SiteState {
  fixture: SiteFixture;
  availability: SiteAvailability;
  status: SiteStatus;
  paired: boolean;
  databases: Map<string, Database.Database>;
}

export interface QueryRecord {
  id: string;
  siteId: string;
  mode: 'immediate' | 'async';
  status: AsyncStatus;
  maxTimeInQueue: number;
  commandSize: number;
  requestSize: number;
  createdAt: number;
  updatedAt: number;
  completedAt?: number;
  timing: Partial<Record<'initialising' | 'queued' | 'executing' | 'downloading' | 'uploading', Timing>>;
  sqlExecutionDuration?: number;
  executionMode: 'reader' | 'nonQuery' | 'scalar';
  rowCount?: number;
  rowsAffected?: number;
  resultBytes?: number;
  pages: StoredPage[];
  outputParameters: CommandParameter[];
  errorDetails?: ErrorDetails;
  expired: boolean;
  /** Pending lifecycle timer, cleared on reset. */
  timer?: TimerHandle;
  /** Internal only: never serialised. */
  command?: SqlCommand;
  catalogue?: string;
  /** Fault-injected failure for this async query. */
  forcedFailure?: 'uploadFailed' | 'initialisationFailedCacheError';
}

export interface RegisteredRecord {
  id: string;
  siteId: string;
  name: string;
  status: 'initialisationFailedCacheError' | 'enabled' | 'cancelled' | 'completed';
  frequency: number;
  duration: number;
  createdAt: number;
  completedAt?: number;
  lastHash?: string;
  lastErrorDetails?: ErrorDetails;
  metrics: {
    lastSucceededAt?: number;
    lastFailedAt?: number;
    lastExecutionDuration?: number;
    executionSucceededCount: number;
    executionFailedCount: number;
    resultSizeSum: number;
    requestSize: number;
  };
  latest?: { json: string; rows: number; size: number; parameters: CommandParameter[] | null };
  command: SqlCommand;
  timers: TimerHandle[];
}

export interface WebhookEvent {
  siteId: string;
  queryId: string;
  source: 'async' | 'registered';
  occurredAt: number;
}

export interface SimStateOptions {
  clock: SimClock;
  sites: readonly SiteFixture[];
  pageBytes: number;
  onWebhook?: (event: WebhookEvent) => void;
}

export function errorTypeFor(site: SiteFixture): ErrorType {
  return site.pmsType === 'Zedmed' ? 'fbsql' : 'mssql';
}

/**
 * All mutable simulator state: sites and their databases, queries and registered queries, and
 * the timers that drive them on the simulated clock.
 */
export class SimState {
  readonly clock: SimClock;
  readonly pageBytes: number;
  readonly sites = new Map<string, SiteState>();
  readonly queries = new Map<string, QueryRecord>();
  readonly registered = new Map<string, RegisteredRecord>();
  private readonly fixtures: readonly SiteFixture[];
  private readonly onWebhook: ((event: WebhookEvent) => void) | undefined;
  private pendingAsyncFailures: Array<{
    siteId?: string;
    failure: 'uploadFailed' | 'initialisationFailedCacheError';
    remaining: number;
  }> = [];

  constructor(options: SimStateOptions) {
    this.clock = options.clock;
    this.pageBytes = options.pageBytes;
    this.fixtures = options.sites;
    this.onWebhook = options.onWebhook;
    this.loadSites();
  }

  private loadSites(): void {
    for (const fixture of this.fixtures) {
      this.sites.set(fixture.id, {
        fixture,
        availability: fixture.availability,
        status: fixture.status,
        paired: true,
        databases: openSiteDatabases(fixture),
      });
    }
  }

  /** Back to the fixtures: fresh databases, no queries, no timers. The clock is reset by the caller. */
  reset(): void {
    this.disposeTimers();
    for (const site of this.sites.values()) closeAll(site.databases);
    this.sites.clear();
    this.queries.clear();
    this.registered.clear();
    this.pendingAsyncFailures = [];
    this.loadSites();
  }

  close(): void {
    this.disposeTimers();
    for (const site of this.sites.values()) closeAll(site.databases);
    this.sites.clear();
  }

  private disposeTimers(): void {
    for (const q of this.queries.values()) if (q.timer) this.clock.clearTimer(q.timer);
    for (const r of this.registered.values()) for (const t of r.timers) this.clock.clearTimer(t);
  }

  /** The next `count` async queries (on `siteId`, if given) fail with `failure`. */
  injectAsyncFailure(failure: 'uploadFailed' | 'initialisationFailedCacheError', count: number, siteId?: string): void {
    this.pendingAsyncFailures.push({ failure, remaining: count, ...(siteId ? { siteId } : {}) });
  }

  private takeAsyncFailure(siteId: string): QueryRecord['forcedFailure'] {
    const entry = this.pendingAsyncFailures.find((f) => f.remaining > 0 && (!f.siteId || f.siteId === siteId));
    if (!entry) return undefined;
    entry.remaining--;
    return entry.failure;
  }

  setSiteState(siteId: string, patch: { availability?: SiteAvailability; status?: SiteStatus }): SiteState | undefined {
    const site = this.sites.get(siteId);
    if (!site) return undefined;
    if (patch.availability) site.availability = patch.availability;
    if (patch.status) site.status = patch.status;
    if (site.availability === 'online') {
      // Queued async queries were waiting for the site: let them start now.
      for (const q of this.queries.values()) {
        if (q.siteId === siteId && q.status === 'queued') this.scheduleAsync(q, 0, () => this.startExecuting(q));
      }
    }
    return site;
  }

  private database(site: SiteState, catalogue: string | undefined): Database.Database {
    const name = catalogue ?? site.fixture.catalogues.find((c) => c.isDefault)?.name ?? '';
    const db = site.databases.get(name);
    if (!db) throw new RangeError('unknown catalogue');
    return db;
  }

  /** Runs a command on a site's database; returns the result or the SQL error. */
  execute(
    site: SiteState,
    command: SqlCommand,
    catalogue?: string,
  ): { result: ExecutionResult; ms: number } | { error: ErrorDetails; ms: number } {
    const db = this.database(site, catalogue);
    const started = performance.now();
    try {
      const result = executeCommand(db, command, {
        errorType: errorTypeFor(site.fixture),
        now: () => this.clock.date(),
      });
      return { result, ms: Math.round(performance.now() - started) };
    } catch (err) {
      const ms = Math.round(performance.now() - started);
      if (err instanceof SqlExecutionError) {
        return { error: { errorType: err.errorType, errorCode: err.errorCode, errorMessage: err.message }, ms };
      }
      return {
        error: { errorType: 'haloLink', errorCode: 500, errorMessage: 'Unexpected error while executing the query.' },
        ms,
      };
    }
  }

  hasCatalogue(site: SiteState, catalogue: string): boolean {
    return site.databases.has(catalogue);
  }

  newQuery(
    site: SiteState,
    mode: 'immediate' | 'async',
    init: { maxTimeInQueue: number; commandSize: number; requestSize: number; command: SqlCommand; catalogue?: string },
  ): QueryRecord {
    const now = this.clock.now();
    const q: QueryRecord = {
      id: randomUUID(),
      siteId: site.fixture.id,
      mode,
      status: 'initialising',
      maxTimeInQueue: init.maxTimeInQueue,
      commandSize: init.commandSize,
      requestSize: init.requestSize,
      createdAt: now,
      updatedAt: now,
      timing: { initialising: { startTime: now } },
      executionMode: init.command.executionMode ?? 'reader',
      pages: [],
      outputParameters: [],
      expired: false,
      command: init.command,
      ...(init.catalogue !== undefined ? { catalogue: init.catalogue } : {}),
    };
    this.queries.set(q.id, q);
    return q;
  }

  /** Stores a finished result on a query record (rows paged, sizes, output parameters). */
  storeResult(q: QueryRecord, result: ExecutionResult): void {
    q.outputParameters = result.outputParameters;
    if (result.mode === 'nonQuery') {
      q.rowsAffected = result.rowsAffected ?? 0;
      q.pages = paginate([], this.pageBytes);
      q.resultBytes = 0;
      q.pages[0]!.json = '';
      q.pages[0]!.size = 0;
      return;
    }
    q.rowCount = result.rows.length;
    q.pages = q.mode === 'async' ? paginate(result.rows, this.pageBytes) : [];
    if (q.mode === 'immediate') {
      const json = rowsToJson(result.rows);
      q.resultBytes = byteLength(json);
      q.pages = [
        {
          pageNumber: 1,
          status: 'cached',
          json,
          size: q.resultBytes,
          count: result.rows.length,
          rangeStart: 0,
          rangeEnd: result.rows.length - 1,
        },
      ];
    } else {
      q.resultBytes = q.pages.reduce((n, p) => n + p.size, 0);
    }
  }

  private setStatus(q: QueryRecord, status: AsyncStatus): void {
    const now = this.clock.now();
    q.status = status;
    q.updatedAt = now;
    if (TERMINAL_ASYNC_STATUSES.has(status)) {
      q.completedAt = now;
      delete q.timer;
      delete q.command;
    }
  }

  private endTiming(q: QueryRecord, key: keyof QueryRecord['timing']): void {
    const t = q.timing[key];
    if (t && t.endTime === undefined) t.endTime = this.clock.now();
  }

  private startTiming(q: QueryRecord, key: keyof QueryRecord['timing']): void {
    q.timing[key] = { startTime: this.clock.now() };
  }

  private scheduleAsync(q: QueryRecord, delayMs: number, fn: () => void): void {
    if (q.timer) this.clock.clearTimer(q.timer);
    q.timer = this.clock.setTimer(delayMs, fn);
  }

  // ---- async lifecycle: initialising → queued → executing → uploading → successful ----

  submitAsync(q: QueryRecord): void {
    const forced = this.takeAsyncFailure(q.siteId);
    if (forced) q.forcedFailure = forced;
    const site = this.sites.get(q.siteId)!;
    if (site.availability === 'unreachable') {
      this.scheduleAsync(q, INFERRED.asyncUnreachableAfterMs, () =>
        this.failInitialisation(q, 'initialisationFailedSiteUnreachable'),
      );
      return;
    }
    this.scheduleAsync(q, INFERRED.asyncInitialisingMs, () => {
      const s = this.sites.get(q.siteId);
      if (q.forcedFailure === 'initialisationFailedCacheError')
        return this.failInitialisation(q, 'initialisationFailedCacheError');
      if (!s || s.availability === 'offline') return this.failInitialisation(q, 'initialisationFailedSiteOffline');
      if (s.availability === 'unreachable') return this.failInitialisation(q, 'initialisationFailedSiteUnreachable');
      this.endTiming(q, 'initialising');
      this.startTiming(q, 'queued');
      this.setStatus(q, 'queued');
      const expiresIn = q.maxTimeInQueue;
      if (expiresIn < INFERRED.asyncQueuedMs) {
        this.scheduleAsync(q, expiresIn, () => this.expireInQueue(q));
      } else {
        this.scheduleAsync(q, INFERRED.asyncQueuedMs, () => this.startExecuting(q));
      }
    });
  }

  private failInitialisation(q: QueryRecord, status: AsyncStatus): void {
    this.endTiming(q, 'initialising');
    this.setStatus(q, status);
  }

  private expireInQueue(q: QueryRecord): void {
    if (q.status !== 'queued') return;
    this.endTiming(q, 'queued');
    this.setStatus(q, 'expiredInQueue');
  }

  private startExecuting(q: QueryRecord): void {
    if (q.status !== 'queued') return;
    const site = this.sites.get(q.siteId);
    const queuedSince = q.timing.queued?.startTime ?? this.clock.now();
    if (!site || site.availability !== 'online') {
      // The site went away while the query waited: it stays queued until the site returns or it expires.
      const left = queuedSince + q.maxTimeInQueue - this.clock.now();
      this.scheduleAsync(q, Math.max(0, left), () => this.expireInQueue(q));
      return;
    }
    if (this.clock.now() - queuedSince > q.maxTimeInQueue) return this.expireInQueue(q);
    this.endTiming(q, 'queued');
    this.startTiming(q, 'executing');
    this.setStatus(q, 'executing');
    const outcome = this.execute(site, q.command!, q.catalogue);
    const execMs = Math.max(INFERRED.asyncMinExecutionMs, outcome.ms);
    this.scheduleAsync(q, execMs, () => {
      this.endTiming(q, 'executing');
      if ('error' in outcome) {
        q.errorDetails = outcome.error;
        this.setStatus(q, 'executionFailed');
        return;
      }
      q.sqlExecutionDuration = execMs;
      this.storeResult(q, outcome.result);
      this.startTiming(q, 'uploading');
      this.setStatus(q, 'uploading');
      this.uploadNextPage(q, 0);
    });
  }

  private uploadNextPage(q: QueryRecord, index: number): void {
    const page = q.pages[index];
    if (!page) {
      this.endTiming(q, 'uploading');
      this.setStatus(q, 'successful');
      this.onWebhook?.({ siteId: q.siteId, queryId: q.id, source: 'async', occurredAt: this.clock.now() });
      this.scheduleExpiry(q);
      return;
    }
    const half = INFERRED.asyncPageUploadMs / 2;
    this.scheduleAsync(q, half, () => {
      page.status = 'uploading';
      q.updatedAt = this.clock.now();
      if (q.forcedFailure === 'uploadFailed') {
        this.scheduleAsync(q, half, () => {
          this.endTiming(q, 'uploading');
          q.errorDetails = {
            errorType: 'haloLink',
            errorCode: 500,
            errorMessage: 'An error occurred while uploading the query result.',
          };
          this.setStatus(q, 'uploadFailed');
        });
        return;
      }
      this.scheduleAsync(q, half, () => {
        page.status = 'cached';
        q.updatedAt = this.clock.now();
        this.uploadNextPage(q, index + 1);
      });
    });
  }

  private scheduleExpiry(q: QueryRecord): void {
    this.clock.setTimer(INFERRED.resultTtlMs, () => {
      q.expired = true;
      for (const p of q.pages) p.json = '';
    });
  }

  // ---- registered queries ----

  createRegistered(
    site: SiteState,
    init: { name: string; frequency: number; duration: number; command: SqlCommand; requestSize: number },
  ): RegisteredRecord {
    const r: RegisteredRecord = {
      id: randomUUID(),
      siteId: site.fixture.id,
      name: init.name,
      status: 'enabled',
      frequency: init.frequency,
      duration: init.duration,
      createdAt: this.clock.now(),
      metrics: { executionSucceededCount: 0, executionFailedCount: 0, resultSizeSum: 0, requestSize: init.requestSize },
      command: init.command,
      timers: [],
    };
    this.registered.set(r.id, r);
    this.runRegistered(r);
    const runs = Math.floor(init.duration / init.frequency);
    for (let k = 1; k <= runs; k++) {
      r.timers.push(this.clock.setTimer(k * init.frequency * 1000, () => this.runRegistered(r)));
    }
    r.timers.push(
      this.clock.setTimer(init.duration * 1000, () => {
        if (r.status !== 'enabled') return;
        r.status = 'completed';
        r.completedAt = this.clock.now();
        r.timers = [];
      }),
    );
    return r;
  }

  /** One scheduled run; also callable by the control API to force a run. */
  runRegistered(r: RegisteredRecord): void {
    if (r.status !== 'enabled') return;
    const site = this.sites.get(r.siteId);
    if (!site || site.availability !== 'online') return;
    const outcome = this.execute(site, r.command);
    const now = this.clock.now();
    r.metrics.lastExecutionDuration = outcome.ms;
    if ('error' in outcome) {
      r.metrics.lastFailedAt = now;
      r.metrics.executionFailedCount++;
      r.lastErrorDetails = outcome.error;
      return;
    }
    const rows = outcome.result.mode === 'nonQuery' ? [] : outcome.result.rows;
    const json = rowsToJson(rows);
    const size = byteLength(json);
    r.metrics.lastSucceededAt = now;
    r.metrics.executionSucceededCount++;
    r.metrics.resultSizeSum += size;
    const hash = resultHash(json);
    if (hash !== r.lastHash) {
      // Halo Link uploads (and Halo fires the webhook) only when the result changed.
      r.lastHash = hash;
      r.latest = {
        json,
        rows: outcome.result.mode === 'nonQuery' ? (outcome.result.rowsAffected ?? 0) : rows.length,
        size,
        parameters: outcome.result.outputParameters.length > 0 ? outcome.result.outputParameters : null,
      };
      this.onWebhook?.({ siteId: r.siteId, queryId: r.id, source: 'registered', occurredAt: now });
    }
  }

  cancelRegistered(r: RegisteredRecord): void {
    if (r.status !== 'enabled') return;
    for (const t of r.timers) this.clock.clearTimer(t);
    r.timers = [];
    r.status = 'cancelled';
  }
}

export { INTEGRATOR_ID };
