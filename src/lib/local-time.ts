/**
 * Calendar values without a time zone, as a practice database holds them: a date (`YYYY-MM-DD`), a
 * time of day (`HH:mm:ss`) and a practice-local date-time (`YYYY-MM-DDTHH:mm:ss`). Each reader
 * accepts only values that exist (no 2026-02-30, no 24:00) and returns the canonical text, or
 * undefined. Fractions of a second are kept as written, without trailing zeros.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,7}))?)?$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)$/;

/** True when year-month-day is a day of the (proleptic Gregorian) calendar, years 0001–9999. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** `YYYY-MM-DD` of a real day, else undefined. */
export function readLocalDate(text: string): string | undefined {
  const m = DATE.exec(text);
  return m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ? text : undefined;
}

/** `HH:mm`, `HH:mm:ss` or `HH:mm:ss.fffffff` → `HH:mm:ss[.f…]`, else undefined. */
export function readLocalTime(text: string): string | undefined {
  const m = TIME.exec(text);
  if (!m) return undefined;
  const fraction = (m[4] ?? '').replace(/0+$/, '');
  return `${m[1]}:${m[2]}:${m[3] ?? '00'}${fraction ? `.${fraction}` : ''}`;
}

/** `YYYY-MM-DDTHH:mm[:ss[.f…]]` (or with a space for the T), no zone → `YYYY-MM-DDTHH:mm:ss[.f…]`, else undefined. */
export function readLocalDateTime(text: string): string | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const date = readLocalDate(m[1]!);
  const time = readLocalTime(m[2]!);
  return date && time ? `${date}T${time}` : undefined;
}

/** Seconds since midnight (0–86399, an integer) → `HH:mm:ss`, else undefined. */
export function secondsToLocalTime(seconds: number): string | undefined {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds >= 86_400) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}
