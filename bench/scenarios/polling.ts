/**
 * Target 5 — polling fan-out. N identical `queryStatusChanged` subscriptions (one socket each) on
 * an async query that never moves (the simulator's clock is all but frozen), with the façade's
 * status poll interval fixed at 250 ms: upstream `getQueryStatusBatch` calls in a fixed window must
 * be one per interval, whatever N.
 */
import { OnlineSite } from '../lib/env.js';
import { STATUS_SUBSCRIPTION, startLiveEnv, subscriptionsUnavailable, waitForDeliveries } from '../lib/live.js';
import { figure, info, unavailable, type Figure } from '../lib/report.js';
import type { Scenario } from '../lib/scenario.js';
import { sleep } from '../lib/scope.js';
import { openSockets } from '../lib/ws-client.js';

const INTERVAL_MS = 250;

export const polling: Scenario = {
  name: 'polling',
  title: 'Subscriptions: upstream polls vs number of identical subscribers',
  targets: [5],
  budgetMs: { quick: 60_000, full: 120_000 },
  async run(ctx) {
    const why = subscriptionsUnavailable();
    if (why)
      return [
        unavailable(
          'polling',
          5,
          'Upstream polls per site per interval, N identical subscriptions',
          '1 per interval, not growing with N',
          why,
        ),
      ];
    const env = await startLiveEnv(ctx, {
      timeScale: 1e-9,
      subscriptions: { minPollIntervalMs: INTERVAL_MS, maxPollIntervalMs: INTERVAL_MS },
      profile: ctx.profileName('polling'),
    });
    const ns = [1, 100, 1000, 5000];
    const sockets = await openSockets(env.wsUrl, Math.max(...ns), 200, ctx.signal);
    ctx.scope.defer('websockets', () => Promise.all(sockets.map((s) => s.close())));
    const windowMs = ctx.quick ? 1_500 : 5_000;
    const expected = Math.ceil(windowMs / INTERVAL_MS);
    const figures: Figure[] = [];
    for (const n of ns) {
      if (ctx.signal.aborted) break;
      const { id: queryId } = await env.control.call<{ id: string }>(
        'POST',
        `/integrator/sites/${OnlineSite.id}/queries/async`,
        {
          command: { text: 'SELECT TOP 5 InternalID FROM BPS_Patients', executionMode: 'reader', type: 'text' },
        },
      );
      const subs = sockets.slice(0, n);
      const id = `p${n}`;
      for (const s of subs) {
        s.reset();
        s.subscribe(id, STATUS_SUBSCRIPTION, { siteId: OnlineSite.id, queryId });
      }
      await waitForDeliveries(subs, 1, 30_000);
      const stats = await env.facade.appStats();
      await env.control.clearRequests();
      await sleep(windowMs);
      const log = await env.control.requests();
      const polls = log.filter((e) => e.operationId === 'getQueryStatusBatch' && e.siteId === OnlineSite.id).length;
      const other = log.length - polls;
      for (const s of subs) s.complete(id);
      figures.push(
        figure(
          `polling.n${n}`,
          5,
          `Upstream status polls in ${windowMs / 1000} s at a ${INTERVAL_MS} ms interval, ${n.toLocaleString('en-US')} identical subscriptions`,
          'calls',
          polls,
          { kind: 'max', value: expected + 1 },
          {
            detail: { n, windowMs, intervalMs: INTERVAL_MS, otherUpstreamCalls: other, app: stats },
            note: `${(polls / expected).toFixed(2)} polls per interval; ${JSON.stringify((stats.ws as { executions?: number } | null)?.executions ?? '?')} shared execution(s), ${JSON.stringify((stats.live as { watches?: number } | null)?.watches ?? '?')} watch(es)`,
          },
        ),
      );
      await sleep(300);
    }
    const after = await env.facade.appStats();
    figures.push(
      info(
        'polling.after',
        5,
        'Watches left after every subscriber completed',
        '',
        Number((after.live as { watches?: number } | null)?.watches ?? NaN),
        undefined,
        after,
      ),
    );
    return figures;
  },
};
