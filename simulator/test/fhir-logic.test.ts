/**
 * Pure unit tests of the FHIR engine's search logic: date ranges and prefixes (FHIR.md §2.4 test
 * vectors), string normalisation and matching (§2.5), value syntax (§2.2, §2.6), parameter parsing
 * errors, and the sealed paging tokens. No HTTP, no database.
 */
import { describe, expect, it } from 'vitest';
import {
  formatInstant,
  matchesDate,
  parseDateSearchValue,
  parseFhirDate,
  storedDateRange,
  type StoredPrecision,
} from '../src/fhir/dates.js';
import { FhirError } from '../src/fhir/outcome.js';
import { openSearch, sealSearch } from '../src/fhir/paging.js';
import { normalisePhone } from '../src/fhir/patient-index.js';
import { stateOfPostcode } from '../src/fhir/patient.js';
import { parseSearch } from '../src/fhir/search-params.js';
import {
  indexString,
  matchesString,
  normalise,
  parseToken,
  splitOr,
  stringQuery,
  unescapeValue,
  type StringMode,
} from '../src/fhir/strings.js';

const NOW = Date.parse('2025-06-01T00:00:00Z');

/** Does a stored value (PMS text + precision) match a date search value? */
function dateMatches(stored: string, precision: StoredPrecision, query: string): boolean {
  const s = parseDateSearchValue(query);
  if (!s.ok) throw new Error(`bad query ${query}`);
  const t = storedDateRange(stored, precision);
  if (!t) throw new Error(`bad stored ${stored}`);
  return matchesDate(s.prefix, s.range, t, NOW);
}

describe('date search: FHIR.md §2.4 test vectors', () => {
  // [stored birthDate as FHIR writes it, query, match?]
  const vectors: ReadonlyArray<readonly [string, string, boolean]> = [
    ['1985-06-15', '1985', true],
    ['1985-06-15', '1985-06', true],
    ['1985-06-15', 'ne1985', false],
    ['1985', 'eq1985-06-01', false],
    ['1985', 'gt1985-06-01', true],
    ['1985', 'lt1985-06-01', true],
    ['1985', 'ge1985-06-01', true],
    ['1985', 'le1985-06-01', true],
    ['1985', 'ne1985-06-01', true],
    ['1985', 'sa1985-06-01', false],
    ['1985', 'eb1985-06-01', false],
    ['1985-06-01', 'gt1985-06-01', false],
    ['1985-06-01', 'ge1985-06-01', true],
    ['1984-12-31', 'ge1985', false],
    ['1986-02-01', 'ge1985', true],
    ['1985-06-15', 'lt1985-06-15T10:00+10:00', true],
  ];
  /** A FHIR birthDate → how Bp stores it (first day of the period + DOBPRECISION). */
  const stored = (birthDate: string): [string, StoredPrecision] =>
    birthDate.length === 4
      ? [`${birthDate}-01-01T00:00:00`, 'Y']
      : birthDate.length === 7
        ? [`${birthDate}-01T00:00:00`, 'M']
        : [`${birthDate}T00:00:00`, 'D'];

  it.each(vectors)('stored %s, query %s → %s', (birthDate, query, expected) => {
    const [text, precision] = stored(birthDate);
    expect(dateMatches(text, precision, query)).toBe(expected);
  });

  it('should read a "+" that a query string decoded to a space as the offset sign', () => {
    expect(parseFhirDate('1985-06-15T10:00 10:00')).toEqual(parseFhirDate('1985-06-15T10:00+10:00'));
  });
});

