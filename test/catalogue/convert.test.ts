/**
 * Named-query values (src/catalogue/convert.ts): each result column read into its declared type,
 * every value that does not fit refused, and arguments sent as Halo parameter text.
 */
import { describe, expect, it } from 'vitest';
import { COLUMN_READERS, MISMATCH, parameterText, readArgumentDefault } from '../../src/catalogue/convert.js';
import type { ScalarTypeName } from '../../src/catalogue/types.js';

/** [value from Halo's JSON, what the column becomes] per type. */
const FITS: Record<ScalarTypeName, Array<[unknown, unknown]>> = {
  String: [
    ['Smith', 'Smith'],
    ['', ''],
    ["O'Brien", "O'Brien"],
  ],
  Int: [
    [42, 42],
    [0, 0],
    [-2_147_483_648, -2_147_483_648],
    [2_147_483_647, 2_147_483_647],
  ],
  Float: [
    [82.5, 82.5],
    [3, 3],
    [-0.001, -0.001],
  ],
  Boolean: [
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ['Yes', true],
    ['No', false],
    ['yes ', true],
    ['Y', true],
    ['n', false],
    ['True', true],
    ['FALSE', false],
    ['1', true],
    ['0', false],
  ],
  Date: [
    ['1971-12-22T00:00:00', '1971-12-22'],
    ['1971-12-22', '1971-12-22'],
    ['2024-02-29T00:00:00.000', '2024-02-29'],
    ['2024-02-29 00:00', '2024-02-29'],
  ],
  LocalTime: [
    [29_700, '08:15:00'],
    [0, '00:00:00'],
    [86_399, '23:59:59'],
    ['08:15', '08:15:00'],
    ['08:15:30', '08:15:30'],
    ['08:15:30.1230000', '08:15:30.123'],
  ],
  LocalDateTime: [
    ['2026-03-02T08:15:00', '2026-03-02T08:15:00'],
    ['2026-03-02T08:15', '2026-03-02T08:15:00'],
    ['2026-03-02 08:15:00.5', '2026-03-02T08:15:00.5'],
  ],
  DateTime: [
    ['2026-03-02T08:15:00', '2026-03-02T08:15:00.000Z'],
    ['2026-03-02T08:15:00+10:00', '2026-03-01T22:15:00.000Z'],
    ['2026-03-02T08:15:00.1234567Z', '2026-03-02T08:15:00.123Z'],
  ],
};

/** Values that do not fit each type: refused, never coerced. */
const MISFITS: Record<ScalarTypeName, unknown[]> = {
  String: [42, true, {}, ['a']],
  Int: [1.5, '42', 2_147_483_648, -2_147_483_649, Number.NaN, true],
  Float: ['82.5', Number.POSITIVE_INFINITY, Number.NaN, false],
  Boolean: [2, -1, 'Maybe', '', 'yess', {}],
  Date: ['1971-12-22T08:30:00', '1971-02-30T00:00:00', '22/12/1971', '1971-12-22T00:00:00Z', 19711222, '1971'],
  LocalTime: [86_400, -1, 900.5, '24:00', '8:15', '08:60', '2026-03-02T08:15:00', true],
  LocalDateTime: ['2026-03-02', '2026-03-02T08:15:00Z', '2026-03-02T08:15:00+10:00', '2026-02-30T08:15:00', 0],
  DateTime: ['2026-03-02', 'yesterday', '2026-13-02T08:15:00', 1_700_000_000],
};

describe('COLUMN_READERS', () => {
  for (const type of Object.keys(FITS) as ScalarTypeName[]) {
    it(`should read ${type} columns from the forms a practice database answers with`, () => {
      for (const [value, expected] of FITS[type]) expect(COLUMN_READERS[type](value), String(value)).toEqual(expected);
    });

    it(`should refuse ${type} values that do not fit`, () => {
      for (const value of MISFITS[type]) expect(COLUMN_READERS[type](value), String(value)).toBe(MISMATCH);
    });
  }
});

describe('readArgumentDefault', () => {
  it("should accept only a value of the argument's type, canonically", () => {
    expect(readArgumentDefault('Int', 100)).toBe(100);
    expect(readArgumentDefault('Int', 1.5)).toBeUndefined();
    expect(readArgumentDefault('Int', '100')).toBeUndefined();
    expect(readArgumentDefault('Float', 2)).toBe(2);
    expect(readArgumentDefault('Boolean', 'true')).toBeUndefined();
    expect(readArgumentDefault('Boolean', false)).toBe(false);
    expect(readArgumentDefault('String', 'x')).toBe('x');
    expect(readArgumentDefault('Date', '2026-03-02')).toBe('2026-03-02');
    expect(readArgumentDefault('Date', '2026-03-02T00:00:00')).toBeUndefined();
    expect(readArgumentDefault('LocalTime', '08:15')).toBe('08:15:00');
    expect(readArgumentDefault('LocalDateTime', '2026-03-02T08:15')).toBe('2026-03-02T08:15:00');
    expect(readArgumentDefault('DateTime', '2026-03-02T08:15:00Z')).toBe('2026-03-02T08:15:00.000Z');
    expect(readArgumentDefault('DateTime', '2026-03-02T08:15:00')).toBeUndefined();
  });
});

describe('parameterText', () => {
  it('should send every argument as the text Halo binds by its SqlDbType, and null as SQL NULL', () => {
    expect(parameterText(5)).toBe('5');
    expect(parameterText(82.5)).toBe('82.5');
    expect(parameterText(true)).toBe('true');
    expect(parameterText(false)).toBe('false');
    expect(parameterText("O'Brien'; DROP TABLE PATIENTS --")).toBe("O'Brien'; DROP TABLE PATIENTS --");
    expect(parameterText(null)).toBeNull();
    expect(parameterText(undefined)).toBeNull();
  });
});
