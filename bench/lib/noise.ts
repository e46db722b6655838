/**
 * How much of each core other work took while a scenario ran: per-core busy time from /proc/stat
 * minus the CPU time of the benchmark's own processes on that core. Other helpers running tests
 * on the same machine show up here, so a reader can tell a slow figure from a busy machine.
 */
import { readFileSync } from 'node:fs';
import { clkTck, cpuMicros } from './procfs.js';

/** Busy µs per core (user + nice + system + irq + softirq; not idle, iowait or steal). */
function coreBusyMicros(): number[] {
  try {
    const out: number[] = [];
    for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
      const m = /^cpu(\d+)\s+(.*)$/.exec(line);
      if (!m) continue;
      const f = m[2]!.split(' ').map(Number);
      out[Number(m[1])] = (((f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0)) * 1e6) / clkTck();
    }
    return out;
  } catch {
    return [];
  }
}

/** Processes of the benchmark, by pid, with the core they are pinned to. */
const own = new Map<number, { core: number; since: number }>();
export function registerOwn(pid: number, core: number): void {
  own.set(pid, { core, since: performance.now() });
}
export function unregisterOwn(pid: number): void {
  own.delete(pid);
}

export interface NoiseReport {
  /** Share of each core (0–1) used by processes that are not the benchmark's, over the interval. */
  foreignShare: number[];
  seconds: number;
}

/** Samples until stopped; `stop()` returns the foreign share of each core. */
export function startNoiseMeter(intervalMs = 250): { stop(): NoiseReport } {
  const t0 = performance.now();
  const busy0 = coreBusyMicros();
  const ownByCore: number[] = [];
  const last = new Map<number, number>();
  const sample = () => {
    for (const [pid, { core, since }] of own) {
      let now: number;
      try {
        now = cpuMicros(pid);
      } catch {
        continue; // exited since
      }
      // A process started after the meter: all of its CPU time falls in the interval.
      const prev = last.get(pid) ?? (since > t0 ? 0 : undefined);
      if (prev !== undefined) ownByCore[core] = (ownByCore[core] ?? 0) + (now - prev);
      last.set(pid, now);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      const seconds = (performance.now() - t0) / 1000;
      const busy1 = coreBusyMicros();
      const foreignShare = busy1.map((b, core) =>
        Math.max(0, (b - (busy0[core] ?? 0) - (ownByCore[core] ?? 0)) / (seconds * 1e6)),
      );
      return { foreignShare, seconds };
    },
  };
}
