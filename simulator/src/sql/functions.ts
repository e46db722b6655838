/**
 * T-SQL semantics the translated SQL calls into: date arithmetic, conversions and the string
 * functions whose SQLite namesakes behave differently. The pure helpers are exported for the
 * procedures and the parameter binder; `registerTsqlFunctions` installs them as SQLite user
 * functions (named `tsql_*`) on a site database.
 *
 * Storage conventions (shared with src/simulator/db): datetimes and dates are TEXT
 * `YYYY-MM-DDTHH:mm:ss` (dates at `T00:00:00`), times are INTEGER seconds, booleans 0/1. Every
 * function here accepts that format (and the other ISO forms SQL Server reads unambiguously) and
 * produces it.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { fail } from './errors.js';
import { registerLibrary } from './library.js';

// =============================================================================================
// Date and time values
// =============================================================================================

/** A wall-clock date and time with no zone, as SQL Server's datetime holds it. */
export interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Milliseconds since 1970-01-01T00:00:00 of the wall-clock value (no zone involved). */
export function toSerial(p: DateTimeParts): number {
  return (
    daysFromCivil(p.year, p.month, p.day) * MS_PER_DAY +
    ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 +
    p.millisecond
  );
}

export function fromSerial(ms: number): DateTimeParts {
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  return { year, month, day, hour, minute, second, millisecond: rest - second * 1000 };
}

