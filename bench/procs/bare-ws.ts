/**
 * The fan-out floor: `ws` alone (no GraphQL, no yoga, no graphql-ws server) speaking just enough
 * `graphql-transport-ws` for the benchmark's clients. `POST /broadcast` answers 202, then sends one
 * `next` frame, serialised once per distinct subscription id, to every subscribed socket; this is
 * what any fan-out on this machine costs at least (mostly the kernel's work per socket write).
 * `GET /cpu` answers this process's CPU time in µs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

interface Subscriber {
  socket: WebSocket;
  id: string;
}
const subscribers = new Set<Subscriber>();
const bySocket = new WeakMap<WebSocket, Subscriber[]>();
let tick = 0;

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/cpu') {
    const cpu = process.cpuUsage();
    res.end(String(cpu.user + cpu.system));
    return;
  }
  if (req.method === 'POST' && req.url === '/broadcast') {
    req.resume();
    req.on('end', () => {
      res.writeHead(202).end();
      tick++;
      const payload = JSON.stringify({
        data: {
          registeredQueryResultChanged: {
            hash: `hash-${tick}`,
            previousHash: `hash-${tick - 1}`,
            result: { rowCount: 1, rows: [{ v: tick }] },
          },
        },
      });
      const frames = new Map<string, Buffer>();
      for (const { socket, id } of subscribers) {
        let frame = frames.get(id);
        if (!frame)
          frames.set(id, (frame = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`)));
        if (socket.readyState === socket.OPEN) socket.send(frame, { binary: false });
      }
    });
    return;
  }
  res.writeHead(404).end();
});

const wss = new WebSocketServer({ server, path: '/graphql', perMessageDeflate: false });
wss.on('connection', (socket) => {
  socket.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString('utf8')) as { type?: string; id?: string };
    if (msg.type === 'connection_init') socket.send('{"type":"connection_ack"}');
    else if (msg.type === 'subscribe' && msg.id) {
      const sub = { socket, id: msg.id };
      subscribers.add(sub);
      bySocket.set(socket, [...(bySocket.get(socket) ?? []), sub]);
      // The "current state at once" event, as the real subscription sends.
      socket.send(
        `{"id":${JSON.stringify(msg.id)},"type":"next","payload":{"data":{"registeredQueryResultChanged":{"hash":"hash-${tick}"}}}}`,
      );
    } else if (msg.type === 'complete' && msg.id) {
      for (const sub of bySocket.get(socket) ?? []) if (sub.id === msg.id) subscribers.delete(sub);
    } else if (msg.type === 'ping') socket.send('{"type":"pong"}');
  });
  socket.on('close', () => {
    for (const sub of bySocket.get(socket) ?? []) subscribers.delete(sub);
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`BAREWS http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => {
  for (const c of wss.clients) c.terminate();
  server.close(() => process.exit(0));
});
