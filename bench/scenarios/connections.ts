/**
 * Target 11 — connection reuse. After a warm-up at the same load, new TCP connections the simulator
 * accepted during steady-state load (its `/_sim/stats`) must be 0, and the façade must make no
 * `fetch` call (counted by the preload) while every upstream call goes through undici.
 */
import { LIST_QUERY, SITE_QUERY } from '../lib/documents.js';
import {
  createRegisteredQueries,
  EXTRA_QUERY_SITE_IDS,
  EXTRA_SITES,
  graphqlSpec,
  OnlineSite,
  siteQuerySpecs,
} from '../lib/env.js';
import { gql, Http, simControl } from '../lib/http.js';
import { closedLoop } from '../lib/load.js';
import { startFacade, startSimulator } from '../lib/processes.js';
import { figure, info, type Figure } from '../lib/report.js';
import type { Scenario } from '../lib/scenario.js';
import { sleep } from '../lib/scope.js';

export const connections: Scenario = {
  name: 'connections',
  title: 'Connection reuse and no fetch on the hot path',
  targets: [11],
  budgetMs: { quick: 30_000, full: 60_000 },
  async run(ctx) {
    const sim = await startSimulator(ctx.scope, { extraSites: EXTRA_SITES });
    const http = new Http(ctx.scope);
    const control = simControl(http, sim);
    const listSites = EXTRA_QUERY_SITE_IDS.slice(0, 8);
    await Promise.all(listSites.map((id) => createRegisteredQueries(control, id, 20)));
    const facade = await startFacade(ctx.scope, sim);
    await gql(http, facade.url, SITE_QUERY, { id: OnlineSite.id });
    const specs = [...siteQuerySpecs(), ...listSites.map((id) => graphqlSpec(LIST_QUERY, { id }))];
    const figures: Figure[] = [];
    for (const conns of [16, 64]) {
      // One continuous load: warm-up, then the measured window, read while the load runs (clients
      // leaving mid-request at the end of a run abort upstream calls, which closes those sockets).
      const warmSeconds = ctx.quick ? 1.5 : 4;
      const measureSeconds = ctx.seconds * 2;
      await control.clearRequests(); // see SIM_LOG_NOTE in lib/env.ts
      const running = closedLoop(facade.url, specs, conns, warmSeconds + measureSeconds + 1);
      await sleep(warmSeconds * 1000);
      const s0 = await control.stats();
      const own0 = http.connectionsOpened(sim.url);
      const f0 = await facade.stats();
      await sleep(measureSeconds * 1000);
      const s1 = await control.stats();
      const f1 = await facade.stats();
      // The runner's own control connection may have been closed while idle and reopened.
      const own = http.connectionsOpened(sim.url) - own0;
      const load = await running;
      const after = await control.stats();
      const newConnections = s1.connections - s0.connections - own;
      const upstream = s1.requests - s0.requests - 1;
      figures.push(
        figure(
          `connections.new.c${conns}`,
          11,
          `New upstream connections in ${measureSeconds} s of steady load (${conns} client connections)`,
          'conns',
          newConnections,
          { kind: 'max', value: 0 },
          {
            detail: {
              ops: load.ops,
              upstreamRequests: upstream,
              openedInAll: s1.connections,
              openedAfterLoadEnded: after.connections - s1.connections,
              runnerConnections: own,
              undiciRequests: f1.undiciRequests - f0.undiciRequests,
            },
            note: `${upstream} upstream requests in the window; ${s1.connections} connections opened since start (warm-up included)`,
          },
        ),
        figure(
          `connections.fetch.c${conns}`,
          11,
          `Global fetch calls in the façade during that load`,
          'calls',
          f1.fetchCalls - f0.fetchCalls,
          { kind: 'max', value: 0 },
        ),
      );
      if (conns === 16) {
        figures.push(
          info(
            'connections.undici',
            11,
            'Upstream requests seen by undici ÷ received by the simulator',
            '×',
            (f1.undiciRequests - f0.undiciRequests) / Math.max(1, upstream),
          ),
        );
      }
      await sleep(500);
    }
    return figures;
  },
};
