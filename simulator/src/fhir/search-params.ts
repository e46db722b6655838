/**
 * The Patient search parameters the simulator supports, and the parser that turns a request's
 * parameters into predicates, a sort and a page (FHIR.md §2). Anything it does not support is a
 * 400, never silently ignored, so a client cannot believe a filter was applied when it was not.
 *
 * Error texts name the parameter (and modifier) but never the value: values are patient data.
 */
import { matchesDate, parseDateSearchValue, type DateRange } from './dates.js';
import { badFhirRequest, quoteName } from './outcome.js';
import type { IndexedPatient } from './patient-index.js';
import { normalisePhone } from './patient-index.js';
import { GENDER_SYSTEM, MEDICARE_SYSTEM } from './patient.js';
import {
  matchesString,
  parseToken,
  splitOr,
  stringQuery,
  unescapeValue,
  type IndexedString,
  type StringMode,
  type TokenValue,
} from './strings.js';

/** Whether one patient satisfies one filter. */
export type Predicate = (p: IndexedPatient) => boolean;
/** The search modifiers this server supports (which ones apply depends on the parameter type). */
export type Modifier = 'exact' | 'contains' | 'missing' | 'not';

/** Context a predicate may need. */
export interface SearchContext {
  /** Simulated now, for `ap`. */
  nowMs: number;
}

/** One supported search parameter. */
export interface SearchParamDef {
  name: string;
  type: 'string' | 'token' | 'date';
  /** The FHIRPath-ish element searched, for the CapabilityStatement. */
  documentation: string;
  modifiers: readonly Modifier[];
  /** Whether the patient has any value for the parameter (`:missing`). */
  has: Predicate;
  /**
   * A predicate for one occurrence of the parameter: `alternatives` are its comma-separated values
   * (still escaped), OR-ed; `modifier` is `exact`/`contains` for strings, `not` for tokens.
   */
  compile(alternatives: string[], modifier: Modifier | undefined, ctx: SearchContext): Predicate;
}

/** `The "name"` for an error text, or `A search` when the name is not safe to echo. */
const label = (name: string): string => {
  const q = quoteName(name);
  return q ? `The ${q}` : 'A search';
};

// ---------------------------------------------------------------------------------------------
// Parameter kinds

function stringParam(
  name: string,
  documentation: string,
  values: (p: IndexedPatient) => IndexedString[],
): SearchParamDef {
  return {
    name,
    type: 'string',
    documentation,
    modifiers: ['exact', 'contains', 'missing'],
    has: (p) => values(p).length > 0,
    compile(alternatives, modifier) {
      const mode: StringMode = modifier === 'exact' ? 'exact' : modifier === 'contains' ? 'contains' : 'prefix';
      const queries = alternatives.map((a) => {
        const q = stringQuery(mode, unescapeValue(a));
        if (!q) throw badFhirRequest(`${label(name)} parameter value must contain a letter or a digit.`);
        return q;
      });
      return (p) => values(p).some((v) => queries.some((q) => matchesString(q, v)));
    },
  };
}

function dateParam(
  name: string,
  documentation: string,
  range: (p: IndexedPatient) => DateRange | undefined,
): SearchParamDef {
  return {
    name,
    type: 'date',
    documentation,
    modifiers: ['missing'],
    has: (p) => range(p) !== undefined,
    compile(alternatives, _modifier, ctx) {
      const searches = alternatives.map((a) => {
        const parsed = parseDateSearchValue(unescapeValue(a));
        if (!parsed.ok) {
          throw badFhirRequest(
            parsed.problem === 'prefix'
              ? `${label(name)} parameter uses an unknown comparison prefix; use one of eq, ne, gt, lt, ge, le, sa, eb, ap.`
              : `${label(name)} parameter value is not a valid FHIR date (yyyy, yyyy-mm, yyyy-mm-dd or yyyy-mm-ddThh:mm[:ss][Z|±hh:mm]).`,
          );
        }
        return parsed;
      });
      return (p) => {
        const t = range(p);
        return t !== undefined && searches.some((s) => matchesDate(s.prefix, s.range, t, ctx.nowMs));
      };
    },
  };
}

/** A token parameter: `match` says whether one parsed alternative matches the patient. */
function tokenParam(
  name: string,
  documentation: string,
  has: Predicate,
  prepare: (token: TokenValue) => (p: IndexedPatient) => boolean,
): SearchParamDef {
  return {
    name,
    type: 'token',
    documentation,
    modifiers: ['missing', 'not'],
    has,
    compile(alternatives, modifier) {
      const matchers = alternatives.map((a) => {
        const token = parseToken(a);
        if (!token) throw badFhirRequest(`${label(name)} parameter value has more than one unescaped '|'.`);
        return prepare(token);
      });
      const anyMatches: Predicate = (p) => matchers.some((m) => m(p));
      return modifier === 'not' ? (p) => !anyMatches(p) : anyMatches;
    },
  };
}

