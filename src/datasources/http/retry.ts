/**
 * When and how a failed call is tried again: only where it is safe (`isRetryable`), within the
 * call's attempts and deadline, with full-jitter backoff or Halo's `Retry-After`, and only while
 * the process-wide retry budget allows (cockatiel runs the loop and the wait).
 */
import { performance } from 'node:perf_hooks';
import { DelegateBackoff, handleWhen, retry } from 'cockatiel';
import { HaloApiError, wasNotSent, type HaloErrorContext } from '../halo-error.js';
import { abortFailure } from './attempt.js';
import type { HaloCall } from './call.js';
import type { RetryBudget } from './retry-budget.js';
import type { HttpSettings } from './settings.js';

const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/** Failures this process caused itself: retrying them cannot help. */
export const LOCAL_REFUSALS: ReadonlySet<string> = new Set<string>([
  'ABORTED',
  'DEADLINE_EXCEEDED',
  'CIRCUIT_OPEN',
  'BULKHEAD_FULL',
  'RESPONSE_TOO_LARGE',
  'QUOTA_EXCEEDED',
]);

/** Is a failed attempt of this call worth repeating? (Budget, attempts and deadline are checked elsewhere.) */
export function isRetryable(call: Pick<HaloCall, 'retry' | 'siteBound'>, error: HaloApiError): boolean {
  switch (call.retry) {
    case 'never':
      return false;
    case 'unsent-only':
      return wasNotSent(error) && !LOCAL_REFUSALS.has(error.networkCode ?? '');
    case 'read': {
      if (error.kind === 'network') {
        if (LOCAL_REFUSALS.has(error.networkCode ?? '')) return false;
        // A practice server that timed out is not asked again (that would double its load).
        return !(call.siteBound && error.code === 'UPSTREAM_TIMEOUT');
      }
      if (error.status === undefined || !TRANSIENT_STATUS.has(error.status)) return false;
      // An offline or slow practice stays offline or slow for longer than a backoff: don't amplify.
      return !(call.siteBound && (error.status === 503 || error.status === 504));
    }
  }
}

export interface RetryContext {
  retry: HttpSettings['retry'];
  budget: RetryBudget;
  /** Uniform [0,1) source for backoff jitter. */
  random: () => number;
}

/**
 * Runs `attempt(n)` (n = 1, 2, …) until it succeeds or a failure may not be retried: not
 * retryable for `call`, out of attempts or rate-limit retries, a wait that would outlast
 * `deadlineAt` (performance.now() time), an empty retry budget, or `signal` aborted.
 */
export function withRetries<T>(
  r: RetryContext,
  call: HaloCall,
  ctx: HaloErrorContext,
  signal: AbortSignal,
  deadlineAt: number,
  attempt: (n: number) => Promise<T>,
): Promise<T> {
  const { maxAttempts, baseDelayMs, maxDelayMs, maxRateLimitRetries } = r.retry;
  r.budget.deposit();
  if (maxAttempts === 1 || call.retry === 'never') {
    // Nothing to retry: no policy to build.
    if (signal.aborted) return Promise.reject(abortFailure(ctx, signal.reason));
    return attempt(1);
  }
  let attempts = 0;
  let rateLimitRetries = 0;
  let plannedDelay = 0;

  // The predicate decides everything (eligibility, attempts, deadline, budget) and plans the
  // delay; cockatiel runs the loop and the wait. It is consulted once per failed attempt.
  const shouldRetry = (error: Error): boolean => {
    if (!(error instanceof HaloApiError) || signal.aborted) return false;
    if (attempts >= maxAttempts || !isRetryable(call, error)) return false;
    if (error.code === 'RATE_LIMITED' && rateLimitRetries >= maxRateLimitRetries) return false;
    const delay =
      error.retryAfterSeconds !== undefined
        ? error.retryAfterSeconds * 1000
        : Math.floor(r.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempts - 1)));
    // A wait that outlasts the deadline would only burn it: refuse, and report Halo's answer.
    if (performance.now() + delay >= deadlineAt) return false;
    if (!r.budget.tryWithdraw()) return false;
    if (error.code === 'RATE_LIMITED') rateLimitRetries++;
    plannedDelay = delay;
    return true;
  };

  const policy = retry(handleWhen(shouldRetry), {
    maxAttempts: maxAttempts - 1, // cockatiel counts retries
    backoff: new DelegateBackoff(() => plannedDelay),
  });
  return policy.execute(async () => {
    attempts++;
    if (signal.aborted) throw abortFailure(ctx, signal.reason);
    return attempt(attempts);
  }, signal);
}