export function validParts(p: DateTimeParts): boolean {
  return (
    p.year >= 1 &&
    p.year <= 9999 &&
    p.month >= 1 &&
    p.month <= 12 &&
    p.day >= 1 &&
    p.day <= daysInMonth(p.year, p.month) &&
    p.hour >= 0 &&
    p.hour < 24 &&
    p.minute >= 0 &&
    p.minute < 60 &&
    p.second >= 0 &&
    p.second < 60
  );
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number): string => String(n).padStart(3, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

/** `YYYY-MM-DDTHH:mm:ss`, the storage format (fractions of a second are dropped). */
export function formatCanonical(p: DateTimeParts): string {
  return `${pad4(p.year)}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const ISO_DATE_TIME =
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*([AaPp][Mm])?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;
const COMPACT_DATE_TIME = /^(\d{4})(\d{2})(\d{2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?$/;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*([AaPp][Mm])?$/;

function timeFrom(
  h?: string,
  mi?: string,
  s?: string,
  frac?: string,
  ampm?: string,
): Omit<DateTimeParts, 'year' | 'month' | 'day'> | undefined {
  let hour = h === undefined ? 0 : Number(h);
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = ampm.toUpperCase() === 'PM';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return {
    hour,
    minute: mi === undefined ? 0 : Number(mi),
    second: s === undefined ? 0 : Number(s),
    millisecond: frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0')),
  };
}

/**
 * Reads the date/time strings SQL Server converts without a style and regardless of DATEFORMAT:
 * `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD`, each with an optional ` HH:mm[:ss[.fffffff]]` or
 * `THH:mm…` time (and AM/PM, and a zone offset, which is dropped), and a bare time (on
 * 1900-01-01). Returns undefined when the text is none of these or not a real date.
 */
export function parseDateTimeText(input: string): DateTimeParts | undefined {
  const s = input.trim();
  let parts: DateTimeParts | undefined;
  if (CANONICAL.test(s)) {
    parts = {
      year: Number(s.slice(0, 4)),
      month: Number(s.slice(5, 7)),
      day: Number(s.slice(8, 10)),
      hour: Number(s.slice(11, 13)),
      minute: Number(s.slice(14, 16)),
      second: Number(s.slice(17, 19)),
      millisecond: 0,
    };
  } else {
    let m = ISO_DATE_TIME.exec(s);
    if (m) {
      const time = timeFrom(m[5], m[6], m[7], m[8], m[9]);
      if (time) parts = { year: Number(m[1]), month: Number(m[3]), day: Number(m[4]), ...time };
    } else if ((m = COMPACT_DATE_TIME.exec(s))) {
      const time = timeFrom(m[4], m[5], m[6], m[7]);
      if (time) parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), ...time };
    } else if ((m = TIME_ONLY.exec(s))) {
      const time = timeFrom(m[1], m[2], m[3], m[4], m[5]);
      if (time) parts = { year: 1900, month: 1, day: 1, ...time };
    }
  }
  return parts && validParts(parts) ? parts : undefined;
}

const DMY_OR_MDY =
  /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*([AaPp][Mm])?)?$/;

/** Two-digit years follow SQL Server's default cutoff: 00–49 → 20xx, 50–99 → 19xx. */
function fullYear(text: string): number {
  const y = Number(text);
  return text.length > 2 ? y : y < 50 ? 2000 + y : 1900 + y;
}

/** Reads a string with a CONVERT style (101 mdy, 103/104/105 dmy, 110 mdy, 111/112 ymd, ISO styles). */
export function parseDateTimeWithStyle(input: string, style: number): DateTimeParts | undefined {
  const base = style % 100;
  const s = input.trim();
  if ([1, 3, 4, 5, 10].includes(base) && style !== 23) {
    const m = DMY_OR_MDY.exec(s);
    if (!m) return parseDateTimeText(s);
    const dayFirst = base !== 1 && base !== 10;
    const time = timeFrom(m[5], m[6], m[7], m[8], m[9]);
    if (!time) return undefined;
    const a = Number(m[1]);
    const b = Number(m[3]);
    const parts = { year: fullYear(m[4]!), month: dayFirst ? b : a, day: dayFirst ? a : b, ...time };
    return validParts(parts) ? parts : undefined;
  }
  return parseDateTimeText(s);
}

/**
 * A SQL value as a datetime, the way SQL Server converts it implicitly: NULL stays NULL, strings are
 * parsed (failure → error 241), numbers count days from 1900-01-01.
 */
export function toDateTime(value: unknown): DateTimeParts | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const parts = parseDateTimeText(value);
    if (!parts) fail({ kind: 'dateConversion' });
    return parts;
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    const days = Number(value);
    return fromSerial(daysFromCivil(1900, 1, 1) * MS_PER_DAY + Math.round(days * MS_PER_DAY));
  }
  return fail({ kind: 'dateConversion' });
}

/** A value as the storage format, or NULL (error 241 when it is not a date). */
export function toCanonicalDateTime(value: unknown): string | null {
  const p = toDateTime(value);
  return p === null ? null : formatCanonical(p);
}

/** A value as a date at midnight in the storage format, or NULL (error 241 when it is not a date). */
export function toCanonicalDate(value: unknown): string | null {
  const p = toDateTime(value);
  return p === null ? null : formatCanonical({ ...p, hour: 0, minute: 0, second: 0, millisecond: 0 });
}

const STRICT_ISO_LITERAL = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)?$/;

/**
 * When a value compared with a column is unmistakably an ISO date (`YYYY-MM-DD[ HH:mm[:ss]]`),
 * its storage form; anything else unchanged. This stands in for SQL Server converting a string
 * to the datetime column's type, since SQLite compares the TEXT as it is.
 */
export function normaliseComparand<T>(value: T): T | string {
  if (typeof value === 'string' && STRICT_ISO_LITERAL.test(value)) {
    const p = parseDateTimeText(value);
    if (p) return formatCanonical(p);
  }
  return value;
}

// --- Date parts -----------------------------------------------------------------------------

export type DatePart =
  | 'year'
  | 'quarter'
  | 'month'
  | 'dayofyear'
  | 'day'
  | 'week'
  | 'weekday'
  | 'hour'
  | 'minute'
  | 'second'
  | 'millisecond'
  | 'microsecond'
  | 'nanosecond'
  | 'iso_week';

const DATE_PART_NAMES: Readonly<Record<string, DatePart>> = {
  year: 'year',
  yy: 'year',
  yyyy: 'year',
  quarter: 'quarter',
  qq: 'quarter',
  q: 'quarter',
  month: 'month',
  mm: 'month',
  m: 'month',
  dayofyear: 'dayofyear',
  dy: 'dayofyear',
  y: 'dayofyear',
  day: 'day',
  dd: 'day',
  d: 'day',
  week: 'week',
  wk: 'week',
  ww: 'week',
  weekday: 'weekday',
  dw: 'weekday',
  w: 'weekday',
  hour: 'hour',
  hh: 'hour',
  minute: 'minute',
  mi: 'minute',
  n: 'minute',
  second: 'second',
  ss: 'second',
  s: 'second',
  millisecond: 'millisecond',
  ms: 'millisecond',
  microsecond: 'microsecond',
  mcs: 'microsecond',
  nanosecond: 'nanosecond',
  ns: 'nanosecond',
  iso_week: 'iso_week',
  isowk: 'iso_week',
  isoww: 'iso_week',
};

/** The datepart a T-SQL keyword (`day`, `dd`, `yyyy`, …) names, case-insensitively. */
export function normaliseDatePart(word: string): DatePart | undefined {
  return DATE_PART_NAMES[word.toLowerCase()];
}

function addMonths(p: DateTimeParts, months: number): DateTimeParts {
  const total = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return { ...p, year, month, day: Math.min(p.day, daysInMonth(year, month)) };
}

const PART_MS: Partial<Record<DatePart, number>> = {
  dayofyear: MS_PER_DAY,
  day: MS_PER_DAY,
  weekday: MS_PER_DAY,
  week: 7 * MS_PER_DAY,
  hour: 3_600_000,
  minute: 60_000,
  second: 1000,
  millisecond: 1,
  microsecond: 0.001,
  nanosecond: 0.000001,
};

/** DATEADD: `number` is truncated to an integer as SQL Server does; months clamp to the month's end. */
export function dateAdd(part: DatePart, number: unknown, value: unknown): string | null {
  if (number === null || number === undefined) return null;
  const p = toDateTime(value);
  if (p === null) return null;
  const n = Math.trunc(Number(number));
  if (!Number.isFinite(n)) return fail({ kind: 'valueConversion', from: 'varchar', to: 'int' });
  let result: DateTimeParts;
  if (part === 'year') result = addMonths(p, n * 12);
  else if (part === 'quarter') result = addMonths(p, n * 3);
  else if (part === 'month') result = addMonths(p, n);
  else {
    const unit = PART_MS[part];
    if (unit === undefined) return fail({ kind: 'invalidDatepart', fn: 'dateadd', part });
    result = fromSerial(toSerial(p) + Math.trunc(n * unit));
  }
  if (result.year < 1 || result.year > 9999) return fail({ kind: 'dateOutOfRange' });
  return formatCanonical(result);
}

/** Days since 1970-01-01 of the value's date. */
export function dayNumber(p: DateTimeParts): number {
  return daysFromCivil(p.year, p.month, p.day);
}

/** Week boundaries for DATEDIFF(week): weeks start on Sunday whatever DATEFIRST says. */
function sundayWeekIndex(days: number): number {
  return Math.floor((days + 4) / 7);
}

/** DATEDIFF: the number of `part` boundaries crossed from `start` to `end` (not elapsed whole units). */
export function dateDiff(part: DatePart, start: unknown, end: unknown): number | null {
  const a = toDateTime(start);
  const b = toDateTime(end);
  if (a === null || b === null) return null;
  switch (part) {
    case 'year':
      return b.year - a.year;
    case 'quarter':
      return b.year * 4 + Math.floor((b.month - 1) / 3) - (a.year * 4 + Math.floor((a.month - 1) / 3));
    case 'month':
      return b.year * 12 + b.month - (a.year * 12 + a.month);
    case 'dayofyear':
    case 'day':
    case 'weekday':
      return dayNumber(b) - dayNumber(a);
    case 'week':
      return sundayWeekIndex(dayNumber(b)) - sundayWeekIndex(dayNumber(a));
    case 'hour':
      return Math.floor(toSerial(b) / 3_600_000) - Math.floor(toSerial(a) / 3_600_000);
    case 'minute':
      return Math.floor(toSerial(b) / 60_000) - Math.floor(toSerial(a) / 60_000);
    case 'second':
      return Math.floor(toSerial(b) / 1000) - Math.floor(toSerial(a) / 1000);
    case 'millisecond':
      return toSerial(b) - toSerial(a);
    case 'microsecond':
      return (toSerial(b) - toSerial(a)) * 1000;
    case 'nanosecond':
      return (toSerial(b) - toSerial(a)) * 1_000_000;
    case 'iso_week':
      return fail({ kind: 'invalidDatepart', fn: 'datediff', part });
  }
}

function isoWeek(p: DateTimeParts): number {
  const days = dayNumber(p);
  const isoDow = (((days + 3) % 7) + 7) % 7; // 0 = Monday
  const thursday = days - isoDow + 3;
  const { year } = civilFromDays(thursday);
  return Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
}

/** DATEPART (and YEAR/MONTH/DAY). Weekday numbering follows DATEFIRST 7 (us_english): Sunday = 1. */
export function datePart(part: DatePart, value: unknown): number | null {
  const p = toDateTime(value);
  if (p === null) return null;
  switch (part) {
    case 'year':
      return p.year;
    case 'quarter':
      return Math.floor((p.month - 1) / 3) + 1;
    case 'month':
      return p.month;
    case 'dayofyear':
      return dayNumber(p) - daysFromCivil(p.year, 1, 1) + 1;
    case 'day':
      return p.day;
    case 'week':
      return sundayWeekIndex(dayNumber(p)) - sundayWeekIndex(daysFromCivil(p.year, 1, 1)) + 1;
    case 'weekday':
      return ((((dayNumber(p) + 4) % 7) + 7) % 7) + 1;
    case 'hour':
      return p.hour;
    case 'minute':
      return p.minute;
    case 'second':
      return p.second;
    case 'millisecond':
      return p.millisecond;
    case 'microsecond':
      return p.millisecond * 1000;
    case 'nanosecond':
      return p.millisecond * 1_000_000;
    case 'iso_week':
      return isoWeek(p);
  }
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** DATENAME: month and weekday names in us_english, the number as text for other parts. */
export function dateName(part: DatePart, value: unknown): string | null {
  const n = datePart(part, value);
  if (n === null) return null;
  if (part === 'month') return MONTHS[n - 1] ?? null;
  if (part === 'weekday') return WEEKDAYS[n - 1] ?? null;
  return String(n);
}

/** EOMONTH(date[, months]): the last day of the month, at midnight. */
export function endOfMonth(value: unknown, months: unknown): string | null {
  const p = toDateTime(value);
  if (p === null) return null;
  const shifted = addMonths({ ...p, day: 1 }, months === null || months === undefined ? 0 : Math.trunc(Number(months)));
  return formatCanonical({
    ...shifted,
    day: daysInMonth(shifted.year, shifted.month),
    hour: 0,
    minute: 0,
    second: 0,
    millisecond: 0,
  });
}

// --- Formatting (CONVERT styles, FORMAT) -----------------------------------------------------

const MON = MONTHS.map((m) => m.slice(0, 3));

function hour12(h: number): { h: number; ampm: string } {
  return { h: h % 12 === 0 ? 12 : h % 12, ampm: h < 12 ? 'AM' : 'PM' };
}

/**
 * A datetime rendered with a CONVERT style number (0/100, 1/101 … 14/114, 20/120, 21/121, 23, 126,
 * 127). Unknown styles raise error 281.
 */
export function formatDateTimeStyle(p: DateTimeParts, style: number): string {
  const yyyy = pad4(p.year);
  const yy = pad2(p.year % 100);
  const y = style >= 100 ? yyyy : yy;
  const mm = pad2(p.month);
  const dd = pad2(p.day);
  const time = `${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
  const { h, ampm } = hour12(p.hour);
  const mon = MON[p.month - 1] ?? '';
  switch (style) {
    case 0:
    case 100:
      return `${mon} ${String(p.day).padStart(2, ' ')} ${yyyy} ${String(h).padStart(2, ' ')}:${pad2(p.minute)}${ampm}`;
    case 1:
    case 101:
      return `${mm}/${dd}/${y}`;
    case 2:
    case 102:
      return `${y}.${mm}.${dd}`;
    case 3:
    case 103:
      return `${dd}/${mm}/${y}`;
    case 4:
    case 104:
      return `${dd}.${mm}.${y}`;
    case 5:
    case 105:
      return `${dd}-${mm}-${y}`;
    case 6:
    case 106:
      return `${dd} ${mon} ${y}`;
    case 7:
    case 107:
      return `${mon} ${dd}, ${y}`;
    case 8:
    case 24:
    case 108:
      return time;
    case 9:
    case 109:
      return `${mon} ${String(p.day).padStart(2, ' ')} ${yyyy} ${String(h).padStart(2, ' ')}:${pad2(p.minute)}:${pad2(p.second)}:${pad3(p.millisecond)}${ampm}`;
    case 10:
    case 110:
      return `${mm}-${dd}-${y}`;
    case 11:
    case 111:
      return `${y}/${mm}/${dd}`;
    case 12:
    case 112:
      return `${y}${mm}${dd}`;
    case 13:
    case 113:
      return `${dd} ${mon} ${yyyy} ${time}:${pad3(p.millisecond)}`;
    case 14:
    case 114:
      return `${time}:${pad3(p.millisecond)}`;
    case 20:
    case 120:
      return `${yyyy}-${mm}-${dd} ${time}`;
    case 21:
    case 25:
    case 121:
      return `${yyyy}-${mm}-${dd} ${time}.${pad3(p.millisecond)}`;
    case 22:
      return `${mm}/${dd}/${yy} ${String(h).padStart(2, ' ')}:${pad2(p.minute)}:${pad2(p.second)} ${ampm}`;
    case 23:
      return `${yyyy}-${mm}-${dd}`;
    case 126:
    case 127:
      return `${yyyy}-${mm}-${dd}T${time}${p.millisecond ? `.${pad3(p.millisecond)}` : ''}`;
    default:
      return fail({ kind: 'invalidStyle' });
  }
}

/**
 * CONVERT/CAST to a character type. Datetimes (strings in the storage format, or anything with a
 * date style) are rendered with `style` (default 0, as SQL Server renders a datetime); other values
 * become their text. The result is cut to `length` (NULL = max) and, for CHAR, padded to it.
 */
export function convertToString(value: unknown, style: unknown, length: unknown, fixed: unknown): string | null {
  if (value === null || value === undefined) return null;
  let s: string;
  if (typeof value === 'string') {
    const asDate =
      style !== null && style !== undefined
        ? parseDateTimeText(value)
        : CANONICAL.test(value)
          ? parseDateTimeText(value)
          : undefined;
    s = asDate ? formatDateTimeStyle(asDate, style === null || style === undefined ? 0 : Number(style)) : value;
  } else if (Buffer.isBuffer(value)) {
    s = value.toString('utf8');
  } else {
    s = String(value);
  }
  if (typeof length === 'number') {
    if (s.length > length) s = s.slice(0, length);
    else if (fixed === 1 && s.length < length) s = s.padEnd(length, ' ');
  }
  return s;
}

/** FORMAT(value, format) for dates with .NET custom format strings (yyyy, MM, dd, HH, mm, …). */
export function formatDotNet(value: unknown, format: unknown): string | null {
  if (value === null || value === undefined || format === null || format === undefined) return null;
  const p = typeof value === 'string' ? parseDateTimeText(value) : undefined;
  if (!p) return String(value);
  const { h, ampm } = hour12(p.hour);
  const tokens: Record<string, string> = {
    yyyy: pad4(p.year),
    yy: pad2(p.year % 100),
    MMMM: MONTHS[p.month - 1] ?? '',
    MMM: MON[p.month - 1] ?? '',
    MM: pad2(p.month),
    M: String(p.month),
    dddd: WEEKDAYS[(datePart('weekday', value) ?? 1) - 1] ?? '',
    ddd: (WEEKDAYS[(datePart('weekday', value) ?? 1) - 1] ?? '').slice(0, 3),
    dd: pad2(p.day),
    d: String(p.day),
    HH: pad2(p.hour),
    H: String(p.hour),
    hh: pad2(h),
    h: String(h),
    mm: pad2(p.minute),
    m: String(p.minute),
    ss: pad2(p.second),
    s: String(p.second),
    tt: ampm,
    fff: pad3(p.millisecond),
  };
  return String(format).replace(
    /yyyy|yy|MMMM|MMM|MM|M|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|tt|fff/g,
    (t) => tokens[t] ?? t,
  );
}

// --- The simulated clock --------------------------------------------------------------------

/** The zone GETDATE() reads the clock in: Bp Premier runs on a practice server in Australia. */
export const PRACTICE_TIME_ZONE = 'Australia/Sydney';

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** An instant as the wall-clock storage format in `timeZone` (an IANA name, or 'UTC'). */
export function formatInstant(instant: Date, timeZone: string): string {
  if (timeZone === 'UTC') return instant.toISOString().slice(0, 19);
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(instant)) parts[part.type] = part.value;
  return `${(parts['year'] ?? '').padStart(4, '0')}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}`;
}

// =============================================================================================
// Numbers and other conversions
// =============================================================================================

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const DECIMAL_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  tinyint: [0, 255],
  smallint: [-32_768, 32_767],
  int: [-2_147_483_648, 2_147_483_647],
  bigint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/**
 * CAST(x AS int|bigint|smallint|tinyint): strings must be whole numbers ('' is 0), numbers truncate.
 * `source` names the string's type in the error (245), as SQL Server does.
 */
export function toInteger(value: unknown, typeName: string, source = 'varchar'): number | null {
  if (value === null || value === undefined) return null;
  let n: number;
  if (typeof value === 'number' || typeof value === 'bigint') n = Math.trunc(Number(value));
  else if (typeof value === 'string') {
    if (value.trim() === '') n = 0;
    else if (INTEGER_TEXT.test(value)) {
      n = Number(value);
      const [min, max] = INTEGER_RANGES[typeName] ?? INTEGER_RANGES['int']!;
      if (n < min || n > max) return fail({ kind: 'valueOverflow', from: source, to: typeName });
    } else return fail({ kind: 'valueConversion', from: source, to: typeName });
  } else return fail({ kind: 'valueConversion', from: 'varbinary', to: typeName });
  const [min, max] = INTEGER_RANGES[typeName] ?? INTEGER_RANGES['int']!;
  if (n < min || n > max) return fail({ kind: 'arithmeticOverflow', to: typeName });
  return n;
}

/**
 * A value compared with (or unioned with) a number, converted as SQL Server converts it implicitly:
 * numbers as they are, strings to the number's type (245 for an integer type, 8114 otherwise).
 */
export function toNumberImplicit(value: unknown, target: string, source: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (INTEGER_RANGES[target] || target === 'bit') return toInteger(value, target === 'bit' ? 'int' : target, source);
  return toDecimal(value, null, target === 'decimal' ? 'numeric' : target, source);
}

/**
 * Rounds half away from zero (or truncates) to `digits` decimal places (negative: left of the point).
 * The shift goes through the decimal exponent, so 2.345 → 2.35 as in SQL Server's decimal arithmetic.
 */
function roundDecimal(n: number, digits: number, mode: 'round' | 'truncate' = 'round'): number {
  if (!Number.isFinite(n)) return n;
  const shift = (x: number, by: number): number => {
    const [mantissa, exponent] = String(x).split('e');
    return Number(`${mantissa}e${Number(exponent ?? 0) + by}`);
  };
  const shifted = shift(Math.abs(n), digits);
  const whole = mode === 'truncate' ? Math.trunc(shifted) : Math.round(shifted);
  return Math.sign(n) * shift(whole, -digits);
}

/** CAST(x AS decimal(p,s)|numeric|float|real|money): strict number syntax, rounded to `scale`. */
export function toDecimal(value: unknown, scale: unknown, typeName: string, source = 'varchar'): number | null {
  if (value === null || value === undefined) return null;
  let n: number;
  if (typeof value === 'number' || typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string' && DECIMAL_TEXT.test(value)) n = Number(value);
  else if (typeof value === 'string' && value.trim() === '' && (typeName === 'float' || typeName === 'real')) n = 0;
  else return fail({ kind: 'typeConversion', from: source, to: typeName });
  return typeof scale === 'number' ? roundDecimal(n, scale) : n;
}

/**
 * ROUND(x, length[, function]): half away from zero; a negative length rounds left of the point;
 * a non-zero `function` truncates instead.
 */
export function tsqlRound(value: unknown, length: unknown, truncate: unknown): number | null {
  if (value === null || value === undefined || length === null || length === undefined) return null;
  const mode = truncate !== null && truncate !== undefined && Number(truncate) !== 0 ? 'truncate' : 'round';
  return roundDecimal(Number(value), Math.trunc(Number(length)), mode);
}

/** CAST(x AS bit): 'true'/'false', or any number (non-zero → 1). */
export function toBit(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value) !== 0 ? 1 : 0;
  if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (t === 'true') return 1;
    if (t === 'false') return 0;
    if (DECIMAL_TEXT.test(t)) return Number(t) !== 0 ? 1 : 0;
  }
  return fail({ kind: 'valueConversion', from: 'varchar', to: 'bit' });
}

