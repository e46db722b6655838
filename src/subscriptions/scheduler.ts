/**
 * The time source of the subscription machinery (poll intervals, lease renewal). Injected so tests
 * drive polling with a manual scheduler instead of sleeping; production uses real timers.
 */
export interface Scheduler {
  /** Milliseconds on this scheduler's clock (only differences matter). */
  now(): number;
  /** Runs `fn` once after `ms`. */
  setTimeout(fn: () => void, ms: number): SchedulerTimer;
  clearTimeout(timer: SchedulerTimer): void;
}

/** An opaque timer handle. */
export interface SchedulerTimer {
  readonly __schedulerTimer?: never;
}

/** Real timers on the monotonic clock. */
export const realScheduler: Scheduler = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as SchedulerTimer,
  clearTimeout: (timer) => clearTimeout(timer as unknown as NodeJS.Timeout),
};
