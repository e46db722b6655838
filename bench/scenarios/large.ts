/**
 * Target 9 — large results. A successful async result of ~1 MiB pages, read three ways in
 * alternating rounds: fetched and decoded directly with undici (a process on core 0: the baseline),
 * through the façade as `sqlQuery { rows }`, and through the streaming export (NDJSON). Rows/s are
 * from the client's first byte sent to its last byte received. Then the export of a ~100 MB result,
 * with the façade's peak RSS above its pre-export RSS (VmHWM after resetting it).
 */
import { AUTH_HEADERS } from '../lib/auth.js';
import { ROWS_QUERY } from '../lib/documents.js';
import { OnlineSite, runAsyncToCompletion } from '../lib/env.js';
import { Http, simControl, type GraphQLResponse } from '../lib/http.js';
import { peakRssBytes, resetPeakRss, rssBytes } from '../lib/procfs.js';
import { startDecoder, startFacade, startSimulator } from '../lib/processes.js';
import { figure, info, type Figure } from '../lib/report.js';
import type { Scenario } from '../lib/scenario.js';
import { summarise } from '../lib/stats.js';

const PAGE_BYTES = 1024 * 1024;
const MiB = 1024 * 1024;
/** One benchmark row is about 490 bytes of JSON. */
const ROW_SQL = (rows: number) => `SELECT TOP ${rows} * FROM BenchRows ORDER BY Id`;

