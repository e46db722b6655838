/**
 * Target 3 — throughput. Closed loop: the site query through the façade (alone on core 0) vs the
 * same GET straight to the simulator (which shares core 1 with the load generator in both cases),
 * alternating rounds; then again with 5 ms of injected upstream latency and 64 connections.
 */
import { SITE_QUERY } from '../lib/documents.js';
import { directSiteSpecs, EXTRA_SITES, OnlineSite, siteQuerySpecs } from '../lib/env.js';
import { gql, Http, simControl } from '../lib/http.js';
import { closedLoop } from '../lib/load.js';
import { startFacade, startSimulator } from '../lib/processes.js';
import { figure, info, type Figure } from '../lib/report.js';
import { alternate, warmSeconds, type Scenario } from '../lib/scenario.js';
import { summarise } from '../lib/stats.js';

export const throughput: Scenario = {
  name: 'throughput',
  title: 'Throughput: façade on one core vs direct REST',
  targets: [3],
  budgetMs: { quick: 45_000, full: 150_000 },
  async run(ctx) {
    const sim = await startSimulator(ctx.scope, { extraSites: EXTRA_SITES });
    const control = simControl(new Http(ctx.scope), sim);
    const facade = await startFacade(ctx.scope, sim, { profile: ctx.profileName('throughput') });
    await gql(new Http(ctx.scope), facade.url, SITE_QUERY, { id: OnlineSite.id });
    const direct = directSiteSpecs(sim.key);
    const through = siteQuerySpecs();
    const figures: Figure[] = [];
    await closedLoop(facade.url, through, 32, warmSeconds(ctx)); // JIT warm-up

    const cases = [
      {
        key: 'trivial',
        name: 'trivial simulator, 32 connections',
        connections: 32,
        delayMs: 0,
        min: 0.12,
        stretch: 0.15,
      },
      {
        key: 'delay5ms',
        name: '5 ms upstream latency, 64 connections',
        connections: 64,
        delayMs: 5,
        min: 0.95,
        stretch: undefined,
      },
    ];
    for (const c of cases) {
      if (c.delayMs)
        await control.call('POST', '/_sim/faults', { operationId: 'getSite', delayMs: c.delayMs, count: 1_000_000 });
      try {
        await closedLoop(sim.url, direct, c.connections, ctx.quick ? 0.5 : 1);
        await closedLoop(facade.url, through, c.connections, ctx.quick ? 1 : 2);
        const s0 = await control.stats();
        let facadeOps = 0;
        const rounds = await alternate(
          ctx,
          async () => {
            await control.clearRequests(); // see SIM_LOG_NOTE in lib/env.ts
            return closedLoop(sim.url, direct, c.connections, ctx.seconds);
          },
          async () => {
            await control.clearRequests();
            const r = await closedLoop(facade.url, through, c.connections, ctx.seconds, facade.pid);
            facadeOps += r.ops;
            return r;
          },
        );
        const s1 = await control.stats();
        // Control calls in between (stats, clearRequests) are not integrator calls.
        const controlCalls = 1 + rounds.length * 2;
        const ratio = summarise(rounds.map((r) => r.facade.rps / r.baseline.rps));
        const bad = rounds.reduce(
          (n, r) => n + r.baseline.non2xx + r.baseline.errors + r.facade.non2xx + r.facade.errors,
          0,
        );
        const directOps = rounds.reduce((n, r) => n + r.baseline.ops, 0);
        const upstreamPerOp = (s1.requests - s0.requests - controlCalls - directOps) / facadeOps;
        const facadeCpu = summarise(rounds.map((r) => r.facade.cpuUs! / (r.facade.seconds * 1e6)));
        const target =
          c.stretch !== undefined
            ? { kind: 'min' as const, value: c.min, stretch: c.stretch }
            : { kind: 'min' as const, value: c.min };
        figures.push(
          figure(`throughput.${c.key}.ratio`, 3, `Throughput ratio façade ÷ direct, ${c.name}`, '×', ratio, target, {
            detail: {
              directRps: rounds.map((r) => r.baseline.rps),
              facadeRps: rounds.map((r) => r.facade.rps),
              facadeCoreUtilisation: facadeCpu.rounds,
              facadeP99Ms: rounds.map((r) => r.facade.p99Ms),
              upstreamCallsPerOp: upstreamPerOp,
              badResponses: bad,
            },
            note: `façade core ${Math.round(facadeCpu.median * 100)}% busy; ${upstreamPerOp.toFixed(2)} upstream calls/op${bad ? `; ${bad} bad responses` : ''}`,
          }),
          info(
            `throughput.${c.key}.direct`,
            3,
            `Direct REST req/s, ${c.key}`,
            'req/s',
            summarise(rounds.map((r) => r.baseline.rps)),
          ),
          info(
            `throughput.${c.key}.facade`,
            3,
            `Façade req/s, ${c.key}`,
            'req/s',
            summarise(rounds.map((r) => r.facade.rps)),
          ),
        );
      } finally {
        if (c.delayMs) await control.call('DELETE', '/_sim/faults');
      }
    }
    return figures;
  },
};
