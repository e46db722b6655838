/**
 * Target 1 — added latency, unloaded. Open-loop at a fixed low rate: the one-upstream-call query
 * `site(id)` through the façade vs the same `GET /integrator/sites/{id}` straight to the simulator,
 * alternating rounds in the same run. Added latency = façade percentile − direct percentile, per round.
 */
import { directSiteSpecs, EXTRA_SITES, OnlineSite, siteQuerySpecs } from '../lib/env.js';
import { gql, Http, simControl } from '../lib/http.js';
import { closedLoop, openLoop } from '../lib/load.js';
import { startBareGraphql, startFacade, startSimulator } from '../lib/processes.js';
import { figure, info } from '../lib/report.js';
import { alternate, warmSeconds, type Scenario } from '../lib/scenario.js';
import { summarise } from '../lib/stats.js';
import { SITE_QUERY } from '../lib/documents.js';

const RATE = 200;

export const latency: Scenario = {
  name: 'latency',
  title: 'Added latency, unloaded (open loop)',
  targets: [1],
  budgetMs: { quick: 40_000, full: 120_000 },
  async run(ctx) {
    const bareStarting = startBareGraphql(ctx.scope);
    bareStarting.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
    const sim = await startSimulator(ctx.scope, { extraSites: EXTRA_SITES });
    const facade = await startFacade(ctx.scope, sim, { profile: ctx.profileName('latency') });
    const http = new Http(ctx.scope);
    const control = simControl(http, sim);
    await gql(http, facade.url, SITE_QUERY, { id: OnlineSite.id });

    // A bare graphql-js server on the façade's core, no upstream: what crossing to core 0 and
    // back costs at this rate on this machine (idle cores take time to wake up, more so in a VM).
    const bare = await bareStarting;
    const direct = directSiteSpecs(sim.key);
    const through = siteQuerySpecs();
    // Warm up every path (JIT, connections) before anything is measured.
    await closedLoop(facade.url, through, 8, warmSeconds(ctx));
    await openLoop(sim.url, direct, RATE, ctx.quick ? 0.5 : 1);
    await openLoop(bare.url, through, RATE, ctx.quick ? 0.5 : 1);
    await openLoop(facade.url, through, RATE, ctx.quick ? 1 : 2);

    const bareRounds: number[] = [];
    const rounds = await alternate(
      ctx,
      async () => {
        await control.clearRequests(); // see SIM_LOG_NOTE in lib/env.ts
        const d = await openLoop(sim.url, direct, RATE, ctx.seconds);
        bareRounds.push((await openLoop(bare.url, through, RATE, ctx.seconds / 2)).p50Us);
        return d;
      },
      () => openLoop(facade.url, through, RATE, ctx.seconds),
    );
    const errors = rounds.reduce((n, r) => n + r.baseline.errors + r.facade.errors, 0);
    const p50 = summarise(rounds.map((r) => r.facade.p50Us - r.baseline.p50Us));
    const p99 = summarise(rounds.map((r) => r.facade.p99Us - r.baseline.p99Us));
    const detail = {
      rate: RATE,
      secondsPerRound: ctx.seconds,
      errors,
      directP50Us: rounds.map((r) => r.baseline.p50Us),
      directP99Us: rounds.map((r) => r.baseline.p99Us),
      facadeP50Us: rounds.map((r) => r.facade.p50Us),
      facadeP99Us: rounds.map((r) => r.facade.p99Us),
      samplesPerRound: rounds.map((r) => r.facade.latenciesUs.length),
    };
    return [
      figure(
        'latency.added.p50',
        1,
        'Added latency p50, unloaded (site query vs direct GET)',
        'µs',
        p50,
        { kind: 'max', value: 300, stretch: 200 },
        { detail },
      ),
      figure('latency.added.p99', 1, 'Added latency p99, unloaded', 'µs', p99, { kind: 'max', value: 1500 }),
      info('latency.direct.p50', 1, 'Direct GET p50 (baseline)', 'µs', summarise(detail.directP50Us)),
      info(
        'latency.facade.p50',
        1,
        'Façade site query p50',
        'µs',
        summarise(detail.facadeP50Us),
        errors ? `${errors} errors` : undefined,
      ),
      info(
        'latency.bare.p50',
        1,
        'Bare graphql-js on core 0 (no upstream) p50: the cost of reaching an idle core',
        'µs',
        summarise(bareRounds),
      ),
    ];
  },
};