/** ContactPoint tokens take the bare form only (FHIR.md §2.6). */
function bareCode(name: string, token: TokenValue): string {
  if (token.system !== undefined)
    throw badFhirRequest(`${label(name)} parameter takes a bare value, without a system or '|'.`);
  return token.code;
}

function booleanCode(name: string, token: TokenValue): boolean {
  const code = bareCode(name, token);
  if (code !== 'true' && code !== 'false')
    throw badFhirRequest(`${label(name)} parameter value must be true or false.`);
  return code === 'true';
}

const GENDERS = new Set(['male', 'female', 'other', 'unknown']);

/** Identifier values are compared case-insensitively (documented choice); systems exactly. */
function identifierMatcher(token: TokenValue): (p: IndexedPatient) => boolean {
  const { system, code } = token;
  if (system === undefined && code === '') throw badFhirRequest('The "identifier" parameter value is empty.');
  if (system === '' && code === '') throw badFhirRequest('The "identifier" parameter value is empty.');
  const value = code.toLowerCase();
  // Invented convenience: a 10-digit Medicare card number (without the IRN) finds every IRN on the card.
  const medicareCard = system === MEDICARE_SYSTEM && /^\d{10}$/.test(code);
  return (p) =>
    p.record.identifiers.some((id) => {
      if (system === '' && id.system !== undefined) return false;
      if (system !== undefined && system !== '' && id.system !== system) return false;
      if (code === '') return true;
      const v = (id.value ?? '').toLowerCase();
      return v === value || (medicareCard && v.length === 11 && v.startsWith(value));
    });
}

// ---------------------------------------------------------------------------------------------
// The supported parameters

/** Every supported Patient search parameter, by name (names are case-sensitive). */
export const PATIENT_SEARCH_PARAMS: ReadonlyMap<string, SearchParamDef> = new Map(
  [
    tokenParam(
      '_id',
      'Resource.id: the Bp InternalID, exact match.',
      () => true,
      (t) => {
        if (t.system !== undefined)
          throw badFhirRequest('The "_id" parameter takes a bare id, without a system or \'|\'.');
        return (p) => p.record.id === t.code;
      },
    ),
    dateParam(
      '_lastUpdated',
      'Resource.meta.lastUpdated (PATIENTS.UPDATED, else CREATED), to the second.',
      (p) => p.record.lastUpdatedRange,
    ),
    tokenParam(
      'identifier',
      'Patient.identifier: system|value, |value, value or system|. Systems match exactly, values case-insensitively; a 10-digit Medicare number with the Medicare system also matches its 11-digit (IRN) identifiers.',
      (p) => p.record.identifiers.length > 0,
      identifierMatcher,
    ),
    stringParam('name', 'Any part of Patient.name: family, given, prefix, suffix, text.', (p) => p.name),
    stringParam('family', 'Patient.name.family (each hyphen- or space-separated part too).', (p) => p.family),
    stringParam('given', 'Patient.name.given (official and usual/preferred names).', (p) => p.given),
    dateParam(
      'birthdate',
      'Patient.birthDate, honouring partial precision (yyyy, yyyy-mm).',
      (p) => p.record.birthRange,
    ),
    tokenParam(
      'gender',
      'Patient.gender: male | female | other | unknown.',
      (p) => p.record.gender !== undefined,
      (t) => {
        if (t.system !== undefined && t.system !== GENDER_SYSTEM) return () => false;
        if (!GENDERS.has(t.code))
          throw badFhirRequest('The "gender" parameter value must be one of male, female, other, unknown.');
        return (p) => p.record.gender === t.code;
      },
    ),
    tokenParam(
      'phone',
      "Patient.telecom.where(system='phone'): digits compared, +61 read as 0.",
      (p) => p.phones.length > 0,
      (t) => {
        const digits = normalisePhone(bareCode('phone', t));
        if (digits === '') throw badFhirRequest('The "phone" parameter value must contain digits.');
        return (p) => p.phones.includes(digits);
      },
    ),
    tokenParam(
      'email',
      "Patient.telecom.where(system='email'), case-insensitive.",
      (p) => p.emails.length > 0,
      (t) => {
        const email = bareCode('email', t).trim().toLowerCase();
        return (p) => p.emails.includes(email);
      },
    ),
    stringParam(
      'address',
      'Any part of Patient.address: line, city, state, postalCode, country, text.',
      (p) => p.address,
    ),
    stringParam('address-city', 'Patient.address.city.', (p) => p.city),
    stringParam('address-state', 'Patient.address.state.', (p) => p.state),
    stringParam('address-postalcode', 'Patient.address.postalCode.', (p) => p.postalCode),
    tokenParam(
      'active',
      'Patient.active: true only for Bp status Active.',
      () => true,
      (t) => {
        const want = booleanCode('active', t);
        return (p) => p.record.active === want;
      },
    ),
    tokenParam(
      'deceased',
      'Patient.deceased[x] exists and is not false.',
      () => true,
      (t) => {
        const want = booleanCode('deceased', t);
        return (p) => p.record.deceased === want;
      },
    ),
    dateParam('death-date', 'Patient.deceasedDateTime.', (p) => p.record.deathRange),
  ].map((d) => [d.name, d] as const),
);

