import { once } from 'node:events';
import WebSocket from 'ws';

/**
 * A `graphql-transport-ws` client that keeps every message exactly as the server framed it, for
 * tests that assert the bytes of `next` messages and their order.
 */
export class RawWsClient {
  /** Every message received after `connection_ack`, as text, in arrival order. */
  readonly messages: string[] = [];
  private read = 0;
  private wake: (() => void) | undefined;
  private closed = false;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.messages.push(data.toString('utf8'));
      this.wake?.();
    });
    ws.once('close', () => {
      this.closed = true;
      this.wake?.();
    });
  }

  /** Connects to `url` (http://host:port/graphql) and waits for `connection_ack`. */
  static async open(url: string, params: Record<string, unknown> = {}): Promise<RawWsClient> {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await once(ws, 'open');
    ws.send(JSON.stringify({ type: 'connection_init', payload: params }));
    const [ack] = (await once(ws, 'message')) as [Buffer];
    if (ack.toString('utf8') !== '{"type":"connection_ack"}') throw new Error(`no ack: ${ack.toString('utf8')}`);
    return new RawWsClient(ws);
  }

  subscribe(id: string, query: string, variables: Record<string, unknown> = {}): void {
    this.ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
  }

  complete(id: string): void {
    this.ws.send(JSON.stringify({ id, type: 'complete' }));
  }

  /** The next message not yet returned (waits for it). */
  async next(): Promise<string> {
    while (this.messages.length <= this.read) {
      if (this.closed) throw new Error(`closed after ${this.messages.length} messages`);
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
    return this.messages[this.read++]!;
  }

  /**
   * Every message the server sent before it answered a ping sent now (messages are ordered on the
   * socket): what it had sent so far that was not yet read, without waiting for a time.
   */
  async drain(): Promise<string[]> {
    this.ws.send('{"type":"ping"}');
    const out: string[] = [];
    for (let m = await this.next(); m !== '{"type":"pong"}'; m = await this.next()) out.push(m);
    return out;
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    const closed = once(this.ws, 'close').then(() => undefined);
    this.ws.close();
    return closed;
  }
}
