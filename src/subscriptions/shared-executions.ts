/**
 * Runs each distinct subscription once and sends every result to all its subscribers: with a
 * thousand clients on one query, an event is executed once, not a thousand times (each socket
 * still serialises its own message, as the protocol carries the operation id).
 *
 * "Distinct" is the caller's key: operation text, variables and everything that could make two
 * callers see different data (their credentials). A subscriber joining a running execution
 * receives its latest result at once. That is right for this schema's subscriptions, whose every
 * event is the full current state of what is watched.
 */
import type { ExecutionResult } from 'graphql';
import { Channel } from './channel.js';

type Outcome = ExecutionResult | AsyncIterable<ExecutionResult>;
type Started = { kind: 'result'; result: ExecutionResult } | { kind: 'stream'; iterator: AsyncIterator<ExecutionResult> };

interface Entry {
  key: string;
  started: Promise<Started>;
  subscribers: Set<Channel<ExecutionResult>>;
  last: ExecutionResult | undefined;
  ended: boolean;
  pumping: boolean;
  dispose: (() => void) | undefined;
}

export interface SharedExecutionsStats {
  /** Executions running, each shared by one or more subscribers. */
  executions: number;
  subscribers: number;
}

/** The running shared executions, by key. */
export class SharedExecutions {
  private readonly entries = new Map<string, Entry>();

  /**
   * @param maxQueued results queued for one subscriber that stopped reading before it is dropped
   *   with `overflowError()`.
   */
  constructor(
    private readonly maxQueued = 100,
    private readonly overflowError: () => Error = () => new Error('subscriber too slow'),
  ) {}

  /**
   * Joins the execution running under `key`, or starts it with `start()`. When this caller starts
   * it, `adopt()` is called and the disposer it returns runs when the execution ends (the last
   * subscriber left, or the stream completed). A start that yields a single result (an error
   * before the stream began) is not shared: it is returned as is.
   */
  async join(key: string, start: () => Outcome | Promise<Outcome>, adopt: () => () => void): Promise<Outcome> {
    let entry = this.entries.get(key);
    if (!entry) {
      const created: Entry = { key, started: undefined as never, subscribers: new Set(), last: undefined, ended: false, pumping: false, dispose: adopt() };
      created.started = (async (): Promise<Started> => {
        try {
          const outcome = await start();
          if (isAsyncIterable(outcome)) return { kind: 'stream', iterator: outcome[Symbol.asyncIterator]() };
          this.end(created);
          return { kind: 'result', result: outcome };
        } catch (error) {
          this.end(created);
          throw error;
        }
      })();
      this.entries.set(key, created);
      entry = created;
    }
    const started = await entry.started;
    if (started.kind === 'result') return started.result;
    // The stream ended while this caller waited to attach: start a fresh one.
    if (entry.ended) return this.join(key, start, adopt);
    const current = entry;
    const channel: Channel<ExecutionResult> = new Channel<ExecutionResult>(() => this.leave(current, channel), this.maxQueued, this.overflowError);
    if (current.last) channel.push(current.last);
    current.subscribers.add(channel);
    void this.pump(current, started.iterator);
    return channel;
  }

  stats(): SharedExecutionsStats {
    let subscribers = 0;
    for (const e of this.entries.values()) subscribers += e.subscribers.size;
    return { executions: this.entries.size, subscribers };
  }

  private async pump(entry: Entry, iterator: AsyncIterator<ExecutionResult>): Promise<void> {
    if (entry.pumping) return;
    entry.pumping = true;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done || entry.ended) break;
        entry.last = next.value;
        for (const channel of entry.subscribers) channel.push(next.value);
      }
      for (const channel of [...entry.subscribers]) channel.end();
    } catch (error) {
      for (const channel of [...entry.subscribers]) channel.fail(error);
    } finally {
      this.end(entry);
    }
  }

  private leave(entry: Entry, channel: Channel<ExecutionResult>): void {
    entry.subscribers.delete(channel);
    if (entry.subscribers.size > 0 || entry.ended) return;
    this.end(entry);
    void entry.started.then((s) => (s.kind === 'stream' ? s.iterator.return?.() : undefined)).catch(() => undefined);
  }

  private end(entry: Entry): void {
    if (entry.ended) return;
    entry.ended = true;
    if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
    const dispose = entry.dispose;
    entry.dispose = undefined;
    dispose?.();
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof value === 'object' && value !== null && typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function';
}
