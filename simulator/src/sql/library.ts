/**
 * The rest of SQL Server's built-in library as SQLite user functions (`tsql_*`, installed with the
 * others by `registerTsqlFunctions` in ./functions.ts): TRY_ conversions, PARSE, DATALENGTH, LIKE
 * patterns, the date constructors and DATETRUNC, the string functions SQLite lacks, JSON, and the
 * statistical aggregates. Failures are SQL Server's (./errors.ts), never quoting a value.
 */
import type Database from 'better-sqlite3';
import { TsqlError, fail } from './errors.js';
import {
  type DateTimeParts,
  asText,
  convertDate,
  convertDateTime,
  convertSmallDateTime,
  convertTime,
  dayNumber,
  formatCanonical,
  integral,
  normaliseDatePart,
  parseDateTimeText,
  toBit,
  toDateTime,
  toDecimal,
  toInteger,
  validParts,
} from './functions.js';

/** Runs a conversion, answering NULL where it would fail with a conversion error (the TRY_ functions). */
function attempt<T>(convert: () => T): T | null {
  try {
    return convert();
  } catch (e) {
    if (e instanceof TsqlError) return null;
    throw e;
  }
}

const GUID = /^\s*\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?\s*$/i;

/** CAST(x AS uniqueidentifier). */
export function toGuid(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = asText(value)!;
  if (!GUID.test(s)) return fail({ kind: 'guidConversion' });
  return s
    .trim()
    .replace(/^\{|\}$/g, '')
    .toUpperCase();
}

const FIXED_LENGTHS: Readonly<Record<string, number>> = {
  bit: 1,
  tinyint: 1,
  smallint: 2,
  int: 4,
  bigint: 8,
  decimal: 9,
  money: 8,
  float: 8,
  date: 3,
  time: 5,
  datetime: 8,
  uniqueidentifier: 16,
};

/** DATALENGTH: bytes of the value in its SQL Server type (nvarchar: two per UTF-16 unit; varchar: one per character). */
export function dataLength(value: unknown, type: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.length;
  const t = String(type);
  const fixed = FIXED_LENGTHS[t];
  if (fixed !== undefined) return fixed;
  if (typeof value === 'number' || typeof value === 'bigint') {
    return Number.isInteger(Number(value)) ? (Math.abs(Number(value)) > 2_147_483_647 ? 8 : 4) : 8;
  }
  const s = String(value);
  return t === 'nvarchar' || t === 'nchar' ? s.length * 2 : s.length;
}

// --- LIKE ---------------------------------------------------------------------------------------

const likeCache = new Map<string, RegExp>();

function regexEscape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** A T-SQL LIKE pattern (`%`, `_`, `[a-c]`, `[^x]`, an ESCAPE character) as an anchored, case-insensitive RegExp. */
export function likeRegex(pattern: string, escape: string | null): RegExp {
  const key = `${escape ?? ''}\u0000${pattern}`;
  let re = likeCache.get(key);
  if (re) return re;
  let out = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escape !== null && c === escape) {
      const next = chars[++i];
      out += next === undefined ? '' : regexEscape(next);
    } else if (c === '%') out += '[\\s\\S]*';
    else if (c === '_') out += '[\\s\\S]';
    else if (c === '[') {
      const close = chars.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = chars.slice(i + 1, close);
      let negate = false;
      if (body[0] === '^') {
        negate = true;
        body = body.slice(1);
      }
      let cls = '';
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && body[k + 2] !== undefined) {
          cls += `${regexEscape(body[k]!)}-${regexEscape(body[k + 2]!)}`;
          k += 2;
        } else cls += regexEscape(body[k]!);
      }
      out += `[${negate ? '^' : ''}${cls}]`;
      i = close;
    } else out += regexEscape(c);
  }
  re = new RegExp(`^${out}$`, 'iu');
  if (likeCache.size > 500) likeCache.clear();
  likeCache.set(key, re);
  return re;
}

export function tsqlLike(value: unknown, pattern: unknown, escape: unknown): number | null {
  if (value === null || value === undefined || pattern === null || pattern === undefined) return null;
  const e = escape === null || escape === undefined ? null : String(escape);
  return likeRegex(String(pattern), e === '' ? null : e).test(asText(value)!) ? 1 : 0;
}

