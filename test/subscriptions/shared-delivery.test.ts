import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { clientRateLimited } from '../../src/auth/admission.js';
import { unauthenticated } from '../../src/auth/authenticate.js';
import { Channel } from '../../src/subscriptions/channel.js';
import { attachWebSocketServer, type WsServer, type WsServerOptions } from '../../src/http/ws-server.js';
import { RawWsClient } from './raw-ws.js';

const KEY = 'shared-delivery-key';
const PARAMS = { 'x-api-key': KEY };
const TICKS = 'subscription Ticks($room: String!) { ticks(room: $room) { room n } }';
const frame = (id: string, room: string, n: number) =>
  `{"id":"${id}","type":"next","payload":{"data":{"ticks":{"room":"${room}","n":${n}}}}}`;

interface TestServer {
  url: string;
  ws: WsServer;
  counts: { contexts: number; admits: number };
  /** Makes admission refuse (as a revoked key or an exhausted rate limit would), or accept again. */
  refuse(error: (() => GraphQLError) | undefined): void;
  /** The event source of each execution started for `room`, in start order. */
  sources(room: string): Array<Channel<number>>;
}

const servers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of servers) await stop();
});

/**
 * graphql-ws through yoga with a one-field schema whose events the test pushes, and an admission
 * shared by the context factory and `admit` (so both paths refuse alike).
 */
