/**
 * A push-to-pull queue: producers `push`/`end`/`fail`, one consumer iterates. It is the async
 * generator graphql-js and graphql-ws see for one subscriber, so `return()` (client unsubscribed,
 * socket closed) runs `onReturn` exactly once and everything behind it can stop.
 */
export class Channel<T> implements AsyncGenerator<T, void, undefined> {
  private readonly queue: T[] = [];
  private waiting: { resolve: (r: IteratorResult<T, void>) => void; reject: (e: unknown) => void } | undefined;
  private closed = false;
  private error: { value: unknown } | undefined;
  private onReturn: (() => void) | undefined;

  /**
   * @param maxQueued a consumer this far behind is failed with `overflowError` rather than buffering
   *   without bound (a client that stopped reading its socket).
   */
  constructor(
    onReturn: () => void,
    private readonly maxQueued = 1_000,
    private readonly overflowError: () => Error = () => new Error('subscriber too slow'),
  ) {
    this.onReturn = onReturn;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  push(value: T): void {
    if (this.closed) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w.resolve({ value, done: false });
      return;
    }
    if (this.queue.length >= this.maxQueued) {
      this.fail(this.overflowError());
      return;
    }
    this.queue.push(value);
  }

  /** Ends the stream after what is queued. */
  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.detach();
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w.resolve({ value: undefined, done: true });
    }
  }

  /** Ends the stream with an error, delivered after what is queued. */
  fail(error: unknown): void {
    if (this.closed) return;
    const w = this.waiting;
    this.waiting = undefined;
    if (w) w.reject(error);
    else this.error = { value: error };
    this.end();
  }

  next(): Promise<IteratorResult<T, void>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift() as T, done: false });
    if (this.closed) {
      if (this.error) {
        const { value } = this.error;
        this.error = undefined;
        return Promise.reject(value);
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<T, void>> {
    this.queue.length = 0;
    this.error = undefined;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T, void>> {
    this.queue.length = 0;
    this.closed = true;
    this.detach();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private detach(): void {
    const fn = this.onReturn;
    this.onReturn = undefined;
    fn?.();
  }
}