/** A string operand of arithmetic, converted the way SQL Server converts varchar to the other operand's type. */
function arithmeticOperand(s: string, other: number): number {
  if (Number.isInteger(other)) {
    if (s.trim() === '') return 0;
    if (INTEGER_TEXT.test(s)) return Number(s);
    return fail({ kind: 'valueConversion', from: 'varchar', to: 'int' });
  }
  if (DECIMAL_TEXT.test(s)) return Number(s);
  return fail({ kind: 'typeConversion', from: 'varchar', to: 'numeric' });
}

/**
 * T-SQL `+`: concatenation when both operands are strings, addition when both are numbers, days
 * added when one is a datetime (a storage-format string) and the other a number; otherwise the
 * string is converted to a number as SQL Server does (error 245 when it cannot be).
 */
export function tsqlAdd(a: unknown, b: unknown): string | number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (typeof a === 'bigint') a = Number(a);
  if (typeof b === 'bigint') b = Number(b);
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b))
    return fail({ kind: 'unsupported', feature: 'arithmetic on binary values' });
  const [s, n] = typeof a === 'string' ? [a, b as number] : [b as string, a as number];
  if (CANONICAL.test(s)) {
    const p = parseDateTimeText(s);
    if (p) return formatCanonical(fromSerial(toSerial(p) + Math.round(n * MS_PER_DAY)));
  }
  return arithmeticOperand(s, n) + n;
}

