/**
 * Target 4 — upstream calls per operation, from the simulator's request log: list shapes of 1, 20
 * and 100 items nested 1–2 levels, and 100 query statuses across 3 sites.
 */
import { LIST_QUERY, LIST_WITH_RESULTS_QUERY, sqlQueriesDocument } from '../lib/documents.js';
import { createImmediateQueries, createRegisteredQueries, OnlineSite, QUERY_SITES, ZedmedSite } from '../lib/env.js';
import { gql, Http, simControl } from '../lib/http.js';
import { startFacade, startSimulator } from '../lib/processes.js';
import { figure, info, type Figure } from '../lib/report.js';
import type { Scenario } from '../lib/scenario.js';

export const batching: Scenario = {
  name: 'batching',
  title: 'Upstream calls per operation (batching and dedupe)',
  targets: [4],
  budgetMs: { quick: 40_000, full: 60_000 },
  async run(ctx) {
    const sim = await startSimulator(ctx.scope);
    const http = new Http(ctx.scope);
    const control = simControl(http, sim);
    const facade = await startFacade(ctx.scope, sim);

    const callsFor = async (query: string, variables?: Record<string, unknown>) => {
      await control.clearRequests();
      const data = await gql<Record<string, unknown>>(http, facade.url, query, variables);
      const log = await control.requests();
      const byOp: Record<string, number> = {};
      for (const e of log) byOp[e.operationId] = (byOp[e.operationId] ?? 0) + 1;
      return { calls: log.length, byOp, data };
    };

    const figures: Figure[] = [];
    // Registered-query lists grow on one site: 1, then 20, then 100 items.
    const registered: string[] = [];
    const immediate = await createImmediateQueries(control, OnlineSite.id, 100);
    for (const n of [1, 20, 100]) {
      registered.push(...(await createRegisteredQueries(control, OnlineSite.id, n - registered.length)));
      const list = await callsFor(LIST_QUERY, { id: OnlineSite.id });
      const items = ((list.data.site as { registeredQueries: unknown[] }).registeredQueries ?? []).length;
      if (items !== n) throw new Error(`expected ${n} registered queries, got ${items}`);
      figures.push(
        figure(
          `batching.list${n}`,
          4,
          `Upstream calls, site → ${n} registered queries (+ nested objects), 2 levels`,
          'calls',
          list.calls,
          { kind: 'max', value: 2 },
          { detail: list.byOp },
        ),
      );
      const statuses = await callsFor(
        sqlQueriesDocument(immediate.slice(0, n).map((id) => ({ siteId: OnlineSite.id, id }))),
      );
      figures.push(
        figure(
          `batching.sqlQuery${n}`,
          4,
          `Upstream calls, ${n} × sqlQuery (timings, pages nested), 1 level`,
          'calls',
          statuses.calls,
          { kind: 'max', value: 1 },
          { detail: statuses.byOp },
        ),
      );
    }

    // 100 query statuses across the 3 sites that take queries → one batch call per site.
    const refs: Array<{ siteId: string; id: string }> = [];
    const perSite = [34, 33, 33];
    for (const [i, site] of QUERY_SITES.entries()) {
      const ids =
        site.id === OnlineSite.id
          ? immediate.slice(0, perSite[i])
          : await createImmediateQueries(control, site.id, perSite[i]!);
      refs.push(...ids.map((id) => ({ siteId: site.id, id })));
    }
    const across = await callsFor(sqlQueriesDocument(refs));
    figures.push(
      figure(
        'batching.statuses100x3',
        4,
        'Upstream calls, 100 query statuses across 3 sites',
        'calls',
        across.calls,
        { kind: 'max', value: 3 },
        { detail: across.byOp },
      ),
    );

    // For context: each registered query's latest result is its own upstream read (Halo has no batch
    // read for results), so this shape costs 2 + N calls whatever the façade does.
    await createRegisteredQueries(control, ZedmedSite.id, 20);
    const withResults = await callsFor(LIST_WITH_RESULTS_QUERY, { id: ZedmedSite.id });
    figures.push(
      info(
        'batching.results20',
        4,
        'Upstream calls, site → 20 registered queries → result (3 levels)',
        'calls',
        withResults.calls,
        'Halo has no batch read for registered results: 2 + N is the floor',
        withResults.byOp,
      ),
    );
    return figures;
  },
};
