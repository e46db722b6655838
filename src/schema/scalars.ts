import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const FHIR_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

function stringScalar(name: string, description: string, valid: (s: string) => boolean) {
  const check = (v: unknown): string => {
    if (typeof v !== 'string' || !valid(v)) {
      throw new GraphQLError(`${name} cannot represent this value`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return v;
  };
  return builder.scalarType(name as 'DateTime' | 'FhirDate', {
    description,
    serialize: (v) => check(v),
    parseValue: (v) => check(v),
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string`, { extensions: { code: 'BAD_USER_INPUT' } });
      return check(ast.value);
    },
  });
}

export const DateTime = stringScalar('DateTime', 'An ISO 8601 instant, e.g. 2026-03-05T14:30:00.000Z.', (s) => ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s)));
export const FhirDate = stringScalar('FhirDate', 'A FHIR date: YYYY, YYYY-MM or YYYY-MM-DD.', (s) => FHIR_DATE.test(s));

export const JSONScalar = builder.scalarType('JSON', {
  description: 'One decoded result row: { columnName: value }, or any JSON value.',
  serialize: (v) => v,
  parseValue: (v) => v,
});