describe('date search: ranges and prefixes', () => {
  it('should give each precision its own width', () => {
    const width = (q: string) => {
      const r = parseFhirDate(q)!;
      return r.hi - r.lo;
    };
    expect(width('2024-02')).toBe(29 * 86_400_000);
    expect(width('2023-02')).toBe(28 * 86_400_000);
    expect(width('2025-01-01T10:00Z')).toBe(60_000);
    expect(width('2025-01-01T10:00:00Z')).toBe(1000);
    expect(width('2025-01-01T10:00:00.5Z')).toBe(100);
    expect(width('2025-01-01T10:00:00.123456Z')).toBe(1);
  });

  it('should read zone-less values as Australia/Sydney time, daylight saving included', () => {
    expect(parseFhirDate('2025-01-15')!.lo).toBe(Date.parse('2025-01-15T00:00:00+11:00'));
    expect(parseFhirDate('2025-06-15')!.lo).toBe(Date.parse('2025-06-15T00:00:00+10:00'));
    expect(parseFhirDate('2025-06-15T09:30')!.lo).toBe(Date.parse('2025-06-15T09:30:00+10:00'));
    expect(parseFhirDate('2025-06-15T09:30:00Z')!.lo).toBe(Date.parse('2025-06-15T09:30:00Z'));
    expect(parseFhirDate('2025-06-15T09:30:00-03:30')!.lo).toBe(Date.parse('2025-06-15T13:00:00Z'));
    // The day DST ends in 2025 (6 April) lasts 25 hours.
    const day = parseFhirDate('2025-04-06')!;
    expect(day.hi - day.lo).toBe(25 * 3_600_000);
  });

  it('should format instants with the Sydney offset', () => {
    expect(formatInstant(Date.parse('2022-02-27T00:00:00+11:00'))).toBe('2022-02-27T00:00:00+11:00');
    expect(formatInstant(Date.parse('2022-06-27T08:15:30+10:00'))).toBe('2022-06-27T08:15:30+10:00');
  });

  it.each([
    '23 May 2009',
    '1985-13',
    '1985-00',
    '1985-02-30',
    '2023-02-29',
    '1985-06-15T10',
    '1985-06-15T24:00',
    '1985-06-15T10:60',
    '1985-06-15T10:00+15:00',
    '0000',
    '85',
    '1985-6-1',
    '1985-06-15T10:00:00ZZ',
    '',
  ])('should reject the malformed date %j', (text) => {
    expect(parseDateSearchValue(text)).toEqual({ ok: false, problem: 'date' });
  });

  it.each(['xx1985', 'EQ1985', 'e1985', 'gte1985'])('should reject the unknown prefix in %j', (text) => {
    expect(parseDateSearchValue(text)).toEqual({ ok: false, problem: 'prefix' });
  });

  it('should accept leap days and every prefix', () => {
    expect(parseDateSearchValue('2024-02-29').ok).toBe(true);
    for (const p of ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap']) {
      expect(parseDateSearchValue(`${p}1985`)).toMatchObject({ ok: true, prefix: p });
    }
  });

  it('should apply sa/eb/gt/lt strictly and ge/le inclusively at the same range', () => {
    const d = '1985-06-01T00:00:00';
    expect(dateMatches(d, 'D', 'sa1985-05-31')).toBe(true);
    expect(dateMatches(d, 'D', 'sa1985-06-01')).toBe(false);
    expect(dateMatches(d, 'D', 'eb1985-06-02')).toBe(true);
    expect(dateMatches(d, 'D', 'eb1985-06-01')).toBe(false);
    expect(dateMatches(d, 'D', 'lt1985-06-01')).toBe(false);
    expect(dateMatches(d, 'D', 'le1985-06-01')).toBe(true);
    expect(dateMatches(d, 'D', 'lt1985-06-02')).toBe(true);
    expect(dateMatches(d, 'D', 'ne1985-06-02')).toBe(true);
    expect(dateMatches('1985-03-01T00:00:00', 'M', 'eq1985-03')).toBe(true);
    expect(dateMatches('1985-03-01T00:00:00', 'M', 'eq1985-03-01')).toBe(false);
  });

  it('should widen ap by 10% of the distance to now', () => {
    // now = 2025-06-01; 1985 → ~40 years away → ±4 years.
    expect(dateMatches('1981-06-01T00:00:00', 'D', 'ap1985')).toBe(true);
    expect(dateMatches('1980-06-01T00:00:00', 'D', 'ap1985')).toBe(false);
    expect(dateMatches('1989-06-01T00:00:00', 'D', 'ap1985')).toBe(true);
    expect(dateMatches('1990-06-01T00:00:00', 'D', 'ap1985')).toBe(false);
  });

  it('should read stored datetimes at second precision and reject garbage rows', () => {
    const r = storedDateRange('2022-02-27T10:11:12', 'S')!;
    expect(r.hi - r.lo).toBe(1000);
    expect(
      storedDateRange('2022-02-27T00:00:00', 'auto')!.hi - storedDateRange('2022-02-27T00:00:00', 'auto')!.lo,
    ).toBe(86_400_000);
    expect(storedDateRange('not a date', 'D')).toBeUndefined();
    expect(storedDateRange('2022-02-30T00:00:00', 'D')).toBeUndefined();
  });
});

