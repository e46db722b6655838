/**
 * FHIR date search: every value is a half-open range of instants `[lo, hi)` (epoch ms), and a
 * prefix compares the search range S with the stored ("target") range T (FHIR.md §2.4, "reading A").
 *
 * Values without a time zone (all stored Best Practice dates, and search values without `Z` or an
 * offset) are wall-clock times in {@link SERVER_TIME_ZONE}: FHIR lets the server pick its local zone,
 * and a Bp practice keeps Australian local time. Daylight saving is honoured through `Intl`.
 */

/** The server's local time zone for dates that carry none (documented choice, FHIR.md §2.4). */
export const SERVER_TIME_ZONE = 'Australia/Sydney';

/** A half-open range of instants in epoch milliseconds: `lo` inclusive, `hi` exclusive. */
export interface DateRange {
  lo: number;
  hi: number;
}

/** The nine R4 comparison prefixes. `eq` is the default. */
export const DATE_PREFIXES = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'] as const;
export type DatePrefix = (typeof DATE_PREFIXES)[number];

/** `ap` widens the search range by this share of the distance between now and the search value. */
export const APPROXIMATE_SHARE = 0.1;

// ---------------------------------------------------------------------------------------------
// Wall clock ↔ instant in the server zone

/** Epoch ms of a wall-clock time read as if it were UTC (safe for years 1–99, unlike Date.UTC). */
function wallMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const dt = new Date(0);
  dt.setUTCFullYear(y, mo - 1, d);
  dt.setUTCHours(h, mi, s, ms);
  return dt.getTime();
}

let zoneFormat: Intl.DateTimeFormat | undefined;
const LOCAL_MEMO_LIMIT = 100_000;

/**
 * Offsets memoised per UTC quarter hour: Australia/Sydney has only ever changed offset on a whole
 * UTC hour (DST) or, once in 1895, away from local mean time, so a quarter hour never straddles a
 * change that matters. Cleared when it grows large.
 */
const offsetMemo = new Map<number, number>();
const OFFSET_BUCKET_MS = 15 * 60_000;

/** The server zone's offset from UTC at `instant`, in ms (e.g. +10 h = 36 000 000). */
function zoneOffsetMs(instant: number): number {
  const bucket = Math.floor(instant / OFFSET_BUCKET_MS);
  const hit = offsetMemo.get(bucket);
  if (hit !== undefined) return hit;
  const offset = computeZoneOffsetMs(bucket * OFFSET_BUCKET_MS);
  if (offsetMemo.size >= LOCAL_MEMO_LIMIT) offsetMemo.clear();
  offsetMemo.set(bucket, offset);
  return offset;
}

