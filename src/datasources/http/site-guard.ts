/**
 * Per-site isolation of calls that run on the practice server: a circuit breaker (consecutive
 * SITE_UNAVAILABLE / UPSTREAM_TIMEOUT failures open it) and a bulkhead (bounded concurrency and
 * queue) for each site, so one failing or slow practice cannot take the others down.
 *
 * An open circuit follows the practice with backoff: the first call after `halfOpenAfterMs` goes
 * through as a probe (the others wait for its outcome); a failed probe doubles the wait, up to
 * `maxHalfOpenAfterMs`, and a successful one closes the circuit. So a practice that was down for a
 * moment is usable again within seconds, and one that stays down is asked at most every 30 s.
 */
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  IsolatedCircuitError,
  TaskCancelledError,
  bulkhead,
  circuitBreaker,
  handleWhen,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type IBackoff,
  type IBackoffFactory,
  type IHalfOpenAfterBackoffContext,
} from 'cockatiel';
import { HaloApiError, localFailure, type HaloErrorContext } from '../halo-error.js';
import { abortFailure } from './attempt.js';
import { LOCAL_REFUSALS } from './retry.js';
import type { BreakerState, HttpSettings, SiteBreaker } from './settings.js';

interface SitePolicies {
  breaker: CircuitBreakerPolicy;
  bulkhead: BulkheadPolicy;
  /** When the circuit last opened (epoch ms, the clock cockatiel uses) and for how long. */
  openedAt: number;
  probeDelayMs: number;
}

const MAX_IDLE_SITES = 1_000;

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/** Failures that say the practice server is unavailable or slow; only these move a site's breaker. */
function countsAgainstSite(error: unknown): boolean {
  if (!(error instanceof HaloApiError)) return false;
  if (
    error.networkCode !== undefined &&
    LOCAL_REFUSALS.has(error.networkCode) &&
    error.networkCode !== 'DEADLINE_EXCEEDED'
  ) {
    return false;
  }
  return error.code === 'SITE_UNAVAILABLE' || error.code === 'UPSTREAM_TIMEOUT';
}

export class SiteGuards {
  private readonly sites = new Map<string, SitePolicies>();

  constructor(
    private readonly settings: Pick<HttpSettings, 'breaker' | 'siteConcurrency' | 'siteQueue'>,
    private readonly onStateChange: ((siteId: string, state: BreakerState) => void) | undefined,
  ) {}

  /**
   * Runs `work` through the site's breaker and bulkhead.
   * @throws HaloApiError CIRCUIT_OPEN or BULKHEAD_FULL (local refusals), ABORTED when `signal`
   *   aborts while waiting, and whatever `work` throws.
   */
  async run<T>(
    siteId: string,
    ctx: HaloErrorContext,
    signal: AbortSignal,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const site = this.policies(siteId);
    try {
      return await site.breaker.execute(() => site.bulkhead.execute(({ signal: s }) => work(s), signal), signal);
    } catch (error) {
      if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
        throw localFailure(ctx, 'CIRCUIT_OPEN', error);
      }
      if (error instanceof BulkheadRejectedError) throw localFailure(ctx, 'BULKHEAD_FULL', error);
      if (error instanceof TaskCancelledError) throw abortFailure(ctx, signal.reason);
      throw error;
    }
  }

  /** The state of every site circuit created so far, keyed by site GUID. */
  states(): Record<string, BreakerState> {
    const out: Record<string, BreakerState> = {};
    for (const [siteId, policies] of this.sites) out[siteId] = STATE_NAMES[policies.breaker.state];
    return out;
  }

  /** Every site circuit that is not closed, with its probe backoff, keyed by site GUID. */
  troubled(): Record<string, SiteBreaker> {
    const out: Record<string, SiteBreaker> = {};
    const now = Date.now();
    for (const [siteId, site] of this.sites) {
      const state = STATE_NAMES[site.breaker.state];
      if (state === 'closed') continue;
      out[siteId] =
        state === 'open'
          ? {
              state,
              probeDelayMs: site.probeDelayMs,
              probeInMs: Math.max(0, site.openedAt + site.probeDelayMs - now),
            }
          : { state, probeDelayMs: site.probeDelayMs };
    }
    return out;
  }

  private policies(siteId: string): SitePolicies {
    let site = this.sites.get(siteId);
    if (!site) {
      if (this.sites.size >= MAX_IDLE_SITES) this.forgetIdleSites();
      const { halfOpenAfterMs, maxHalfOpenAfterMs, threshold } = this.settings.breaker;
      const created: SitePolicies = {
        breaker: circuitBreaker(handleWhen(countsAgainstSite), {
          halfOpenAfter: probeBackoff(halfOpenAfterMs, maxHalfOpenAfterMs, (ms) => {
            created.probeDelayMs = ms;
          }),
          breaker: new ConsecutiveBreaker(threshold),
        }),
        bulkhead: bulkhead(this.settings.siteConcurrency, this.settings.siteQueue),
        openedAt: 0,
        probeDelayMs: halfOpenAfterMs,
      };
      const listener = this.onStateChange;
      created.breaker.onStateChange((state) => {
        if (state === CircuitState.Open) created.openedAt = Date.now();
        listener?.(siteId, STATE_NAMES[state]);
      });
      site = created;
      this.sites.set(siteId, site);
    }
    return site;
  }

  /**
   * Site ids come from callers, so the per-site map must not grow without bound: past
   * MAX_IDLE_SITES, sites whose circuit is closed and that have nothing in flight are dropped
   * (their state is the same as a fresh one's, so nothing is lost).
   */
  private forgetIdleSites(): void {
    for (const [id, site] of this.sites) {
      const idle =
        site.bulkhead.executionSlots === this.settings.siteConcurrency &&
        site.bulkhead.queueSlots === this.settings.siteQueue;
      if (idle && site.breaker.state === CircuitState.Closed) this.sites.delete(id);
    }
  }
}

/**
 * The wait before each probe of an open circuit: `firstMs` after it opens, doubled after every
 * failed probe up to `maxMs`. cockatiel asks the factory when the circuit opens from closed, and the
 * current backoff's `next` when a probe fails. `onDelay` learns every wait chosen (for metrics).
 */
function probeBackoff(
  firstMs: number,
  maxMs: number,
  onDelay: (ms: number) => void,
): IBackoffFactory<IHalfOpenAfterBackoffContext> {
  const step = (ms: number): IBackoff<IHalfOpenAfterBackoffContext> => {
    onDelay(ms);
    return { duration: ms, next: () => step(Math.min(maxMs, ms * 2)) };
  };
  return { next: () => step(firstMs) };
}
