/**
 * `npx tsx bench/heap-summary.ts <before.heapsnapshot> <after.heapsnapshot> [--per 10000] [--top 30]`
 *
 * What a heap grew by between two V8 heap snapshots (e.g. from `node --heapsnapshot-signal=SIGUSR2`),
 * by constructor / node type: count and self size, optionally divided by a number of items (say,
 * subscribers), so the memory cost of one can be traced to the objects it holds.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export function heapByConstructor(snap: Snapshot): Map<string, { count: number; size: number }> {
  const fields = snap.snapshot.meta.node_fields;
  const stride = fields.length;
  const typeIx = fields.indexOf('type');
  const nameIx = fields.indexOf('name');
  const sizeIx = fields.indexOf('self_size');
  const types = snap.snapshot.meta.node_types[0];
  const out = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < snap.nodes.length; i += stride) {
    const type = types[snap.nodes[i + typeIx]!]!;
    const name = snap.strings[snap.nodes[i + nameIx]!] ?? '';
    const key =
      type === 'object' || type === 'closure' || type === 'native' ? `${type} ${name.slice(0, 60)}` : `(${type})`;
    const e = out.get(key) ?? { count: 0, size: 0 };
    e.count++;
    e.size += snap.nodes[i + sizeIx]!;
    out.set(key, e);
  }
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { per: { type: 'string', default: '1' }, top: { type: 'string', default: '30' } },
  });
  const [beforeFile, afterFile] = positionals;
  if (!beforeFile || !afterFile)
    throw new Error('usage: heap-summary.ts before.heapsnapshot after.heapsnapshot [--per N]');
  const per = Number(values.per);
  const before = heapByConstructor(JSON.parse(readFileSync(beforeFile, 'utf8')) as Snapshot);
  const after = heapByConstructor(JSON.parse(readFileSync(afterFile, 'utf8')) as Snapshot);
  const rows = [...after].map(([k, a]) => {
    const b = before.get(k) ?? { count: 0, size: 0 };
    return { k, count: (a.count - b.count) / per, size: (a.size - b.size) / per };
  });
  const total = rows.reduce((n, r) => n + r.size, 0);
  console.log(
    `heap grew by ${(total / 1024).toFixed(2)} KiB per item (÷ ${per}); largest contributors (objects per item, bytes per item):`,
  );
  for (const r of rows.sort((x, y) => y.size - x.size).slice(0, Number(values.top))) {
    console.log(`  ${r.size.toFixed(0).padStart(7)} B  ${r.count.toFixed(2).padStart(7)} ×  ${r.k}`);
  }
}
