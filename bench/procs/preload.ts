/**
 * Loaded into the façade with `node --import` (bench only). It changes nothing the façade does:
 * it counts calls of the global `fetch` and requests started through undici (diagnostics channel),
 * and answers the runner's questions over the IPC channel.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { PreloadReply, PreloadRequest } from '../lib/ipc.js';

let fetchCalls = 0;
let undiciRequests = 0;

const originalFetch = globalThis.fetch;
globalThis.fetch = function countedFetch(this: unknown, ...args: Parameters<typeof fetch>) {
  fetchCalls++;
  return originalFetch.apply(this, args);
} as typeof fetch;

// Both the npm undici and Node's bundled one publish here, for Pool.request and fetch alike.
subscribe('undici:request:create', () => {
  undiciRequests++;
});

if (process.send) {
  process.on('message', (msg: PreloadRequest | { type?: unknown }) => {
    if (!('id' in msg) || (msg.type !== 'gc' && msg.type !== 'stats')) return; // someone else's message
    let reply: PreloadReply;
    if (msg.type === 'gc') {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      reply = { id: msg.id, type: 'gc', ok: gc !== undefined };
    } else {
      reply = {
        id: msg.id,
        type: 'stats',
        stats: { fetchCalls, undiciRequests, cpu: process.cpuUsage(), memory: process.memoryUsage() },
      };
    }
    process.send?.(reply);
  });
  // The IPC channel must not keep the façade alive, nor stop it from exiting on SIGTERM.
  process.channel?.unref();
}
