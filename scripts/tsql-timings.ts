// Runs the T-SQL conformance table (test/tsql/conformance-cases.ts) through the guard and the simulator engine on
// the seeded Best Practice database, without HTTP, and prints what fails and the slowest statements: `npx tsx scripts/tsql-timings.ts`.
import { checkReadOnlySql } from '../src/security/sql-guard.js';
import { openSiteDatabases } from '../simulator/src/db/open-site-database.js';
import { OnlineSite } from '../simulator/src/fixtures.js';
import { executeCommand } from '../simulator/src/sql/execute.js';
import { CONFORMANCE_CASES, CONFORMANCE_NOW } from '../test/tsql/conformance-cases.js';

const dbs = openSiteDatabases(OnlineSite);
const norm = (rows: unknown[]) => JSON.stringify(rows);
const sortRows = (rows: unknown[]) =>
  [...rows]
    .map((r) => JSON.stringify(r))
    .sort()
    .join('\n');
const out: Array<{ name: string; guard: string; sim: string; ms: number }> = [];
for (const c of CONFORMANCE_CASES) {
  const db = dbs.get(c.catalogue ?? 'BPSPatients')!;
  const verdict = checkReadOnlySql(c.sql);
  let sim = 'ok';
  const started = performance.now();
  try {
    const r = executeCommand(
      db,
      {
        text: c.sql,
        executionMode: c.executionMode === 'SCALAR' ? 'scalar' : 'reader',
        parameters: c.parameters?.map((p) => ({
          name: p.name,
          type: p.type ?? undefined,
          value: p.value ?? null,
        })) as never,
      },
      { errorType: 'mssql', now: () => new Date(CONFORMANCE_NOW) },
    );
    if (c.error) sim = 'no error';
    else {
      const want = c.rows ?? db.prepare(c.sqlite!).all();
      const same = c.unordered ? sortRows(r.rows) === sortRows(want) : norm(r.rows) === norm(want);
      if (!same) sim = 'wrong rows';
    }
  } catch (e) {
    const code = (e as { errorCode?: number }).errorCode;
    sim = c.error && code === c.error.code ? 'ok' : `error ${code}`;
  }
  out.push({
    name: c.name,
    guard: verdict.ok ? 'ok' : verdict.reason,
    sim,
    ms: Math.round(performance.now() - started),
  });
}
const bad = out.filter((o) => o.guard !== 'ok' || o.sim !== 'ok');
for (const o of bad) console.log(`${o.guard.padEnd(12)} ${o.sim.padEnd(12)} ${o.name}`);
const guardOnly = bad.filter((o) => o.guard !== 'ok').length;
const simOnly = bad.filter((o) => o.sim !== 'ok').length;
const both = bad.filter((o) => o.guard !== 'ok' && o.sim !== 'ok').length;
console.log(`cases ${out.length}; failing ${bad.length} (guard ${guardOnly}, simulator ${simOnly}, both ${both})`);
const slow = [...out].sort((a, b) => b.ms - a.ms).slice(0, 5);
console.log('slowest:', slow.map((o) => `${o.ms} ms ${o.name}`).join(' | '));