/** PATINDEX('%pattern%', x): 1-based position of the first match, 0 when none. */
export function patIndex(pattern: unknown, value: unknown): number | null {
  if (value === null || value === undefined || pattern === null || pattern === undefined) return null;
  const p = String(pattern);
  const s = asText(value)!;
  const inner = likeRegex(p.replace(/^%/, '').replace(/%$/, ''), null).source.slice(1, -1);
  const anchoredStart = !p.startsWith('%');
  const anchoredEnd = !p.endsWith('%');
  const re = new RegExp(`${anchoredStart ? '^' : ''}(${inner})${anchoredEnd ? '$' : ''}`, 'iu');
  const m = re.exec(s);
  return m ? m.index + 1 : 0;
}

// --- Dates --------------------------------------------------------------------------------------

/** DATEFROMPARTS / DATETIMEFROMPARTS / SMALLDATETIMEFROMPARTS / DATETIME2FROMPARTS (NULL if any part is NULL). */
export function fromParts(parts: readonly unknown[], type: string): string | null {
  if (parts.some((p) => p === null || p === undefined)) return null;
  const [year, month, day, hour, minute, second, millisecond] = parts.map((p) => Math.trunc(Number(p)));
  const p: DateTimeParts = {
    year: year!,
    month: month!,
    day: day!,
    hour: hour!,
    minute: minute!,
    second: second!,
    millisecond: millisecond!,
  };
  if (!validParts(p) || p.millisecond < 0 || p.millisecond > 999) return fail({ kind: 'constructDate', type });
  return formatCanonical(p);
}

/** DATETRUNC(part, d): the start of the part's period (weeks start on Sunday, ISO weeks on Monday). */
export function dateTrunc(part: unknown, value: unknown): string | null {
  const p = toDateTime(value);
  if (p === null) return null;
  const unit =
    normaliseDatePart(String(part)) ?? fail({ kind: 'invalidDatepart', fn: 'datetrunc', part: String(part) });
  const midnight = { ...p, hour: 0, minute: 0, second: 0, millisecond: 0 };
  const fromDays = (days: number): DateTimeParts => {
    const d = new Date(days * 86_400_000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
    };
  };
  switch (unit) {
    case 'year':
      return formatCanonical({ ...midnight, month: 1, day: 1 });
    case 'quarter':
      return formatCanonical({ ...midnight, month: Math.floor((p.month - 1) / 3) * 3 + 1, day: 1 });
    case 'month':
      return formatCanonical({ ...midnight, day: 1 });
    case 'dayofyear':
    case 'day':
    case 'weekday':
      return formatCanonical(midnight);
    case 'week': {
      const days = dayNumber(p);
      const sunday = days - ((((days + 4) % 7) + 7) % 7);
      return formatCanonical(fromDays(sunday));
    }
    case 'iso_week': {
      const days = dayNumber(p);
      return formatCanonical(fromDays(days - ((((days + 3) % 7) + 7) % 7)));
    }
    case 'hour':
      return formatCanonical({ ...p, minute: 0, second: 0, millisecond: 0 });
    case 'minute':
      return formatCanonical({ ...p, second: 0, millisecond: 0 });
    default:
      return formatCanonical({ ...p, millisecond: 0 });
  }
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase();
  const i = MONTH_NAMES.findIndex((m) => m === w || (w.length >= 3 && m.startsWith(w)));
  return i < 0 ? undefined : i + 1;
}

/** A date in a culture's reading: ISO forms, `d/m/y` (month first for en-US), and month names. */
function parseCultureDate(text: string, culture: string): DateTimeParts | undefined {
  const iso = parseDateTimeText(text);
  if (iso) return iso;
  const s = text.trim().replace(/^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+/i, '');
  const time = (
    rest: string | undefined,
  ): Pick<DateTimeParts, 'hour' | 'minute' | 'second' | 'millisecond'> | undefined => {
    if (!rest) return { hour: 0, minute: 0, second: 0, millisecond: 0 };
    const t = parseDateTimeText(rest.trim());
    return t && t.year === 1900
      ? { hour: t.hour, minute: t.minute, second: t.second, millisecond: t.millisecond }
      : undefined;
  };
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s+(.+))?$/.exec(s);
  if (m) {
    const monthFirst = culture.toLowerCase() === 'en-us';
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = m[3]!.length === 2 ? 2000 + Number(m[3]) - (Number(m[3]) >= 50 ? 100 : 0) : Number(m[3]);
    const t = time(m[4]);
    if (!t) return undefined;
    const p = { year: y, month: monthFirst ? a : b, day: monthFirst ? b : a, ...t };
    return validParts(p) ? p : undefined;
  }
  m = /^(\d{1,2})\s+([a-z]+),?\s+(\d{4})(?:\s+(.+))?$/i.exec(s) ?? null;
  const named = m
    ? { day: Number(m[1]), month: monthNumber(m[2]!), year: Number(m[3]), rest: m[4] }
    : ((n) => (n ? { day: Number(n[2]), month: monthNumber(n[1]!), year: Number(n[3]), rest: n[4] } : undefined))(
        /^([a-z]+)\s+(\d{1,2}),?\s+(\d{4})(?:\s+(.+))?$/i.exec(s),
      );
  if (!named || named.month === undefined) return undefined;
  const t = time(named.rest);
  if (!t) return undefined;
  const p = { year: named.year, month: named.month, day: named.day, ...t };
  return validParts(p) ? p : undefined;
}

