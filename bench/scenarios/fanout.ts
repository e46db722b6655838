/**
 * Targets 6 and 7 — delivery fan-out and webhook → subscriber latency. N identical
 * `registeredQueryResultChanged` subscriptions, one socket each. Each event: the runner changes the
 * registered query's result in the simulator (not timed), then, acting as Halo, POSTs the signed
 * webhook; latency is from just before that POST to each subscriber's arrival. The façade's own
 * registered polling is slowed to 10 min so only the webhook can trigger the event.
 * Deliveries per core-second = N ÷ façade CPU time over the event (process.cpuUsage via IPC).
 * Before the façade, for each N, the same clients measure the floor: `ws` alone on the façade's
 * core sending one pre-serialised frame to every socket (bench/procs/bare-ws.ts).
 */
import {
  createTickingRegisteredQuery,
  REGISTERED_SUBSCRIPTION,
  startLiveEnv,
  subscriptionsUnavailable,
  waitForDeliveries,
} from '../lib/live.js';
import { startBareWs } from '../lib/processes.js';
import { figure, info, unavailable, type Figure } from '../lib/report.js';
import type { Scenario } from '../lib/scenario.js';
import { sleep } from '../lib/scope.js';
import { quantile, summarise } from '../lib/stats.js';
import { openSockets, type GqlWsSocket } from '../lib/ws-client.js';

interface EventResult {
  latenciesMs: number[];
  lastMs: number;
  cpuUs: number;
  webhookStatus: number;
}

