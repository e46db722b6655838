/**
 * FHIR string search (FHIR.md §2.5) and the value syntax shared by all search parameters
 * (§2.2: `,` is OR, `\` escapes `,` `$` `|` `\`).
 *
 * Normalisation (the server's documented choice): lower case, accents removed (NFKD, combining marks
 * dropped, plus a few letters Unicode does not decompose: ø, ł, đ, æ, œ, ß, þ, ð, ı), and every
 * character that is not a letter or digit dropped. So `o'b` matches `O'Brien`, `zoe` matches `Zoë`,
 * `smith jones` matches `Smith-Jones`. Each value also matches by its parts (split at spaces and
 * hyphens), so `quinones` matches `Carreño Quiñones` and `jones` matches `Smith-Jones`.
 */

/** How a string parameter compares: default prefix, `:contains` substring, `:exact` whole value. */
export type StringMode = 'prefix' | 'contains' | 'exact';

/** A string value prepared for matching. */
export interface IndexedString {
  /** The value as stored, NFC. Compared by `:exact`. */
  exact: string;
  /** {@link normalise}d whole value. */
  norm: string;
  /** `norm` plus the normalised parts (split at spaces and hyphens), without duplicates or empties. */
  prefixes: string[];
}

const FOLD: Readonly<Record<string, string>> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  þ: 'th',
  ð: 'd',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŀ: 'l',
};
const FOLD_RE = /[øłđæœßþðıħŧŀ]/g;

/** Lower case, accent-free, letters and digits only (see the module comment). */
export function normalise(value: string): string {
  // ASCII fast path
  if (!/[\u0080-\uffff]/.test(value)) return value.toLowerCase().replace(/[^a-z0-9]/g, '');
  return value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(FOLD_RE, (c) => FOLD[c] ?? c)
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Prepared strings are immutable and stored values repeat (cities, states, surnames), so they are shared. */
const indexed = new Map<string, IndexedString>();
const INDEXED_LIMIT = 50_000;

/** Prepares a stored string for matching. The result is shared: do not modify it. */
export function indexString(value: string): IndexedString {
  const hit = indexed.get(value);
  if (hit) return hit;
  const prepared = prepareString(value);
  if (indexed.size >= INDEXED_LIMIT) indexed.clear();
  indexed.set(value, prepared);
  return prepared;
}

function prepareString(value: string): IndexedString {
  const norm = normalise(value);
  const prefixes = [norm];
  for (const part of value.split(/[\s\-‐‑–—]+/u)) {
    const n = normalise(part);
    if (n !== '' && !prefixes.includes(n)) prefixes.push(n);
  }
  return { exact: value.normalize('NFC'), norm, prefixes: prefixes.filter((p) => p !== '') };
}

/** A search value prepared for one mode; `undefined` when it has no letters or digits (for prefix/contains). */
export interface StringQuery {
  mode: StringMode;
  /** NFC value for `exact`, {@link normalise}d for the others. */
  text: string;
}

/** Prepares a search value; `undefined` when a prefix/contains value normalises to nothing. */
export function stringQuery(mode: StringMode, value: string): StringQuery | undefined {
  if (mode === 'exact') return { mode, text: value.normalize('NFC') };
  const text = normalise(value);
  return text === '' ? undefined : { mode, text };
}

/** Whether one stored value matches the query. */
export function matchesString(q: StringQuery, v: IndexedString): boolean {
  switch (q.mode) {
    case 'exact':
      return v.exact === q.text;
    case 'contains':
      return v.norm.includes(q.text);
    case 'prefix':
      return v.prefixes.some((p) => p.startsWith(q.text));
  }
}

// ---------------------------------------------------------------------------------------------
// Value syntax

/**
 * Splits a parameter value at unescaped commas (OR), keeping escapes in place so that tokens can
 * still split at unescaped `|`. Empty alternatives are kept (callers decide).
 */
export function splitOr(value: string): string[] {
  return splitUnescaped(value, ',');
}

/** Splits at unescaped occurrences of `sep` (a single character); escapes stay in the pieces. */
export function splitUnescaped(value: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '\\' && i + 1 < value.length) {
      cur += c + (value[i + 1] as string);
      i++;
    } else if (c === sep) {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}

/** Removes the search escapes: `\,` `\$` `\|` `\\` become the character; other backslashes stay. */
export function unescapeValue(value: string): string {
  return value.replace(/\\([,$|\\])/g, '$1');
}

/**
 * A token `[system]|[code]` or bare `code`, unescaped. `system` is `undefined` for the bare form
 * and `''` for `|code` (which means "no system").
 */
export interface TokenValue {
  system: string | undefined;
  code: string;
}

/** Parses one (escaped) token alternative; `undefined` when it has more than one unescaped `|`. */
export function parseToken(value: string): TokenValue | undefined {
  const parts = splitUnescaped(value, '|');
  if (parts.length === 1) return { system: undefined, code: unescapeValue(parts[0] as string) };
  if (parts.length === 2) return { system: unescapeValue(parts[0] as string), code: unescapeValue(parts[1] as string) };
  return undefined;
}
