import { GraphQLError, Kind } from 'graphql';
import { isInstant, toInstant } from '../lib/instant.js';
import { readLocalDate, readLocalDateTime, readLocalTime } from '../lib/local-time.js';
import { builder } from './builder.js';

const FHIR_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

const inputError = (name: string) =>
  new GraphQLError(`${name} cannot represent this value`, { extensions: { code: 'BAD_USER_INPUT' } });
// An output value we cannot represent came from upstream: not the client's fault.
const outputError = (name: string) =>
  new GraphQLError(`Halo sent a ${name} this API cannot represent`, { extensions: { code: 'UPSTREAM_ERROR' } });

function stringScalar(
  name: 'DateTime' | 'FhirDate' | 'Date' | 'LocalTime' | 'LocalDateTime',
  description: string,
  valid: (s: string) => boolean,
  normalise: (s: string) => string | undefined,
  /** Input values become their canonical text too (the calendar scalars: `08:15` is `08:15:00`). */
  normaliseInput = false,
  /** Output already in this form (what named-query columns are read into) is sent as it is. */
  canonical?: RegExp,
) {
  const parse = (v: unknown): string => {
    if (typeof v !== 'string' || !valid(v)) throw inputError(name);
    return normaliseInput ? (normalise(v) ?? v) : v;
  };
  return builder.scalarType(name, {
    description,
    serialize: (v) => {
      if (canonical && typeof v === 'string' && canonical.test(v)) return v;
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

// The calendar scalars of named queries (src/catalogue/convert.ts reads result columns into them).
export const DateScalar = stringScalar(
  'Date',
  'A calendar day without a time zone, YYYY-MM-DD (e.g. 2026-03-02): a date of birth, the day of an appointment.',
  (s) => readLocalDate(s) !== undefined,
  readLocalDate,
  true,
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
);
export const LocalTime = stringScalar(
  'LocalTime',
  'A time of day at the practice, HH:mm[:ss[.fffffff]] on input and HH:mm:ss[.f…] on output (e.g. 08:15:00), without a date or zone.',
  (s) => readLocalTime(s) !== undefined,
  readLocalTime,
  true,
  /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d*[1-9])?$/,
);
export const LocalDateTime = stringScalar(
  'LocalDateTime',
  'A date and time as the practice records it, YYYY-MM-DDTHH:mm[:ss[.f…]] on input and YYYY-MM-DDTHH:mm:ss[.f…] on output (e.g. 2026-03-02T08:15:00): practice-local, with no zone, so not an instant.',
  (s) => readLocalDateTime(s) !== undefined && !s.includes(' '),
  readLocalDateTime,
  true,
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d*[1-9])?$/,
);

export const JSONScalar = builder.scalarType('JSON', {
  description: 'One decoded result row: { columnName: value }, or any JSON value.',
  serialize: (v) => v,
  parseValue: (v) => v,
});