/** PARSE / TRY_PARSE(x AS type USING culture): numbers (with group separators and a currency sign) and dates. */
export function tsqlParse(value: unknown, type: unknown, culture: unknown, tryMode: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  const t = String(type);
  const c = culture === null || culture === undefined ? 'en-AU' : String(culture);
  const s = asText(value)!.trim();
  const failed = (): null => (tryMode === 1 ? null : fail({ kind: 'parseConversion', to: t }));
  if (t === 'date' || t === 'datetime' || t === 'time') {
    const p = parseCultureDate(s, c);
    if (!p) return failed();
    if (t === 'date') return formatCanonical({ ...p, hour: 0, minute: 0, second: 0, millisecond: 0 });
    if (t === 'time') return convertTime(formatCanonical(p));
    return formatCanonical(p);
  }
  const cleaned = s.replace(/^\((.*)\)$/, '-$1').replace(/[$,\s]/g, '');
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(cleaned)) return failed();
  const n = Number(cleaned);
  if (t === 'bit' || t === 'tinyint' || t === 'smallint' || t === 'int' || t === 'bigint') {
    if (!Number.isInteger(n)) return failed();
    return attempt(() => toInteger(n, t)) ?? failed();
  }
  return n;
}

// --- Strings ------------------------------------------------------------------------------------

/** REPLACE under a case-insensitive collation: every match of `find`, whatever its case. */
export function tsqlReplace(value: unknown, find: unknown, replacement: unknown): string | null {
  const s = asText(value);
  const f = asText(find);
  const r = asText(replacement);
  if (s === null || f === null || r === null) return null;
  if (f === '') return s;
  return s.replace(new RegExp(regexEscape(f), 'giu'), () => r);
}

export function quoteName(value: unknown, quote: unknown): string | null {
  const s = asText(value);
  if (s === null || s.length > 128) return null;
  const q = quote === null || quote === undefined ? '[' : String(quote);
  if (q === '[' || q === ']') return `[${s.replace(/\]/g, ']]')}]`;
  if (q === '"') return `"${s.replace(/"/g, '""')}"`;
  if (q === "'") return `'${s.replace(/'/g, "''")}'`;
  if (q === '(' || q === ')') return `(${s})`;
  if (q === '<' || q === '>') return `<${s}>`;
  if (q === '{' || q === '}') return `{${s}}`;
  if (q === '`') return `\`${s}\``;
  return null;
}

const SOUNDEX_CODES: Readonly<Record<string, string>> = {
  B: '1',
  F: '1',
  P: '1',
  V: '1',
  C: '2',
  G: '2',
  J: '2',
  K: '2',
  Q: '2',
  S: '2',
  X: '2',
  Z: '2',
  D: '3',
  T: '3',
  L: '4',
  M: '5',
  N: '5',
  R: '6',
};

/** SOUNDEX: the letter and three digits (H and W do not separate equal codes). */
export function soundex(value: unknown): string | null {
  const s = asText(value);
  if (s === null) return null;
  const letters = s.toUpperCase().replace(/[^A-Z]/g, '');
  if (!letters) return '0000';
  let out = letters[0]!;
  let last = SOUNDEX_CODES[out] ?? '';
  for (const ch of letters.slice(1)) {
    const code = SOUNDEX_CODES[ch] ?? '';
    if (ch === 'H' || ch === 'W') continue;
    if (code && code !== last) out += code;
    last = code;
    if (out.length === 4) break;
  }
  return out.padEnd(4, '0');
}