describe('string search', () => {
  const m = (mode: StringMode, query: string, value: string) => {
    const q = stringQuery(mode, query);
    if (!q) throw new Error('empty query');
    return matchesString(q, indexString(value));
  };

  it('should normalise case, accents, punctuation and undecomposable letters', () => {
    expect(normalise("O'Brien")).toBe('obrien');
    expect(normalise('Zoë')).toBe('zoe');
    expect(normalise('Søren Łukasz Ærø')).toBe('sorenlukaszaero');
    expect(normalise('Carreño Quiñones')).toBe('carrenoquinones');
    expect(normalise('ŻUKOWSKI')).toBe('zukowski');
  });

  it('should prefix-match case- and accent-insensitively, ignoring punctuation', () => {
    expect(m('prefix', "o'b", "O'Brien")).toBe(true);
    expect(m('prefix', 'ob', "O'Brien")).toBe(true);
    expect(m('prefix', 'zoe', 'Zoë')).toBe(true);
    expect(m('prefix', 'ZOË', 'Zoe')).toBe(true);
    expect(m('prefix', 'brien', "O'Brien")).toBe(false);
    expect(m('prefix', 'zoey', 'Zoë')).toBe(false);
  });

  it('should match the parts of a name independently (FHIR.md §2.5)', () => {
    expect(m('prefix', 'quinones', 'Carreño Quiñones')).toBe(true);
    expect(m('prefix', 'carreno quin', 'Carreño Quiñones')).toBe(true);
    expect(m('prefix', 'jones', 'Smith-Jones')).toBe(true);
    expect(m('prefix', 'smith-jo', 'Smith-Jones')).toBe(true);
    expect(m('prefix', 'jane', 'Mary-Jane')).toBe(true);
    expect(m('prefix', 'ith', 'Smith-Jones')).toBe(false);
  });

  it('should match :contains anywhere and :exact only in full, with case and accents', () => {
    expect(m('contains', 'ith-jo', 'Smith-Jones')).toBe(true);
    expect(m('contains', 'ONE', 'Zoë Jones')).toBe(true);
    expect(m('contains', 'xyz', 'Smith')).toBe(false);
    expect(m('exact', 'Zoë', 'Zoë')).toBe(true);
    expect(m('exact', 'Zoë', 'Zoë'.normalize('NFD'))).toBe(true);
    expect(m('exact', 'Zoe', 'Zoë')).toBe(false);
    expect(m('exact', 'zoë', 'Zoë')).toBe(false);
    expect(m('exact', 'Zo', 'Zoë')).toBe(false);
  });

  it('should refuse a prefix/contains value without letters or digits', () => {
    expect(stringQuery('prefix', "'-")).toBeUndefined();
    expect(stringQuery('exact', "'-")).toEqual({ mode: 'exact', text: "'-" });
  });
});

describe('value syntax', () => {
  it('should split OR lists at unescaped commas and unescape afterwards', () => {
    expect(splitOr('a,b\\,c,d')).toEqual(['a', 'b\\,c', 'd']);
    expect(splitOr('a').map(unescapeValue)).toEqual(['a']);
    expect(unescapeValue('b\\,c \\| \\$ \\\\ \\x')).toBe('b,c | $ \\ \\x');
  });

  it('should parse the four token forms', () => {
    expect(parseToken('123')).toEqual({ system: undefined, code: '123' });
    expect(parseToken('http://x|123')).toEqual({ system: 'http://x', code: '123' });
    expect(parseToken('|123')).toEqual({ system: '', code: '123' });
    expect(parseToken('http://x|')).toEqual({ system: 'http://x', code: '' });
    expect(parseToken('a\\|b|c')).toEqual({ system: 'a|b', code: 'c' });
    expect(parseToken('a|b|c')).toBeUndefined();
  });

  it('should normalise phone numbers to national digits', () => {
    expect(normalisePhone('(07) 7010 6592')).toBe('0770106592');
    expect(normalisePhone('+61 7 7010 6592')).toBe('0770106592');
    expect(normalisePhone('+61 (0)7 7010 6592')).toBe('0770106592');
    expect(normalisePhone('0061 491 570 437')).toBe('0491570437');
    expect(normalisePhone('0491 570 437')).toBe('0491570437');
  });

  it('should know the state of an Australian postcode', () => {
    expect(stateOfPostcode('2150')).toBe('NSW');
    expect(stateOfPostcode('2600')).toBe('ACT');
    expect(stateOfPostcode('0800')).toBe('NT');
    expect(stateOfPostcode('7000')).toBe('TAS');
    expect(stateOfPostcode('1010')).toBeUndefined();
  });
});

