/**
 * The large-result baseline: fetches every page of an async result straight from the simulator
 * with undici (`Pool.request`, one keep-alive connection) and decodes it as a client must
 * (JSON body → base64 `data` → UTF-8 → JSON rows), one page at a time. Driven over IPC.
 */
import { Pool } from 'undici';
import type { DecodeReply, DecodeRequest } from '../lib/ipc.js';

const pools = new Map<string, Pool>();
const utf8 = new TextDecoder('utf-8', { fatal: true });

async function decodeAll(req: DecodeRequest): Promise<DecodeReply> {
  let pool = pools.get(req.origin);
  if (!pool) pools.set(req.origin, (pool = new Pool(req.origin, { connections: 1, pipelining: 1 })));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let rows = 0;
  let bytes = 0;
  for (let page = 1; page <= req.pages; page++) {
    const res = await pool.request({
      method: 'GET',
      path: `/integrator/sites/${req.siteId}/queries/${req.queryId}/results/${page}`,
      headers: { 'ocp-apim-subscription-key': req.key, accept: 'application/json' },
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`page ${page}: HTTP ${res.statusCode}`);
    bytes += text.length;
    const body = JSON.parse(text) as { data?: string };
    const decoded = JSON.parse(utf8.decode(Buffer.from(body.data ?? '', 'base64'))) as unknown[];
    rows += decoded.length;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { id: req.id, type: 'decode', rows, bytes, ms, cpuUs: cpu.user + cpu.system };
}

process.on('message', (msg: DecodeRequest) => {
  decodeAll(msg).then(
    (reply) => process.send?.(reply),
    (err: unknown) =>
      process.send?.({
        id: msg.id,
        type: 'decode',
        rows: 0,
        bytes: 0,
        ms: 0,
        cpuUs: 0,
        error: (err as Error).message,
      } satisfies DecodeReply),
  );
});
process.on('SIGTERM', () => {
  for (const pool of pools.values()) void pool.destroy();
  process.exit(0);
});
process.channel?.unref();
// Keep the process alive while the runner may still send work.
setInterval(() => undefined, 60_000);
console.log('DECODER ready');
