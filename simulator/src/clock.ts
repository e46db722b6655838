/**
 * The simulator's one clock. Simulated time runs at `scale` × real time from `startEpochMs`, plus
 * whatever `advance()` added. Every timed behaviour (async lifecycle, page uploads, registered
 * query runs, result expiry) is a timer on this clock, so a test moves an hour forward with one
 * `advance()` call instead of sleeping.
 */
export interface SimClock {
  /** Simulated epoch milliseconds. */
  now(): number;
  /** Simulated time as a Date. */
  date(): Date;
  /** Moves simulated time forward and fires, in due order, every timer that became due. */
  advance(ms: number): void;
  /** Runs `fn` once simulated time reaches now + delayMs (by real time passing or by advance). */
  setTimer(delayMs: number, fn: () => void): TimerHandle;
  clearTimer(handle: TimerHandle): void;
  /** Drops every pending timer and returns to the start time. */
  reset(): void;
  /** Drops every pending timer; the clock keeps answering now(). */
  stop(): void;
}

export interface TimerHandle {
  readonly id: number;
}

interface Timer extends TimerHandle {
  due: number;
  seq: number;
  fn: () => void;
}

export interface SimClockOptions {
  /** Real-time multiplier: 60 makes one simulated minute pass per real second; 0 freezes time so only advance() moves it. @default 1 */
  scale?: number;
  /** Simulated time at start. @default the real time at construction */
  startEpochMs?: number;
  /** Real time source, for tests of the clock itself. @default Date.now */
  realNow?: () => number;
}

export function createSimClock(options: SimClockOptions = {}): SimClock {
  const scale = options.scale ?? 1;
  if (!(scale >= 0) || !Number.isFinite(scale)) throw new RangeError('clock scale must be a non-negative number');
  const realNow = options.realNow ?? Date.now;
  const startEpochMs = options.startEpochMs ?? realNow();
  let realStart = realNow();
  let offset = 0;
  let timers: Timer[] = [];
  let nextId = 1;
  let seq = 0;
  let realTimeout: NodeJS.Timeout | undefined;
  let firing = false;

  const now = () => startEpochMs + (realNow() - realStart) * scale + offset;

  function fireDue(): void {
    if (firing) return;
    firing = true;
    try {
      for (;;) {
        const t = now();
        const next = timers[0];
        if (!next || next.due > t) break;
        timers.shift();
        next.fn();
      }
    } finally {
      firing = false;
    }
    armRealTimeout();
  }

  function armRealTimeout(): void {
    if (realTimeout) clearTimeout(realTimeout);
    realTimeout = undefined;
    const next = timers[0];
    if (!next || scale === 0) return;
    const realDelay = Math.max(0, Math.ceil((next.due - now()) / scale));
    // Node caps timeouts at 2^31-1 ms; re-arm on wake-up if the timer is further away than that.
    realTimeout = setTimeout(fireDue, Math.min(realDelay, 2 ** 31 - 1));
    realTimeout.unref();
  }

  return {
    now: () => Math.floor(now()),
    date: () => new Date(Math.floor(now())),
    advance(ms) {
      if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError('advance needs a non-negative number of ms');
      // Step through each due timer at its own due time, so a timer that schedules another
      // (initialising → queued → executing …) sees the time it was due, like fake timers do.
      const target = now() + ms;
      firing = true;
      try {
        for (;;) {
          const next = timers[0];
          if (!next || next.due > target) break;
          if (next.due > now()) offset += next.due - now();
          timers.shift();
          next.fn();
        }
        offset += Math.max(0, target - now());
      } finally {
        firing = false;
      }
      armRealTimeout();
    },
    setTimer(delayMs, fn) {
      const timer: Timer = { id: nextId++, due: now() + Math.max(0, delayMs), seq: seq++, fn };
      // Keep timers sorted by due time, ties in creation order.
      let i = timers.length;
      while (i > 0 && timers[i - 1]!.due > timer.due) i--;
      timers.splice(i, 0, timer);
      if (!firing) armRealTimeout();
      return { id: timer.id };
    },
    clearTimer(handle) {
      timers = timers.filter((t) => t.id !== handle.id);
      if (!firing) armRealTimeout();
    },
    reset() {
      timers = [];
      offset = 0;
      realStart = realNow();
      armRealTimeout();
    },
    stop() {
      timers = [];
      armRealTimeout();
    },
  };
}
