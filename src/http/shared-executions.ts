/**
 * Runs each distinct subscription once and sends every result to all its subscribers: with a
 * thousand clients on one query, an event is executed once, not a thousand times. A subscriber
 * with a `Delivery` (every WebSocket subscriber) also gets each result serialised once for all of
 * them, so the transport only adds its own framing per subscriber; a subscriber without one reads
 * the results from its async iterator.
 *
 * "Distinct" is the caller's key: operation text, variables and everything that could make two
 * callers see different data (their credentials). A subscriber joining a running execution
 * receives its latest result at once. That is right for this schema's subscriptions, whose every
 * event is the full current state of what is watched.
 */
import type { ExecutionResult } from 'graphql';
import { Channel } from '../subscriptions/channel.js';

type Outcome = ExecutionResult | AsyncIterable<ExecutionResult>;
type Started =
  { kind: 'result'; result: ExecutionResult } | { kind: 'stream'; iterator: AsyncIterator<ExecutionResult> };

/** Frames cached per result: enough for the few distinct operation ids clients commonly use. */
const MAX_CACHED_FRAMES = 8;

/** One result, serialised once for every subscriber of its execution. */
export class SerializedResult {
  private frames: Map<string, Buffer> | undefined;

  constructor(readonly json: string) {}

  /**
   * The transport's frame for `key` (e.g. an operation id) around this result: built by
   * `make(json, key)` once per key and kept as bytes for the first few keys, so subscribers using
   * the same key share one buffer.
   */
  frame(key: string, make: (json: string, key: string) => string): Buffer | string {
    const cached = this.frames?.get(key);
    if (cached !== undefined) return cached;
    const frames = (this.frames ??= new Map());
    if (frames.size >= MAX_CACHED_FRAMES) return make(this.json, key);
    const bytes = Buffer.from(make(this.json, key));
    frames.set(key, bytes);
    return bytes;
  }
}

/** Sends results straight to one subscriber (its iterator then only ends, or fails, with the execution). */
export interface Delivery {
  /** Sends one result; false when the subscriber is too far behind (it is then failed with the overflow error). */
  send(result: SerializedResult): boolean;
}

/** A place held in a running execution until the subscriber is ready to attach (e.g. once it is admitted). */
export interface Reservation<T> {
  /** What the caller that started the execution stored with it (`join`'s `info`). */
  readonly info: T;
  /**
   * Attaches the subscriber: as `join` does, except that an execution that ended meanwhile is not
   * started again: the subscriber gets its last result and its end (completion or error), as the
   * subscribers attached at that time did.
   */
  attach(delivery?: Delivery): Promise<Outcome>;
  /** Gives the place up without attaching (idempotent; nothing once attached). */
  release(): void;
}

export interface SharedExecutionsOptions {
  /** Results queued for one subscriber that stopped reading before it is dropped with `overflowError()`. @default 100 */
  maxQueued?: number;
  overflowError?: () => Error;
  /** Serialises a result for the subscribers with a `Delivery`. @default JSON.stringify */
  serialize?: (result: ExecutionResult) => string;
}

export interface SharedExecutionsStats {
  /** Executions running, each shared by one or more subscribers. */
  executions: number;
  subscribers: number;
}

interface Subscriber {
  channel: Channel<ExecutionResult>;
  delivery: Delivery | undefined;
}

interface Entry<T> {
  key: string;
  info: T;
  started: Promise<Started>;
  subscribers: Set<Subscriber>;
  /** Callers waiting to attach (the starter included): the execution does not end for lack of subscribers meanwhile. */
  reserved: number;
  last: ExecutionResult | undefined;
  lastSerialized: SerializedResult | undefined;
  /** How the stream ended, for a reservation attached after that. */
  end: { error: unknown } | 'done' | undefined;
  ended: boolean;
  pumping: boolean;
  dispose: (() => void) | undefined;
}

