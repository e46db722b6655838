/**
 * `npx tsx bench/profile-summary.ts <file.cpuprofile> [--top 25] [--filter text]`
 *
 * Summarises a V8 CPU profile (from `node --cpu-prof`, or `npm run bench -- --profile`): self time
 * by function, and inclusive time by package / source file, so a miss can be traced to its cause.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  selfByFunction: Array<{ name: string; ms: number }>;
  inclusiveByArea: Array<{ area: string; ms: number }>;
  selfByArea: Array<{ area: string; ms: number }>;
}

/** Where a frame lives: `node_modules/<pkg>`, a source file of this repo, or `(node internals)`. */
function area(url: string): string {
  if (!url) return '(native / V8)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const dist = /\/(dist|src|bench)\/(.+)$/.exec(url);
  return dist ? `${dist[1]}/${dist[2]}` : url;
}

/** Stacks (leaf first, `depth` frames) of the samples whose leaf function matches `name`, by time. */
export function callersOf(
  profile: CpuProfile,
  name: string,
  depth = 8,
  top = 10,
): Array<{ stack: string; ms: number }> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stacks = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    const leaf = byId.get(id)!;
    if (!leaf.callFrame.functionName.includes(name)) continue;
    const frames: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined && frames.length < depth; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      frames.push(
        `${f.functionName || '(anonymous)'} ${f.url.startsWith('node:') ? f.url : area(f.url)}:${f.lineNumber + 1}`,
      );
    }
    const key = frames.join('\n        ← ');
    stacks.set(key, (stacks.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  return [...stacks]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([stack, us]) => ({ stack, ms: us / 1000 }));
}

/** Time of the samples with a frame whose function name is `name` anywhere on the stack. */
export function inclusiveOf(profile: CpuProfile, names: readonly string[]): Array<{ name: string; ms: number }> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totals = new Map(names.map((n) => [n, 0]));
  for (let i = 0; i < profile.samples.length; i++) {
    const seen = new Set<string>();
    for (let cur: number | undefined = profile.samples[i]!; cur !== undefined; cur = parent.get(cur)) {
      const fn = byId.get(cur)!.callFrame.functionName;
      if (totals.has(fn)) seen.add(fn);
    }
    for (const n of seen) totals.set(n, totals.get(n)! + (profile.timeDeltas[i] ?? 0));
  }
  return names.map((name) => ({ name, ms: totals.get(name)! / 1000 }));
}

export function summariseProfile(profile: CpuProfile, top = 25, filter?: string): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  let total = 0;
  let idle = 0;
  const selfByFunction = new Map<string, number>();
  const inclusiveByArea = new Map<string, number>();
  const selfByArea = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    total += us;
    const fn = node.callFrame.functionName || '(anonymous)';
    if (fn === '(idle)' || fn === '(program)' || fn === '(garbage collector)') {
      if (fn === '(idle)') idle += us;
      selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + us);
      continue;
    }
    selfByArea.set(area(node.callFrame.url), (selfByArea.get(area(node.callFrame.url)) ?? 0) + us);
    const key = `${fn} ${area(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
    if (!filter || key.includes(filter)) selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + us);
    // Inclusive by area: count the sample once for every distinct area on its stack.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const a = area(byId.get(cur)!.callFrame.url);
      if (a === '(native / V8)' && cur !== id) continue;
      if (!seen.has(a)) {
        seen.add(a);
        inclusiveByArea.set(a, (inclusiveByArea.get(a) ?? 0) + us);
      }
    }
  }
  const sortTop = <K extends string>(m: Map<string, number>, k: K) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ [k]: name, ms: us / 1000 }) as Record<K, string> & { ms: number });
  return {
    totalMs: total / 1000,
    idleMs: idle / 1000,
    selfByFunction: sortTop(selfByFunction, 'name'),
    inclusiveByArea: sortTop(inclusiveByArea, 'area'),
    selfByArea: sortTop(selfByArea, 'area'),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      top: { type: 'string', default: '25' },
      filter: { type: 'string' },
      callers: { type: 'string' },
      depth: { type: 'string', default: '8' },
      inclusive: { type: 'string' },
    },
  });
  for (const file of positionals) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    if (values.inclusive) {
      const s = summariseProfile(profile, 1);
      const busy = s.totalMs - s.idleMs;
      console.log(`${file}: busy ${busy.toFixed(0)} ms; time with the function on the stack:`);
      for (const r of inclusiveOf(profile, values.inclusive.split(',')))
        console.log(`  ${r.ms.toFixed(1).padStart(9)} ms ${((r.ms / busy) * 100).toFixed(1).padStart(5)}%  ${r.name}`);
      continue;
    }
    if (values.callers) {
      console.log(`${file}: stacks ending in ${values.callers}`);
      for (const c of callersOf(profile, values.callers, Number(values.depth), Number(values.top)))
        console.log(`  ${c.ms.toFixed(1).padStart(8)} ms  ${c.stack}`);
      continue;
    }
    const s = summariseProfile(profile, Number(values.top), values.filter);
    const busy = s.totalMs - s.idleMs;
    console.log(`${file}\n  sampled ${s.totalMs.toFixed(0)} ms, busy ${busy.toFixed(0)} ms\n  self time by function:`);
    for (const f of s.selfByFunction)
      console.log(`    ${f.ms.toFixed(1).padStart(9)} ms ${((f.ms / busy) * 100).toFixed(1).padStart(5)}%  ${f.name}`);
    console.log('  self time by package / file:');
    for (const a of s.selfByArea)
      console.log(`    ${a.ms.toFixed(1).padStart(9)} ms ${((a.ms / busy) * 100).toFixed(1).padStart(5)}%  ${a.area}`);
    console.log('  inclusive time by package / file (a sample counts once for each on its stack):');
    for (const a of s.inclusiveByArea)
      console.log(`    ${a.ms.toFixed(1).padStart(9)} ms ${((a.ms / busy) * 100).toFixed(1).padStart(5)}%  ${a.area}`);
  }
}