async function start(options: Pick<WsServerOptions, 'admit'> | { withAdmit: boolean }): Promise<TestServer> {
  const started = new Map<string, Array<Channel<number>>>();
  const counts = { contexts: 0, admits: 0 };
  let refusal: (() => GraphQLError) | undefined;
  const check = async (headers: Headers) => {
    if (headers.get('x-api-key') !== KEY) throw unauthenticated();
    if (refusal) throw refusal();
  };
  const schema = createSchema({
    typeDefs:
      'type Query { ok: Boolean } type Tick { room: String! n: Int! } type Subscription { ticks(room: String!): Tick }',
    resolvers: {
      Subscription: {
        ticks: {
          subscribe: (_: unknown, { room }: { room: string }) => {
            const source = new Channel<number>(() => undefined);
            started.set(room, [...(started.get(room) ?? []), source]);
            return source;
          },
          resolve: (n: number, { room }: { room: string }) => ({ room, n }),
        },
      },
    },
  });
  const yoga = createYoga({
    schema,
    logging: false,
    context: async ({ request }: { request: Request }) => {
      counts.contexts++;
      await check(request.headers);
      return {};
    },
  });
  const server = createServer();
  const admit =
    'withAdmit' in options
      ? options.withAdmit
        ? (h: Headers) => (counts.admits++, check(h))
        : undefined
      : options.admit;
  // The app's yoga has the app's Context; this one's context is empty, which the transport never reads.
  const ws = attachWebSocketServer(server, yoga as never, { ...(admit ? { admit } : {}), keepAliveMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(async () => {
    await ws.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    ws,
    counts,
    refuse: (error) => (refusal = error),
    sources: (room) => started.get(room) ?? [],
  };
}

describe('shared subscription delivery', () => {
  it('should send each event to every subscriber of one execution as one payload framed with its own id', async () => {
    const s = await start({ withAdmit: true });
    const [a, b, c] = await Promise.all([
      RawWsClient.open(s.url, PARAMS),
      RawWsClient.open(s.url, PARAMS),
      RawWsClient.open(s.url, PARAMS),
    ]);
    a.subscribe('1', TICKS, { room: 'r1' });
    await vi.waitFor(() => expect(s.sources('r1')).toHaveLength(1));
    const [source] = s.sources('r1');
    source!.push(1);
    expect(await a.next()).toBe(frame('1', 'r1', 1));

    // Joiners (the same id on another socket, two ids on a third) get the latest event at once.
    b.subscribe('1', TICKS, { room: 'r1' });
    c.subscribe('x', TICKS, { room: 'r1' });
    c.subscribe('y', TICKS, { room: 'r1' });
    expect(await b.next()).toBe(frame('1', 'r1', 1));
    expect([await c.next(), await c.next()]).toEqual([frame('x', 'r1', 1), frame('y', 'r1', 1)]);
    expect(s.ws.stats()).toEqual({ connections: 3, operations: 4, executions: 1, subscribers: 4 });
    // One context for the execution; each joiner was admitted without one.
    expect(s.counts).toEqual({ contexts: 1, admits: 3 });

    source!.push(2);
    expect(await a.next()).toBe(frame('1', 'r1', 2));
    expect(await b.next()).toBe(frame('1', 'r1', 2));
    expect([await c.next(), await c.next()]).toEqual([frame('x', 'r1', 2), frame('y', 'r1', 2)]);

    // The execution ends: every subscriber gets its complete after the last event, and nothing else.
    source!.end();
    expect(await a.next()).toBe('{"id":"1","type":"complete"}');
    expect(await b.next()).toBe('{"id":"1","type":"complete"}');
    expect([await c.next(), await c.next()].sort()).toEqual([
      '{"id":"x","type":"complete"}',
      '{"id":"y","type":"complete"}',
    ]);
    expect(await Promise.all([a.drain(), b.drain(), c.drain()])).toEqual([[], [], []]);
    expect(s.ws.stats()).toEqual({ connections: 3, operations: 0, executions: 0, subscribers: 0 });
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('should refuse a subscriber joining without a context of its own exactly as one that builds its context', async () => {
    const s = await start({ withAdmit: true });
    const [a, b] = await Promise.all([RawWsClient.open(s.url, PARAMS), RawWsClient.open(s.url, PARAMS)]);
    a.subscribe('1', TICKS, { room: 'r2' });
    await vi.waitFor(() => expect(s.sources('r2')).toHaveLength(1));
    const [source] = s.sources('r2');
    source!.push(1);
    await a.next();

    for (const [refusal, code] of [
      [() => clientRateLimited(7), 'RATE_LIMITED'],
      [unauthenticated, 'UNAUTHENTICATED'],
    ] as const) {
      s.refuse(refusal);
      const counts = { ...s.counts };
      b.subscribe('joiner', TICKS, { room: 'r2' }); // the running execution's key: admitted without a context
      const joiner = JSON.parse(await b.next()) as {
        id: string;
        type: string;
        payload: Array<{ message: string; extensions: Record<string, unknown> }>;
      };
      b.subscribe('own', TICKS, { room: `${code}-alone` }); // nothing running: builds its own context
      const own = JSON.parse(await b.next()) as typeof joiner;
      expect(s.counts).toEqual({ contexts: counts.contexts + 1, admits: counts.admits + 1 });
      expect(joiner).toEqual({ id: 'joiner', type: 'error', payload: own.payload });
      expect(own).toMatchObject({
        id: 'own',
        type: 'error',
        payload: [{ message: refusal().message, extensions: { code } }],
      });
    }
    expect(s.ws.stats()).toMatchObject({ operations: 1, executions: 1, subscribers: 1 });

    // Admitted again, the same ids join; the refused attempts left nothing behind.
    s.refuse(undefined);
    b.subscribe('joiner', TICKS, { room: 'r2' });
    expect(await b.next()).toBe(frame('joiner', 'r2', 1));
    source!.push(2);
    expect(await a.next()).toBe(frame('1', 'r2', 2));
    expect(await b.next()).toBe(frame('joiner', 'r2', 2));
    expect(s.sources('r2')).toHaveLength(1);
    await Promise.all([a.close(), b.close()]);
    await vi.waitFor(() => expect(s.ws.stats()).toMatchObject({ operations: 0, executions: 0 }));
  });

  it('should end every subscriber with the error when the execution fails, and send nothing after it', async () => {
    const s = await start({ withAdmit: true });
    const [a, b] = await Promise.all([RawWsClient.open(s.url, PARAMS), RawWsClient.open(s.url, PARAMS)]);
    a.subscribe('1', TICKS, { room: 'r3' });
    await vi.waitFor(() => expect(s.sources('r3')).toHaveLength(1));
    b.subscribe('2', TICKS, { room: 'r3' });
    await vi.waitFor(() => expect(s.ws.stats().subscribers).toBe(2));
    const [source] = s.sources('r3');
    source!.push(1);
    expect([await a.next(), await b.next()]).toEqual([frame('1', 'r3', 1), frame('2', 'r3', 1)]);

    source!.fail(new GraphQLError('The watched query is gone.', { extensions: { code: 'NOT_FOUND' } }));
    const errorOf = (id: string) => ({
      id,
      type: 'error',
      payload: [{ message: 'The watched query is gone.', extensions: { code: 'NOT_FOUND' } }],
    });
    expect(JSON.parse(await a.next())).toEqual(errorOf('1'));
    expect(JSON.parse(await b.next())).toEqual(errorOf('2'));
    expect(await Promise.all([a.drain(), b.drain()])).toEqual([[], []]);
    expect(s.ws.stats()).toMatchObject({ operations: 0, executions: 0, subscribers: 0 });

    // The ids are free again: a new execution starts.
    a.subscribe('1', TICKS, { room: 'r3' });
    await vi.waitFor(() => expect(s.sources('r3')).toHaveLength(2));
    s.sources('r3')[1]!.push(9);
    expect(await a.next()).toBe(frame('1', 'r3', 9));
    await Promise.all([a.close(), b.close()]);
  });

  it('should stop sending to a subscriber its client completed, and keep sending to the others', async () => {
    const s = await start({ withAdmit: true });
    const [a, b] = await Promise.all([RawWsClient.open(s.url, PARAMS), RawWsClient.open(s.url, PARAMS)]);
    a.subscribe('1', TICKS, { room: 'r4' });
    await vi.waitFor(() => expect(s.sources('r4')).toHaveLength(1));
    b.subscribe('1', TICKS, { room: 'r4' });
    await vi.waitFor(() => expect(s.ws.stats().subscribers).toBe(2));
    const [source] = s.sources('r4');
    source!.push(1);
    expect([await a.next(), await b.next()]).toEqual([frame('1', 'r4', 1), frame('1', 'r4', 1)]);

    b.complete('1');
    await vi.waitFor(() => expect(s.ws.stats()).toMatchObject({ operations: 1, subscribers: 1 }));
    source!.push(2);
    expect(await a.next()).toBe(frame('1', 'r4', 2));
    expect(await b.drain()).toEqual([]);

    // The last subscriber leaving ends the execution (its source is returned).
    a.complete('1');
    await vi.waitFor(() => expect(source!.isClosed).toBe(true));
    expect(s.ws.stats()).toMatchObject({ operations: 0, executions: 0, subscribers: 0 });
    await Promise.all([a.close(), b.close()]);
  });

  it('should still share one execution and its frames when every subscriber builds its own context (no admit)', async () => {
    const s = await start({ withAdmit: false });
    const clients = await Promise.all([1, 2, 3].map(() => RawWsClient.open(s.url, PARAMS)));
    clients[0]!.subscribe('1', TICKS, { room: 'r5' });
    await vi.waitFor(() => expect(s.sources('r5')).toHaveLength(1));
    for (const client of clients.slice(1)) client.subscribe('1', TICKS, { room: 'r5' });
    await vi.waitFor(() => expect(s.ws.stats().subscribers).toBe(3));
    expect(s.counts).toEqual({ contexts: 3, admits: 0 });
    s.sources('r5')[0]!.push(1);
    expect(await Promise.all(clients.map((c) => c.next()))).toEqual([1, 2, 3].map(() => frame('1', 'r5', 1)));
    expect(s.ws.stats()).toMatchObject({ executions: 1, subscribers: 3 });
    await Promise.all(clients.map((c) => c.close()));
  });
});