/** The running shared executions, by key. */
export class SharedExecutions<T = undefined> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly maxQueued: number;
  private readonly overflowError: () => Error;
  private readonly serialize: (result: ExecutionResult) => string;

  constructor(options: SharedExecutionsOptions = {}) {
    this.maxQueued = options.maxQueued ?? 100;
    this.overflowError = options.overflowError ?? (() => new Error('subscriber too slow'));
    this.serialize = options.serialize ?? ((result) => JSON.stringify(result));
  }

  /**
   * Joins the execution running under `key`, or starts it with `start()` (storing `info` with it).
   * When this caller starts it, `adopt()` is called and the disposer it returns runs when the
   * execution ends (the last subscriber left, or the stream completed). A start that yields a
   * single result (an error before the stream began) is not shared: it is returned as is.
   */
  async join(
    key: string,
    start: () => Outcome | Promise<Outcome>,
    adopt: () => () => void,
    info: T,
    delivery?: Delivery,
  ): Promise<Outcome> {
    const running = this.reserve(key);
    if (running) return running.attach(delivery);
    const entry: Entry<T> = {
      key,
      info,
      started: undefined as never,
      subscribers: new Set(),
      reserved: 1,
      last: undefined,
      lastSerialized: undefined,
      end: undefined,
      ended: false,
      pumping: false,
      dispose: adopt(),
    };
    entry.started = (async (): Promise<Started> => {
      try {
        const outcome = await start();
        if (isAsyncIterable(outcome)) return { kind: 'stream', iterator: outcome[Symbol.asyncIterator]() };
        this.finish(entry);
        return { kind: 'result', result: outcome };
      } catch (error) {
        this.finish(entry);
        throw error;
      }
    })();
    this.entries.set(key, entry);
    return this.reservation(entry).attach(delivery);
  }

  /** Holds a place in the execution running under `key`, if one is. */
  reserve(key: string): Reservation<T> | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.ended) return undefined;
    entry.reserved++;
    return this.reservation(entry);
  }

  stats(): SharedExecutionsStats {
    let subscribers = 0;
    for (const e of this.entries.values()) subscribers += e.subscribers.size;
    return { executions: this.entries.size, subscribers };
  }

  private reservation(entry: Entry<T>): Reservation<T> {
    let held = true;
    const release = () => {
      if (!held) return false;
      held = false;
      entry.reserved--;
      return true;
    };
    return {
      info: entry.info,
      release: () => {
        if (release()) this.leftOne(entry);
      },
      attach: async (delivery) => {
        if (!held) return ended();
        let started: Started;
        try {
          started = await entry.started;
        } finally {
          release();
        }
        if (started.kind === 'result') return started.result;
        return this.subscribe(entry, started.iterator, delivery);
      },
    };
  }

  private subscribe(
    entry: Entry<T>,
    iterator: AsyncIterator<ExecutionResult>,
    delivery: Delivery | undefined,
  ): Channel<ExecutionResult> {
    const subscriber: Subscriber = { channel: undefined as never, delivery };
    const channel = new Channel<ExecutionResult>(
      () => this.leave(entry, subscriber),
      this.maxQueued,
      this.overflowError,
    );
    subscriber.channel = channel;
    if (!entry.ended) {
      entry.subscribers.add(subscriber);
      if (entry.last) this.deliver(entry, subscriber, entry.last);
      if (!entry.ended) void this.pump(entry, iterator);
      return channel;
    }
    // The stream ended while this subscriber waited to attach: it gets what the others got.
    if (entry.last) this.deliver(entry, subscriber, entry.last);
    if (typeof entry.end === 'object') channel.fail(entry.end.error);
    else channel.end();
    return channel;
  }

  private deliver(entry: Entry<T>, subscriber: Subscriber, result: ExecutionResult): void {
    if (!subscriber.delivery) {
      subscriber.channel.push(result);
      return;
    }
    const serialized = (entry.lastSerialized ??= new SerializedResult(this.serialize(result)));
    if (!subscriber.delivery.send(serialized)) subscriber.channel.fail(this.overflowError());
  }

  private async pump(entry: Entry<T>, iterator: AsyncIterator<ExecutionResult>): Promise<void> {
    if (entry.pumping) return;
    entry.pumping = true;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done || entry.ended) break;
        entry.last = next.value;
        entry.lastSerialized = undefined;
        // A subscriber failed for overflow leaves the set while it is iterated: a Set allows that.
        for (const subscriber of entry.subscribers) this.deliver(entry, subscriber, next.value);
      }
      entry.end = 'done';
      for (const { channel } of [...entry.subscribers]) channel.end();
    } catch (error) {
      entry.end = { error };
      for (const { channel } of [...entry.subscribers]) channel.fail(error);
    } finally {
      this.finish(entry);
    }
  }

  private leave(entry: Entry<T>, subscriber: Subscriber): void {
    entry.subscribers.delete(subscriber);
    this.leftOne(entry);
  }

  /** Ends the execution once no subscriber is attached or about to attach. */
  private leftOne(entry: Entry<T>): void {
    if (entry.subscribers.size > 0 || entry.reserved > 0 || entry.ended) return;
    this.finish(entry);
    void entry.started.then((s) => (s.kind === 'stream' ? s.iterator.return?.() : undefined)).catch(() => undefined);
  }

  private finish(entry: Entry<T>): void {
    if (entry.ended) return;
    entry.ended = true;
    if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
    const dispose = entry.dispose;
    entry.dispose = undefined;
    dispose?.();
  }
}

function ended(): Channel<ExecutionResult> {
  const channel = new Channel<ExecutionResult>(() => undefined);
  channel.end();
  return channel;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function'
  );
}
