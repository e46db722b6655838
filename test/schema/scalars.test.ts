import { describe, expect, it } from 'vitest';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { schema } from '../../src/schema/index.js';

const scalar = (name: string) => {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLScalarType)) throw new Error(`${name} is not a scalar`);
  return type;
};
const DateTime = scalar('DateTime');
const FhirDate = scalar('FhirDate');

describe('DateTime', () => {
  it('should normalise the timestamps Halo sends to ISO instants in UTC', () => {
    expect(DateTime.serialize('2026-03-05T14:30:00.0000000+00:00')).toBe('2026-03-05T14:30:00.000Z');
    expect(DateTime.serialize('2026-03-05T14:30:00+10:00')).toBe('2026-03-05T04:30:00.000Z');
    expect(DateTime.serialize('2026-03-05T14:30:00.123')).toBe('2026-03-05T14:30:00.123Z');
  });

  it('should blame upstream, not the client, for a value it cannot represent', () => {
    expect(() => DateTime.serialize('yesterday')).toThrow(GraphQLError);
    try {
      DateTime.serialize('yesterday');
    } catch (err) {
      expect((err as GraphQLError).extensions.code).toBe('UPSTREAM_ERROR');
    }
    expect(() => DateTime.parseValue('2026-13-45')).toThrow(/cannot represent/);
  });
});

describe('FhirDate', () => {
  it('should accept the three FHIR date precisions and nothing else', () => {
    expect(['1950', '1950-03', '1950-03-07'].map((d) => FhirDate.parseValue(d))).toEqual([
      '1950',
      '1950-03',
      '1950-03-07',
    ]);
    for (const bad of ['1950-3', '1950-13', '19500', '1950-03-07T00:00:00'])
      expect(() => FhirDate.parseValue(bad)).toThrow(GraphQLError);
  });
});

describe('Date, LocalTime, LocalDateTime', () => {
  const DateScalar = scalar('Date');
  const LocalTime = scalar('LocalTime');
  const LocalDateTime = scalar('LocalDateTime');

  it('should parse only calendar values that exist, into their canonical text', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(LocalTime.parseValue('08:15')).toBe('08:15:00');
    expect(LocalDateTime.parseValue('2026-03-02T08:15')).toBe('2026-03-02T08:15:00');
    for (const [type, bad] of [
      [DateScalar, '2023-02-29'],
      [DateScalar, '2026-03-02T00:00:00'],
      [DateScalar, 20260302],
      [LocalTime, '24:00'],
      [LocalTime, 29_700],
      [LocalDateTime, '2026-03-02T08:15:00Z'],
      [LocalDateTime, '2026-03-02 08:15:00'],
    ] as const) {
      expect(() => type.parseValue(bad), String(bad)).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }),
      );
    }
    expect(() => DateScalar.parseLiteral({ kind: Kind.INT, value: '20260302' })).toThrow(GraphQLError);
  });

  it('should blame upstream for an output value it cannot represent', () => {
    expect(DateScalar.serialize('2026-03-02')).toBe('2026-03-02');
    expect(() => DateScalar.serialize('2026-03-02T08:00:00')).toThrow(
      expect.objectContaining({ extensions: { code: 'UPSTREAM_ERROR' } }),
    );
  });
});
