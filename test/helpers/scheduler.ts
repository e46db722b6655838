import type { Scheduler, SchedulerTimer } from '../../src/subscriptions/scheduler.js';

/** A scheduler whose time moves only when the test says so (poll intervals without sleeping). */
export interface ManualScheduler extends Scheduler {
  /** Moves time forward by `ms`, firing every timer that becomes due, in due order. */
  advance(ms: number): void;
  /** Moves time to the earliest timer and fires it; returns how far time moved, or undefined when none is pending. */
  tick(): number | undefined;
  /** Time until the earliest pending timer, or undefined. */
  nextDelay(): number | undefined;
  /** Timers pending. */
  pending(): number;
}

interface Timer extends SchedulerTimer {
  due: number;
  seq: number;
  fn: () => void;
}

export function createManualScheduler(): ManualScheduler {
  let now = 0;
  let seq = 0;
  let timers: Timer[] = [];
  const fire = (t: Timer) => {
    timers = timers.filter((x) => x !== t);
    now = Math.max(now, t.due);
    t.fn();
  };
  const earliest = () =>
    timers.reduce<Timer | undefined>(
      (a, t) => (!a || t.due < a.due || (t.due === a.due && t.seq < a.seq) ? t : a),
      undefined,
    );
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const t: Timer = { due: now + Math.max(0, ms), seq: seq++, fn };
      timers.push(t);
      return t;
    },
    clearTimeout(timer) {
      timers = timers.filter((t) => t !== timer);
    },
    advance(ms) {
      const target = now + ms;
      for (let t = earliest(); t && t.due <= target; t = earliest()) fire(t);
      now = target;
    },
    tick() {
      const t = earliest();
      if (!t) return undefined;
      const moved = t.due - now;
      fire(t);
      return moved;
    },
    nextDelay() {
      const t = earliest();
      return t ? t.due - now : undefined;
    },
    pending: () => timers.length,
  };
}