function computeZoneOffsetMs(instant: number): number {
  zoneFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: SERVER_TIME_ZONE,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const p: Record<string, number> = {};
  let bc = false;
  for (const part of zoneFormat.formatToParts(new Date(instant))) {
    if (part.type === 'era') bc = part.value.startsWith('B');
    else if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const year = bc ? 1 - (p.year ?? 0) : (p.year ?? 1970);
  const wall = wallMs(year, p.month ?? 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** Memo of wall-clock → instant conversions (stored dates repeat a lot); cleared when it grows large. */
const localMemo = new Map<number, number>();

/** The instant at which the server zone's wall clock shows `wall` (a {@link wallMs} value). */
function localToInstant(wall: number): number {
  const hit = localMemo.get(wall);
  if (hit !== undefined) return hit;
  const first = wall - zoneOffsetMs(wall);
  const instant = wall - zoneOffsetMs(first);
  if (localMemo.size >= LOCAL_MEMO_LIMIT) localMemo.clear();
  localMemo.set(wall, instant);
  return instant;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * An instant as FHIR `instant` text in the server zone with its offset, e.g.
 * `2022-02-27T00:00:00+11:00` (seconds precision; fractions are dropped).
 */
export function formatInstant(instant: number): string {
  const offsetMin = Math.round(zoneOffsetMs(instant) / 60_000);
  const wall = new Date(Math.floor(instant / 1000) * 1000 + offsetMin * 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

// ---------------------------------------------------------------------------------------------
// Parsing

const daysInMonth = (y: number, mo: number): number => new Date(wallMs(y, mo + 1, 0)).getUTCDate();

/** `yyyy[-mm[-dd[Thh:mm[:ss[.fff]][Z|±hh:mm]]]]` (FHIR.md §2.4: an hour needs minutes). */
const SEARCH_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * A `+` in a GET query string decodes to a space, so `T10:00+10:00` often arrives as
 * `T10:00 10:00`. This puts the `+` back (the only place a space can be meaningful in a date).
 */
function restorePlus(text: string): string {
  return text.replace(/(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:\d{2})$/, '$1+$2');
}

/**
 * The range a FHIR date/dateTime/instant text stands for, at its own precision: `1985` is the
 * whole year, `1985-06-15T10:00+10:00` one minute. `undefined` when the text is not a valid date
 * (bad syntax, month 13, 30 February, hour without minutes, offset beyond ±14:00, year 0000).
 */
export function parseFhirDate(text: string): DateRange | undefined {
  const m = SEARCH_DATE.exec(restorePlus(text));
  if (!m) return undefined;
  const y = Number(m[1]);
  if (y < 1) return undefined;
  if (m[2] === undefined) return { lo: localToInstant(wallMs(y, 1, 1)), hi: localToInstant(wallMs(y + 1, 1, 1)) };
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return undefined;
  if (m[3] === undefined) return { lo: localToInstant(wallMs(y, mo, 1)), hi: localToInstant(wallMs(y, mo + 1, 1)) };
  const d = Number(m[3]);
  if (d < 1 || d > daysInMonth(y, mo)) return undefined;
  if (m[4] === undefined) return { lo: localToInstant(wallMs(y, mo, d)), hi: localToInstant(wallMs(y, mo, d + 1)) };
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const fraction = m[7];
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const width =
    m[6] === undefined
      ? 60_000
      : fraction === undefined
        ? 1000
        : fraction.length >= 3
          ? 1
          : 10 ** (3 - fraction.length);
  const wall = wallMs(y, mo, d, h, mi, s, ms);
  const zone = m[8];
  let lo: number;
  if (zone === undefined) {
    lo = localToInstant(wall);
  } else if (zone === 'Z') {
    lo = wall;
  } else {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 14 || om > 59) return undefined;
    lo = wall - (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return { lo, hi: lo + width };
}

/** A parsed date search value, or why it could not be parsed. */
export type DateSearchValue =
  { ok: true; prefix: DatePrefix; range: DateRange } | { ok: false; problem: 'prefix' | 'date' };

/**
 * Splits a date search value into its prefix (default `eq`) and range. A value starting with a
 * letter must start with one of {@link DATE_PREFIXES}, else `problem: 'prefix'`.
 */
export function parseDateSearchValue(text: string): DateSearchValue {
  let prefix: DatePrefix = 'eq';
  let rest = text;
  if (/^[A-Za-z]/.test(text)) {
    const candidate = text.slice(0, 2);
    const known = DATE_PREFIXES.find((p) => p === candidate);
    if (!known || /^[A-Za-z]/.test(text.slice(2))) return { ok: false, problem: 'prefix' };
    prefix = known;
    rest = text.slice(2);
  }
  const range = parseFhirDate(rest);
  return range ? { ok: true, prefix, range } : { ok: false, problem: 'date' };
}

/**
 * Precision of a stored value: a Bp DOB is `Y`/`M`/`D` (DOBPRECISION); `S` is a datetime to the
 * second; `auto` is a day when the time is midnight, else a second (DATEOFDEATH).
 */
export type StoredPrecision = 'Y' | 'M' | 'D' | 'S' | 'auto';

const STORED = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/**
 * The range of a stored PMS date (`YYYY-MM-DDTHH:mm:ss`, local time, SCHEMAS.md): for `Y`/`M` the
 * year/month containing it (a partial DOB is stored as the first day of its period). `undefined`
 * for anything that is not such a date (the DB is writable, so bad rows must not break searches).
 */
export function storedDateRange(text: string, precision: StoredPrecision): DateRange | undefined {
  const m = STORED.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  const h = Number(m[4] ?? 0);
  const mi = Number(m[5] ?? 0);
  const s = Number(m[6] ?? 0);
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const p = precision === 'auto' ? (h === 0 && mi === 0 && s === 0 ? 'D' : 'S') : precision;
  switch (p) {
    case 'Y':
      return { lo: localToInstant(wallMs(y, 1, 1)), hi: localToInstant(wallMs(y + 1, 1, 1)) };
    case 'M':
      return { lo: localToInstant(wallMs(y, mo, 1)), hi: localToInstant(wallMs(y, mo + 1, 1)) };
    case 'D':
      return { lo: localToInstant(wallMs(y, mo, d)), hi: localToInstant(wallMs(y, mo, d + 1)) };
    case 'S': {
      const lo = localToInstant(wallMs(y, mo, d, h, mi, s));
      return { lo, hi: lo + 1000 };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Matching

/**
 * Whether a stored range T matches the search range S under `prefix` (FHIR.md §2.4 table):
 *
 * | prefix | rule |
 * |---|---|
 * | eq | S contains T |
 * | ne | not eq |
 * | gt | T reaches above S (`T.hi > S.hi`) |
 * | lt | T reaches below S (`T.lo < S.lo`) |
 * | ge | gt or eq |
 * | le | lt or eq |
 * | sa | T starts after S ends (`T.lo >= S.hi`) |
 * | eb | T ends before S starts (`T.hi <= S.lo`) |
 * | ap | T overlaps S widened on both sides by {@link APPROXIMATE_SHARE} × \|now − S.lo\| |
 *
 * A missing stored value never matches (callers skip it; `:missing` finds it).
 */
export function matchesDate(prefix: DatePrefix, s: DateRange, t: DateRange, nowMs: number): boolean {
  const eq = s.lo <= t.lo && t.hi <= s.hi;
  switch (prefix) {
    case 'eq':
      return eq;
    case 'ne':
      return !eq;
    case 'gt':
      return t.hi > s.hi;
    case 'lt':
      return t.lo < s.lo;
    case 'ge':
      return t.hi > s.hi || eq;
    case 'le':
      return t.lo < s.lo || eq;
    case 'sa':
      return t.lo >= s.hi;
    case 'eb':
      return t.hi <= s.lo;
    case 'ap': {
      const widen = Math.abs(nowMs - s.lo) * APPROXIMATE_SHARE;
      return t.lo < s.hi + widen && s.lo - widen < t.hi;
    }
  }
}
