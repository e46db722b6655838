/**
 * Issue 19, item 4 — reuse of identical immediate queries (`maxAgeSeconds`) under a dashboard
 * workload, on one façade and one simulator:
 *
 * 1. **Billed queries.** 32 clients each refresh the same named query (the providers list of one
 *    Best Practice site) every second, on a fixed schedule (open loop). First every client asks
 *    through a bench-only entry without `maxAgeSeconds`; then three clients in four ask through an
 *    entry with `maxAgeSeconds: 5` (same SQL, same row type) and the others as before. Billed
 *    creations are the simulator's `createImmediateQuery` log entries in each phase; the answers
 *    served again come from the façade's `halo_query_reuse_total`. Every answer's rows are compared
 *    with a fresh answer's.
 * 2. **Identical answers.** A reused answer (`SqlQuery.reused: true`, and a named answer served
 *    without a Halo call) has the rows of a fresh one; the scenario fails if not.
 * 3. **CPU of a reused answer vs a fresh one.** Closed loop, 8 connections, every request
 *    identical: with `maxAgeSeconds` (served from the kept answer) and without (a new billed Halo
 *    query each), alternating rounds, for `runImmediateQuery { id reused rows }` and for the named
 *    query. Façade CPU per operation from /proc.
 *
 * The bench-only entries are written to a temporary NAMED_QUERIES_DIR; their statement is the
 * built-in `providers` entry's (src/catalogue/named-queries/providers.yaml). Nothing here prints
 * SQL, rows or keys: only counts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphqlSpec, OnlineSite } from '../lib/env.js';
import { gql, Http, simControl, type SimControl } from '../lib/http.js';
import { closedLoop, openLoop, type ClosedLoopResult, type RequestSpec } from '../lib/load.js';
import { startFacade, startSimulator } from '../lib/processes.js';
import { figure, info } from '../lib/report.js';
import { alternate, warmSeconds, type Scenario } from '../lib/scenario.js';
import { summarise } from '../lib/stats.js';

const TARGET = 19;
/** Dashboard clients, each refreshing every REFRESH_SECONDS. */
const CLIENTS = 32;
const REFRESH_SECONDS = 1;
/** In the phase with reuse, clients whose index is 3 mod 4 still ask without maxAgeSeconds. */
const withoutReuse = (client: number) => client % 4 === 3;
/** The bench entry's maxAgeSeconds. */
const SHARED_MAX_AGE = 5;
/** runImmediateQuery's maxAgeSeconds in the CPU rounds: every answer comes from the kept one. */
const RAW_MAX_AGE = 600;
const CPU_CONNECTIONS = 8;

const FRESH_ENTRY = 'dashboardProviders';
const SHARED_ENTRY = 'dashboardProvidersShared';
const BUILT_IN_ENTRY = 'providers';

/** The built-in providers entry's Best Practice statement (src/catalogue/named-queries/providers.yaml). */
const PROVIDERS_SQL = `SELECT UserID AS userId, Title AS title, Firstname AS firstname, Surname AS surname,
  ProviderNo AS providerNo, LocationName AS location
FROM BPS_Users
WHERE ProviderNo IS NOT NULL AND ProviderNo <> ''
ORDER BY Surname, Firstname, UserID`;

/** The providers columns and types (the built-in `Provider` row type: bench entries share it). */
const COLUMNS: ReadonlyArray<[string, string]> = [
  ['userId', 'Int!'],
  ['title', 'String'],
  ['firstname', 'String'],
  ['surname', 'String'],
  ['providerNo', 'String'],
  ['location', 'String'],
];

function entryYaml(name: string, maxAgeSeconds?: number): string {
  return [
    `name: ${name}`,
    `description: Bench only (bench/scenarios/dashboard.ts), the built-in providers statement${maxAgeSeconds ? `, answers shared ${maxAgeSeconds} s` : ', never shared'}.`,
    'type: Provider',
    'returns: list',
    'columns:',
    ...COLUMNS.map(([column, type]) => `  ${column}: { type: "${type}" }`),
    'sql:',
    '  BEST_PRACTICE: |',
    ...PROVIDERS_SQL.split('\n').map((line) => `    ${line}`),
    ...(maxAgeSeconds ? [`maxAgeSeconds: ${maxAgeSeconds}`] : []),
    '',
  ].join('\n');
}

