const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;

/**
 * True for an ISO 8601 date-time with a zone (`Z` or an offset) that denotes a real instant: a
 * calendar date that exists (Date.parse would roll 2026-02-30 over to March 2) and a time of day.
 */
export function isInstant(s: string): boolean {
  const m = ISO_INSTANT.exec(s);
  if (!m || Number.isNaN(Date.parse(s))) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The instant an ISO 8601 date-time from Halo denotes, as `YYYY-MM-DDTHH:mm:ss.sssZ`; undefined
 * when it is not one. Halo's timestamps are UTC, and one sent without a zone is read as UTC
 * (`Date.parse` would read it as this server's local time).
 */
export function toInstant(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const withZone = ISO_LOCAL.test(value) ? `${value}Z` : value;
  return isInstant(withZone) ? new Date(Date.parse(withZone)).toISOString() : undefined;
}
