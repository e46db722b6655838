/**
 * Target 2 — façade CPU per operation (the primary figure). Closed loop, 8 connections, the same
 * operation against the façade and against a bare graphql-js handler on node:http (the floor),
 * both pinned alone on core 0 and measured from /proc/PID/stat over each round.
 */
import { LIST_QUERY } from '../lib/documents.js';
import {
  createRegisteredQueries,
  EXTRA_QUERY_SITE_IDS,
  EXTRA_SITES,
  graphqlSpec,
  LOAD_SITE_IDS,
  siteQuerySpecs,
} from '../lib/env.js';
import { gql, Http, simControl } from '../lib/http.js';
import { closedLoop, type RequestSpec } from '../lib/load.js';
import { startBareGraphql, startFacade, startSimulator } from '../lib/processes.js';
import { figure, info, type Figure } from '../lib/report.js';
import { alternate, warmSeconds, type Scenario } from '../lib/scenario.js';
import { summarise } from '../lib/stats.js';

const CONNECTIONS = 8;

export const cpu: Scenario = {
  name: 'cpu',
  title: 'Façade CPU per operation vs a bare graphql-js handler',
  targets: [2],
  budgetMs: { quick: 45_000, full: 150_000 },
  async run(ctx) {
    const bareStarting = startBareGraphql(ctx.scope);
    bareStarting.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
    const sim = await startSimulator(ctx.scope, { extraSites: EXTRA_SITES });
    const control = simControl(new Http(ctx.scope), sim);
    // 20 registered queries on each of 16 sites: 8 connections never ask for the same site at once.
    const listSites = EXTRA_QUERY_SITE_IDS.slice(0, 16);
    await Promise.all(listSites.map((id) => createRegisteredQueries(control, id, 20)));
    const facade = await startFacade(ctx.scope, sim, { profile: ctx.profileName('cpu') });
    const bare = await bareStarting;
    const http = new Http(ctx.scope);
    const listData = await gql<{ site: { registeredQueries: unknown[] } }>(http, facade.url, LIST_QUERY, {
      id: listSites[0],
    });
    if (listData.site.registeredQueries.length !== 20) throw new Error('expected 20 registered queries');

    const shapes: Array<{ key: string; name: string; specs: RequestSpec[]; bareSpecs: RequestSpec[]; max: number }> = [
      {
        key: 'single',
        name: 'single-entity query (site)',
        specs: siteQuerySpecs(),
        bareSpecs: siteQuerySpecs(),
        max: 150,
      },
      {
        key: 'list20',
        name: '20-item list, nested (site.registeredQueries)',
        specs: listSites.map((id) => graphqlSpec(LIST_QUERY, { id })),
        bareSpecs: listSites.map((id) => graphqlSpec(LIST_QUERY, { id })),
        max: 300,
      },
    ];
    // JIT warm-up of both processes on every shape measured below.
    await Promise.all([
      closedLoop(
        facade.url,
        shapes.flatMap((s) => s.specs),
        CONNECTIONS,
        warmSeconds(ctx),
      ),
      closedLoop(
        bare.url,
        shapes.flatMap((s) => s.bareSpecs),
        CONNECTIONS,
        warmSeconds(ctx) / 2,
      ),
    ]);
    const figures: Figure[] = [];
    for (const shape of shapes) {
      // Warm-up (JIT, sockets), not measured.
      await closedLoop(bare.url, shape.bareSpecs, CONNECTIONS, ctx.quick ? 0.5 : 1);
      await closedLoop(facade.url, shape.specs, CONNECTIONS, ctx.quick ? 1 : 2);
      const upstream0 = await control.stats();
      let facadeOps = 0;
      const rounds = await alternate(
        ctx,
        () => closedLoop(bare.url, shape.bareSpecs, CONNECTIONS, ctx.seconds, bare.pid),
        async () => {
          await control.clearRequests(); // see SIM_LOG_NOTE in lib/env.ts
          const r = await closedLoop(facade.url, shape.specs, CONNECTIONS, ctx.seconds, facade.pid);
          facadeOps += r.ops;
          return r;
        },
      );
      const upstream1 = await control.stats();
      const bad = rounds.reduce(
        (n, r) => n + r.baseline.non2xx + r.baseline.errors + r.facade.non2xx + r.facade.errors,
        0,
      );
      const perOp = summarise(rounds.map((r) => r.facade.cpuUs! / r.facade.ops));
      const floor = summarise(rounds.map((r) => r.baseline.cpuUs! / r.baseline.ops));
      const ratio = summarise(rounds.map((r) => r.facade.cpuUs! / r.facade.ops / (r.baseline.cpuUs! / r.baseline.ops)));
      // Control-API calls (stats reads, log clears) are not integrator calls.
      const upstreamPerOp = (upstream1.requests - upstream0.requests - 1 - rounds.length) / facadeOps;
      const detail = {
        connections: CONNECTIONS,
        facadeOpsPerRound: rounds.map((r) => r.facade.ops),
        facadeRps: rounds.map((r) => r.facade.rps),
        bareRps: rounds.map((r) => r.baseline.rps),
        upstreamCallsPerOp: upstreamPerOp,
        sites: shape.key === 'single' ? LOAD_SITE_IDS.length : listSites.length,
        badResponses: bad,
      };
      figures.push(
        figure(
          `cpu.${shape.key}`,
          2,
          `Façade CPU/op, ${shape.name}`,
          'µs',
          perOp,
          { kind: 'max', value: shape.max },
          {
            detail,
            note: `${upstreamPerOp.toFixed(2)} upstream calls/op over ${detail.sites} distinct sites${bad ? `; ${bad} bad responses` : ''}`,
          },
        ),
        info(`cpu.${shape.key}.floor`, 2, `Bare graphql-js CPU/op, ${shape.key} (floor)`, 'µs', floor),
        info(`cpu.${shape.key}.ratio`, 2, `Façade ÷ floor, ${shape.key}`, '×', ratio),
      );
    }
    return figures;
  },
};