/** T-SQL `-` where an operand may be a datetime: datetime − number subtracts days, datetime − datetime is a datetime offset from 1900-01-01. */
export function tsqlSubtract(a: unknown, b: unknown): string | number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  const da = typeof a === 'string' ? parseDateTimeText(a) : undefined;
  if (da && typeof b === 'string') {
    const db = toDateTime(b)!;
    return formatCanonical(fromSerial(daysFromCivil(1900, 1, 1) * MS_PER_DAY + toSerial(da) - toSerial(db)));
  }
  if (da) return formatCanonical(fromSerial(toSerial(da) - Math.round(Number(b) * MS_PER_DAY)));
  const na = typeof a === 'string' ? arithmeticOperand(a, Number(b)) : Number(a);
  const nb = typeof b === 'string' ? arithmeticOperand(b, na) : Number(b);
  return na - nb;
}

// =============================================================================================
// Strings
// =============================================================================================

export function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}

/** LEN: characters, not counting trailing spaces. */
export function tsqlLen(value: unknown): number | null {
  const s = asText(value);
  return s === null ? null : s.replace(/ +$/, '').length;
}

/** SUBSTRING(x, start, length) with T-SQL's 1-based start that may be 0 or negative. */
export function tsqlSubstring(value: unknown, start: unknown, length: unknown): string | null {
  const s = asText(value);
  if (s === null || start === null || length === null) return null;
  const len = Math.trunc(Number(length));
  if (len < 0) return fail({ kind: 'unsupported', feature: 'a negative SUBSTRING length' });
  const from = Math.trunc(Number(start)) - 1;
  const to = from + len;
  return s.slice(Math.max(from, 0), Math.max(Math.min(to, s.length), 0));
}

