/**
 * `npm run bench [-- --quick] [-- --scenario name[,name]] [-- --profile] [-- --list] [-- --help]`
 *
 * Builds the bundle, pins itself (the load generator) to core 1, runs each scenario with its own
 * processes and time budget, prints a table of figure | measured | target | verdict, and writes JSON
 * to bench/results/. See bench/README.md for the method.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAll, REPO } from './lib/build.js';
import { canPin, LOAD_CORE, setMainEntry } from './lib/processes.js';
import { loadAverage, machine } from './lib/procfs.js';
import { failed, renderMarkdown, renderTable, type Figure } from './lib/report.js';
import type { RunSettings, Scenario, ScenarioContext } from './lib/scenario.js';
import { Scope } from './lib/scope.js';
import { registerOwn, startNoiseMeter } from './lib/noise.js';
import { SCENARIOS } from './scenarios/index.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    scenario: { type: 'string', multiple: true },
    profile: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    seconds: { type: 'string' },
    out: { type: 'string' },
    markdown: { type: 'boolean', default: false },
    'facade-entry': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`npm run bench [-- options]
  --quick                 every scenario, short
  --scenario NAME[,NAME]  only these scenarios (--list names them)
  --list                  the scenarios, their issues and titles
  --rounds N              alternating rounds (default 5, quick 2)
  --seconds S             load per measured interval (default 4, quick 0.75)
  --profile               also write the facade's CPU profile to bench/results/profiles/
  --facade-entry FILE     measure another build of the facade (its dist/main.js)
  --out FILE              write the JSON results there
  --markdown              print the table as Markdown
See bench/README.md for the method and the latest figures.`);
  process.exit(0);
}

if (values.list) {
  for (const s of SCENARIOS) console.log(`${s.name.padEnd(12)} targets ${s.targets.join(', ').padEnd(6)} ${s.title}`);
  process.exit(0);
}

const wanted = (values.scenario ?? [])
  .flatMap((s) => s.split(','))
  .map((s) => s.trim())
  .filter(Boolean);
const unknown = wanted.filter((w) => !SCENARIOS.some((s) => s.name === w));
if (unknown.length) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const selected: readonly Scenario[] = wanted.length ? SCENARIOS.filter((s) => wanted.includes(s.name)) : SCENARIOS;

const settings: RunSettings = {
  quick: values.quick,
  rounds: values.rounds ? Number(values.rounds) : values.quick ? 2 : 5,
  seconds: values.seconds ? Number(values.seconds) : values.quick ? 0.75 : 4,
  profile: values.profile,
};

if (values['facade-entry']) setMainEntry(values['facade-entry']);
// A scenario abandoned at its time limit may still reject later: report it, keep going.
process.on('unhandledRejection', (err) =>
  console.error(`(ignored after its scenario ended) ${(err as Error)?.message ?? String(err)}`),
);

const started = performance.now();
const log = (msg: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}`);

// The runner is the load generator: it shares core 1 with the simulator; the façade gets core 0.
if (canPin()) {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(LOAD_CORE), String(process.pid)], { stdio: 'ignore' });
    registerOwn(process.pid, LOAD_CORE);
  } catch {
    log('could not pin the runner to core 1 (taskset failed): figures will be noisier');
  }
} else {
  log('taskset not found: processes are not pinned, figures will be noisier');
}

const host = machine();
const loadStart = loadAverage();
log(`${host.cpus} CPUs (${host.model}), Node ${host.node}; load average ${loadStart.join(' ')}`);
if (host.cpus < 2) log('fewer than 2 CPUs: the façade and the load generator will share a core');
if ((loadStart[0] ?? 0) > 0.5)
  log(`the machine is busy (load ${loadStart[0]}): other work competes with the benchmark`);

await buildAll(log);

const figures: Figure[] = [];
const timings: Array<{ name: string; ms: number; error?: string; foreignCpuShare?: number[] }> = [];
for (const scenario of selected) {
  const budget = settings.quick ? scenario.budgetMs.quick : scenario.budgetMs.full;
  const scope = new Scope();
  const controller = new AbortController();
  const ctx: ScenarioContext = {
    ...settings,
    scope,
    log: (msg) => log(`  ${scenario.name}: ${msg}`),
    signal: controller.signal,
    profileName: (suffix) => (settings.profile ? `${suffix}-${Date.now()}` : undefined),
  };
  log(`▶ ${scenario.name} — ${scenario.title} (budget ${Math.round(budget / 1000)} s)`);
  const t0 = performance.now();
  const noise = startNoiseMeter();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`time budget of ${Math.round(budget / 1000)} s exceeded`));
      }, budget);
    });
    const result = await Promise.race([scenario.run(ctx), timeout]);
    figures.push(...result);
    timings.push({ name: scenario.name, ms: performance.now() - t0 });
  } catch (err) {
    const message = (err as Error).message;
    log(`  ${scenario.name} failed: ${message}`);
    figures.push(
      failed(
        `${scenario.name}.error`,
        scenario.targets[0] ?? 0,
        `${scenario.title}: did not complete`,
        '—',
        message.split('\n')[0]!,
      ),
    );
    timings.push({ name: scenario.name, ms: performance.now() - t0, error: message });
  } finally {
    clearTimeout(timer);
    controller.abort();
    await scope.close(ctx.log);
  }
  const foreign = noise.stop().foreignShare;
  timings.at(-1)!.foreignCpuShare = foreign;
  log(
    `  ${scenario.name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s; other processes used ${foreign.map((f, i) => `${Math.round(f * 100)}% of core ${i}`).join(', ')}`,
  );
}

const durationMs = performance.now() - started;
const loadEnd = loadAverage();
figures.sort((a, b) => a.target - b.target);
console.log('');
console.log(values.markdown ? renderMarkdown(figures) : renderTable(figures));
console.log('');
for (const f of figures.filter((x) => x.note)) console.log(`  ${f.id}: ${f.note}`);
console.log(
  `\nOther processes' share of core 0 / core 1 while each scenario ran: ${timings
    .map((t) => `${t.name} ${(t.foreignCpuShare ?? []).map((f) => `${Math.round(f * 100)}%`).join('/')}`)
    .join(', ')}`,
);
const counts = figures.reduce<Record<string, number>>(
  (acc, f) => ({ ...acc, [f.verdict]: (acc[f.verdict] ?? 0) + 1 }),
  {},
);
console.log(
  `\n${Object.entries(counts)
    .map(([k, v]) => `${v} ${k}`)
    .join(
      ', ',
    )} — ${(durationMs / 1000).toFixed(1)} s in all; load average ${loadStart.join(' ')} → ${loadEnd.join(' ')}`,
);

const outName =
  values.out ??
  (wanted.length
    ? `scenario-${wanted.join('-')}${settings.quick ? '-quick' : ''}.json`
    : settings.quick
      ? 'latest-quick.json'
      : 'latest.json');
const outPath = resolve(REPO, 'bench/results', outName);
mkdirSync(resolve(REPO, 'bench/results'), { recursive: true });
writeFileSync(
  outPath,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: host,
      pinned: canPin(),
      settings,
      durationMs: Math.round(durationMs),
      loadAverage: { start: loadStart, end: loadEnd },
      scenarios: timings.map((t) => ({ ...t, ms: Math.round(t.ms) })),
      figures,
    },
    (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v),
    1,
  ) + '\n',
);
log(`wrote ${outPath}`);
// Anything still open (a stray timer in a library) must not keep the run alive.
process.exit(0);
