/**
 * Values between GraphQL and Halo for named queries, by declared type: arguments become Halo
 * command parameters (text values with a SqlDbType), and each result column is read into its
 * declared type. A column value that does not fit its type is refused, never coerced into
 * something else: `readColumn` returns `MISMATCH`.
 *
 * | type | argument: SqlDbType, value sent | column: accepted from the result |
 * |---|---|---|
 * | String | NVarChar, as given | a string |
 * | Int | Int, decimal digits | an integer between -2³¹ and 2³¹-1 |
 * | Float | Float, the number's text | a finite number |
 * | Boolean | Bit, `true`/`false` | true/false, 1/0, and the texts Yes/No, Y/N, True/False, 1/0 (any case) |
 * | Date | Date, `YYYY-MM-DD` | `YYYY-MM-DD`, or SQL Server's datetime text at midnight (`YYYY-MM-DDT00:00:00`) |
 * | LocalTime | Time, `HH:mm:ss` | `HH:mm[:ss[.f]]`, or whole seconds since midnight (0–86399, as Best Practice stores times) |
 * | LocalDateTime | DateTime2, `YYYY-MM-DDTHH:mm:ss` | SQL Server's datetime text without a zone |
 * | DateTime | DateTimeOffset, ISO instant | an ISO date-time; one without a zone is UTC (as every Halo timestamp) |
 */
import { isInstant, toInstant } from '../lib/instant.js';
import { readLocalDate, readLocalDateTime, readLocalTime, secondsToLocalTime } from '../lib/local-time.js';
import type { SqlDbTypeName } from '../lib/sql-values.js';
import type { ScalarTypeName } from './types.js';

/** The SqlDbTypes an entry may name for an argument (`sqlType`): the scalar ones of SQL_DB_TYPES (src/lib/sql-values.ts). */
export const SQL_TYPES = [
  'BigInt',
  'Bit',
  'Char',
  'Date',
  'DateTime',
  'DateTime2',
  'DateTimeOffset',
  'Decimal',
  'Float',
  'Int',
  'Money',
  'NChar',
  'NVarChar',
  'Real',
  'SmallDateTime',
  'SmallInt',
  'SmallMoney',
  'Time',
  'TinyInt',
  'UniqueIdentifier',
  'VarChar',
] as const satisfies readonly SqlDbTypeName[];

/** The SqlDbType each declared type is sent as, unless the entry names one (`sqlType`). */
export const DEFAULT_SQL_TYPES: Readonly<Record<ScalarTypeName, (typeof SQL_TYPES)[number]>> = {
  String: 'NVarChar',
  Int: 'Int',
  Float: 'Float',
  Boolean: 'Bit',
  Date: 'Date',
  LocalTime: 'Time',
  LocalDateTime: 'DateTime2',
  DateTime: 'DateTimeOffset',
};

const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;

/** A value read from an argument or default: the canonical value of `type`, or undefined when it is not one. */
export function readArgumentDefault(type: ScalarTypeName, value: unknown): string | number | boolean | undefined {
  switch (type) {
    case 'String':
      return typeof value === 'string' ? value : undefined;
    case 'Int':
      return typeof value === 'number' && Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX
        ? value
        : undefined;
    case 'Float':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'Boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'Date':
      return typeof value === 'string' ? readLocalDate(value) : undefined;
    case 'LocalTime':
      return typeof value === 'string' ? readLocalTime(value) : undefined;
    case 'LocalDateTime':
      return typeof value === 'string' ? readLocalDateTime(value) : undefined;
    case 'DateTime':
      return typeof value === 'string' && isInstant(value) ? toInstant(value) : undefined;
  }
}

/**
 * An argument's value as the text of a Halo command parameter (GraphQL has already parsed it into
 * its type's canonical form). `null` stays null: SQL NULL.
 */
export function parameterText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** Returned by `readColumn` for a value that does not fit the column's type. */
export const MISMATCH: unique symbol = Symbol('column type mismatch');

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);
/** SQL Server's datetime text at midnight (the time part optional), or a plain date. */
const MIDNIGHT = /^(\d{4}-\d{2}-\d{2})(?:[T ]00:00(?::00(?:\.0{1,7})?)?)?$/;

/** Readers of a non-null result value into each type; `MISMATCH` when it does not fit. */
export const COLUMN_READERS: Readonly<Record<ScalarTypeName, (value: unknown) => unknown>> = {
  String: (v) => (typeof v === 'string' ? v : MISMATCH),
  Int: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= INT_MIN && v <= INT_MAX ? v : MISMATCH),
  Float: (v) => (typeof v === 'number' && Number.isFinite(v) ? v : MISMATCH),
  Boolean: (v) => {
    if (typeof v === 'boolean') return v;
    if (v === 1 || v === 0) return v === 1;
    if (typeof v === 'string') {
      const t = v.trim().toLowerCase();
      if (YES.has(t)) return true;
      if (NO.has(t)) return false;
    }
    return MISMATCH;
  },
  Date: (v) => {
    if (typeof v !== 'string') return MISMATCH;
    const m = MIDNIGHT.exec(v);
    return (m && readLocalDate(m[1]!)) ?? MISMATCH;
  },
  LocalTime: (v) => {
    if (typeof v === 'number') return secondsToLocalTime(v) ?? MISMATCH;
    return typeof v === 'string' ? (readLocalTime(v) ?? MISMATCH) : MISMATCH;
  },
  LocalDateTime: (v) => (typeof v === 'string' ? (readLocalDateTime(v) ?? MISMATCH) : MISMATCH),
  DateTime: (v) => (typeof v === 'string' ? (toInstant(v) ?? MISMATCH) : MISMATCH),
};
