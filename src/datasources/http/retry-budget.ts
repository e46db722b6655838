/**
 * A process-wide retry budget (the token-bucket "retry throttling" of gRPC and Finagle): every
 * first attempt earns `tokenRatio` tokens, every retry spends one, and a retry is refused when
 * fewer than one token is left. In steady state retries are therefore at most `tokenRatio` of the
 * traffic, so a 429 or 5xx storm is not amplified however many requests are in flight; a quiet
 * process starts with a full bucket so isolated blips are still retried. No timers, no clock.
 */
export interface RetryBudgetOptions {
  /** Bucket size and starting balance. @default 10 */
  maxTokens?: number;
  /** Tokens earned by each first attempt. @default 0.1 (retries ≤ 10 % of requests) */
  tokenRatio?: number;
}

export class RetryBudget {
  private tokens: number;
  private readonly maxTokens: number;
  private readonly tokenRatio: number;

  constructor(options: RetryBudgetOptions = {}) {
    this.maxTokens = options.maxTokens ?? 10;
    this.tokenRatio = options.tokenRatio ?? 0.1;
    if (!(this.maxTokens >= 0) || !(this.tokenRatio >= 0))
      throw new RangeError('retry budget options must be non-negative');
    this.tokens = this.maxTokens;
  }

  /** Records a first attempt (not a retry). */
  deposit(): void {
    this.tokens = Math.min(this.maxTokens, this.tokens + this.tokenRatio);
  }

  /** Spends one token for a retry; false (and nothing spent) when the budget is exhausted. */
  tryWithdraw(): boolean {
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Current balance, for metrics and tests. */
  get balance(): number {
    return this.tokens;
  }
}
