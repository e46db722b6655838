/**
 * Reuse of named-query answers across requests (an entry's `maxAgeSeconds`): an identical call
 * (same entry, site and arguments: the prepared query's callKey) answered within that age is served
 * again, and identical calls in flight share one Halo query, instead of a new billed one. Only
 * successful answers are kept; failures are not. In this process only; authorization is checked
 * for every call before this is asked.
 */
import { isHaloApiError } from '../datasources/halo-error.js';
import type { ImmediateQueryOutcome } from '../datasources/queries.js';

interface Kept {
  /** When it was answered (ms); undefined while in flight. */
  at: number | undefined;
  outcome: Promise<ImmediateQueryOutcome>;
}

export class NamedQueryReuse {
  private readonly kept = new Map<string, Kept>();

  constructor(
    private readonly now: () => number = Date.now,
    /** Answers kept at most (the oldest go first). */
    private readonly maxEntries = 1000,
  ) {}

  /**
   * The answer for `key`: a kept one not older than `maxAgeSeconds`, the one in flight, or a new
   * one from `call`. A shared call that was aborted (its request went away) is not this caller's
   * failure: it then makes its own call.
   */
  async run(
    key: string,
    maxAgeSeconds: number,
    call: () => Promise<ImmediateQueryOutcome>,
  ): Promise<ImmediateQueryOutcome> {
    const kept = this.kept.get(key);
    if (kept && (kept.at === undefined || this.now() - kept.at <= maxAgeSeconds * 1000)) {
      try {
        return await kept.outcome;
      } catch (error) {
        if (isHaloApiError(error) && error.networkCode === 'ABORTED') return call();
        throw error;
      }
    }
    const entry: Kept = { at: undefined, outcome: call() };
    this.kept.delete(key);
    this.kept.set(key, entry);
    this.evict();
    try {
      const outcome = await entry.outcome;
      if (outcome.kind === 'successful') entry.at = this.now();
      else if (this.kept.get(key) === entry) this.kept.delete(key);
      return outcome;
    } catch (error) {
      if (this.kept.get(key) === entry) this.kept.delete(key);
      throw error;
    }
  }

  /** Answers kept or in flight (for tests). */
  get size(): number {
    return this.kept.size;
  }

  private evict(): void {
    // Map iteration is insertion order: the oldest first.
    for (const [key] of this.kept) {
      if (this.kept.size <= this.maxEntries) return;
      this.kept.delete(key);
    }
  }
}
