/**
 * `patient` and `patients` end to end, in process against the simulator: searches return exactly
 * the patients the FHIR rules select (expectations written as direct SQL on the site's database,
 * independently of the simulator's FHIR engine), the partial-date vectors of FHIR.md §2.4, paging
 * without gaps or repeats, POST-only searches, signed cursors, the error mapping, and that no
 * searched value reaches an error, a log or an upstream URL.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { createCursorCodec } from '../../src/lib/cursor.js';
import { OfflineSite, OnlineSite, UnreachableSite, ZedmedSite } from '../../simulator/src/fixtures.js';
import { graphql } from '../gql/index.js';
import type { PatientSearch } from '../gql/graphql.js';
import { useApp } from '../helpers/app.js';
import { execute, type Result } from '../helpers/execute.js';

const CURSOR_SECRET = 'patient-test-cursor-secret';
const ctx = useApp({ app: { cursorSecret: CURSOR_SECRET } });
const codec = createCursorCodec(CURSOR_SECRET);
const SITE = OnlineSite.id;
const IHI = 'http://ns.electronichealth.net.au/id/hi/ihi/1.0';
const MEDICARE = 'http://ns.electronichealth.net.au/id/medicare-number';

const PatientPage = graphql(`
  query PatientPage($siteId: ID!, $search: PatientSearch, $first: Int, $after: String) {
    patients(siteId: $siteId, search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          fhirId
          siteId
          resourceType
        }
      }
    }
  }
`);

const PatientById = graphql(`
  query PatientById($siteId: ID!, $id: ID!) {
    patient(siteId: $siteId, id: $id) {
      id
      fhirId
      siteId
      resourceType
      active
      gender
      birthDate
      deceasedBoolean
      deceasedDateTime
      meta {
        lastUpdated
        profile
      }
      identifier {
        system
        value
      }
      ihi: identifier(system: "http://ns.electronichealth.net.au/id/hi/ihi/1.0") {
        system
        value
        type {
          text
          coding {
            system
            code
          }
        }
      }
      name {
        use
        family
        given
      }
      mobile: telecom(system: "phone", use: "mobile") {
        value
      }
      address {
        use
        postalCode
      }
    }
  }
`);

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────────

async function sql<T>(statement: string, siteId = SITE): Promise<T[]> {
  const res = await ctx.call('POST', '/_sim/sql', { body: { siteId, sql: statement } });
  expect(res.status, res.text).toBe(200);
  return res.body.rows as T[];
}

/** Ids (as FHIR ids) selected by a WHERE clause on live patients, in `ORDER BY` order. */
async function sqlIds(where: string, orderBy = 'p.INTERNALID'): Promise<string[]> {
  const rows = await sql<{ id: number }>(
    `SELECT p.INTERNALID AS id FROM PATIENTS p ${DOB_JOIN} WHERE p.RECORDSTATUS = 1 AND (${where}) ORDER BY ${orderBy}`,
  );
  return rows.map((r) => String(r.id));
}

/**
 * Each patient's birthDate as a half-open day range [lo, hi) at its stored precision (FHIR.md §2.4):
 * `d.lo`/`d.hi` are YYYY-MM-DD strings, NULL without a DOB.
 */
const DOB_JOIN = `LEFT JOIN (
  SELECT id, lo, date(lo, CASE prec WHEN 'Y' THEN '+1 year' WHEN 'M' THEN '+1 month' ELSE '+1 day' END) AS hi FROM (
    SELECT INTERNALID AS id, upper(DOBPRECISION) AS prec,
      CASE upper(DOBPRECISION) WHEN 'Y' THEN substr(DOB, 1, 4) || '-01-01' WHEN 'M' THEN substr(DOB, 1, 7) || '-01' ELSE substr(DOB, 1, 10) END AS lo
    FROM PATIENTS WHERE DOB IS NOT NULL)
) d ON d.id = p.INTERNALID`;