describe('parameter parsing', () => {
  const parse = (query: string) => parseSearch(new URLSearchParams(query), { nowMs: NOW });
  const failure = (query: string): FhirError => {
    try {
      parse(query);
    } catch (err) {
      if (err instanceof FhirError) return err;
      throw err;
    }
    throw new Error(`expected ${query} to fail`);
  };

  it('should accept supported parameters, ignore empty ones, and keep what it applied', () => {
    const s = parse(
      'family=smith&given=&birthdate=ge1970&birthdate=lt1980&_sort=family,-birthdate&_count=5&_getpagesoffset=10',
    );
    expect(s.predicates).toHaveLength(3);
    expect(s.applied).toEqual([
      ['family', 'smith'],
      ['birthdate', 'ge1970'],
      ['birthdate', 'lt1980'],
      ['_sort', 'family,-birthdate'],
    ]);
    expect(s.sort.map((k) => [k.key.name, k.descending])).toEqual([
      ['family', false],
      ['birthdate', true],
    ]);
    expect(s).toMatchObject({ count: 5, offset: 10 });
  });

  // [query, text that must appear, value that must not]
  const bad: ReadonlyArray<readonly [string, string, string]> = [
    ['birthdate=23%20May%202009', '"birthdate"', 'May'],
    ['birthdate=xx1985-01-01', '"birthdate"', '1985'],
    ['birthdate=1985-02-30', '"birthdate"', '1985'],
    ['family:fuzzy=Quixotic', '"fuzzy"', 'Quixotic'],
    ['family:exact:contains=Quixotic', '"family"', 'Quixotic'],
    ['gender:exact=female', '"exact"', 'female'],
    ['_count=abc', '"_count"', 'abc'],
    ['_count=-1', '"_count"', '-1'],
    ['_count=1&_count=2', '"_count"', 'xx-none'],
    ['birthDate=1950', '"birthDate"', '1950'],
    ['colour=Vermilion', '"colour"', 'Vermilion'],
    ['_include=Patient:organization', '"_include"', 'organization'],
    ['_sort=shoeSize', '"shoeSize"', 'xx-none'],
    ['gender=feminine', '"gender"', 'feminine'],
    ['active=yes', '"active"', 'yes'],
    ['phone=http://x|0491570437', '"phone"', '0491570437'],
    ['identifier=a|b|Quixotic', '"identifier"', 'Quixotic'],
    ['email:missing=perhaps', '"email:missing"', 'perhaps'],
    ['family=Quix,,Zed', '"family"', 'Quix'],
    ["family='-", '"family"', "'-"],
    ['_total=maybe', '"_total"', 'maybe'],
  ];

  it.each(bad)('should reject %s with a 400 naming the parameter but not the value', (query, named, secret) => {
    const err = failure(query);
    expect(err.status).toBe(400);
    expect(err.message).toContain(named);
    expect(err.message.toLowerCase()).not.toContain(secret.toLowerCase());
  });

  it('should not echo a parameter name that does not look like one', () => {
    const err = failure(`${encodeURIComponent('Jane Citizen 1970')}=1`);
    expect(err.message).not.toContain('Jane');
  });
});

describe('paging tokens', () => {
  const site = '0b0c1d2e-0000-5000-8000-000000000001';

  it('should round-trip a search without revealing it', () => {
    const params = [
      ['family', 'Quixotic'],
      ['birthdate', 'ge1970-01-01'],
    ] as const;
    const token = sealSearch(site, params);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token).not.toContain('Quixotic');
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain('Quixotic');
    expect(openSearch(site, token)).toEqual(params);
  });

  it('should refuse a token from another site, a tampered token and garbage', () => {
    const token = sealSearch(site, [['family', 'smith']]);
    expect(openSearch('another-site', token)).toBeUndefined();
    const flipped = token.slice(0, 30) + (token[30] === 'A' ? 'B' : 'A') + token.slice(31);
    expect(openSearch(site, flipped)).toBeUndefined();
    expect(openSearch(site, 'not a token')).toBeUndefined();
    expect(openSearch(site, 'A'.repeat(60))).toBeUndefined();
  });
});