export function difference(a: unknown, b: unknown): number | null {
  const x = soundex(a);
  const y = soundex(b);
  if (x === null || y === null) return null;
  let n = 0;
  for (let i = 0; i < 4; i++) if (x[i] === y[i]) n++;
  return n;
}

/** STR(x[, length = 10[, decimals = 0]]): right-justified, rounded; `*`s when it does not fit. */
export function strNumber(value: unknown, length: unknown, decimals: unknown): string | null {
  if (value === null || value === undefined) return null;
  const len = length === null || length === undefined ? 10 : Math.trunc(Number(length));
  const dec = Math.min(decimals === null || decimals === undefined ? 0 : Math.trunc(Number(decimals)), 16);
  const n = Number(value);
  let s = n.toFixed(Math.max(dec, 0));
  if (s.length > len) {
    const whole = n.toFixed(0);
    if (whole.length > len) return '*'.repeat(len);
    s = n.toFixed(Math.max(len - whole.length - 1, 0));
  }
  return s.padStart(len, ' ');
}

export function translateChars(value: unknown, from: unknown, to: unknown): string | null {
  const s = asText(value);
  const f = asText(from);
  const t = asText(to);
  if (s === null || f === null || t === null) return null;
  const fc = [...f];
  const tc = [...t];
  if (fc.length !== tc.length) return fail({ kind: 'translateLengths' });
  return [...s].map((ch) => (fc.includes(ch) ? tc[fc.indexOf(ch)]! : ch)).join('');
}