/** SQL for "birthdate=<prefix><day>" with FHIR's range rules, S = [day, day + 1). */
function dobMatches(prefix: 'eq' | 'ge' | 'gt' | 'le' | 'lt', day: string): string {
  const sLo = `'${day}'`;
  const sHi = `date('${day}', '+1 day')`;
  const eq = `(d.lo >= ${sLo} AND d.hi <= ${sHi})`;
  const rule = {
    eq,
    gt: `d.hi > ${sHi}`,
    lt: `d.lo < ${sLo}`,
    ge: `(d.hi > ${sHi} OR ${eq})`,
    le: `(d.lo < ${sLo} OR ${eq})`,
  }[prefix];
  return `(d.lo IS NOT NULL AND ${rule})`;
}

/** FHIR string matching, written out here: lower-case, accents and punctuation dropped. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Ids of live patients whose family name matches one of `prefixes` by FHIR's default string rule
 * (starts with, case- and accent-insensitive), the whole name or any space/hyphen-separated part.
 */
async function familyIds(...prefixes: string[]): Promise<string[]> {
  const rows = await sql<{ id: number; SURNAME: string }>(
    'SELECT INTERNALID AS id, SURNAME FROM PATIENTS WHERE RECORDSTATUS = 1 ORDER BY INTERNALID',
  );
  const wanted = prefixes.map(fold);
  return rows
    .filter((r) =>
      [r.SURNAME, ...r.SURNAME.split(/[\s-]+/)].some((part) => wanted.some((w) => fold(part).startsWith(w))),
    )
    .map((r) => String(r.id));
}

interface Walk {
  ids: string[];
  totals: Array<number | null | undefined>;
  pages: number;
}

