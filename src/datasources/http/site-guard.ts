/**
 * Per-site isolation of calls that run on the practice server: a circuit breaker (consecutive
 * SITE_UNAVAILABLE / UPSTREAM_TIMEOUT failures open it) and a bulkhead (bounded concurrency and
 * queue) for each site, so one failing or slow practice cannot take the others down.
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
} from 'cockatiel';
import { HaloApiError, localFailure, type HaloErrorContext } from '../halo-error.js';
import { abortFailure } from './attempt.js';
import { LOCAL_REFUSALS } from './retry.js';
import type { BreakerState, HttpSettings } from './settings.js';

interface SitePolicies {
  breaker: CircuitBreakerPolicy;
  bulkhead: BulkheadPolicy;
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

  private policies(siteId: string): SitePolicies {
    let site = this.sites.get(siteId);
    if (!site) {
      if (this.sites.size >= MAX_IDLE_SITES) this.forgetIdleSites();
      const breaker = circuitBreaker(handleWhen(countsAgainstSite), {
        halfOpenAfter: this.settings.breaker.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(this.settings.breaker.threshold),
      });
      const listener = this.onStateChange;
      if (listener) breaker.onStateChange((state) => listener(siteId, STATE_NAMES[state]));
      site = { breaker, bulkhead: bulkhead(this.settings.siteConcurrency, this.settings.siteQueue) };
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
