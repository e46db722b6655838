import { describe, expect, it } from 'vitest';
import { createSimClock } from '../src/clock.js';

describe('SimClock', () => {
  it('should fire due timers in order when advanced, without real time passing', () => {
    let real = 1_000;
    const clock = createSimClock({ startEpochMs: 0, realNow: () => real });
    const fired: string[] = [];
    clock.setTimer(300, () => fired.push('c'));
    clock.setTimer(100, () => fired.push('a'));
    clock.setTimer(100, () => fired.push('b'));
    clock.advance(99);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual(['a', 'b']);
    clock.advance(500);
    expect(fired).toEqual(['a', 'b', 'c']);
    expect(clock.now()).toBe(600);
    clock.stop();
    real += 0;
  });

  it('should fire timers scheduled by timers within the same advance', () => {
    const clock = createSimClock({ startEpochMs: 0, realNow: () => 0 });
    const fired: number[] = [];
    clock.setTimer(10, () => {
      fired.push(clock.now());
      clock.setTimer(10, () => fired.push(clock.now()));
    });
    clock.advance(1000);
    expect(fired).toEqual([10, 20]);
    expect(clock.now()).toBe(1000);
    clock.stop();
  });

  it('should stand still at scale 0 until advanced', () => {
    let real = 0;
    const clock = createSimClock({ startEpochMs: 0, scale: 0, realNow: () => real });
    real = 60_000;
    expect(clock.now()).toBe(0);
    clock.advance(5);
    expect(clock.now()).toBe(5);
    clock.stop();
  });

  it('should scale real time and clear timers', () => {
    let real = 0;
    const clock = createSimClock({ startEpochMs: 5_000, scale: 60, realNow: () => real });
    real = 1_000;
    expect(clock.now()).toBe(5_000 + 60_000);
    const fired: number[] = [];
    const t = clock.setTimer(10, () => fired.push(1));
    clock.clearTimer(t);
    clock.advance(100);
    expect(fired).toEqual([]);
    clock.reset();
    expect(clock.now()).toBe(5_000);
    clock.stop();
  });

  it('should reject a negative advance and a negative scale', () => {
    expect(() => createSimClock({ scale: -1 })).toThrow(RangeError);
    const clock = createSimClock();
    expect(() => clock.advance(-1)).toThrow(RangeError);
    clock.stop();
  });
});
