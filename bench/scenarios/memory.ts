/**
 * Target 8 — memory per subscriber. The façade's RSS (after a full GC) with one warm subscriber,
 * then with 10,000 sockets each holding one `registeredQueryResultChanged` subscription (all
 * identical, so one watcher and one shared execution): the difference ÷ 10,000. Also whether the
 * server accepted permessage-deflate when every client offered it (it must not).
 */
import {
  createTickingRegisteredQuery,
  REGISTERED_SUBSCRIPTION,
  startLiveEnv,
  subscriptionsUnavailable,
  waitForDeliveries,
} from '../lib/live.js';
import { rssBytes } from '../lib/procfs.js';
import { figure, info, unavailable, type Figure } from '../lib/report.js';
import type { Scenario } from '../lib/scenario.js';
import { sleep } from '../lib/scope.js';
import { openSockets } from '../lib/ws-client.js';

const KiB = 1024;

export const memory: Scenario = {
  name: 'memory',
  title: 'Subscriptions: memory per subscriber at 10k, compression off',
  targets: [8],
  budgetMs: { quick: 60_000, full: 90_000 },
  async run(ctx) {
    const why = subscriptionsUnavailable();
    if (why)
      return [unavailable('memory.perSubscriber', 8, 'RSS per subscriber at 10k', '≤ 24 KiB (stretch ≤ 16)', why)];
    const env = await startLiveEnv(ctx, {
      subscriptions: { registeredMinPollIntervalMs: 600_000, registeredMaxPollIntervalMs: 600_000 },
    });
    const tick = await createTickingRegisteredQuery(env.control);
    const vars = { siteId: tick.siteId, queryId: tick.queryId };

    // Warm: one subscriber through a whole event, so code paths and the watcher exist.
    const [warm] = await openSockets(env.wsUrl, 1);
    ctx.scope.defer('warm socket', () => warm!.close());
    warm!.subscribe('w', REGISTERED_SUBSCRIPTION, vars);
    await waitForDeliveries([warm!], 1, 10_000);
    await sleep(500);
    await env.facade.gc();
    await sleep(200);
    const before = rssBytes(env.facade.pid);
    const heapBefore = (await env.facade.stats()).memory.heapUsed;

    const n = 10_000;
    const sockets = await openSockets(env.wsUrl, n, 200, ctx.signal);
    ctx.scope.defer('websockets', () => Promise.all(sockets.map((s) => s.close())));
    for (const s of sockets) s.subscribe('1', REGISTERED_SUBSCRIPTION, vars);
    await waitForDeliveries(sockets, 1, 30_000);
    await sleep(500);
    await env.facade.gc();
    await sleep(200);
    const after = rssBytes(env.facade.pid);
    const facadeStats = await env.facade.stats();
    const app = await env.facade.appStats();
    const perSubscriber = (after - before) / n / KiB;
    const compressed = sockets.filter((s) => s.compressed).length + (warm!.compressed ? 1 : 0);
    const figures: Figure[] = [
      figure(
        'memory.perSubscriber',
        8,
        `Façade RSS per subscriber, ${n.toLocaleString('en-US')} sockets × 1 subscription`,
        'KiB',
        perSubscriber,
        { kind: 'max', value: 24, stretch: 16 },
        {
          detail: {
            rssBeforeMiB: before / KiB / KiB,
            rssAfterMiB: after / KiB / KiB,
            heapUsedMiB: facadeStats.memory.heapUsed / KiB / KiB,
            app,
          },
          note: `RSS ${(before / KiB / KiB).toFixed(0)} → ${(after / KiB / KiB).toFixed(0)} MiB; heap used ${(facadeStats.memory.heapUsed / KiB / KiB).toFixed(0)} MiB`,
        },
      ),
      figure(
        'memory.compression',
        8,
        'Sockets with permessage-deflate negotiated (all clients offered it)',
        'sockets',
        compressed,
        { kind: 'max', value: 0 },
      ),
      info(
        'memory.heapPerSubscriber',
        8,
        'V8 heap used per subscriber (after GC)',
        'KiB',
        (facadeStats.memory.heapUsed - heapBefore) / n / KiB,
      ),
    ];
    return figures;
  },
};