export const fanout: Scenario = {
  name: 'fanout',
  title: 'Subscriptions: webhook → subscribers latency and delivery fan-out',
  targets: [6, 7],
  budgetMs: { quick: 75_000, full: 180_000 },
  async run(ctx) {
    const why = subscriptionsUnavailable();
    if (why) {
      return [
        unavailable('fanout.rate', 6, 'Delivery fan-out, deliveries per façade core-second', '≥ 50,000', why),
        unavailable('webhook.n1', 7, 'Webhook → subscriber latency', 'N=1 p50 ≤ 2 ms, p99 ≤ 10 ms', why),
      ];
    }
    const env = await startLiveEnv(ctx, {
      subscriptions: {
        registeredMinPollIntervalMs: 600_000,
        registeredMaxPollIntervalMs: 600_000,
        maxQueuedEvents: 1000,
      },
      profile: ctx.profileName('fanout'),
    });
    const tick = await createTickingRegisteredQuery(env.control);
    const bare = await startBareWs(ctx.scope);
    const bareWsUrl = `${bare.url.replace(/^http/, 'ws')}/graphql`;
    const bareCpu = async () => Number((await env.http.request(`${bare.url}/cpu`)).text);

    // Sockets to the façade stay open across N (opened as needed); the floor's are opened and closed
    // per N (one process may hold 20,000 descriptors: both sets at 10k would not fit).
    const facadeSockets: GqlWsSocket[] = [];
    ctx.scope.defer('websockets', () => Promise.all(facadeSockets.map((s) => s.close())));
    const ensureFacadeSockets = async (n: number) => {
      if (facadeSockets.length < n)
        facadeSockets.push(...(await openSockets(env.wsUrl, n - facadeSockets.length, 200, ctx.signal)));
      return facadeSockets.slice(0, n);
    };

    const oneEvent = async (
      subs: readonly GqlWsSocket[],
      k: number,
      trigger: () => Promise<number>,
      cpu: () => Promise<number>,
    ): Promise<EventResult> => {
      const cpu0 = await cpu();
      const t0 = performance.now();
      const webhookStatus = await trigger();
      await waitForDeliveries(subs, k, 15_000);
      const cpu1 = await cpu();
      const latenciesMs = subs.map((s) => s.arrivals[k - 1]! - t0);
      return { latenciesMs, lastMs: Math.max(...latenciesMs), cpuUs: cpu1 - cpu0, webhookStatus };
    };
    const facadeCpu = async () => {
      const c = (await env.facade.stats()).cpu;
      return c.user + c.system;
    };

    const run = async (
      subs: readonly GqlWsSocket[],
      id: string,
      events: number,
      trigger: () => Promise<number>,
      cpu: () => Promise<number>,
      before?: () => Promise<void>,
    ) => {
      for (const s of subs) {
        s.reset();
        s.subscribe(id, REGISTERED_SUBSCRIPTION, { siteId: tick.siteId, queryId: tick.queryId });
      }
      // The current result at once, then one event per trigger.
      await waitForDeliveries(subs, 1, 30_000);
      const results: EventResult[] = [];
      for (let e = 0; e < events && !ctx.signal.aborted; e++) {
        await before?.();
        results.push(await oneEvent(subs, e + 2, trigger, cpu));
        await sleep(subs.length >= 1000 ? 100 : 5);
      }
      const sample = subs[0]!.lastNext;
      for (const s of subs) s.complete(id);
      await sleep(200);
      if (!sample.includes('"hash"')) throw new Error(`unexpected event: ${sample.slice(0, 200)}`);
      return results;
    };
    const summary = (n: number, results: EventResult[]) => {
      const all = results.flatMap((r) => r.latenciesMs);
      return {
        p50: quantile(all, 0.5),
        p99: quantile(all, 0.99),
        last: summarise(results.map((r) => r.lastMs)),
        rate: summarise(results.map((r) => n / (r.cpuUs / 1e6))),
      };
    };

    const figures: Figure[] = [];
    const plan = [
      { n: 1, events: ctx.quick ? 10 : 100 },
      { n: 1000, events: ctx.quick ? 2 : 8 },
      { n: 5000, events: ctx.quick ? 2 : 5 },
      { n: 10_000, events: ctx.quick ? 1 : 5 },
    ];
    for (const { n, events } of plan) {
      if (ctx.signal.aborted) break;
      // The floor first: ws alone, the same clients, the same kind of frame (a quick run skips it
      // at 1k and 10k: thousands of handshakes each).
      let floor: ReturnType<typeof summary> | undefined;
      if (!ctx.quick || n === 1 || n === 5000) {
        const bareSockets = await openSockets(bareWsUrl, n, 200, ctx.signal);
        try {
          const trigger = async () =>
            (await env.http.request(`${bare.url}/broadcast`, { method: 'POST', body: '{}' })).status;
          floor = summary(n, await run(bareSockets, `b${n}`, events, trigger, bareCpu));
        } finally {
          await Promise.all(bareSockets.map((s) => s.close()));
        }
      }

      const subs = await ensureFacadeSockets(n);
      const trigger = () => env.sendWebhook(tick.siteId, tick.queryId, 'registered');
      const results = await run(subs, `r${n}`, events, trigger, facadeCpu, () => tick.bump());
      if (results.some((r) => r.webhookStatus !== 202))
        throw new Error(`webhook answered ${results.map((r) => r.webhookStatus).join(',')}`);
      const app = await env.facade.appStats();
      const f = summary(n, results);
      const detail = {
        n,
        events: results.length,
        p50Ms: f.p50,
        p99Ms: f.p99,
        lastMs: f.last.rounds,
        cpuMsPerEvent: results.map((r) => r.cpuUs / 1000),
        floor,
        app,
      };
      const nText = n.toLocaleString('en-US');
      if (n === 1) {
        figures.push(
          figure(
            'webhook.n1.p50',
            7,
            `Webhook → subscriber p50, N=1 (${results.length} events)`,
            'ms',
            f.p50,
            { kind: 'max', value: 2 },
            { detail },
          ),
          figure('webhook.n1.p99', 7, 'Webhook → subscriber p99, N=1', 'ms', f.p99, { kind: 'max', value: 10 }),
          info('webhook.n1.floor.p50', 7, 'Floor (ws alone): trigger → subscriber p50, N=1', 'ms', floor?.p50 ?? NaN),
        );
        continue;
      }
      if (n === 1000 || n === 5000) {
        figures.push(
          figure(
            `webhook.n${n}.p99`,
            7,
            `Webhook → subscriber p99, N=${nText} (${results.length} events)`,
            'ms',
            f.p99,
            { kind: 'max', value: n === 1000 ? 50 : 150 },
            { detail },
          ),
        );
      }
      if (n === 5000 || n === 10_000) {
        figures.push(
          figure(
            `fanout.n${n}.last`,
            6,
            `One event to ${nText} subscribers: webhook → last delivery`,
            'ms',
            f.last,
            { kind: 'max', value: n === 5000 ? 100 : 200 },
            { detail },
          ),
          ...(floor
            ? [
                info(
                  `fanout.n${n}.floor.last`,
                  6,
                  `Floor (ws alone): one frame to ${nText} sockets, trigger → last delivery`,
                  'ms',
                  floor.last,
                ),
              ]
            : []),
          figure(`fanout.n${n}.rate`, 6, `Deliveries per façade core-second, N=${nText}`, '/s', f.rate, {
            kind: 'min',
            value: 50_000,
          }),
          ...(floor
            ? [
                info(
                  `fanout.n${n}.floor.rate`,
                  6,
                  `Floor (ws alone): deliveries per core-second, N=${nText}`,
                  '/s',
                  floor.rate,
                ),
              ]
            : []),
        );
      } else {
        figures.push(info(`fanout.n${n}.rate`, 6, `Deliveries per façade core-second, N=${nText}`, '/s', f.rate));
        if (floor)
          figures.push(
            info(
              `fanout.n${n}.floor.rate`,
              6,
              `Floor (ws alone): deliveries per core-second, N=${nText}`,
              '/s',
              floor.rate,
            ),
          );
      }
    }
    return figures;
  },
};
