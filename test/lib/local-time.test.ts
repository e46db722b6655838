import { describe, expect, it } from 'vitest';
import { readLocalDate, readLocalDateTime, readLocalTime, secondsToLocalTime } from '../../src/lib/local-time.js';

describe('local calendar values', () => {
  it('should accept only days that exist', () => {
    expect(readLocalDate('2024-02-29')).toBe('2024-02-29');
    expect(readLocalDate('2000-02-29')).toBe('2000-02-29');
    for (const bad of ['2023-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '0000-01-01', '2026-1-1'])
      expect(readLocalDate(bad), bad).toBeUndefined();
  });

  it('should read times of day to HH:mm:ss, keeping a fraction without its trailing zeros', () => {
    expect(readLocalTime('08:15')).toBe('08:15:00');
    expect(readLocalTime('23:59:59.9990000')).toBe('23:59:59.999');
    expect(readLocalTime('00:00:00.0000000')).toBe('00:00:00');
    for (const bad of ['24:00', '8:15', '08:15:60', '08:15:00.12345678', 'T08:15'])
      expect(readLocalTime(bad), bad).toBeUndefined();
  });

  it('should read date-times without a zone, and nothing with one', () => {
    expect(readLocalDateTime('2026-03-02T08:15')).toBe('2026-03-02T08:15:00');
    expect(readLocalDateTime('2026-03-02 08:15:00.100')).toBe('2026-03-02T08:15:00.1');
    for (const bad of ['2026-03-02', '2026-03-02T08:15:00Z', '2026-03-02T08:15:00+10:00', '2026-02-29T08:15:00'])
      expect(readLocalDateTime(bad), bad).toBeUndefined();
  });

  it("should turn Best Practice's seconds since midnight into a time of day", () => {
    expect(secondsToLocalTime(29_700)).toBe('08:15:00');
    expect(secondsToLocalTime(86_399)).toBe('23:59:59');
    for (const bad of [-1, 86_400, 1.5, Number.NaN]) expect(secondsToLocalTime(bad), String(bad)).toBeUndefined();
  });
});
