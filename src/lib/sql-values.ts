/**
 * The text forms a typed SQL command parameter value may take (Halo sends every input value as a
 * string; Halo Link converts it to the parameter's SqlDbType before SQL Server sees it). Shared by
 * the façade, which refuses a value that cannot convert before anything is sent, and the simulator,
 * which refuses it the way SQL Server would.
 */
import { GUID_PATTERN } from './guid.js';

/** The SqlDbType names Halo accepts for command parameters (names as .NET spells them). */
export const SQL_DB_TYPES = [
  'BigInt',
  'Binary',
  'Bit',
  'Char',
  'String',
  'Date',
  'DateTime',
  'DateTime2',
  'DateTimeOffset',
  'Decimal',
  'Float',
  'Image',
  'Int',
  'Money',
  'NChar',
  'NText',
  'NVarChar',
  'Real',
  'SmallDateTime',
  'SmallInt',
  'SmallMoney',
  'Structured',
  'Text',
  'Time',
  'Timestamp',
  'TinyInt',
  'Udt',
  'UniqueIdentifier',
  'VarBinary',
  'VarChar',
  'Variant',
  'Xml',
] as const;
export type SqlDbTypeName = (typeof SQL_DB_TYPES)[number];

const INTEGER = /^\s*[+-]?\d+\s*$/;
const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?)?$/;
const DATE_TIME_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(Z|[+-](\d{2}):(\d{2}))?)?$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?$/;

/** The integer SqlDbTypes and their ranges. */
export const INTEGER_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  tinyint: [0n, 255n],
  smallint: [-32_768n, 32_767n],
  int: [-2_147_483_648n, 2_147_483_647n],
  bigint: [-(2n ** 63n), 2n ** 63n - 1n],
};

const DECIMAL_TYPES = new Set(['decimal', 'float', 'real', 'money', 'smallmoney']);
const BINARY_TYPES = new Set(['binary', 'varbinary', 'image', 'timestamp']);

/** True for canonical, padded base64 (the empty string included: no bytes). */
export const isBase64 = (value: string): boolean => BASE64.test(value);

/** True for a GUID in its 8-4-4-4-12 form, optionally in braces, as .NET reads one. */
export const isGuidText = (value: string): boolean => GUID_PATTERN.test(value.replace(/^\{(.*)\}$/, '$1'));

function realDate(year: string, month: string, day: string): boolean {
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  if (y < 1) return false;
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const realTime = (h: string | undefined, mi: string | undefined, s: string | undefined): boolean =>
  (h === undefined || Number(h) < 24) && (mi === undefined || Number(mi) < 60) && (s === undefined || Number(s) < 60);

/**
 * What the value of a parameter of SqlDbType `type` must look like, when `value` does not; undefined
 * when it converts (or the type takes any text: strings, XML, variants). The answer describes the
 * expected form only: it never quotes the value.
 *
 * | SqlDbType | text form |
 * |---|---|
 * | TinyInt, SmallInt, Int, BigInt | a whole number in the type's range |
 * | Bit | `true`, `false`, `1` or `0` |
 * | Decimal, Float, Real, Money, SmallMoney | a decimal number (`-12.5`, `1e3`) |
 * | Date | `YYYY-MM-DD` |
 * | DateTime, DateTime2, SmallDateTime | `YYYY-MM-DD`, optionally `THH:mm[:ss[.fffffff]]`, no zone |
 * | DateTimeOffset | the same, optionally with `Z` or `±HH:mm` |
 * | Time | `HH:mm[:ss[.fffffff]]` |
 * | UniqueIdentifier | a GUID (8-4-4-4-12 hex, optionally in braces) |
 * | Binary, VarBinary, Image, Timestamp | base64 |
 */
export function expectedParameterForm(type: string, value: string): string | undefined {
  const t = type.toLowerCase();
  const range = INTEGER_RANGES[t];
  if (range) {
    const ok = INTEGER.test(value) && BigInt(value.trim()) >= range[0] && BigInt(value.trim()) <= range[1];
    return ok ? undefined : `a whole number from ${range[0]} to ${range[1]}`;
  }
  if (t === 'bit') return /^\s*(?:true|false|1|0)\s*$/i.test(value) ? undefined : 'true, false, 1 or 0';
  if (DECIMAL_TYPES.has(t)) return DECIMAL.test(value) && Number.isFinite(Number(value)) ? undefined : 'a number';
  if (t === 'date') {
    const m = DATE.exec(value);
    return m && realDate(m[1]!, m[2]!, m[3]!) ? undefined : 'a date (YYYY-MM-DD)';
  }
  if (t === 'datetime' || t === 'datetime2' || t === 'smalldatetime') {
    const m = DATE_TIME.exec(value);
    return m && realDate(m[1]!, m[2]!, m[3]!) && realTime(m[4], m[5], m[6])
      ? undefined
      : 'a date and time without a zone (YYYY-MM-DD or YYYY-MM-DDTHH:mm[:ss[.fffffff]])';
  }
  if (t === 'datetimeoffset') {
    const m = DATE_TIME_ZONE.exec(value);
    return m && realDate(m[1]!, m[2]!, m[3]!) && realTime(m[4], m[5], m[6]) && realTime(m[8], m[9], undefined)
      ? undefined
      : 'a date and time (YYYY-MM-DDTHH:mm[:ss[.fffffff]], optionally with Z or ±HH:mm)';
  }
  if (t === 'time') {
    const m = TIME.exec(value);
    return m && realTime(m[1], m[2], m[3]) ? undefined : 'a time of day (HH:mm[:ss[.fffffff]])';
  }
  if (t === 'uniqueidentifier') return isGuidText(value) ? undefined : 'a GUID';
  if (BINARY_TYPES.has(t)) return isBase64(value) ? undefined : 'base64';
  return undefined;
}