/** CHARINDEX(needle, haystack[, start]): 1-based, 0 when absent; case-insensitive like the default collation. */
export function tsqlCharIndex(needle: unknown, haystack: unknown, start: unknown): number | null {
  const n = asText(needle);
  const h = asText(haystack);
  if (n === null || h === null) return null;
  if (n === '') return 0;
  const from = start === null || start === undefined ? 0 : Math.max(Math.trunc(Number(start)) - 1, 0);
  return h.toLowerCase().indexOf(n.toLowerCase(), from) + 1;
}

/** ISNUMERIC. */
export function isNumericText(value: unknown): number {
  if (typeof value === 'number' || typeof value === 'bigint') return 1;
  return typeof value === 'string' && DECIMAL_TEXT.test(value) ? 1 : 0;
}

/** CAST/CONVERT(date, x[, style]). */
export function convertDate(x: unknown, style: unknown): string | null {
  if (typeof x === 'string' && typeof style === 'number') {
    const p = parseDateTimeWithStyle(x, style) ?? fail({ kind: 'dateConversion' });
    return formatCanonical({ ...p, hour: 0, minute: 0, second: 0, millisecond: 0 });
  }
  return toCanonicalDate(x);
}

/** CAST/CONVERT(datetime, x[, style]). */
export function convertDateTime(x: unknown, style: unknown): string | null {
  if (typeof x === 'string' && typeof style === 'number') {
    return formatCanonical(parseDateTimeWithStyle(x, style) ?? fail({ kind: 'dateConversion' }));
  }
  return toCanonicalDateTime(x);
}

