/** Figures, targets, verdicts, and the table printed at the end of a run. */
import { fmt, fmtSummary, type Summary } from './stats.js';

/**
 * PASS: target met; STRETCH: stretch target met too; FAIL: missed; N/A: could not be measured
 * here (the feature is not available); INFO: context for another figure, no target of its own.
 */
export type Verdict = 'PASS' | 'STRETCH' | 'FAIL' | 'N/A' | 'INFO';

export interface Target {
  /** 'max': measured must be ≤ value; 'min': measured must be ≥ value. */
  kind: 'max' | 'min';
  value: number;
  stretch?: number;
}

export interface Figure {
  /** Stable id, e.g. `latency.p50`. */
  id: string;
  /** Target number of the issue (1–11). */
  target: number;
  figure: string;
  unit: string;
  /** The value judged: the median of per-round values (or the single measurement). */
  measured: number | null;
  summary?: Summary;
  /** Printed target, e.g. `≤ 300 µs (stretch ≤ 200)`. */
  targetText: string;
  verdict: Verdict;
  /** Anything else worth keeping in the JSON (baselines, raw counts…). */
  detail?: Record<string, unknown>;
  note?: string;
}

export function judge(value: number, t: Target): Verdict {
  if (!Number.isFinite(value)) return 'FAIL';
  const ok = (bound: number) => (t.kind === 'max' ? value <= bound : value >= bound);
  if (t.stretch !== undefined && ok(t.stretch)) return 'STRETCH';
  return ok(t.value) ? 'PASS' : 'FAIL';
}

export function targetText(t: Target, unit: string): string {
  const op = t.kind === 'max' ? '≤' : '≥';
  const u = unit ? ` ${unit}` : '';
  return `${op} ${fmt(t.value)}${u}${t.stretch !== undefined ? ` (stretch ${op} ${fmt(t.stretch)})` : ''}`;
}

/** A judged figure from per-round values (median judged) or a single value. */
export function figure(
  id: string,
  targetNo: number,
  name: string,
  unit: string,
  value: number | Summary,
  t: Target,
  extra: { detail?: Record<string, unknown>; note?: string } = {},
): Figure {
  const measured = typeof value === 'number' ? value : value.median;
  return {
    id,
    target: targetNo,
    figure: name,
    unit,
    measured: Number.isFinite(measured) ? measured : null,
    ...(typeof value === 'number' ? {} : { summary: value }),
    targetText: targetText(t, unit),
    verdict: judge(measured, t),
    ...extra,
  };
}

export function info(
  id: string,
  targetNo: number,
  name: string,
  unit: string,
  value: number | Summary,
  note?: string,
  detail?: Record<string, unknown>,
): Figure {
  const measured = typeof value === 'number' ? value : value.median;
  return {
    id,
    target: targetNo,
    figure: name,
    unit,
    measured: Number.isFinite(measured) ? measured : null,
    ...(typeof value === 'number' ? {} : { summary: value }),
    targetText: '—',
    verdict: 'INFO',
    ...(note ? { note } : {}),
    ...(detail ? { detail } : {}),
  };
}

export function unavailable(id: string, targetNo: number, name: string, targetTextValue: string, note: string): Figure {
  return {
    id,
    target: targetNo,
    figure: name,
    unit: '',
    measured: null,
    targetText: targetTextValue,
    verdict: 'N/A',
    note,
  };
}

export function failed(id: string, targetNo: number, name: string, targetTextValue: string, note: string): Figure {
  return {
    id,
    target: targetNo,
    figure: name,
    unit: '',
    measured: null,
    targetText: targetTextValue,
    verdict: 'FAIL',
    note,
  };
}

export function measuredText(f: Figure): string {
  if (f.measured === null) return f.verdict === 'N/A' ? 'not available' : 'no value';
  if (f.summary) return fmtSummary(f.summary, f.unit);
  return `${fmt(f.measured)}${f.unit ? ` ${f.unit}` : ''}`;
}

/** A plain-text table: figure | measured | target | verdict. */
export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [`${f.target}. ${f.figure}`, measuredText(f), f.targetText, f.verdict]);
  const head = ['figure', 'measured: median (min–max)', 'target', 'verdict'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

/** The same table as Markdown, for bench/README.md. */
export function renderMarkdown(figures: readonly Figure[]): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  const out = ['| # | figure | measured: median (min–max) | target | verdict |', '|---|---|---|---|---|'];
  for (const f of figures)
    out.push(`| ${f.target} | ${esc(f.figure)} | ${esc(measuredText(f))} | ${esc(f.targetText)} | ${f.verdict} |`);
  return out.join('\n');
}
