import type { ExecutionResult } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { Channel } from '../../src/subscriptions/channel.js';
import { SharedExecutions, type Delivery, type SerializedResult } from '../../src/http/shared-executions.js';

/** A delivery that records what it was sent and refuses once `capacity` results are outstanding. */
function recorder(capacity = Infinity): Delivery & { sent: SerializedResult[] } {
  const sent: SerializedResult[] = [];
  return {
    sent,
    send(result) {
      if (sent.length >= capacity) return false;
      sent.push(result);
      return true;
    },
  };
}

const frameOf = (json: string, id: string) => `{"id":${id},"payload":${json}}`;

/** An execution the test drives: its results are pushed into `source`. */
function execution() {
  const source = new Channel<ExecutionResult>(() => undefined);
  let starts = 0;
  let disposed = 0;
  return {
    source,
    get starts() {
      return starts;
    },
    get disposed() {
      return disposed;
    },
    start: () => {
      starts++;
      return source;
    },
    adopt: () => () => void disposed++,
  };
}

const result = (n: number): ExecutionResult => ({ data: { n } });

describe('SharedExecutions', () => {
  it('should serialise each result once for every subscriber with a delivery, and frame it once per key', async () => {
    let serialised = 0;
    const shared = new SharedExecutions({ serialize: (r) => (serialised++, JSON.stringify(r)) });
    const run = execution();
    const deliveries = [recorder(), recorder(), recorder()];
    await Promise.all(deliveries.map((d) => shared.join('k', run.start, run.adopt, undefined, d)));
    run.source.push(result(1));
    run.source.push({ errors: [], data: { n: 2 } });
    await vi.waitFor(() => expect(deliveries[2]!.sent).toHaveLength(2));

    expect(run.starts).toBe(1);
    expect(serialised).toBe(2);
    const [first, second] = deliveries[0]!.sent;
    expect(deliveries.map((d) => d.sent)).toEqual([1, 2, 3].map(() => [first, second]));
    expect(first!.json).toBe('{"data":{"n":1}}');
    const a = first!.frame('"1"', frameOf);
    expect(first!.frame('"1"', frameOf)).toBe(a);
    expect(a.toString()).toBe('{"id":"1","payload":{"data":{"n":1}}}');
    expect(shared.stats()).toEqual({ executions: 1, subscribers: 3 });
  });

  it('should fail only the subscriber that does not keep up, with the overflow error', async () => {
    const shared = new SharedExecutions({ overflowError: () => new Error('too slow') });
    const run = execution();
    const slow = recorder(1);
    const fast = recorder();
    const [slowIterator, fastIterator] = (await Promise.all(
      [slow, fast].map((d) => shared.join('k', run.start, run.adopt, undefined, d)),
    )) as Array<AsyncIterator<ExecutionResult>>;
    run.source.push(result(1));
    run.source.push(result(2));
    await expect(slowIterator!.next()).rejects.toThrow('too slow');
    expect(slow.sent.map((r) => r.json)).toEqual(['{"data":{"n":1}}']);
    expect(fast.sent.map((r) => r.json)).toEqual(['{"data":{"n":1}}', '{"data":{"n":2}}']);
    expect(shared.stats()).toEqual({ executions: 1, subscribers: 1 });
    await fastIterator!.return?.();
    expect(shared.stats()).toEqual({ executions: 0, subscribers: 0 });
    expect(run.disposed).toBe(1);
  });

  it('should keep an execution running while a place is reserved in it, and end it when the place is given up', async () => {
    const shared = new SharedExecutions();
    const run = execution();
    const only = (await shared.join('k', run.start, run.adopt, undefined)) as AsyncIterator<ExecutionResult>;
    const reservation = shared.reserve('k');
    await only.return?.();
    expect(shared.stats()).toEqual({ executions: 1, subscribers: 0 });
    expect(run.source.isClosed).toBe(false);
    reservation!.release();
    reservation!.release();
    expect(shared.stats()).toEqual({ executions: 0, subscribers: 0 });
    expect(run.disposed).toBe(1);
    await vi.waitFor(() => expect(run.source.isClosed).toBe(true));
    expect(shared.reserve('k')).toBeUndefined();
  });

  it('should give a reservation attached after the stream ended its last result and the same end', async () => {
    const shared = new SharedExecutions<{ tag: string }>();
    for (const ending of ['done', 'error'] as const) {
      const run = execution();
      const first = recorder();
      const iterator = (await shared.join(
        `k-${ending}`,
        run.start,
        run.adopt,
        { tag: ending },
        first,
      )) as AsyncIterator<ExecutionResult>;
      const late = shared.reserve(`k-${ending}`)!;
      expect(late.info).toEqual({ tag: ending });
      run.source.push(result(1));
      if (ending === 'done') run.source.end();
      else run.source.fail(new Error('gone'));
      const firstEnd = iterator.next();
      if (ending === 'done') await expect(firstEnd).resolves.toEqual({ value: undefined, done: true });
      else await expect(firstEnd).rejects.toThrow('gone');

      const lateDelivery = recorder();
      const lateIterator = (await late.attach(lateDelivery)) as AsyncIterator<ExecutionResult>;
      expect(lateDelivery.sent.map((r) => r.json)).toEqual(['{"data":{"n":1}}']);
      if (ending === 'done') await expect(lateIterator.next()).resolves.toEqual({ value: undefined, done: true });
      else await expect(lateIterator.next()).rejects.toThrow('gone');
    }
    expect(shared.stats()).toEqual({ executions: 0, subscribers: 0 });
  });

  it('should return a start that gave a single result to every caller waiting for it, without sharing it further', async () => {
    const shared = new SharedExecutions();
    let starts = 0;
    const failed: ExecutionResult = { errors: [] };
    const start = async () => (starts++, failed);
    const outcomes = await Promise.all([
      shared.join('k', start, () => () => undefined, undefined),
      shared.join('k', start, () => () => undefined, undefined),
    ]);
    expect(outcomes).toEqual([failed, failed]);
    expect(starts).toBe(1);
    expect(await shared.join('k', start, () => () => undefined, undefined)).toBe(failed);
    expect(starts).toBe(2);
    expect(shared.stats()).toEqual({ executions: 0, subscribers: 0 });
  });
});
