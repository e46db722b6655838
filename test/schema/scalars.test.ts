import { describe, expect, it } from 'vitest';
import { GraphQLError, GraphQLScalarType } from 'graphql';
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