/** CAST(x AS smalldatetime): to the nearest minute. */
export function convertSmallDateTime(x: unknown): string | null {
  const p = toDateTime(x);
  if (p === null) return null;
  return formatCanonical(fromSerial(Math.round(toSerial(p) / 60_000) * 60_000));
}

/** CAST(x AS time): `HH:mm:ss`. */
export function convertTime(x: unknown): string | null {
  const p = toDateTime(x);
  return p === null ? null : `${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

// =============================================================================================
// Registration
// =============================================================================================

const registered = new WeakSet<Database.Database>();

/**
 * SQLite stores every JS number a user function returns as REAL; a result that SQL Server types as
 * an integer goes back as a BigInt, so it stays INTEGER (`DATEDIFF(day, a, b) / 7` divides as integers).
 */
export function integral<T>(value: T): T | bigint {
  return typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
}

/**
 * Installs the `tsql_*` user functions the translator emits on `db` (idempotent). All are
 * deterministic except `tsql_newid`, so SQLite evaluates calls with constant arguments once per
 * statement (GETDATE() is a bound parameter, which keeps `CONVERT(date, GETDATE())` constant).
 */
export function registerTsqlFunctions(db: Database.Database): void {
  if (registered.has(db)) return;
  registered.add(db);
  const det = { deterministic: true } as const;
  const part = (name: unknown): DatePart =>
    normaliseDatePart(String(name)) ?? fail({ kind: 'invalidDatepart', fn: 'datepart', part: String(name) });

  const whole = (a: unknown, b: unknown): boolean => Number.isInteger(a) && Number.isInteger(b);
  db.function('tsql_add', det, (a: unknown, b: unknown) => {
    const r = tsqlAdd(a, b);
    return whole(a, b) || (typeof a === 'string') !== (typeof b === 'string') ? integral(r) : r;
  });
  db.function('tsql_subtract', det, (a: unknown, b: unknown) => {
    const r = tsqlSubtract(a, b);
    return whole(a, b) ? integral(r) : r;
  });
  db.function('tsql_len', det, (x: unknown) => integral(tsqlLen(x)));
  // SQLite's upper()/lower() fold ASCII only; SQL Server folds Zoë to ZOË.
  db.function('tsql_upper', det, (x: unknown) => asText(x)?.toUpperCase() ?? null);
  db.function('tsql_lower', det, (x: unknown) => asText(x)?.toLowerCase() ?? null);
  db.aggregate('tsql_avg', {
    start: () => ({ sum: 0, count: 0, integral: true }),
    step: (acc: { sum: number; count: number; integral: boolean }, value: unknown) => {
      if (value === null || value === undefined) return acc;
      const n = Number(value);
      acc.sum += n;
      acc.count++;
      if (!Number.isInteger(n) || typeof value !== 'number') acc.integral = false;
      return acc;
    },
    // AVG over integers is an integer in SQL Server (the quotient truncated toward zero).
    result: (acc: { sum: number; count: number; integral: boolean }) =>
      acc.count === 0 ? null : acc.integral ? integral(Math.trunc(acc.sum / acc.count)) : acc.sum / acc.count,
  });
  db.function('tsql_substring', det, (x: unknown, s: unknown, l: unknown) => tsqlSubstring(x, s, l));
  db.function('tsql_left', det, (x: unknown, n: unknown) => (n === null ? null : tsqlSubstring(x, 1, n)));
  db.function('tsql_right', det, (x: unknown, n: unknown) => {
    const s = asText(x);
    if (s === null || n === null) return null;
    const k = Math.max(Math.trunc(Number(n)), 0);
    return k === 0 ? '' : s.slice(-k);
  });
  db.function('tsql_charindex', det, (n: unknown, h: unknown, s: unknown) => integral(tsqlCharIndex(n, h, s)));
  db.function('tsql_replicate', det, (x: unknown, n: unknown) => {
    const s = asText(x);
    if (s === null || n === null) return null;
    const k = Math.trunc(Number(n));
    return k < 0 ? null : s.repeat(k);
  });
  db.function('tsql_reverse', det, (x: unknown) => {
    const s = asText(x);
    return s === null ? null : [...s].reverse().join('');
  });
  db.function('tsql_stuff', det, (x: unknown, start: unknown, length: unknown, replacement: unknown) => {
    const s = asText(x);
    if (s === null || start === null || length === null) return null;
    const from = Math.trunc(Number(start));
    const len = Math.trunc(Number(length));
    if (from < 1 || from > s.length || len < 0) return null;
    return s.slice(0, from - 1) + (asText(replacement) ?? '') + s.slice(from - 1 + len);
  });
  db.function('tsql_str', det, (x: unknown, style: unknown, length: unknown, fixed: unknown) =>
    convertToString(x, style, length, fixed),
  );
  db.function('tsql_round', det, (x: unknown, n: unknown, f: unknown) => tsqlRound(x, n, f));
  db.function('tsql_int', det, (x: unknown, type: unknown, source: unknown) =>
    integral(toInteger(x, String(type), String(source))),
  );
  db.function('tsql_num', det, (x: unknown, scale: unknown, type: unknown, source: unknown) =>
    toDecimal(x, scale, String(type), String(source)),
  );
  db.function('tsql_tonum', det, (x: unknown, target: unknown, source: unknown) => {
    const n = toNumberImplicit(x, String(target), String(source));
    return /int$/.test(String(target)) ? integral(n) : n;
  });
  db.function('tsql_bit', det, (x: unknown) => integral(toBit(x)));
  db.function('tsql_date', det, (x: unknown, style: unknown) => convertDate(x, style));
  db.function('tsql_datetime', det, (x: unknown, style: unknown) => convertDateTime(x, style));
  db.function('tsql_smalldatetime', det, (x: unknown) => convertSmallDateTime(x));
  db.function('tsql_time', det, (x: unknown) => convertTime(x));
  db.function('tsql_cmpdate', det, (x: unknown) => normaliseComparand(x));
  db.function('tsql_dateadd', det, (p: unknown, n: unknown, d: unknown) => dateAdd(part(p), n, d));
  db.function('tsql_datediff', det, (p: unknown, a: unknown, b: unknown) => integral(dateDiff(part(p), a, b)));
  db.function('tsql_datepart', det, (p: unknown, d: unknown) => integral(datePart(part(p), d)));
  db.function('tsql_datename', det, (p: unknown, d: unknown) => dateName(part(p), d));
  db.function('tsql_eomonth', det, (d: unknown, n: unknown) => endOfMonth(d, n));
  db.function('tsql_datefromparts', det, (y: unknown, m: unknown, d: unknown) => {
    if (y === null || m === null || d === null) return null;
    const parts = { year: Number(y), month: Number(m), day: Number(d), hour: 0, minute: 0, second: 0, millisecond: 0 };
    return validParts(parts) ? formatCanonical(parts) : fail({ kind: 'dateConversion' });
  });
  db.function('tsql_isdate', det, (x: unknown) => integral(typeof x === 'string' && parseDateTimeText(x) ? 1 : 0));
  db.function('tsql_isnumeric', det, (x: unknown) => integral(isNumericText(x)));
  db.function('tsql_format', det, (x: unknown, f: unknown) => formatDotNet(x, f));
  db.function('tsql_newid', () => randomUUID().toUpperCase());
  registerLibrary(db, det);
}
