/** Prometheus exposition text, parsed for assertions. */
export interface Scrape {
  text: string;
  /** The sample `name` with exactly these labels (0 when absent). */
  value(name: string, labels?: Record<string, string>): number;
  /** Sum over every sample of `name` whose labels include these. */
  sum(name: string, labels?: Record<string, string>): number;
  /** Every label value of every sample. */
  labelValues(): string[];
  /** The label sets of every sample of `name`. */
  labels(name: string): Array<Record<string, string>>;
}

export function parseMetrics(text: string): Scrape {
  const samples: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`unparsable metrics line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[k!] = v!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  const includes = (have: Record<string, string>, want: Record<string, string>) =>
    Object.entries(want).every(([k, v]) => have[k] === v);
  return {
    text,
    value(name, labels = {}) {
      const hit = samples.find(
        (s) =>
          s.name === name && Object.keys(s.labels).length === Object.keys(labels).length && includes(s.labels, labels),
      );
      return hit?.value ?? 0;
    },
    sum(name, labels = {}) {
      return samples.filter((s) => s.name === name && includes(s.labels, labels)).reduce((a, s) => a + s.value, 0);
    },
    labelValues: () => samples.flatMap((s) => Object.values(s.labels)),
    labels: (name) => samples.filter((s) => s.name === name).map((s) => s.labels),
  };
}