const namedDocument = (field: string) => /* GraphQL */ `
  query Dashboard($siteId: ID!) {
    site(id: $siteId) {
      ${field} {
        ${COLUMNS.map(([c]) => c).join('\n        ')}
      }
    }
  }
`;

const RAW = /* GraphQL */ `
  mutation Dashboard($input: RunQueryInput!) {
    runImmediateQuery(input: $input) {
      id
      reused
      rows
    }
  }
`;

const USAGE = /* GraphQL */ `
  query Usage($siteId: ID!) {
    site(id: $siteId) {
      usage {
        billedQueries
      }
    }
  }
`;

const rawInput = (maxAgeSeconds?: number) => ({
  input: { siteId: OnlineSite.id, sql: PROVIDERS_SQL, ...(maxAgeSeconds ? { maxAgeSeconds } : {}) },
});
const namedSpec = (field: string) => graphqlSpec(namedDocument(field), { siteId: OnlineSite.id });

/** JSON with object keys sorted: rows compare equal whatever order their columns came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** The façade's Prometheus counters this scenario reads, summed per name and labels. */
interface Counters {
  kept: number;
  shared: number;
  called: number;
  billedSucceeded: number;
}

async function counters(http: Http, facadeUrl: string): Promise<Counters> {
  const res = await http.request(`${facadeUrl}/metrics`);
  if (res.status !== 200) throw new Error(`GET /metrics: HTTP ${res.status}`);
  const out: Counters = { kept: 0, shared: 0, called: 0, billedSucceeded: 0 };
  for (const line of res.text.split('\n')) {
    const m = /^(halo_query_reuse_total|halo_billed_queries_total)\{([^}]*)\} (\S+)$/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...m[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1]!, l[2]!]));
    const value = Number(m[3]);
    if (m[1] === 'halo_query_reuse_total') {
      const source = labels['source'];
      if (source === 'kept' || source === 'shared' || source === 'called') out[source] += value;
    } else if (labels['operation_id'] === 'createImmediateQuery' && labels['outcome'] === 'succeeded') {
      out.billedSucceeded += value;
    }
  }
  return out;
}

const minus = (a: Counters, b: Counters): Counters => ({
  kept: a.kept - b.kept,
  shared: a.shared - b.shared,
  called: a.called - b.called,
  billedSucceeded: a.billedSucceeded - b.billedSucceeded,
});

async function billedCalls(control: SimControl): Promise<number> {
  return (await control.requests()).filter((e) => e.operationId === 'createImmediateQuery').length;
}

interface PhaseResult {
  /** Client operations answered with the reference rows. */
  ok: number;
  sent: number;
  /** Failed or wrong answers (HTTP, GraphQL errors, different rows). */
  bad: number;
  /** Answers whose rows differed from the fresh answer's. */
  different: number;
  /** Billed creations the simulator logged. */
  billed: number;
  /** The growth of `Site.usage.billedQueries` over the phase (the façade's own count). */
  usageBilled: number;
  /** Answered operations of the clients asking without maxAgeSeconds (each is one billed query). */
  freshClientOps: number;
  counters: Counters;
  p50Us: number;
  p99Us: number;
}

