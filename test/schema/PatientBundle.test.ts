/**
 * The pure parts of Patient.ts: PatientSearch → FHIR parameters, the page request, Halo's
 * continuation token (accepted only from a same-site, paging-only link) and bundleToConnection.
 */
import { describe, it } from 'vitest';
import type { FhirBundle } from '../../src/datasources/types.js';
import { bundleToConnection, continuationToken, pageRequest, searchParams } from '../../src/schema/types/Patient.js';

const SITE = '0d5b0a1e-5f4f-5a3c-8c2e-1f2a3b4c5d6e';
const BASE = `https://api.example.test/integrator/sites/${SITE}/fhir/R4`;

describe.concurrent('searchParams', () => {
  it('should send each list element as one repeated parameter, FHIR names with "-", then _sort and params', ({
    expect,
  }) => {
    expect(
      searchParams({
        params: [{ name: 'given:exact', value: 'Zoë' }],
        birthdate: ['ge1970', 'lt1980'],
        family: ['smith,jones'],
        address_postalcode: ['2000'],
        death_date: ['1999'],
        _sort: '-birthdate',
      }),
    ).toEqual([
      ['family', 'smith,jones'],
      ['birthdate', 'ge1970'],
      ['birthdate', 'lt1980'],
      ['address-postalcode', '2000'],
      ['death-date', '1999'],
      ['_sort', '-birthdate'],
      ['given:exact', 'Zoë'],
    ]);
    expect(searchParams(undefined)).toEqual([]);
    expect(searchParams({ family: null })).toEqual([]);
  });

  it('should refuse paging and malformed parameter names without echoing them', ({ expect }) => {
    for (const name of [
      '_count',
      '_getpages',
      '_getpagesoffset:x',
      '_offset',
      'a b',
      'family:',
      '',
      'x'.repeat(70),
      'fam&ily',
    ]) {
      let thrown: unknown;
      try {
        searchParams({
          params: [
            { name: 'family', value: 'ok' },
            { name, value: 'Secretname' },
          ],
        });
      } catch (e) {
        thrown = e;
      }
      expect(thrown, name).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'search.params[1].name' } });
      expect(JSON.stringify(thrown)).not.toContain('Secretname');
    }
  });

  it('should cap the number and length of values', ({ expect }) => {
    expect(() => searchParams({ family: Array.from({ length: 51 }, () => 'a') })).toThrow(/at most 50/);
    expect(() => searchParams({ family: ['a'.repeat(1025)] })).toThrow(/1024 characters/);
  });
});

describe.concurrent('pageRequest', () => {
  it('should send the search on the first page and the continuation token after', ({ expect }) => {
    const search = [['family', 'smith']] as const;
    expect(pageRequest(search, { offset: 0, size: 20 }, undefined)).toEqual([
      ['family', 'smith'],
      ['_count', '20'],
    ]);
    expect(pageRequest(search, { offset: 40, size: 10 }, 'tok')).toEqual([
      ['_getpages', 'tok'],
      ['_count', '10'],
      ['_getpagesoffset', '40'],
    ]);
    // Without a token Halo could continue (a link we did not recognise): the search again, at the offset.
    expect(pageRequest(search, { offset: 40, size: 10 }, undefined)).toEqual([
      ['family', 'smith'],
      ['_count', '10'],
      ['_getpagesoffset', '40'],
    ]);
  });
});

describe.concurrent('continuationToken', () => {
  const bundle = (url: string, relation = 'self'): Pick<FhirBundle, 'link'> => ({ link: [{ relation, url }] });

  it("should take the token of this site's paging-only Patient link", ({ expect }) => {
    expect(continuationToken(bundle(`${BASE}/Patient?_getpages=abc-DEF_123&_count=20`), SITE)).toBe('abc-DEF_123');
    expect(continuationToken(bundle(`${BASE}/Patient?_getpages=t1&_count=20&_getpagesoffset=40`, 'next'), SITE)).toBe(
      't1',
    );
    expect(
      continuationToken(bundle(`${BASE.replace(SITE, SITE.toUpperCase())}/Patient/_search?_getpages=t2`), SITE),
    ).toBe('t2');
  });

  it('should ignore links to another site or resource, links carrying search values and malformed tokens', ({
    expect,
  }) => {
    const other = '11111111-2222-5333-8444-555555555555';
    for (const url of [
      `${BASE.replace(SITE, other)}/Patient?_getpages=t`,
      `${BASE}/Practitioner?_getpages=t`,
      `${BASE}/Patient?_getpages=t&family=smith`,
      `${BASE}/Patient?family=smith&_count=20`,
      `${BASE}/Patient?_getpages=t&_getpages=u`,
      `${BASE}/Patient?_getpages=${encodeURIComponent('a/../b')}`,
      `${BASE}/Patient?_getpages=`,
      'not a url',
    ]) {
      expect(continuationToken(bundle(url), SITE), url).toBeUndefined();
    }
    expect(continuationToken({}, SITE)).toBeUndefined();
  });
});

describe.concurrent('bundleToConnection', () => {
  it('should return the match Patients unchanged plus siteId, with cursors after each and the total', ({ expect }) => {
    const patient = {
      resourceType: 'Patient',
      id: '7',
      name: [{ family: 'Smith' }],
      _birthDate: { extension: [{ url: 'x', valueCode: 'y' }] },
    };
    const b: FhirBundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: 42,
      link: [{ relation: 'next', url: `${BASE}/Patient?_getpages=t&_count=2&_getpagesoffset=22` }],
      entry: [
        { resource: patient, search: { mode: 'match' } },
        { resource: { resourceType: 'OperationOutcome' }, search: { mode: 'outcome' } },
        { resource: { resourceType: 'Practitioner', id: '9' }, search: { mode: 'include' } },
        { resource: { resourceType: 'Patient', id: '8' } },
        { resource: { resourceType: 'Patient' }, search: { mode: 'match' } },
      ],
    };
    const c = bundleToConnection(b, { siteId: SITE, offset: 20 }, (o) => `at${o}`);
    expect(c.edges).toEqual([
      { node: { ...patient, siteId: SITE }, cursor: 'at21' },
      { node: { resourceType: 'Patient', id: '8', siteId: SITE }, cursor: 'at22' },
    ]);
    expect(c.totalCount).toBe(42);
    expect(c.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: 'at21', endCursor: 'at22' });
  });

  it('should give a null totalCount when Halo omits Bundle.total', ({ expect }) => {
    const c = bundleToConnection({ resourceType: 'Bundle' }, { siteId: SITE, offset: 0 }, String);
    expect(c).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      totalCount: null,
    });
  });
});