// ---------------------------------------------------------------------------------------------
// Sorting

/** A sort key's value for one patient; `undefined` sorts last in both directions. */
type SortValue = number | string | undefined;

export interface SortKeyDef {
  name: string;
  /** `descending` picks the value that comes first in that order for multi-valued elements. */
  value(p: IndexedPatient, descending: boolean): SortValue;
}

const minMax = (values: readonly IndexedString[], descending: boolean): string | undefined => {
  let best: string | undefined;
  for (const v of values) {
    if (best === undefined || (descending ? v.norm > best : v.norm < best)) best = v.norm;
  }
  return best;
};

/** Every parameter `_sort` accepts, by name. */
export const PATIENT_SORT_KEYS: ReadonlyMap<string, SortKeyDef> = new Map(
  (
    [
      { name: '_id', value: (p) => p.record.idNum },
      { name: '_lastUpdated', value: (p) => p.record.lastUpdatedRange?.lo },
      { name: 'family', value: (p, d) => minMax(p.family, d) },
      { name: 'given', value: (p, d) => minMax(p.given, d) },
      { name: 'birthdate', value: (p) => p.record.birthRange?.lo },
      { name: 'gender', value: (p) => p.record.gender },
      { name: 'address-city', value: (p, d) => minMax(p.city, d) },
      { name: 'address-state', value: (p, d) => minMax(p.state, d) },
      { name: 'address-postalcode', value: (p, d) => minMax(p.postalCode, d) },
      { name: 'death-date', value: (p) => p.record.deathRange?.lo },
    ] satisfies SortKeyDef[]
  ).map((k) => [k.name, k] as const),
);

export interface SortSpec {
  key: SortKeyDef;
  descending: boolean;
}

/**
 * Orders patients by the sort keys, then by ascending `_id` (numeric) so pages are stable.
 * Strings compare in their normalised form (case- and accent-insensitive).
 */
export function comparePatients(sort: readonly SortSpec[]): (a: IndexedPatient, b: IndexedPatient) => number {
  return (a, b) => {
    for (const { key, descending } of sort) {
      const va = key.value(a, descending);
      const vb = key.value(b, descending);
      if (va === vb) continue;
      if (va === undefined) return 1;
      if (vb === undefined) return -1;
      const c = va < vb ? -1 : 1;
      return descending ? -c : c;
    }
    return a.record.idNum - b.record.idNum;
  };
}

// ---------------------------------------------------------------------------------------------
// Parsing a request

/** `_count` when absent, and its ceiling (a larger `_count` is lowered to it; FHIR allows fewer). */
export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;

/** The continuation parameters of this server's paging links (FHIR.md §2.7; names as HAPI's). */
export const PAGES_TOKEN_PARAM = '_getpages';
export const PAGES_OFFSET_PARAM = '_getpagesoffset';

/** Result parameters FHIR defines that this server does not support: a 400 rather than ignored. */
const UNSUPPORTED = new Set([
  '_include',
  '_revinclude',
  '_summary',
  '_elements',
  '_contained',
  '_containedType',
  '_filter',
  '_query',
  '_has',
  '_list',
  '_text',
  '_content',
  '_type',
  '_tag',
  '_profile',
  '_security',
  '_source',
  '_format',
  '_pretty',
  '_offset',
]);

/** One filter as received (name with modifier, raw value), kept for self links and continuation tokens. */
export type RawParam = readonly [name: string, value: string];

