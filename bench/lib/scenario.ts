/** What a scenario is and what it is given. */
import type { Figure } from './report.js';
import type { Scope } from './scope.js';

export interface RunSettings {
  quick: boolean;
  /** Alternating rounds of [baseline, façade]. */
  rounds: number;
  /** Seconds of load per measured interval. */
  seconds: number;
  /** Write CPU profiles of the façade (`--cpu-prof`) to bench/results/profiles/. */
  profile: boolean;
}

export interface ScenarioContext extends RunSettings {
  scope: Scope;
  log(msg: string): void;
  /** Aborted when the scenario's time budget is spent; long loops should check it. */
  signal: AbortSignal;
  /** A profile name for this scenario's façade when profiling, else undefined. */
  profileName(suffix: string): string | undefined;
}

export interface Scenario {
  name: string;
  title: string;
  /** Issue targets this scenario measures. */
  targets: number[];
  /** Upper bound on the scenario's wall time (ms) in quick and full runs; it is stopped after. */
  budgetMs: { quick: number; full: number };
  run(ctx: ScenarioContext): Promise<Figure[]>;
}

/**
 * Seconds of load that bring a fresh process's hot paths to optimised code before anything is
 * measured: a new façade spends ~3× the CPU per operation in its first thousand requests and
 * settles after about 5,000 (see README). Quick runs warm up less and read high.
 */
export const warmSeconds = (ctx: RunSettings): number => (ctx.quick ? 2 : 6);

/** Alternates baseline and façade measurements for `rounds` rounds (baseline first in each). */
export async function alternate<B, F>(
  ctx: ScenarioContext,
  baseline: (round: number) => Promise<B>,
  facade: (round: number) => Promise<F>,
): Promise<Array<{ baseline: B; facade: F }>> {
  const out: Array<{ baseline: B; facade: F }> = [];
  for (let round = 0; round < ctx.rounds; round++) {
    if (ctx.signal.aborted) break;
    const b = await baseline(round);
    const f = await facade(round);
    out.push({ baseline: b, facade: f });
  }
  return out;
}