export const large: Scenario = {
  name: 'large',
  title: 'Large results: rows/s and streaming export memory',
  targets: [9],
  budgetMs: { quick: 60_000, full: 180_000 },
  async run(ctx) {
    const decoderStarting = startDecoder(ctx.scope);
    decoderStarting.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
    const sim = await startSimulator(ctx.scope, { pageBytes: PAGE_BYTES });
    const http = new Http(ctx.scope);
    const control = simControl(http, sim);
    const exportMb = ctx.quick ? 16 : 100;
    const readMb = ctx.quick ? 8 : 24;
    const totalRows = Math.ceil((exportMb * 1e6) / 480);
    await control.call('POST', '/_sim/sql', {
      siteId: OnlineSite.id,
      sql: `CREATE TABLE BenchRows AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${totalRows})
            SELECT i AS Id, 'Patient ' || i AS Name, 'patient' || i || '@example.test' AS Email, i % 97 AS Score,
                   printf('%.400c', 'x') AS Notes FROM n`,
    });
    const readQuery = await runAsyncToCompletion(control, OnlineSite.id, ROW_SQL(Math.ceil((readMb * 1e6) / 480)));
    const exportQuery = await runAsyncToCompletion(control, OnlineSite.id, ROW_SQL(totalRows));
    ctx.log(
      `read result ${readQuery.rows} rows / ${readQuery.pages} pages / ${(readQuery.bytes / MiB).toFixed(1)} MiB; export ${exportQuery.rows} rows / ${exportQuery.pages} pages / ${(exportQuery.bytes / MiB).toFixed(1)} MiB`,
    );

    const facade = await startFacade(ctx.scope, sim, { profile: ctx.profileName('large') });
    const decoder = await decoderStarting;

    const direct = async (q: typeof readQuery) => {
      const r = await decoder.decode({
        origin: sim.url,
        key: sim.key,
        siteId: OnlineSite.id,
        queryId: q.id,
        pages: q.pages,
      });
      if (r.error || r.rows !== q.rows) throw new Error(`direct decode: ${r.error ?? `${r.rows} rows`}`);
      return r.rows / (r.ms / 1000);
    };
    const viaGraphql = async (q: typeof readQuery) => {
      const t0 = performance.now();
      const res = await http.request(`${facade.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...AUTH_HEADERS },
        body: JSON.stringify({ query: ROWS_QUERY, variables: { siteId: OnlineSite.id, id: q.id } }),
      });
      const seconds = (performance.now() - t0) / 1000;
      const body = JSON.parse(res.text) as GraphQLResponse<{ sqlQuery: { rows: unknown[] } }>;
      const rows = body.data?.sqlQuery.rows.length ?? 0;
      if (res.status !== 200 || body.errors || rows !== q.rows)
        throw new Error(
          `GraphQL rows: HTTP ${res.status}, ${rows} rows ${JSON.stringify(body.errors ?? '').slice(0, 200)}`,
        );
      return q.rows / seconds;
    };
    const viaExport = async (target: typeof facade, q: typeof readQuery, memory = false) => {
      if (memory) {
        await target.gc();
        resetPeakRss(target.pid);
      }
      const before = rssBytes(target.pid);
      const t0 = performance.now();
      const res = await http
        .pool(target.url)
        .request({ method: 'GET', path: `/export/${OnlineSite.id}/${q.id}.ndjson`, headers: AUTH_HEADERS });
      let lines = 0;
      for await (const chunk of res.body) {
        const buf = chunk as Buffer;
        for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) lines++;
      }
      const seconds = (performance.now() - t0) / 1000;
      const peakAbove = peakRssBytes(target.pid) - before;
      if (res.statusCode !== 200 || lines !== q.rows) throw new Error(`export: HTTP ${res.statusCode}, ${lines} lines`);
      return { rowsPerSecond: q.rows / seconds, peakAbove, before };
    };

    // Warm-up (JIT, connections): one of each on the smaller result.
    await direct(readQuery);
    await viaGraphql(readQuery);
    await viaExport(facade, readQuery);

    const rounds: Array<{ direct: number; graphql: number; exported: number }> = [];
    for (let round = 0; round < ctx.rounds && !ctx.signal.aborted; round++) {
      const d = await direct(readQuery);
      const g = await viaGraphql(readQuery);
      const e = await viaExport(facade, readQuery);
      rounds.push({ direct: d, graphql: g, exported: e.rowsPerSecond });
    }
    // Memory on a fresh façade (the one above has grown its heap for the GraphQL reads): one small
    // export to warm it, then the large one, peak RSS (VmHWM, reset first) above RSS before it.
    await facade.proc.stop();
    const fresh = await startFacade(ctx.scope, sim);
    await viaExport(fresh, readQuery);
    const memoryRounds: Array<{ peakAbove: number; before: number; rowsPerSecond: number }> = [];
    const smallerRounds: number[] = [];
    for (let round = 0; round < (ctx.quick ? 1 : 3) && !ctx.signal.aborted; round++) {
      smallerRounds.push((await viaExport(fresh, readQuery, true)).peakAbove / PAGE_BYTES);
      memoryRounds.push(await viaExport(fresh, exportQuery, true));
    }

    const gRatio = summarise(rounds.map((r) => r.graphql / r.direct));
    const eRatio = summarise(rounds.map((r) => r.exported / r.direct));
    const peakPages = summarise(memoryRounds.map((m) => m.peakAbove / PAGE_BYTES));
    const figures: Figure[] = [
      figure(
        'large.graphql.ratio',
        9,
        `Rows/s via sqlQuery { rows } ÷ direct fetch+decode (${readQuery.pages} pages)`,
        '×',
        gRatio,
        { kind: 'min', value: 0.6, stretch: 0.8 },
        {
          detail: { rounds, rows: readQuery.rows, pages: readQuery.pages, bytes: readQuery.bytes },
        },
      ),
      figure('large.export.ratio', 9, 'Rows/s via streaming export (NDJSON) ÷ direct fetch+decode', '×', eRatio, {
        kind: 'min',
        value: 0.6,
        stretch: 0.8,
      }),
      info(
        'large.direct.rps',
        9,
        'Direct fetch+decode rows/s (baseline, one core)',
        'rows/s',
        summarise(rounds.map((r) => r.direct)),
      ),
      figure(
        `large.export.peak`,
        9,
        `Export of ${(exportQuery.bytes / 1e6).toFixed(0)} MB: peak RSS above baseline, in 1 MiB pages`,
        'pages',
        peakPages,
        { kind: 'max', value: 3 },
        {
          detail: {
            memoryRounds,
            smallerResultPeakPages: smallerRounds,
            rows: exportQuery.rows,
            pages: exportQuery.pages,
            bytes: exportQuery.bytes,
          },
          note: `peak above baseline for ${readQuery.pages} pages: ${summarise(smallerRounds).median.toFixed(1)} pages (bounded if it does not grow with the result); façade RSS before the export ${((memoryRounds[0]?.before ?? 0) / MiB).toFixed(0)} MiB; ${(exportQuery.bytes / MiB).toFixed(0)} MiB exported at ${Math.round(summarise(memoryRounds.map((m) => m.rowsPerSecond)).median)} rows/s`,
        },
      ),
      info(
        'large.export.peak.smaller',
        9,
        `Export of ${(readQuery.bytes / 1e6).toFixed(0)} MB (${readQuery.pages} pages): peak RSS above baseline, in pages`,
        'pages',
        summarise(smallerRounds),
      ),
    ];
    return figures;
  },
};