export function stringEscape(value: unknown, type: unknown): string | null {
  const s = asText(value);
  if (s === null) return null;
  if (String(type).toLowerCase() !== 'json')
    return fail({ kind: 'unsupported', feature: 'STRING_ESCAPE other than json' });
  return JSON.stringify(s).slice(1, -1).replace(/\//g, '\\/');
}

// --- JSON ---------------------------------------------------------------------------------------

function parseJson(value: unknown): unknown {
  const s = asText(value);
  if (s === null) return undefined;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

/** A JSON path (`$.a.b[0]`, `$."a b"`, with `lax`/`strict`) applied to a value; undefined when it leads nowhere. */
function jsonAt(doc: unknown, path: unknown): unknown {
  if (path === null || path === undefined) return undefined;
  let p = String(path)
    .trim()
    .replace(/^(lax|strict)\s+/i, '');
  if (!p.startsWith('$')) return undefined;
  p = p.slice(1);
  let cur: unknown = doc;
  const step = /^(?:\.(?:"((?:[^"\\]|\\.)*)"|([^.[\s]+))|\[(\d+)\])/;
  while (p.length) {
    const m = step.exec(p);
    if (!m) return undefined;
    p = p.slice(m[0].length);
    if (m[3] !== undefined) cur = Array.isArray(cur) ? cur[Number(m[3])] : undefined;
    else {
      const key = m[1] !== undefined ? (JSON.parse(`"${m[1]}"`) as string) : m[2]!;
      cur =
        cur !== null && typeof cur === 'object' && !Array.isArray(cur)
          ? (cur as Record<string, unknown>)[key]
          : undefined;
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}

export function jsonValue(value: unknown, path: unknown): string | null {
  const v = jsonAt(parseJson(value), path);
  if (v === undefined || v === null || typeof v === 'object') return null;
  return String(v);
}

export function jsonQuery(value: unknown, path: unknown): string | null {
  const v = jsonAt(parseJson(value), path ?? '$');
  return v !== null && typeof v === 'object' ? JSON.stringify(v) : null;
}

export function isJson(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const v = parseJson(value);
  return v !== null && typeof v === 'object' ? 1 : 0;
}

// --- Registration -------------------------------------------------------------------------------

interface Moments {
  n: number;
  mean: number;
  m2: number;
}

function variance(acc: Moments, sample: boolean): number | null {
  if (acc.n === 0 || (sample && acc.n < 2)) return null;
  return acc.m2 / (sample ? acc.n - 1 : acc.n);
}

/** Installs this module's user functions on `db` (called by `registerTsqlFunctions`). */
export function registerLibrary(db: Database.Database, det: { deterministic: true }): void {
  db.function('tsql_try_int', det, (x: unknown, type: unknown, source: unknown) =>
    integral(attempt(() => toInteger(x, String(type), String(source)))),
  );
  db.function('tsql_try_num', det, (x: unknown, scale: unknown, type: unknown, source: unknown) =>
    attempt(() => toDecimal(x, scale, String(type), String(source))),
  );
  db.function('tsql_try_bit', det, (x: unknown) => attempt(() => toBit(x)));
  db.function('tsql_try_date', det, (x: unknown, style: unknown) => attempt(() => convertDate(x, style)));
  db.function('tsql_try_datetime', det, (x: unknown, style: unknown) => attempt(() => convertDateTime(x, style)));
  db.function('tsql_try_smalldatetime', det, (x: unknown) => attempt(() => convertSmallDateTime(x)));
  db.function('tsql_try_time', det, (x: unknown) => attempt(() => convertTime(x)));
  db.function('tsql_guid', det, (x: unknown) => toGuid(x));
  db.function('tsql_try_guid', det, (x: unknown) => attempt(() => toGuid(x)));
  db.function('tsql_parse', det, (x: unknown, type: unknown, culture: unknown, tryMode: unknown) => {
    const v = tsqlParse(x, type, culture, tryMode);
    return /int$/.test(String(type)) ? integral(v) : v;
  });
  db.function('tsql_datalength', det, (x: unknown, type: unknown) => integral(dataLength(x, type)));
  db.function('tsql_like', det, (x: unknown, p: unknown, e: unknown) => tsqlLike(x, p, e));
  db.function('tsql_patindex', det, (p: unknown, x: unknown) => integral(patIndex(p, x)));
  db.function('tsql_divide_by_zero', det, () => fail({ kind: 'divideByZero' }));
  db.function(
    'tsql_fromparts',
    det,
    (y: unknown, m: unknown, d: unknown, h: unknown, mi: unknown, s: unknown, ms: unknown, type: unknown) =>
      fromParts([y, m, d, h, mi, s, ms], String(type)),
  );
  db.function('tsql_datetrunc', det, (part: unknown, d: unknown) => dateTrunc(part, d));
  const extreme =
    (pick: (a: number | string, b: number | string) => boolean) =>
    (...args: unknown[]): unknown => {
      let best: number | string | null = null;
      for (const a of args) {
        if (a === null || a === undefined) continue;
        const v = typeof a === 'bigint' ? Number(a) : (a as number | string);
        if (best === null || pick(v, best)) best = v;
      }
      return best;
    };
  db.function(
    'tsql_greatest',
    { ...det, varargs: true },
    extreme((a, b) => a > b),
  );
  db.function(
    'tsql_least',
    { ...det, varargs: true },
    extreme((a, b) => a < b),
  );
  db.function('tsql_replace', det, (x: unknown, f: unknown, r: unknown) => tsqlReplace(x, f, r));
  db.function('tsql_quotename', det, (x: unknown, q: unknown) => quoteName(x, q));
  db.function('tsql_soundex', det, (x: unknown) => soundex(x));
  db.function('tsql_difference', det, (a: unknown, b: unknown) => integral(difference(a, b)));
  db.function('tsql_strnum', det, (x: unknown, l: unknown, d: unknown) => strNumber(x, l, d));
  db.function('tsql_translate', det, (x: unknown, f: unknown, t: unknown) => translateChars(x, f, t));
  db.function('tsql_string_escape', det, (x: unknown, t: unknown) => stringEscape(x, t));
  db.function('tsql_isjson', det, (x: unknown) => integral(isJson(x)));
  db.function('tsql_json_value', det, (x: unknown, p: unknown) => jsonValue(x, p));
  db.function('tsql_json_query', det, (x: unknown, p: unknown) => jsonQuery(x, p));
  const moments = (sample: boolean, root: boolean) => ({
    start: (): Moments => ({ n: 0, mean: 0, m2: 0 }),
    step: (acc: Moments, value: unknown): Moments => {
      if (value === null || value === undefined) return acc;
      const x = Number(value);
      acc.n++;
      const delta = x - acc.mean;
      acc.mean += delta / acc.n;
      acc.m2 += delta * (x - acc.mean);
      return acc;
    },
    result: (acc: Moments): number | null => {
      const v = variance(acc, sample);
      return v === null ? null : root ? Math.sqrt(v) : v;
    },
  });
  db.aggregate('tsql_stdev', moments(true, true));
  db.aggregate('tsql_stdevp', moments(false, true));
  db.aggregate('tsql_var', moments(true, false));
  db.aggregate('tsql_varp', moments(false, false));
}
