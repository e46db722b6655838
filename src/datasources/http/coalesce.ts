/**
 * Single-flight for idempotent reads: concurrent callers with the same key share one upstream
 * call. The shared call runs under its own AbortController and is aborted only when *every*
 * caller waiting on it has gone away; a caller that leaves early is rejected at once without
 * disturbing the others. Entries are removed as soon as the call settles (or is abandoned), so
 * nothing is cached beyond the flight itself.
 */
interface Flight<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  waiters: number;
}

export class Coalescer<T> {
  private readonly flights = new Map<string, Flight<T>>();

  /** Number of distinct upstream calls in flight (for tests and metrics). */
  get size(): number {
    return this.flights.size;
  }

  /**
   * Joins the flight for `key`, starting it with `start(signal)` if there is none.
   * @param signals the caller's cancellation signals; if any aborts, this caller is rejected with
   *   `onAbort(reason)` and, if it was the last waiter, the shared call is aborted too.
   */
  run(
    key: string,
    signals: readonly AbortSignal[],
    start: (signal: AbortSignal) => Promise<T>,
    onAbort: (reason: unknown) => Error,
  ): Promise<T> {
    const aborted = signals.find((s) => s.aborted);
    if (aborted) return Promise.reject(onAbort(aborted.reason));

    let flight = this.flights.get(key);
    if (!flight) {
      const controller = new AbortController();
      const promise = start(controller.signal);
      const created: Flight<T> = { promise, controller, waiters: 0 };
      const forget = () => {
        if (this.flights.get(key) === created) this.flights.delete(key);
      };
      // Every waiter subscribes below; this extra handler only removes the entry.
      promise.then(forget, forget);
      this.flights.set(key, created);
      flight = created;
    }
    const joined = flight;
    joined.waiters++;

    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const listeners: Array<() => void> = [];
      const finish = () => {
        settled = true;
        for (const off of listeners) off();
        joined.waiters--;
      };
      for (const signal of signals) {
        const onAbortSignal = () => {
          if (settled) return;
          finish();
          if (joined.waiters === 0) {
            // Nobody is waiting any more: stop the upstream call, and let no new caller join it.
            if (this.flights.get(key) === joined) this.flights.delete(key);
            joined.controller.abort(signal.reason);
          }
          reject(onAbort(signal.reason));
        };
        signal.addEventListener('abort', onAbortSignal, { once: true });
        listeners.push(() => signal.removeEventListener('abort', onAbortSignal));
      }
      joined.promise.then(
        (value) => {
          if (settled) return;
          finish();
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          finish();
          reject(error);
        },
      );
    });
  }
}
