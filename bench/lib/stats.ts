/** Small statistics helpers: medians, percentiles, min–max, and the way figures are printed. */

export function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The q-quantile (0 ≤ q ≤ 1) by the nearest-rank method; NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = sorted(values);
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[rank]!;
}

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return NaN;
  const s = sorted(values);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** The per-round values, in round order. */
  rounds: number[];
}

export function summarise(rounds: readonly number[]): Summary {
  const finite = rounds.filter((v) => Number.isFinite(v));
  return {
    median: median(finite),
    min: finite.length ? Math.min(...finite) : NaN,
    max: finite.length ? Math.max(...finite) : NaN,
    rounds: [...rounds],
  };
}

/** A number with a sensible number of significant digits for a table. */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs === 0) return '0';
  return Number(value.toPrecision(digits)).toString();
}

/** `median (min–max)` when there are several rounds, else the value alone. */
export function fmtSummary(s: Summary, unit = '', digits = 3): string {
  const u = unit ? ` ${unit}` : '';
  if (s.rounds.length <= 1 || s.min === s.max) return `${fmt(s.median, digits)}${u}`;
  return `${fmt(s.median, digits)}${u} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}
