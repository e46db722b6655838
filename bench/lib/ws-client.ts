/**
 * A small graphql-ws (`graphql-transport-ws`) client for load: many sockets, one subscription each,
 * as little work per message as possible (thousands of sockets share the runner's core with the
 * simulator). A delivery is recorded with its arrival time; only some are parsed, to check them.
 */
import WebSocket from 'ws';
import { BENCH_CLIENT_KEY } from './auth.js';

export interface Delivery {
  at: number;
  text: string;
}

export class GqlWsSocket {
  /** Arrival times (performance.now()) of `next` messages since the last `reset()`. */
  arrivals: number[] = [];
  /** The last `next` message, unparsed. */
  lastNext = '';
  completed = 0;
  errors: string[] = [];
  /** Whether the server agreed to permessage-deflate. */
  compressed = false;
  private onArrival: (() => void) | undefined;

  private constructor(private readonly ws: WebSocket) {}

  static open(url: string, timeoutMs = 30_000): Promise<GqlWsSocket> {
    return new Promise((resolve, reject) => {
      // Offer compression: the figure is whether the server accepts it (it should not).
      const ws = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: true, handshakeTimeout: timeoutMs });
      const sock = new GqlWsSocket(ws);
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error('connection_ack timeout'));
      }, timeoutMs);
      ws.once('upgrade', (res) => {
        sock.compressed = /permessage-deflate/i.test(String(res.headers['sec-websocket-extensions'] ?? ''));
      });
      ws.once('open', () =>
        ws.send(JSON.stringify({ type: 'connection_init', payload: { 'x-api-key': BENCH_CLIENT_KEY } })),
      );
      ws.on('error', (err) => {
        clearTimeout(timer);
        reject(err); // no effect once acknowledged
      });
      ws.on('message', (data: Buffer) => {
        const text = data.toString('utf8');
        if (text.includes('"type":"next"')) {
          sock.arrivals.push(performance.now());
          sock.lastNext = text;
          sock.onArrival?.();
        } else if (text.includes('"type":"connection_ack"')) {
          clearTimeout(timer);
          resolve(sock);
        } else if (text.includes('"type":"complete"')) {
          sock.completed++;
        } else if (text.includes('"type":"error"')) {
          sock.errors.push(text.slice(0, 300));
        } else if (text.includes('"type":"ping"')) {
          ws.send('{"type":"pong"}');
        }
      });
      ws.once('close', (code) => {
        clearTimeout(timer);
        reject(new Error(`closed ${code} before connection_ack`));
      });
    });
  }

  subscribe(id: string, query: string, variables: Record<string, unknown>): void {
    this.ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
  }

  /** Ends subscription `id` from the client side. */
  complete(id: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ id, type: 'complete' }));
  }

  reset(): void {
    this.arrivals = [];
  }

  /** Resolves when `n` `next` messages have arrived since the last reset. */
  waitFor(n: number): Promise<void> {
    if (this.arrivals.length >= n) return Promise.resolve();
    return new Promise((resolve) => {
      this.onArrival = () => {
        if (this.arrivals.length >= n) {
          this.onArrival = undefined;
          resolve();
        }
      };
    });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.terminate();
    });
  }
}

/** Opens `n` sockets, `concurrency` handshakes at a time (the listen backlog is finite). */
export async function openSockets(
  url: string,
  n: number,
  concurrency = 200,
  signal?: AbortSignal,
): Promise<GqlWsSocket[]> {
  const out: GqlWsSocket[] = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      if (signal?.aborted) throw new Error('aborted');
      next++;
      out.push(await GqlWsSocket.open(url));
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  } catch (err) {
    await Promise.all(out.map((s) => s.close()));
    throw err;
  }
  return out;
}