/** A parsed search. */
export interface ParsedSearch {
  /** Filters, AND-ed. */
  predicates: Predicate[];
  /** Filters plus `_sort`/`_total` as received, in order: what self links and tokens carry. */
  applied: RawParam[];
  sort: SortSpec[];
  /** Requested page size before the ceiling, if given. */
  count: number | undefined;
  offset: number | undefined;
  total: 'none' | 'estimate' | 'accurate' | undefined;
  /** The `_getpages` continuation token, if the request is a continuation. */
  pagesToken: string | undefined;
}

function nonNegativeInt(name: string, value: string): number {
  const n = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw badFhirRequest(`${label(name)} parameter must be a non-negative integer.`);
  return n;
}

function parseSort(value: string): SortSpec[] {
  return value.split(',').map((part) => {
    const descending = part.startsWith('-');
    const name = descending ? part.slice(1) : part;
    const key = PATIENT_SORT_KEYS.get(name);
    if (!key) {
      const q = quoteName(name);
      throw badFhirRequest(
        q
          ? `The "_sort" parameter names ${q}, which this server cannot sort Patient by.`
          : 'The "_sort" parameter names a parameter this server cannot sort Patient by.',
      );
    }
    return { key, descending };
  });
}

/**
 * Parses a Patient search. Empty values are ignored (FHIR.md §2.2); repeated filters AND, commas OR.
 * Throws a 400 {@link FhirError} for unknown parameters or modifiers, malformed values, unsupported
 * result parameters and repeated `_count`/`_sort`/`_total`/continuation parameters.
 */
export function parseSearch(params: Iterable<readonly [string, string]>, ctx: SearchContext): ParsedSearch {
  const out: ParsedSearch = {
    predicates: [],
    applied: [],
    sort: [],
    count: undefined,
    offset: undefined,
    total: undefined,
    pagesToken: undefined,
  };
  const seen = new Set<string>();
  const once = (name: string): void => {
    if (seen.has(name)) throw badFhirRequest(`${label(name)} parameter may appear only once.`);
    seen.add(name);
  };
  for (const [fullName, value] of params) {
    if (value === '') continue;
    const [name = '', modifierText, ...extra] = fullName.split(':');
    const control =
      name === '_count' ||
      name === '_sort' ||
      name === '_total' ||
      name === PAGES_TOKEN_PARAM ||
      name === PAGES_OFFSET_PARAM;
    if (control || UNSUPPORTED.has(name)) {
      if (modifierText !== undefined) throw badFhirRequest(`${label(name)} parameter does not take a modifier.`);
    }
    if (UNSUPPORTED.has(name)) throw badFhirRequest(`${label(name)} parameter is not supported by this server.`);
    if (control) {
      once(name);
      if (name === '_count') out.count = nonNegativeInt(name, value);
      else if (name === PAGES_OFFSET_PARAM) out.offset = nonNegativeInt(name, value);
      else if (name === PAGES_TOKEN_PARAM) out.pagesToken = value;
      else if (name === '_sort') {
        out.sort = parseSort(value);
        out.applied.push([fullName, value]);
      } else {
        if (value !== 'none' && value !== 'estimate' && value !== 'accurate') {
          throw badFhirRequest('The "_total" parameter must be none, estimate or accurate.');
        }
        out.total = value;
        out.applied.push([fullName, value]);
      }
      continue;
    }
    const def = PATIENT_SEARCH_PARAMS.get(name);
    if (!def) {
      const q = quoteName(name);
      throw badFhirRequest(
        q
          ? `Unknown search parameter ${q} for resource type Patient.`
          : 'Unknown search parameter for resource type Patient.',
      );
    }
    let modifier: Modifier | undefined;
    if (modifierText !== undefined || extra.length > 0) {
      const known = def.modifiers.find((m) => m === modifierText);
      if (!known || extra.length > 0) {
        const q = modifierText !== undefined && extra.length === 0 ? quoteName(modifierText) : undefined;
        throw badFhirRequest(
          q
            ? `The "${name}" parameter has the modifier ${q} which is not supported by this server.`
            : `The "${name}" parameter has a modifier which is not supported by this server.`,
        );
      }
      modifier = known;
    }
    const alternatives = splitOr(value);
    if (modifier === 'missing') {
      const wants = alternatives.map((a) => {
        if (a !== 'true' && a !== 'false')
          throw badFhirRequest(`The "${name}:missing" parameter value must be true or false.`);
        return a === 'true';
      });
      out.predicates.push((p) => wants.some((missing) => def.has(p) !== missing));
    } else {
      if (alternatives.some((a) => a === ''))
        throw badFhirRequest(`The "${fullName}" parameter has an empty value in its comma-separated list.`);
      out.predicates.push(def.compile(alternatives, modifier, ctx));
    }
    out.applied.push([fullName, value]);
  }
  return out;
}
