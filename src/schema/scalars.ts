import { GraphQLError, Kind } from 'graphql';
import { isInstant, toInstant } from '../lib/instant.js';
import { builder } from './builder.js';

const FHIR_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

const inputError = (name: string) =>
  new GraphQLError(`${name} cannot represent this value`, { extensions: { code: 'BAD_USER_INPUT' } });
// An output value we cannot represent came from upstream: not the client's fault.
const outputError = (name: string) =>
  new GraphQLError(`Halo sent a ${name} this API cannot represent`, { extensions: { code: 'UPSTREAM_ERROR' } });

function stringScalar(
  name: 'DateTime' | 'FhirDate',
  description: string,
  valid: (s: string) => boolean,
  normalise: (s: string) => string | undefined,
) {
  const parse = (v: unknown): string => {
    if (typeof v !== 'string' || !valid(v)) throw inputError(name);
    return v;
  };
  return builder.scalarType(name, {
    description,
    serialize: (v) => {
      const out = typeof v === 'string' ? normalise(v) : undefined;
      if (out === undefined) throw outputError(name);
      return out;
    },
    parseValue: parse,
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) throw inputError(name);
      return parse(ast.value);
    },
  });
}

export const DateTime = stringScalar(
  'DateTime',
  'An ISO 8601 instant, e.g. 2026-03-05T14:30:00.000Z.',
  isInstant,
  // Output is always ISO with Z; a Halo timestamp without a zone is UTC.
  toInstant,
);
export const FhirDate = stringScalar(
  'FhirDate',
  'A FHIR date: YYYY, YYYY-MM or YYYY-MM-DD.',
  (s) => FHIR_DATE.test(s),
  (s) => (FHIR_DATE.test(s) ? s : undefined),
);

export const JSONScalar = builder.scalarType('JSON', {
  description: 'One decoded result row: { columnName: value }, or any JSON value.',
  serialize: (v) => v,
  parseValue: (v) => v,
});