export const dashboard: Scenario = {
  name: 'dashboard',
  title: 'Dashboard refreshing a named query: billed Halo queries and façade CPU with and without reuse',
  targets: [TARGET],
  budgetMs: { quick: 60_000, full: 240_000 },
  async run(ctx) {
    const dir = mkdtempSync(join(tmpdir(), 'halo-bench-named-'));
    ctx.scope.defer('named-queries dir', () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, `${FRESH_ENTRY}.yaml`), entryYaml(FRESH_ENTRY));
    writeFileSync(join(dir, `${SHARED_ENTRY}.yaml`), entryYaml(SHARED_ENTRY, SHARED_MAX_AGE));

    const sim = await startSimulator(ctx.scope);
    const facade = await startFacade(ctx.scope, sim, {
      env: { NAMED_QUERIES_DIR: dir },
      profile: ctx.profileName('dashboard'),
    });
    const http = new Http(ctx.scope);
    const control = simControl(http, sim);

    // The fresh answer every other answer is compared with.
    const rowsOf = async (field: string) =>
      (
        await gql<{ site: Record<string, unknown[]> }>(http, facade.url, namedDocument(field), {
          siteId: OnlineSite.id,
        })
      ).site[field]!;
    const reference = canonical(await rowsOf(FRESH_ENTRY));
    const rowCount = (JSON.parse(reference) as unknown[]).length;
    if (rowCount === 0) throw new Error('the providers query answered no rows: nothing to compare');

    const cpuSpecs = {
      rawFresh: graphqlSpec(RAW, rawInput()),
      rawReused: graphqlSpec(RAW, rawInput(RAW_MAX_AGE)),
      namedFresh: namedSpec(FRESH_ENTRY),
      namedReused: namedSpec(SHARED_ENTRY),
    };
    await closedLoop(facade.url, Object.values(cpuSpecs), CPU_CONNECTIONS, warmSeconds(ctx));

    // ── 1. The dashboard: billed queries per 1,000 client operations ────────────────────────────
    const phaseSeconds = ctx.quick ? 5 : 15;
    const usageOf = async () =>
      (await gql<{ site: { usage: { billedQueries: number } } }>(http, facade.url, USAGE, { siteId: OnlineSite.id }))
        .site.usage.billedQueries;
    const runPhase = async (fields: string[]): Promise<PhaseResult> => {
      const specs: RequestSpec[] = fields.map(namedSpec);
      let different = 0;
      let freshClientOps = 0;
      const check = (body: string, index: number): boolean => {
        const parsed = JSON.parse(body) as {
          data?: { site?: Record<string, unknown> | null } | null;
          errors?: unknown[];
        };
        if (parsed.errors?.length) return false;
        const field = fields[index]!;
        if (canonical(parsed.data?.site?.[field]) !== reference) {
          different++;
          return false;
        }
        if (field === FRESH_ENTRY) freshClientOps++;
        return true;
      };
      await control.clearRequests();
      const before = await counters(http, facade.url);
      const usage0 = await usageOf();
      const r = await openLoop(facade.url, specs, CLIENTS / REFRESH_SECONDS, phaseSeconds, 16, check);
      const billed = await billedCalls(control);
      const after = await counters(http, facade.url);
      const usage1 = await usageOf();
      return {
        ok: r.latenciesUs.length,
        sent: r.sent,
        bad: r.errors,
        different,
        billed,
        usageBilled: usage1 - usage0,
        freshClientOps,
        counters: minus(after, before),
        p50Us: r.p50Us,
        p99Us: r.p99Us,
      };
    };
    const clients = Array.from({ length: CLIENTS }, (_, i) => i);
    const without = await runPhase(clients.map(() => FRESH_ENTRY));
    ctx.log(`without reuse: ${without.ok} answers, ${without.bad} bad, ${without.billed} billed`);
    const withReuse = await runPhase(clients.map((i) => (withoutReuse(i) ? FRESH_ENTRY : SHARED_ENTRY)));
    ctx.log(`with reuse: ${withReuse.ok} answers, ${withReuse.bad} bad, ${withReuse.billed} billed`);
    const differing = without.different + withReuse.different;
    if (differing > 0)
      throw new Error(
        `${differing} dashboard answers had rows different from a fresh answer's (compared, not printed)`,
      );
    if (without.bad + withReuse.bad > 0)
      throw new Error(`${without.bad + withReuse.bad} dashboard operations failed: the billed figures would not hold`);

    // ── 2. A reused answer's rows are a fresh one's ───────────────────────────────────────────────
    type RawAnswer = { runImmediateQuery: { id: string; reused: boolean; rows: unknown[] } };
    const raw = async (maxAgeSeconds?: number) =>
      (await gql<RawAnswer>(http, facade.url, RAW, rawInput(maxAgeSeconds))).runImmediateQuery;
    await control.clearRequests();
    const keptRaw = await raw(RAW_MAX_AGE); // kept since the warm-up, or new and kept now
    const reusedRaw = await raw(RAW_MAX_AGE);
    const freshRaw = await raw();
    if (!reusedRaw.reused || freshRaw.reused || reusedRaw.id !== keptRaw.id)
      throw new Error(
        `runImmediateQuery: expected a reused answer (reused ${reusedRaw.reused}, same id ${reusedRaw.id === keptRaw.id}) and a fresh one (reused ${freshRaw.reused})`,
      );
    if (canonical(reusedRaw.rows) !== canonical(freshRaw.rows) || canonical(freshRaw.rows) !== reference)
      throw new Error('runImmediateQuery: the reused answer has rows different from a fresh answer (not printed)');
    const rawCalls = await billedCalls(control);
    await control.clearRequests();
    const firstShared = canonical(await rowsOf(SHARED_ENTRY));
    const reusedShared = canonical(await rowsOf(SHARED_ENTRY)); // within 5 s: the kept answer
    const sharedCalls = await billedCalls(control);
    const freshNamed = canonical(await rowsOf(FRESH_ENTRY));
    const builtIn = canonical(await rowsOf(BUILT_IN_ENTRY));
    if (sharedCalls > 1)
      throw new Error(`two named calls within ${SHARED_MAX_AGE} s sent ${sharedCalls} billed queries (1 expected)`);
    if (new Set([firstShared, reusedShared, freshNamed, builtIn, reference]).size !== 1)
      throw new Error('named query: a reused answer has rows different from a fresh answer (not printed)');

    // ── 3. CPU: a reused answer vs a fresh one ────────────────────────────────────────────────────
    const measure = async (spec: RequestSpec): Promise<ClosedLoopResult & { billed: number }> => {
      await control.clearRequests(); // see SIM_LOG_NOTE in lib/env.ts
      const r = await closedLoop(facade.url, [spec], CPU_CONNECTIONS, ctx.seconds, facade.pid);
      return { ...r, billed: await billedCalls(control) };
    };
    const rounds = await alternate(
      ctx,
      async () => ({ raw: await measure(cpuSpecs.rawFresh), named: await measure(cpuSpecs.namedFresh) }),
      async () => ({ raw: await measure(cpuSpecs.rawReused), named: await measure(cpuSpecs.namedReused) }),
    );
    const badCpu = rounds.reduce(
      (n, r) =>
        n +
        [r.baseline.raw, r.baseline.named, r.facade.raw, r.facade.named].reduce((m, x) => m + x.non2xx + x.errors, 0),
      0,
    );
    const perOp = (r: { cpuUs?: number; ops: number }) => r.cpuUs! / r.ops;
    const billedPerOp = (rs: Array<{ billed: number; ops: number }>) =>
      rs.reduce((n, r) => n + r.billed, 0) / rs.reduce((n, r) => n + r.ops, 0);
    const cpuFigures = (['raw', 'named'] as const).flatMap((kind) => {
      const label = kind === 'raw' ? 'runImmediateQuery { id reused rows }' : `named query (${COLUMNS.length} fields)`;
      const fresh = rounds.map((r) => r.baseline[kind]);
      const reused = rounds.map((r) => r.facade[kind]);
      const freshBilled = billedPerOp(fresh);
      const reusedBilled = billedPerOp(reused);
      return [
        info(
          `dashboard.cpu.${kind}.reused`,
          TARGET,
          `Reused answer (maxAgeSeconds), ${label}, façade CPU/op`,
          'µs',
          summarise(reused.map(perOp)),
          `${reusedBilled.toFixed(4)} billed queries per op; ${Math.round(reused.reduce((n, r) => n + r.rps, 0) / reused.length)} req/s`,
          { rps: reused.map((r) => r.rps), billedPerOp: reusedBilled },
        ),
        info(
          `dashboard.cpu.${kind}.fresh`,
          TARGET,
          `Fresh answer (no maxAgeSeconds), ${label}, façade CPU/op`,
          'µs',
          summarise(fresh.map(perOp)),
          `${freshBilled.toFixed(3)} billed queries per op; ${Math.round(fresh.reduce((n, r) => n + r.rps, 0) / fresh.length)} req/s`,
          { rps: fresh.map((r) => r.rps), billedPerOp: freshBilled },
        ),
        info(
          `dashboard.cpu.${kind}.ratio`,
          TARGET,
          `Reused ÷ fresh, ${label}, façade CPU/op`,
          '×',
          summarise(rounds.map((r) => perOp(r.facade[kind]) / perOp(r.baseline[kind]))),
          badCpu ? `${badCpu} bad responses in the CPU rounds` : undefined,
        ),
      ];
    });

    // ── Figures ───────────────────────────────────────────────────────────────────────────────────
    const perThousand = (p: PhaseResult) => (p.billed / p.ok) * 1000;
    const sharedClients = clients.filter((i) => !withoutReuse(i)).length;
    const windows = Math.ceil(phaseSeconds / SHARED_MAX_AGE);
    // Billed queries of the clients asking with maxAgeSeconds: the façade's own count (`called`),
    // checked against the simulator's log less one query per operation of the other clients.
    const sharedBilled = withReuse.counters.called;
    const consistent = withReuse.billed === withReuse.freshClientOps + sharedBilled;
    // The façade's own counts of billed queries (Site.usage, the Prometheus counter) against the simulator's log.
    const counted = (p: PhaseResult) =>
      p.usageBilled === p.billed && p.counters.billedSucceeded === p.billed
        ? '; Site.usage and halo_billed_queries_total agree'
        : `; Site.usage counted ${p.usageBilled} and halo_billed_queries_total ${p.counters.billedSucceeded}, the simulator ${p.billed}`;
    const phaseDetail = (p: PhaseResult) => ({
      answered: p.ok,
      sent: p.sent,
      billed: p.billed,
      billedSucceededMetric: p.counters.billedSucceeded,
      usageBilled: p.usageBilled,
      reuse: { kept: p.counters.kept, shared: p.counters.shared, called: p.counters.called },
      p50Us: Math.round(p.p50Us),
      p99Us: Math.round(p.p99Us),
    });
    const setting = `${CLIENTS} clients refreshing every ${REFRESH_SECONDS} s for ${phaseSeconds} s`;
    return [
      info(
        'dashboard.billed.without',
        TARGET,
        `Billed Halo queries per 1,000 client operations, ${setting}, no maxAgeSeconds`,
        '',
        perThousand(without),
        `${without.billed} billed for ${without.ok} answers; refresh p50 ${(without.p50Us / 1000).toFixed(2)} ms, p99 ${(without.p99Us / 1000).toFixed(2)} ms${counted(without)}`,
        phaseDetail(without),
      ),
      info(
        'dashboard.billed.with',
        TARGET,
        `Billed Halo queries per 1,000 client operations, ${setting}, ${sharedClients} of them with maxAgeSeconds ${SHARED_MAX_AGE}`,
        '',
        perThousand(withReuse),
        `${withReuse.billed} billed for ${withReuse.ok} answers (${withReuse.counters.kept} kept + ${withReuse.counters.shared} shared in flight served without a call); refresh p50 ${(withReuse.p50Us / 1000).toFixed(2)} ms, p99 ${(withReuse.p99Us / 1000).toFixed(2)} ms${counted(withReuse)}`,
        phaseDetail(withReuse),
      ),
      info(
        'dashboard.billed.reduction',
        TARGET,
        `Billed queries per client operation, without ÷ with reuse (at most 4× with a quarter of the clients never reusing)`,
        '×',
        perThousand(without) / perThousand(withReuse),
      ),
      figure(
        'dashboard.billed.shared',
        TARGET,
        `Billed Halo queries for the ${sharedClients} clients asking with maxAgeSeconds ${SHARED_MAX_AGE}, over ${phaseSeconds} s`,
        'calls',
        sharedBilled,
        { kind: 'max', value: windows + 1 },
        {
          detail: {
            operations: withReuse.ok - withReuse.freshClientOps,
            kept: withReuse.counters.kept,
            shared: withReuse.counters.shared,
            called: withReuse.counters.called,
            simulatorBilled: withReuse.billed,
            otherClientsOps: withReuse.freshClientOps,
            consistentWithSimulatorLog: consistent,
          },
          note: `${((sharedBilled / (withReuse.ok - withReuse.freshClientOps)) * 1000).toFixed(1)} per 1,000 of their operations; one per ${SHARED_MAX_AGE} s window expected${consistent ? '' : `; the simulator logged ${withReuse.billed} billed queries, not ${withReuse.freshClientOps} + ${sharedBilled}`}`,
        },
      ),
      figure(
        'dashboard.identical',
        TARGET,
        'Answers whose rows differ from a fresh answer (the scenario fails on any)',
        'answers',
        differing,
        { kind: 'max', value: 0 },
        {
          detail: {
            dashboardAnswers: without.ok + withReuse.ok,
            rawAnswers: 3,
            namedAnswers: 4,
            rows: rowCount,
            rawReusedCheckCalls: rawCalls,
          },
          note: `${without.ok + withReuse.ok} dashboard answers of ${rowCount} rows each, plus runImmediateQuery reused (reused: true, same id) vs fresh and the named entries vs the built-in providers: all identical`,
        },
      ),
      ...cpuFigures,
    ];
  },
};
