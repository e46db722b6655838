/**
 * Command parameters → SQLite bind values, converted by their SqlDbType the way ADO.NET and SQL
 * Server would: numbers as numbers, dates in the storage format, strings as they are. A value
 * that does not convert raises SQL Server's conversion error, never quoting the value.
 */
import { INTEGER_RANGES, isBase64, isGuidText } from '../../../src/lib/sql-values.js';
import { fail } from './errors.js';
import { formatCanonical, parseDateTimeText } from './functions.js';
import type { CommandParameter } from './types.js';

/** What better-sqlite3 binds: TEXT, INTEGER/REAL, BLOB or NULL. */
export type BindValue = string | number | bigint | Buffer | null;

const INTEGER = /^\s*[+-]?\d+\s*$/;
const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

const INTEGER_TYPES = INTEGER_RANGES;
const BINARY_TYPES = new Set(['binary', 'varbinary', 'image', 'timestamp']);

const DATE_TYPES = new Set(['date', 'datetime', 'datetime2', 'smalldatetime', 'datetimeoffset']);
const DECIMAL_TYPES: Readonly<Record<string, string>> = {
  decimal: 'numeric',
  float: 'float',
  real: 'real',
  money: 'money',
  smallmoney: 'smallmoney',
};

/** `@Name`, `name` → `name`: how parameters are matched (T-SQL names are case-insensitive). */
export function parameterKeyOf(name: string | undefined): string {
  return (name ?? '').trim().replace(/^@/, '').toLowerCase();
}

/**
 * A parameter's value as SQLite binds it. Int/BigInt/SmallInt/TinyInt/Bit → integers (error 8114
 * when not a number, 8115 when out of range); Decimal/Float/Real/Money → numbers; Date/DateTime/
 * DateTime2/SmallDateTime/DateTimeOffset → `YYYY-MM-DDTHH:mm:ss` (Date at midnight; error 241 when
 * not a date); Time → `HH:mm:ss`; UniqueIdentifier → the GUID without braces (error 8169 when not
 * one); Binary/VarBinary/Image/Timestamp → the bytes of the base64 text (error 8114 when it is not
 * base64: the value never reaches the database as text); everything else → the string as given.
 * `null` → NULL.
 */
export function bindValue(parameter: CommandParameter): BindValue {
  const value = parameter.value;
  if (value === null || value === undefined) return null;
  const type = (parameter.type ?? 'NVarChar').toLowerCase();
  const range = INTEGER_TYPES[type];
  if (range) {
    if (!INTEGER.test(value)) return fail({ kind: 'typeConversion', from: 'nvarchar', to: type });
    const n = BigInt(value.trim());
    if (n < range[0] || n > range[1]) return fail({ kind: 'arithmeticOverflow', to: type });
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  }
  if (type === 'bit') {
    const t = value.trim().toLowerCase();
    if (t === 'true' || t === '1') return 1;
    if (t === 'false' || t === '0') return 0;
    return fail({ kind: 'typeConversion', from: 'nvarchar', to: 'bit' });
  }
  const decimalName = DECIMAL_TYPES[type];
  if (decimalName) {
    if (!DECIMAL.test(value)) return fail({ kind: 'typeConversion', from: 'nvarchar', to: decimalName });
    return Number(value);
  }
  if (DATE_TYPES.has(type)) {
    const parts = parseDateTimeText(value) ?? fail({ kind: 'dateConversion' });
    if (type === 'date') return formatCanonical({ ...parts, hour: 0, minute: 0, second: 0, millisecond: 0 });
    if (type === 'smalldatetime')
      return parts.second >= 30 ? roundUpToMinute(parts) : formatCanonical({ ...parts, second: 0 });
    return formatCanonical(parts);
  }
  if (type === 'uniqueidentifier') {
    if (!isGuidText(value.trim())) return fail({ kind: 'guidConversion' });
    return value.trim().replace(/^\{(.*)\}$/, '$1');
  }
  if (BINARY_TYPES.has(type)) {
    if (!isBase64(value)) return fail({ kind: 'typeConversion', from: 'nvarchar', to: type });
    return Buffer.from(value, 'base64');
  }
  if (type === 'time') {
    const parts = parseDateTimeText(value) ?? fail({ kind: 'dateConversion' });
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}`;
  }
  return value;
}

/** SMALLDATETIME keeps minutes: 30 seconds or more round up. */
function roundUpToMinute(parts: { year: number; month: number; day: number; hour: number; minute: number }): string {
  const d = new Date(0);
  d.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  d.setUTCHours(parts.hour, parts.minute + 1, 0, 0);
  return d.toISOString().slice(0, 19);
}