/** Pages through a search with `after: endCursor` (page sizes cycle through `sizes`); fails on a repeated id. */
async function walk(search: PatientSearch, sizes: number[] = [100]): Promise<Walk> {
  const out: Walk = { ids: [], totals: [], pages: 0 };
  let after: string | null | undefined;
  for (let i = 0; i < 200; i++) {
    const res = await execute(ctx.app, PatientPage, { siteId: SITE, search, first: sizes[i % sizes.length]!, after });
    expect(res.errors).toBeUndefined();
    const conn = res.data!.patients;
    out.pages++;
    out.totals.push(conn.totalCount);
    expect(conn.pageInfo.hasPreviousPage).toBe(i > 0);
    for (const e of conn.edges) {
      expect(e.node.siteId).toBe(SITE);
      expect(e.node.resourceType).toBe('Patient');
      out.ids.push(e.node.fhirId);
    }
    expect(conn.pageInfo.startCursor).toBe(conn.edges[0]?.cursor ?? null);
    expect(conn.pageInfo.endCursor).toBe(conn.edges.at(-1)?.cursor ?? null);
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  expect(new Set(out.ids).size, 'no patient is repeated across pages').toBe(out.ids.length);
  return out;
}

const codeOf = (res: Result<unknown>) => res.errors?.[0]?.extensions?.code;

// ── Search semantics against SQL ─────────────────────────────────────────────────────────────────

describe('patients', () => {
  it.each<{ title: string; search: PatientSearch; where: string; orderBy?: string }>([
    {
      title: 'gender AND two birthdate bounds (repeated parameter)',
      search: { gender: ['female'], birthdate: ['ge1980-01-01', 'lt1990-01-01'] },
      where: `p.SEXCODE = 2 AND ${dobMatches('ge', '1980-01-01')} AND ${dobMatches('lt', '1990-01-01')}`,
    },
    {
      title: 'a partial-year birthdate (eq: the year contains the stored date)',
      search: { birthdate: ['1985'] },
      where: `d.lo >= '1985-01-01' AND d.hi <= '1986-01-01'`,
    },
    {
      title: 'active AND a postcode of the home or postal address',
      search: { active: ['true'], address_postalcode: ['2500'] },
      where: `p.PATIENTSTATUS = 1 AND (p.POSTCODE = '2500' OR (trim(coalesce(p.POSTALADDRESS, '')) <> '' AND p.POSTALPOSTCODE = '2500'))`,
    },
    {
      title: 'an exact given name through the params escape hatch (given:exact)',
      search: { params: [{ name: 'given:exact', value: 'Alex' }] },
      where: `p.FIRSTNAME = 'Alex' COLLATE BINARY OR p.MIDDLENAME = 'Alex' COLLATE BINARY OR p.PREFERREDNAME = 'Alex' COLLATE BINARY`,
    },
    {
      title: 'male patients sorted by birthdate descending (_sort), ties by id',
      search: { gender: ['male'], _sort: '-birthdate' },
      where: 'p.SEXCODE = 1',
      orderBy: 'd.lo DESC NULLS LAST, p.INTERNALID',
    },
  ])('should return exactly the patients SQL selects for $title', async ({ search, where, orderBy }) => {
    const expected = await sqlIds(where, orderBy);
    expect(expected.length).toBeGreaterThan(3);
    const got = await walk(search);
    expect(got.ids).toEqual(expected);
    expect(new Set(got.totals)).toEqual(new Set([expected.length]));
  });

  it('should match family names by prefix, OR-ed with a comma, ignoring case and accents', async () => {
    const expected = await familyIds('nguyen', 'williams');
    const rows = await sql<{ id: number }>(
      "SELECT INTERNALID AS id FROM PATIENTS WHERE RECORDSTATUS = 1 AND SURNAME = 'Nguyễn'",
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(expected).toEqual(expect.arrayContaining(rows.map((r) => String(r.id))));
    const got = await walk({ family: ['nguyen,williams'] });
    expect(got.ids).toEqual(expected);
    expect(new Set(got.totals)).toEqual(new Set([expected.length]));
  });

  it('should find a patient by IHI and every IRN of a Medicare card by its 10 digits', async () => {
    const [row, other] = await sql<{ id: number; IHI: string; MEDICARENO: string; MEDICARELINENO: string }>(
      'SELECT INTERNALID AS id, IHI, MEDICARENO, MEDICARELINENO FROM PATIENTS WHERE RECORDSTATUS = 1 AND IHI IS NOT NULL AND MEDICARENO IS NOT NULL AND MEDICARELINENO IS NOT NULL LIMIT 2',
    );
    // A family on one card: a second patient gets the same card number with another IRN.
    const irn = row!.MEDICARELINENO === '9' ? '1' : String(Number(row!.MEDICARELINENO) + 1);
    await sql(
      `UPDATE PATIENTS SET MEDICARENO = '${row!.MEDICARENO}', MEDICARELINENO = '${irn}' WHERE INTERNALID = ${other!.id}`,
    );
    const byIhi = await walk({ identifier: [`${IHI}|${row!.IHI}`] });
    expect(byIhi.ids).toEqual(await sqlIds(`p.IHI = '${row!.IHI}'`));
    const byCard = await walk({ identifier: [`${MEDICARE}|${row!.MEDICARENO}`] });
    expect(byCard.ids).toEqual(await sqlIds(`p.MEDICARENO = '${row!.MEDICARENO}'`));
    expect(byCard.ids.length).toBeGreaterThan(1);
  });

  it('should page through 1,000+ matches without gaps or repeats, with the total on every page', async () => {
    const expected = await sqlIds('p.SEXCODE = 2');
    await ctx.clearRequests();
    const got = await walk({ gender: ['female'] });
    expect(got.ids).toEqual(expected);
    expect(got.pages).toBe(Math.ceil(expected.length / 100));
    expect(new Set(got.totals)).toEqual(new Set([expected.length]));
    // Every page, the first included, was a POST _search; the search never went into a GET URL.
    expect((await ctx.upstreamCalls('postFhirSearch')).length).toBe(got.pages);
    expect(await ctx.upstreamCalls('getFhirQuery')).toEqual([]);
  });

  it('should continue behind any edge, whatever the page sizes', async () => {
    const expected = await familyIds('smith');
    expect((await walk({ family: ['smith'] }, [1, 7, 3, 20, 2])).ids).toEqual(expected);

    const first = await execute(ctx.app, PatientPage, { siteId: SITE, search: { family: ['smith'] }, first: 5 });
    const third = first.data!.patients.edges[2]!;
    const next = await execute(ctx.app, PatientPage, {
      siteId: SITE,
      search: { family: ['smith'] },
      first: 4,
      after: third.cursor,
    });
    expect(next.data!.patients.edges.map((e) => e.node.fhirId)).toEqual(expected.slice(3, 7));
  });

  it('should default to 20 patients and answer first: 0 with the total only', async () => {
    const total = (await sql<{ n: number }>('SELECT count(*) AS n FROM PATIENTS WHERE RECORDSTATUS = 1'))[0]!.n;
    const dflt = await execute(ctx.app, PatientPage, { siteId: SITE });
    expect(dflt.data?.patients.edges).toHaveLength(20);
    expect(dflt.data?.patients.totalCount).toBe(total);
    const zero = await execute(ctx.app, PatientPage, { siteId: SITE, first: 0 });
    expect(zero.data?.patients).toEqual({
      totalCount: total,
      pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null },
      edges: [],
    });
  });

  it('should refuse first above 100 or below 0 before calling Halo', async () => {
    await ctx.clearRequests();
    for (const first of [101, -1]) {
      const res = await execute(ctx.app, PatientPage, { siteId: SITE, first });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    }
    expect(await ctx.upstreamCalls()).toEqual([]);
  });
});

// ── Partial dates (FHIR.md §2.4 vectors) ─────────────────────────────────────────────────────────

describe('patients birthdate vectors', () => {
  /** Planted patients: a surname no one else has, and the stored birthDate of each vector. */
  const SURNAME = 'Vectorsmith';
  const planted = {
    day: { id: '11', dob: '1985-06-15', precision: 'D' },
    year: { id: '12', dob: '1985-01-01', precision: 'Y' },
    june1: { id: '13', dob: '1985-06-01', precision: 'D' },
    dec31: { id: '14', dob: '1984-12-31', precision: 'D' },
    feb86: { id: '15', dob: '1986-02-01', precision: 'D' },
  } as const;

  beforeAll(async () => {
    await ctx.call('POST', '/_sim/reset');
    for (const p of Object.values(planted)) {
      await sql(
        `UPDATE PATIENTS SET SURNAME = '${SURNAME}', DOB = '${p.dob}T00:00:00', DOBPRECISION = '${p.precision}', RECORDSTATUS = 1 WHERE INTERNALID = ${p.id}`,
      );
    }
  });

  it.each<[keyof typeof planted, string, boolean]>([
    ['day', '1985', true],
    ['day', '1985-06', true],
    ['day', 'ne1985', false],
    ['year', 'eq1985-06-01', false],
    ['year', 'gt1985-06-01', true],
    ['year', 'lt1985-06-01', true],
    ['year', 'ge1985-06-01', true],
    ['year', 'le1985-06-01', true],
    ['year', 'ne1985-06-01', true],
    ['year', 'sa1985-06-01', false],
    ['year', 'eb1985-06-01', false],
    ['june1', 'gt1985-06-01', false],
    ['june1', 'ge1985-06-01', true],
    ['dec31', 'ge1985', false],
    ['feb86', 'ge1985', true],
    ['day', 'lt1985-06-15T10:00+10:00', true],
  ])('stored %s, birthdate=%s → match %s', async (stored, query, match) => {
    const res = await execute(ctx.app, PatientPage, {
      siteId: SITE,
      search: { family: [SURNAME], birthdate: [query] },
      first: 100,
    });
    expect(res.errors).toBeUndefined();
    const ids = res.data!.patients.edges.map((e) => e.node.fhirId);
    expect(ids.includes(planted[stored].id)).toBe(match);
  });
});

// ── Cursors ──────────────────────────────────────────────────────────────────────────────────────

describe('patients cursors', () => {
  const search = { family: ['nguyen'] };
  let cursors: string[] = [];

  beforeAll(async () => {
    const res = await execute(ctx.app, PatientPage, { siteId: SITE, search, first: 10 });
    cursors = res.data!.patients.edges.map((e) => e.cursor);
  });

  const digest = (siteId: string, s: ReadonlyArray<readonly [string, string]>) =>
    codec.digest('Patient', [siteId, ...s.flat()]);

  it('should refuse a tampered cursor with BAD_USER_INPUT, without calling Halo', async () => {
    const good = cursors[9]!;
    const [body = '', mac = ''] = good.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forgedBody = Buffer.from(JSON.stringify({ ...payload, o: 0 })).toString('base64url');
    await ctx.clearRequests();
    for (const after of [`${forgedBody}.${mac}`, `${body}.${mac.slice(1)}`, 'garbage', `${body}.${mac}`.repeat(200)]) {
      const res = await execute(ctx.app, PatientPage, { siteId: SITE, search, first: 10, after });
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    }
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should refuse a cursor of another search, another site or another secret', async () => {
    const after = cursors[9]!;
    const otherSearch = await execute(ctx.app, PatientPage, {
      siteId: SITE,
      search: { family: ['williams'] },
      first: 10,
      after,
    });
    expect(codeOf(otherSearch)).toBe('BAD_USER_INPUT');
    const noSearch = await execute(ctx.app, PatientPage, { siteId: SITE, first: 10, after });
    expect(codeOf(noSearch)).toBe('BAD_USER_INPUT');

    const backup = '3f91c577-0000-4000-8000-000000000001';
    const foreignSite = codec.seal('Patient', { v: 1, s: backup, q: digest(backup, [['family', 'nguyen']]), o: 10 });
    expect(codeOf(await execute(ctx.app, PatientPage, { siteId: SITE, search, first: 10, after: foreignSite }))).toBe(
      'BAD_USER_INPUT',
    );

    const otherSecret = createCursorCodec('another-secret-for-this-test').seal('Patient', {
      v: 1,
      s: SITE,
      q: digest(SITE, [['family', 'nguyen']]),
      o: 10,
    });
    expect(codeOf(await execute(ctx.app, PatientPage, { siteId: SITE, search, first: 10, after: otherSecret }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('should continue by re-sending the search at the offset when a cursor holds no Halo token', async () => {
    const expected = await familyIds('nguyen');
    const after = codec.seal('Patient', { v: 1, s: SITE, q: digest(SITE, [['family', 'nguyen']]), o: 10 });
    const res = await execute(ctx.app, PatientPage, { siteId: SITE, search, first: 10, after });
    expect(res.data?.patients.edges.map((e) => e.node.fhirId)).toEqual(expected.slice(10, 20));
    expect(res.data?.patients.totalCount).toBe(expected.length);
  });

  it('should answer an empty last page for a cursor past the end', async () => {
    const after = codec.seal('Patient', { v: 1, s: SITE, q: digest(SITE, [['family', 'nguyen']]), o: 100_000 });
    const res = await execute(ctx.app, PatientPage, { siteId: SITE, search, first: 10, after });
    expect(res.data?.patients.edges).toEqual([]);
    expect(res.data?.patients.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: null,
      endCursor: null,
    });
  });

  it('should carry no searched value in a cursor', () => {
    expect(cursors).toHaveLength(10);
    for (const c of cursors) {
      const body = Buffer.from(c.split('.')[0]!, 'base64url').toString();
      expect(body.toLowerCase()).not.toContain('nguyen');
    }
  });
});

// ── patient(siteId, id) ──────────────────────────────────────────────────────────────────────────

describe('patient', () => {
  it('should return the FHIR resource as the simulator serves it, with identifier and telecom filters', async () => {
    const [row] = await sql<{ id: number; IHI: string; MOBILEPHONE: string }>(
      'SELECT INTERNALID AS id, IHI, MOBILEPHONE FROM PATIENTS WHERE RECORDSTATUS = 1 AND IHI IS NOT NULL AND MOBILEPHONE IS NOT NULL LIMIT 1',
    );
    const id = String(row!.id);
    const direct = (await ctx.call('GET', `/integrator/sites/${SITE}/fhir/R4/Patient/${id}`)).body;
    const res = await execute(ctx.app, PatientById, { siteId: SITE, id });
    expect(res.errors).toBeUndefined();
    const p = res.data!.patient!;
    expect(p).toMatchObject({
      id: expect.stringMatching(/^pt_[A-Za-z0-9_-]+$/),
      fhirId: id,
      siteId: SITE,
      resourceType: 'Patient',
      gender: direct.gender,
      birthDate: direct.birthDate,
      meta: direct.meta,
    });
    expect(p.identifier).toEqual(
      direct.identifier.map((i: { system: string; value: string }) => ({ system: i.system, value: i.value })),
    );
    expect(p.ihi).toEqual([
      {
        system: IHI,
        value: row!.IHI,
        type: { text: 'IHI', coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NI' }] },
      },
    ]);
    expect(p.mobile).toEqual([{ value: row!.MOBILEPHONE }]);
  });

  it('should answer NOT_FOUND for an unknown patient and BAD_USER_INPUT for a malformed id', async () => {
    const missing = await execute(ctx.app, PatientById, { siteId: SITE, id: '999999' });
    expect(missing.data?.patient).toBeNull();
    expect(codeOf(missing)).toBe('NOT_FOUND');
    await ctx.clearRequests();
    for (const id of ['a/b', '..', 'x'.repeat(65), '']) {
      const bad = await execute(ctx.app, PatientById, { siteId: SITE, id });
      expect(bad.errors?.[0]?.extensions, id).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    }
    expect(await ctx.upstreamCalls()).toEqual([]);
  });
});

// ── Errors ───────────────────────────────────────────────────────────────────────────────────────

describe('patients errors', () => {
  it.each<[string, string, PatientSearch, { code: string; argument?: string; reason?: string }]>([
    [
      'an OperationOutcome 400 (unsupported modifier)',
      SITE,
      { params: [{ name: 'family:fuzzy', value: 'x' }] },
      { code: 'BAD_USER_INPUT', argument: 'search.params[0]' },
    ],
    [
      'a Zedmed site (no FHIR)',
      ZedmedSite.id,
      { family: ['x'] },
      { code: 'BAD_USER_INPUT', argument: 'siteId', reason: 'FHIR_NOT_SUPPORTED' },
    ],
    ['an offline site', OfflineSite.id, { family: ['x'] }, { code: 'SITE_UNAVAILABLE' }],
    ['an unreachable site', UnreachableSite.id, { family: ['x'] }, { code: 'SITE_UNAVAILABLE' }],
    ['an unknown site', '3f91c577-0000-4000-8000-000000000000', { family: ['x'] }, { code: 'SITE_NOT_FOUND' }],
  ])('should map %s', async (_title, siteId, search, extensions) => {
    const res = await execute(ctx.app, PatientPage, { siteId, search });
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]?.extensions).toMatchObject(extensions);
    const read = await execute(ctx.app, PatientById, { siteId, id: '1' });
    if (!extensions.argument?.startsWith('search')) expect(read.errors?.[0]?.extensions?.code).toBe(extensions.code);
  });

  it('should refuse a siteId that is not a GUID', async () => {
    const res = await execute(ctx.app, PatientPage, { siteId: '../sites/x' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'siteId' });
  });
});

// ── Privacy canary ───────────────────────────────────────────────────────────────────────────────

describe('patients privacy', () => {
  const NAME = 'Canaryfeatherstone';
  const DATE = '1973-13-45';
  const IDENT = '8003608833357361';
  const PLANTED = [NAME, DATE, IDENT, NAME.toLowerCase()];

  const failing: Array<[string, string, PatientSearch]> = [
    ['a malformed date', SITE, { family: [NAME], birthdate: [DATE] }],
    ['a token with two bars', SITE, { identifier: [`${IHI}|${IDENT}|${NAME}`] }],
    ['an unsupported modifier', SITE, { params: [{ name: 'family:fuzzy', value: NAME }], birthdate: [DATE] }],
    ['an invalid gender', SITE, { gender: [NAME], identifier: [`${IHI}|${IDENT}`] }],
    ['a reserved parameter', SITE, { family: [NAME], params: [{ name: '_count', value: IDENT }] }],
    ['an offline site', OfflineSite.id, { family: [NAME], birthdate: [DATE], identifier: [IDENT] }],
    ['a Zedmed site', ZedmedSite.id, { family: [NAME], birthdate: [DATE], identifier: [IDENT] }],
  ];

  it('should keep planted names, dates and identifiers out of error messages and logs', async () => {
    const spies = [
      vi.spyOn(console, 'log'),
      vi.spyOn(console, 'info'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(console, 'error'),
      vi.spyOn(console, 'debug'),
      vi.spyOn(process.stdout, 'write'),
      vi.spyOn(process.stderr, 'write'),
    ];
    try {
      for (const [title, siteId, search] of failing) {
        const res = await execute(ctx.app, PatientPage, { siteId, search });
        expect(res.errors, title).toHaveLength(1);
        const text = JSON.stringify(res);
        for (const v of PLANTED) expect(text, title).not.toContain(v);
      }
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('should never put a searched value in an upstream URL: every search is POST Patient/_search', async () => {
    const proxy = await recordingProxy(ctx.sim.url);
    const app: App = createApp({
      haloApiUrl: proxy.url,
      haloSubscriptionKey: ctx.sim.key,
      cursorSecret: CURSOR_SECRET,
      halo: { keepAliveTimeoutMs: 10 },
    });
    try {
      const first = await execute(app, PatientPage, {
        siteId: SITE,
        search: { family: ['smith'], birthdate: ['ge1950'], gender: ['male'] },
        first: 5,
      });
      expect(first.data?.patients.edges).toHaveLength(5);
      const after = first.data!.patients.pageInfo.endCursor;
      const second = await execute(app, PatientPage, {
        siteId: SITE,
        search: { family: ['smith'], birthdate: ['ge1950'], gender: ['male'] },
        first: 5,
        after,
      });
      expect(second.data?.patients.edges).toHaveLength(5);
      await execute(app, PatientPage, { siteId: SITE, search: { family: [NAME], birthdate: [DATE] } });

      const fhir = proxy.seen.filter((r) => r.url.includes('/fhir/'));
      expect(fhir).toEqual(
        Array.from({ length: 3 }, () => ({ method: 'POST', url: `/integrator/sites/${SITE}/fhir/R4/Patient/_search` })),
      );
      for (const r of proxy.seen)
        for (const v of [...PLANTED, 'smith', 'ge1950', 'male'])
          expect(r.url.toLowerCase()).not.toContain(v.toLowerCase());
    } finally {
      await app.stop();
      await proxy.close();
    }
  });
});

/** A pass-through HTTP proxy in front of the simulator that records each request's method and URL. */
async function recordingProxy(
  target: string,
): Promise<{ url: string; seen: Array<{ method: string; url: string }>; close(): Promise<void> }> {
  const seen: Array<{ method: string; url: string }> = [];
  const to = new URL(target);
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '' });
    const upstream = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
