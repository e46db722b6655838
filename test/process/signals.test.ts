/**
 * Stopping: `npm start` as a container runtime, systemd or a terminal stops it. npm's child is
 * node itself, so the signal npm forwards reaches the server, which answers what is in flight,
 * closes WebSockets with 1001 and exits 0; a second signal exits at once.
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { alive, childrenOf, freePort, listening, records, spawnProcess, useBuiltPackage } from './harness.js';

const { dir } = useBuiltPackage('signals');

const SITE_QUERY = JSON.stringify({ query: `{ site(id: "${OnlineSite.id}") { id availability } }` });
const SITE_ANSWER = { data: { site: { id: OnlineSite.id, availability: 'ONLINE' } } };

/** `npm start` (the build is its `prestart`, done once for the file above) on a free port. */
async function npmStart() {
  const port = await freePort();
  const npm = spawnProcess('npm', ['start', '--ignore-scripts'], dir, { PORT: String(port) });
  await npm.waitFor(/"event":"start"/);
  // `exec` in the script: npm's only child is node itself, not a shell.
  const children = childrenOf(npm.pid);
  expect(children.map((c) => c.args.slice(-2))).toEqual([['--enable-source-maps', 'dist/main.js']]);
  return { npm, port, node: children[0]!.pid };
}

/** A POST whose headers the server has read (it sent 100 Continue) and whose body is held back until `finish`. */
async function inFlightRequest(port: number, body: string) {
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/graphql',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
  });
  const response = new Promise<{ status: number | undefined; body: unknown }>((resolve, reject) => {
    req.once('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
    });
    req.once('error', reject);
  });
  response.catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    req.once('continue', resolve);
    req.once('error', reject);
    req.flushHeaders();
  });
  return {
    finish: () => {
      req.end(body);
      return response;
    },
    response,
  };
}

/** A graphql-ws connection, acknowledged; resolves `closed` with the close code. */
async function webSocket(port: number) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const ack = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
  socket.send(JSON.stringify({ type: 'connection_init' }));
  expect(JSON.parse(await ack)).toEqual({ type: 'connection_ack' });
  return { closed };
}

describe('stopping npm start', () => {
  it("SIGTERM to npm's pid: the request in flight is answered, WebSockets close 1001, the port is free and both exit 0 within 5 s", async () => {
    const { npm, port, node } = await npmStart();
    const simulator = records(npm.stdout()).find((r) => r.event === 'simulator.start')!;
    const inFlight = await inFlightRequest(port, SITE_QUERY);
    const ws = await webSocket(port);

    const signalled = performance.now();
    process.kill(npm.pid, 'SIGTERM');
    await npm.waitFor(/"event":"stop"/);
    expect(await ws.closed).toBe(1001);
    // No new connections from the moment the drain starts…
    expect(await listening(port)).toBe(false);
    // …but the request already read is answered in full.
    expect(await inFlight.finish()).toEqual({ status: 200, body: SITE_ANSWER });

    expect(await npm.exited).toEqual({ code: 0, signal: null });
    expect(performance.now() - signalled).toBeLessThan(5_000);
    expect(alive(node)).toBe(false);
    expect(await listening(Number(new URL(String(simulator.url)).port))).toBe(false);
    const events = records(npm.stdout()).map((r) => r.event);
    expect(events).toEqual(['simulator.start', 'auth', 'subscriptions', 'start', 'stop', 'operation', 'stopped']);
    expect(npm.stderr()).toBe('');
  });

  it('a second signal during the drain exits at once (130 after SIGINT), with the request still in flight', async () => {
    const { npm, port, node } = await npmStart();
    const inFlight = await inFlightRequest(port, SITE_QUERY);
    process.kill(npm.pid, 'SIGTERM');
    await npm.waitFor(/"event":"stop"/);
    process.kill(npm.pid, 'SIGINT');

    expect(await npm.exited).toEqual({ code: 130, signal: null });
    await expect(inFlight.response).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(alive(node)).toBe(false);
    expect(records(npm.stdout()).map((r) => r.event)).toEqual([
      'simulator.start',
      'auth',
      'subscriptions',
      'start',
      'stop',
      'stop.forced',
    ]);
  });

  it("Ctrl-C (SIGINT to npm's whole process group, which npm forwards too): one drain, exit 0", async () => {
    const { npm, port, node } = await npmStart();
    process.kill(-npm.pid, 'SIGINT');

    expect(await npm.exited).toEqual({ code: 0, signal: null });
    expect(alive(node)).toBe(false);
    expect(await listening(port)).toBe(false);
    const stopping = records(npm.stdout()).filter((r) => String(r.event).startsWith('stop'));
    expect(stopping.map((r) => [r.event, r.signal])).toEqual([
      ['stop', 'SIGINT'],
      ['stopped', undefined],
    ]);
  });

  it('npm run simulator stops on SIGTERM to npm too', async () => {
    const port = await freePort();
    const npm = spawnProcess('npm', ['run', 'simulator', '--ignore-scripts'], dir, { SIMULATOR_PORT: String(port) });
    await npm.waitFor(/Control API on (http:\/\/\S+)\/_sim\//);
    expect(npm.stdout()).toContain(`Halo simulator listening on http://127.0.0.1:${port} (subscription key: dev-key)`);
    expect(childrenOf(npm.pid).map((c) => c.args.slice(-1))).toEqual([['dist/simulator.js']]);
    process.kill(npm.pid, 'SIGTERM');
    expect(await npm.exited).toEqual({ code: 0, signal: null });
    expect(await listening(port)).toBe(false);
  });
});
