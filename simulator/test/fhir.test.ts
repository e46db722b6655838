/**
 * The simulator's FHIR API end to end, over real HTTP: CapabilityStatement, Patient read, Patient
 * search (GET and POST) against expectations computed independently from the site's rows (direct
 * SQL through `/_sim/sql`), paging, errors, PMS and availability rules. Every response is checked
 * against the Halo OpenAPI contract.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isValidIhi, isValidMedicare } from '../src/db/identifiers.js';
import { D4wSite, OfflineSite, OnlineSite, UnreachableSite, ZedmedSite } from '../src/fixtures.js';
import { assertValidResponse } from './openapi.js';
import { useSimulator, type SimResponse } from './helpers.js';

const ctx = useSimulator();

const BASE = `/integrator/sites/${OnlineSite.id}/fhir/R4`;
const IHI = 'http://ns.electronichealth.net.au/id/hi/ihi/1.0';
const MEDICARE = 'http://ns.electronichealth.net.au/id/medicare-number';
const DVA = 'http://ns.electronichealth.net.au/id/dva';
const OUTCOME_SYSTEM = 'http://hl7.org/fhir/dotnet-api-operation-outcome';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

// ---------------------------------------------------------------------------------------------
// HTTP helpers

/** GET under the site's FHIR base, checked against the contract. */
async function get(pathAndQuery: string): Promise<SimResponse> {
  const res = await ctx.call('GET', `${BASE}/${pathAndQuery}`);
  assertValidResponse('getFhirQuery', res.status, res.body);
  return res;
}

/** POST Patient/_search with a form body, checked against the contract. */
async function post(form: string, siteBase = BASE, resource = 'Patient'): Promise<SimResponse> {
  const res = await ctx.call('POST', `${siteBase}/${resource}/_search`, { rawBody: form, headers: FORM });
  assertValidResponse('postFhirSearch', res.status, res.body);
  return res;
}

/** Follows an absolute link from a Bundle (a GET, per FHIR). */
async function follow(url: string): Promise<SimResponse> {
  const u = new URL(url);
  expect(u.origin).toBe(new URL(ctx.sim.url).origin);
  const res = await ctx.call('GET', u.pathname + u.search);
  assertValidResponse('getFhirQuery', res.status, res.body);
  return res;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- FHIR JSON off the wire is read as `any`
   (SimResponse's default) in this file: its shape is what the assertions check, so typing it
   first would only restate them. */
interface Walk {
  ids: string[];
  totals: number[];
  pages: SimResponse[];
  resources: Array<Record<string, any>>;
}

/** Reads every page by following `next` links; fails on a repeated id. */
async function walk(first: SimResponse): Promise<Walk> {
  const out: Walk = { ids: [], totals: [], pages: [], resources: [] };
  let res = first;
  for (let guard = 0; guard < 500; guard++) {
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    out.pages.push(res);
    out.totals.push(res.body.total);
    for (const e of res.body.entry ?? []) {
      expect(e.search).toEqual({ mode: 'match' });
      expect(e.fullUrl).toMatch(new RegExp(`/fhir/R4/Patient/${e.resource.id}$`));
      out.ids.push(e.resource.id);
      out.resources.push(e.resource);
    }
    const next = (res.body.link as Array<{ relation: string; url: string }>).find((l) => l.relation === 'next');
    if (!next) break;
    res = await follow(next.url);
  }
  expect(new Set(out.ids).size, 'no id is repeated across pages').toBe(out.ids.length);
  return out;
}

const searchGet = async (query: string) => walk(await get(`Patient?${query}`));
const searchPost = async (form: string) => walk(await post(form));

async function sql<T = Record<string, any>>(statement: string, siteId = OnlineSite.id): Promise<T[]> {
  const res = await ctx.call('POST', '/_sim/sql', { body: { siteId, sql: statement } });
  expect(res.status, res.text).toBe(200);
  return res.body.rows as T[];
}

function expectOutcome(res: SimResponse, status: number): string {
  expect(res.status, res.text).toBe(status);
  expect(res.body).toMatchObject({ resourceType: 'OperationOutcome' });
  expect(res.body.issue).toHaveLength(1);
  const issue = res.body.issue[0];
  expect(issue).toMatchObject({ severity: 'fatal', code: 'exception' });
  expect(issue.details.coding).toEqual([{ system: OUTCOME_SYSTEM, code: '5003' }]);
  expect(typeof issue.details.text).toBe('string');
  return issue.details.text as string;
}

// ---------------------------------------------------------------------------------------------
// The oracle: FHIR rules applied to raw rows, written independently of src/simulator/fhir.

interface Row {
  INTERNALID: number;
  FIRSTNAME: string;
  MIDDLENAME: string | null;
  SURNAME: string;
  PREFERREDNAME: string | null;
  TITLE: string | null;
  DOB: string | null;
  DOBPRECISION: 'Y' | 'M' | 'D';
  SEXCODE: number | null;
  CITY: string | null;
  POSTCODE: string | null;
  POSTALCITY: string | null;
  POSTALPOSTCODE: string | null;
  HOMEPHONE: string | null;
  WORKPHONE: string | null;
  MOBILEPHONE: string | null;
  EMAIL: string | null;
  MEDICARENO: string | null;
  MEDICARELINENO: string | null;
  MedicareExpiry: string | null;
  DVANO: string | null;
  DVACARDTYPE: string | null;
  IHI: string | null;
  STATE: string | null;
  COUNTRY: string | null;
  PATIENTSTATUS: number;
  DATEOFDEATH: string | null;
  UPDATED: string | null;
}

let rows: Row[] = [];
let byId = new Map<string, Row>();

beforeAll(async () => {
  rows = await sql<Row>(
    'SELECT p.*, t.Title AS TITLE FROM PATIENTS p LEFT JOIN TITLES t ON t.TitleCode = p.TITLECODE WHERE p.RECORDSTATUS = 1 ORDER BY p.INTERNALID',
  );
  byId = new Map(rows.map((r) => [String(r.INTERNALID), r]));
});

/** Lower case, no accents, letters and digits only (the oracle's own take on FHIR.md §2.5). */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');
}

const present = (...values: Array<string | null | undefined>): string[] =>
  values.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());

const familyOf = (r: Row) => present(r.SURNAME);
const givenOf = (r: Row) => present(r.FIRSTNAME, r.MIDDLENAME, r.PREFERREDNAME);
const nameOf = (r: Row) => [
  ...familyOf(r),
  ...givenOf(r),
  ...present(r.TITLE),
  present(r.TITLE, r.FIRSTNAME, r.SURNAME).join(' '),
];

/** Default string match: the whole value or any space/hyphen part starts with the query. */
const startsWith = (values: string[], q: string) =>
  values.some((v) => [v, ...v.split(/[\s-]+/)].some((part) => fold(part) !== '' && fold(part).startsWith(fold(q))));

const digits = (s: string | null) => (s ?? '').replace(/\D/g, '');
const ids = (filter: (r: Row) => boolean) => rows.filter(filter).map((r) => String(r.INTERNALID));

/** Day-granular ranges [lo, hi) in days since 1970 for date-only values. */
function dayRange(text: string): [number, number] {
  const [y, m, d] = text.split('-').map(Number) as [number, number?, number?];
  const day = (yy: number, mm: number, dd: number) => Date.UTC(yy, mm - 1, dd) / 86_400_000;
  if (m === undefined) return [day(y, 1, 1), day(y + 1, 1, 1)];
  if (d === undefined) return [day(y, m, 1), day(y, m + 1, 1)];
  return [day(y, m, d), day(y, m, d + 1)];
}

function birthRange(r: Row): [number, number] | undefined {
  if (!r.DOB) return undefined;
  const date = r.DOB.slice(0, 10);
  return dayRange(r.DOBPRECISION === 'Y' ? date.slice(0, 4) : r.DOBPRECISION === 'M' ? date.slice(0, 7) : date);
}

/** The R4 prefix table (FHIR.md §2.4) for date-only values; `ap` is not modelled here. */
function birthMatches(r: Row, query: string): boolean {
  const t = birthRange(r);
  if (!t) return false;
  const prefix = /^[a-z]{2}/.test(query) ? query.slice(0, 2) : 'eq';
  const s = dayRange(/^[a-z]{2}/.test(query) ? query.slice(2) : query);
  const contained = s[0] <= t[0] && t[1] <= s[1];
  switch (prefix) {
    case 'eq':
      return contained;
    case 'ne':
      return !contained;
    case 'gt':
      return t[1] > s[1];
    case 'lt':
      return t[0] < s[0];
    case 'ge':
      return t[1] > s[1] || contained;
    case 'le':
      return t[0] < s[0] || contained;
    case 'sa':
      return t[0] >= s[1];
    case 'eb':
      return t[1] <= s[0];
    default:
      throw new Error(prefix);
  }
}

const byNumericId = (a: string, b: string) => Number(a) - Number(b);

// ---------------------------------------------------------------------------------------------

describe('the seeded data the oracle relies on', () => {
  it('should have live patients with Latin-script names, partial birth dates and accents', () => {
    expect(rows.length).toBeGreaterThan(1900);
    for (const r of rows) expect(`${r.FIRSTNAME} ${r.SURNAME}`).toMatch(/^[\p{Script=Latin}\s'-]+$/u);
    expect(rows.some((r) => r.DOBPRECISION === 'Y')).toBe(true);
    expect(rows.some((r) => r.DOBPRECISION === 'M')).toBe(true);
    expect(rows.some((r) => r.FIRSTNAME === 'Zoë')).toBe(true);
  });
});

describe('GET metadata', () => {
  it('should describe exactly the Patient capabilities, in Halo’s CapabilityStatement shape', async () => {
    const res = await get('metadata');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const cs = res.body;
    expect(cs).toMatchObject({
      resourceType: 'CapabilityStatement',
      id: OnlineSite.id,
      version: `${OnlineSite.haloLinkVersion}.0`,
      name: 'RestServer',
      status: 'active',
      publisher: 'Halo Connect Pty Ltd',
      kind: 'instance',
      software: { name: 'BP/Halo FHIR Server' },
      implementation: { description: 'Halo FHIR Server' },
      fhirVersion: '4.0.1',
      format: ['application/fhir+json', 'application/json'],
    });
    expect(cs.rest).toHaveLength(1);
    expect(cs.rest[0].mode).toBe('server');
    expect(cs.rest[0].resource).toHaveLength(1);
    const patient = cs.rest[0].resource[0];
    expect(patient).toMatchObject({
      type: 'Patient',
      profile: 'http://hl7.org/fhir/StructureDefinition/Patient',
      supportedProfile: ['http://hl7.org.au/fhir/StructureDefinition/au-patient'],
    });
    expect(patient.interaction.map((i: { code: string }) => i.code)).toEqual(['read', 'search-type']);
    const params = Object.fromEntries(patient.searchParam.map((p: { name: string; type: string }) => [p.name, p.type]));
    expect(params).toEqual({
      _id: 'token',
      _lastUpdated: 'date',
      identifier: 'token',
      name: 'string',
      family: 'string',
      given: 'string',
      birthdate: 'date',
      gender: 'token',
      phone: 'token',
      email: 'token',
      address: 'string',
      'address-city': 'string',
      'address-state': 'string',
      'address-postalcode': 'string',
      active: 'token',
      deceased: 'token',
      'death-date': 'date',
      _count: 'number',
      _sort: 'string',
      _total: 'token',
      _getpages: 'string',
      _getpagesoffset: 'number',
    });
  });
});

describe('every patient', () => {
  let all: Walk;
  beforeAll(async () => {
    all = await searchGet('_count=100');
  });

  it('should be listed exactly once when paging through an unfiltered search', () => {
    expect(all.ids).toEqual([...byId.keys()]);
    expect(new Set(all.totals)).toEqual(new Set([rows.length]));
    expect(all.pages).toHaveLength(Math.ceil(rows.length / 100));
  });

  it('should carry a valid IHI (Luhn, 800360) and Medicare number (check digit) with AU Base typing', () => {
    let ihis = 0;
    let medicares = 0;
    for (const p of all.resources) {
      const row = byId.get(p.id)!;
      const ihi = p.identifier?.filter((i: any) => i.system === IHI) ?? [];
      expect(ihi.length).toBe(row.IHI ? 1 : 0);
      for (const i of ihi) {
        expect(isValidIhi(i.value), i.value).toBe(true);
        expect(i.type.coding).toContainEqual({ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NI' });
        ihis++;
      }
      const medicare = p.identifier?.filter((i: any) => i.system === MEDICARE) ?? [];
      expect(medicare.length).toBe(row.MEDICARENO ? 1 : 0);
      for (const m of medicare) {
        expect(isValidMedicare(m.value), m.value).toBe(true);
        expect(m.value).toBe(`${row.MEDICARENO}${row.MEDICARELINENO}`);
        expect(m.value).toMatch(/^\d{11}$/);
        expect(m.type.coding[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MC' });
        const [mm, yyyy] = row.MedicareExpiry!.split('/');
        expect(m.period).toEqual({ end: `${yyyy}-${mm}` });
        medicares++;
      }
      const dva = p.identifier?.filter((i: any) => i.system === DVA) ?? [];
      expect(dva.length).toBe(row.DVANO ? 1 : 0);
      for (const d of dva) {
        expect(d.value).toBe(row.DVANO);
        expect(d.type.coding[0]).toMatchObject({
          system: 'http://terminology.hl7.org.au/CodeSystem/v2-0203',
          code: row.DVACARDTYPE,
        });
      }
    }
    expect(ihis).toBeGreaterThan(1500);
    expect(medicares).toBeGreaterThan(1500);
  });

  it('should map names, gender, birth date precision, status, death, addresses and meta from the row', () => {
    const genders: Record<number, string> = { 1: 'male', 2: 'female', 3: 'other', 9: 'unknown' };
    for (const p of all.resources) {
      const row = byId.get(p.id)!;
      expect(p.resourceType).toBe('Patient');
      expect(p.meta.profile).toEqual(['http://hl7.org.au/fhir/StructureDefinition/au-patient']);
      expect(p.meta.lastUpdated).toMatch(new RegExp(`^${row.UPDATED}\\+1[01]:00$`));
      const official = p.name.find((n: any) => n.use === 'official');
      expect(official.family).toBe(row.SURNAME);
      expect(official.given).toEqual(present(row.FIRSTNAME, row.MIDDLENAME));
      if (row.PREFERREDNAME && row.PREFERREDNAME !== row.FIRSTNAME) {
        expect(p.name).toContainEqual({ use: 'usual', family: row.SURNAME, given: [row.PREFERREDNAME] });
      }
      expect(p.gender).toBe(row.SEXCODE === null ? undefined : genders[row.SEXCODE]);
      const dob = row.DOB!.slice(0, 10);
      expect(p.birthDate).toBe(
        row.DOBPRECISION === 'Y' ? dob.slice(0, 4) : row.DOBPRECISION === 'M' ? dob.slice(0, 7) : dob,
      );
      expect(p.active).toBe(row.PATIENTSTATUS === 1);
      if (row.DATEOFDEATH) expect(p.deceasedDateTime).toBe(row.DATEOFDEATH.slice(0, 10));
      else expect(p.deceasedBoolean).toBe(row.PATIENTSTATUS === 3);
      const home = p.address[0];
      expect(home).toMatchObject({ use: 'home', city: row.CITY, postalCode: row.POSTCODE, country: row.COUNTRY });
      if (row.COUNTRY === 'AU') {
        expect(home.country).toBe('AU');
        expect(home.state).toBe(row.STATE);
        expect(home.postalCode).toMatch(/^\d{4}$/);
      }
      const phones = (p.telecom ?? []).filter((t: any) => t.system === 'phone').map((t: any) => `${t.use}:${t.value}`);
      expect(phones).toEqual(
        [
          ['home', row.HOMEPHONE],
          ['work', row.WORKPHONE],
          ['mobile', row.MOBILEPHONE],
        ]
          .filter(([, v]) => v && v.trim() !== '')
          .map(([use, v]) => `${use}:${v}`),
      );
    }
    expect(all.resources.some((p) => p.deceasedDateTime)).toBe(true);
    expect(all.resources.some((p) => p.active === false && !p.deceasedDateTime)).toBe(true);
    expect(all.resources.some((p) => p.address[0].country === 'NZ')).toBe(true);
  });
});

describe('GET Patient/{id}', () => {
  it('should return the same resource the search returns', async () => {
    const id = String(rows.find((r) => r.DOBPRECISION === 'M')!.INTERNALID);
    const read = await get(`Patient/${id}`);
    expect(read.status).toBe(200);
    const searched = await get(`Patient?_id=${id}`);
    expect(searched.body.total).toBe(1);
    expect(read.body).toEqual(searched.body.entry[0].resource);
    expect(read.body.birthDate).toMatch(/^\d{4}-\d{2}$/);
  });

  it('should answer 404 for soft-deleted and unknown patients, and 400 for a malformed id', async () => {
    const deleted = await sql<{ INTERNALID: number }>('SELECT INTERNALID FROM PATIENTS WHERE RECORDSTATUS = 0 LIMIT 1');
    expect(deleted).toHaveLength(1);
    expectOutcome(await get(`Patient/${deleted[0]!.INTERNALID}`), 404);
    expectOutcome(await get('Patient/99999999'), 404);
    expectOutcome(await get('Patient/007'), 404);
    expectOutcome(await get('Patient/not%20an%20id'), 400);
  });
});

describe('Patient search semantics (FHIR.md §2) against the rows', () => {
  const cases: ReadonlyArray<readonly [string, () => string[]]> = [
    ["family=o'b", () => ids((r) => startsWith(familyOf(r), "o'b"))],
    ['family=OB', () => ids((r) => startsWith(familyOf(r), 'ob'))],
    ['family=quinones', () => ids((r) => startsWith(familyOf(r), 'quinones'))],
    ['given=zoe', () => ids((r) => startsWith(givenOf(r), 'zoe'))],
    ['given=zoe,andre', () => ids((r) => startsWith(givenOf(r), 'zoe') || startsWith(givenOf(r), 'andre'))],
    ['given=ZOË', () => ids((r) => startsWith(givenOf(r), 'zoe'))],
    ['name=smi', () => ids((r) => startsWith(nameOf(r), 'smi'))],
    ['name=mr', () => ids((r) => startsWith(nameOf(r), 'mr'))],
    ['family:exact=Smith', () => ids((r) => r.SURNAME === 'Smith')],
    ['family:exact=smith', () => []],
    ['given:exact=Zoë', () => ids((r) => givenOf(r).includes('Zoë'))],
    ['given:exact=Zoe', () => ids((r) => givenOf(r).includes('Zoe'))],
    ['family:contains=ONN', () => ids((r) => familyOf(r).some((f) => fold(f).includes('onn')))],
    ['family=smith&gender=female', () => ids((r) => startsWith(familyOf(r), 'smith') && r.SEXCODE === 2)],
    ['family=smith&family=smithj', () => ids((r) => startsWith(familyOf(r), 'smithj'))],
    ['gender=male', () => ids((r) => r.SEXCODE === 1)],
    ['gender=other,unknown', () => ids((r) => r.SEXCODE === 3 || r.SEXCODE === 9)],
    ['gender:not=female', () => ids((r) => r.SEXCODE !== 2)],
    ['gender=http://hl7.org/fhir/administrative-gender|female', () => ids((r) => r.SEXCODE === 2)],
    ['active=false', () => ids((r) => r.PATIENTSTATUS !== 1)],
    ['active=true&gender=female', () => ids((r) => r.PATIENTSTATUS === 1 && r.SEXCODE === 2)],
    ['deceased=true', () => ids((r) => r.PATIENTSTATUS === 3 || r.DATEOFDEATH !== null)],
    ['_id=1,2,3,999999', () => ids((r) => [1, 2, 3].includes(r.INTERNALID))],
    ['email:missing=true', () => ids((r) => present(r.EMAIL).length === 0)],
    ['email:missing=false&family=s', () => ids((r) => present(r.EMAIL).length > 0 && startsWith(familyOf(r), 's'))],
    [
      'address-postalcode=215',
      () => ids((r) => present(r.POSTCODE, r.POSTALPOSTCODE).some((p) => p.startsWith('215'))),
    ],
    ['address-city=parra', () => ids((r) => startsWith(present(r.CITY, r.POSTALCITY), 'parra'))],
    [`identifier=${encodeURIComponent(DVA)}|`, () => ids((r) => r.DVANO !== null)],
    [
      `identifier=${encodeURIComponent(MEDICARE)}|&active=false`,
      () => ids((r) => r.MEDICARENO !== null && r.PATIENTSTATUS !== 1),
    ],
    [
      'birthdate=ge1970-01-01&birthdate=lt1980',
      () => ids((r) => birthMatches(r, 'ge1970-01-01') && birthMatches(r, 'lt1980')),
    ],
    ['birthdate=1950,1960-03', () => ids((r) => birthMatches(r, '1950') || birthMatches(r, '1960-03'))],
    ['birthdate=ne1980', () => ids((r) => birthMatches(r, 'ne1980'))],
    ['birthdate=sa1990-06', () => ids((r) => birthMatches(r, 'sa1990-06'))],
    ['birthdate=eb1945', () => ids((r) => birthMatches(r, 'eb1945'))],
    ['birthdate=le1960-03-15', () => ids((r) => birthMatches(r, 'le1960-03-15'))],
    ['birthdate=gt2010-06', () => ids((r) => birthMatches(r, 'gt2010-06'))],
    ['_lastUpdated=ge2024-01-01', () => ids((r) => r.UPDATED! >= '2024-01-01')],
    ['_lastUpdated=lt2015&gender=male', () => ids((r) => r.UPDATED! < '2015-01-01' && r.SEXCODE === 1)],
    ['death-date=2024', () => ids((r) => r.DATEOFDEATH?.startsWith('2024') ?? false)],
    ['death-date:missing=false', () => ids((r) => r.DATEOFDEATH !== null)],
    ['family=zzzzzzzz', () => []],
  ];

  it.each(cases)('GET Patient?%s', async (query, expected) => {
    const want = expected();
    const got = await searchGet(`${query}&_count=100`);
    expect(got.ids.sort(byNumericId)).toEqual(want);
    expect(new Set(got.totals)).toEqual(new Set([want.length]));
  });

  it('should find accented and apostrophe names from plain ASCII queries', async () => {
    const zoe = await searchGet('given=zoe&_count=100');
    expect(zoe.resources.some((p) => p.name[0].given[0] === 'Zoë')).toBe(true);
    const ob = await searchGet("family=o'b&_count=100");
    expect(ob.resources.some((p) => p.name[0].family === "O'Brien")).toBe(true);
  });

  it('should match partial and full birth dates in a year, and apply the §2.4 vectors to a partial one', async () => {
    const partial = rows.find((r) => r.DOBPRECISION === 'Y')!;
    const year = partial.DOB!.slice(0, 4);
    const inYear = await searchGet(`birthdate=${year}&_count=100`);
    expect(inYear.ids.sort(byNumericId)).toEqual(ids((r) => r.DOB!.startsWith(year)));
    expect(inYear.ids).toContain(String(partial.INTERNALID));
    expect(inYear.resources.some((p) => p.birthDate.length === 10)).toBe(true);

    const id = String(partial.INTERNALID);
    const vector = async (query: string) => (await get(`Patient?_id=${id}&birthdate=${query}`)).body.total;
    for (const p of ['gt', 'lt', 'ge', 'le', 'ne']) expect(await vector(`${p}${year}-06-01`), p).toBe(1);
    for (const p of ['eq', 'sa', 'eb']) expect(await vector(`${p}${year}-06-01`), p).toBe(0);
    expect(await vector(`${year}-06-01`)).toBe(0);
    expect(await vector(`ap${year}-06-01`)).toBe(1);
  });

  it('should compare a search time with a zone against stored local dates (FHIR.md §2.4 last vector)', async () => {
    const row = rows.find((r) => r.DOBPRECISION === 'D' && r.DOB!.slice(5, 7) === '06')!;
    const day = row.DOB!.slice(0, 10);
    const total = async (q: string) => (await get(`Patient?_id=${row.INTERNALID}&birthdate=${q}`)).body.total;
    expect(await total(`lt${day}T10:00${encodeURIComponent('+10:00')}`)).toBe(1);
    expect(await total(`lt${day}T10:00+10:00`)).toBe(1); // '+' decoded as a space
    expect(await total(`eq${day}T10:00Z`)).toBe(0);
    expect(await total(`sa${day}T00:00${encodeURIComponent('+10:00')}`)).toBe(0);
  });

  it('should find exactly one patient by IHI with the AU system, and none with |value', async () => {
    const row = rows.find((r) => r.IHI)!;
    const bySystem = await post(new URLSearchParams({ identifier: `${IHI}|${row.IHI}` }).toString());
    expect(bySystem.body.total).toBe(1);
    expect(bySystem.body.entry[0].resource.id).toBe(String(row.INTERNALID));
    expect((await post(`identifier=${row.IHI}`)).body.total).toBe(1);
    expect((await post(`identifier=${encodeURIComponent(`|${row.IHI}`)}`)).body.total).toBe(0);
    expect((await post(new URLSearchParams({ identifier: `${MEDICARE}|${row.IHI}` }).toString())).body.total).toBe(0);
  });

  it('should find Medicare by the 11-digit value and by the 10-digit card number with the Medicare system', async () => {
    const row = rows.find((r) => r.MEDICARENO)!;
    const full = `${row.MEDICARENO}${row.MEDICARELINENO}`;
    const exact = await searchPost(new URLSearchParams({ identifier: `${MEDICARE}|${full}` }).toString());
    expect(exact.ids).toEqual(ids((r) => `${r.MEDICARENO}${r.MEDICARELINENO}` === full));
    const card = await searchPost(new URLSearchParams({ identifier: `${MEDICARE}|${row.MEDICARENO}` }).toString());
    expect(card.ids).toEqual(ids((r) => r.MEDICARENO === row.MEDICARENO));
    expect((await post(`identifier=${row.MEDICARENO}`)).body.total).toBe(0);
  });

  it('should find phones by their digits in any notation, and e-mail case-insensitively', async () => {
    const row = rows.find((r) => r.HOMEPHONE?.startsWith('('))!;
    const national = digits(row.HOMEPHONE);
    const want = ids((r) => [r.HOMEPHONE, r.WORKPHONE, r.MOBILEPHONE].some((p) => digits(p) === national));
    expect((await searchPost(`phone=${national}`)).ids).toEqual(want);
    expect((await searchPost(new URLSearchParams({ phone: `+61 ${national.slice(1)}` }).toString())).ids).toEqual(want);
    expect((await searchPost(new URLSearchParams({ phone: row.HOMEPHONE! }).toString())).ids).toEqual(want);

    const withEmail = rows.find((r) => r.EMAIL)!;
    const got = await searchPost(new URLSearchParams({ email: withEmail.EMAIL!.toUpperCase() }).toString());
    expect(got.ids).toEqual(ids((r) => r.EMAIL?.toLowerCase() === withEmail.EMAIL!.toLowerCase()));
  });
});

describe('sorting', () => {
  it('should sort by family then descending birth date, ties by id', async () => {
    const got = await searchGet('family=smith,nguyen,williams&_sort=family,-birthdate&_count=50');
    const key = (r: Row) => fold(r.SURNAME);
    const want = rows
      .filter((r) => ['smith', 'nguyen', 'williams'].some((f) => startsWith(familyOf(r), f)))
      .sort((a, b) => {
        if (key(a) !== key(b)) return key(a) < key(b) ? -1 : 1;
        const ba = birthRange(a)?.[0] ?? -Infinity;
        const bb = birthRange(b)?.[0] ?? -Infinity;
        if (ba !== bb) return bb - ba;
        return a.INTERNALID - b.INTERNALID;
      })
      .map((r) => String(r.INTERNALID));
    expect(got.ids).toEqual(want);
    const self = new URL(got.pages[0]!.body.link[0].url);
    expect(self.searchParams.get('_sort')).toBe('family,-birthdate');
  });

  it('should sort by given (the first value in the requested order) and by -_id', async () => {
    const minGiven = (r: Row) => givenOf(r).map(fold).sort()[0]!;
    const got = await searchGet('family=smith&_sort=given&_count=100');
    const want = rows
      .filter((r) => startsWith(familyOf(r), 'smith'))
      .sort((a, b) => (minGiven(a) === minGiven(b) ? a.INTERNALID - b.INTERNALID : minGiven(a) < minGiven(b) ? -1 : 1))
      .map((r) => String(r.INTERNALID));
    expect(got.ids).toEqual(want);
    const desc = await get('Patient?_sort=-_id&_count=5');
    expect(desc.body.entry.map((e: any) => e.resource.id)).toEqual(
      [...byId.keys()].sort(byNumericId).reverse().slice(0, 5),
    );
  });
});

describe('paging', () => {
  it('should walk a GET search with _count without gaps or repeats, links carrying the applied parameters', async () => {
    const want = ids((r) => startsWith(familyOf(r), 'smith'));
    expect(want.length).toBeGreaterThan(14);
    const got = await searchGet('family=smith&_count=7');
    expect(got.ids.sort(byNumericId)).toEqual(want);
    expect(got.pages).toHaveLength(Math.ceil(want.length / 7));
    expect(new Set(got.totals)).toEqual(new Set([want.length]));
    const second = got.pages[1]!.body.link as Array<{ relation: string; url: string }>;
    expect(second.map((l) => l.relation)).toEqual(['self', 'previous', 'next']);
    const self = new URL(second[0]!.url);
    expect(self.pathname).toBe(`${BASE}/Patient`);
    expect([...self.searchParams]).toEqual([
      ['family', 'smith'],
      ['_count', '7'],
      ['_getpagesoffset', '7'],
    ]);
    expect(got.pages.at(-1)!.body.link.some((l: { relation: string }) => l.relation === 'next')).toBe(false);
  });

  it('should give POST searches opaque GET links without the searched values, and agree with GET', async () => {
    const form = new URLSearchParams({
      family: 'smith',
      birthdate: 'ge1950',
      _sort: '-birthdate',
      _count: '6',
    }).toString();
    const viaPost = await searchPost(form);
    const viaGet = await searchGet(form);
    expect(viaPost.ids).toEqual(viaGet.ids);
    expect(viaPost.totals).toEqual(viaGet.totals);
    expect(viaPost.pages.length).toBeGreaterThan(2);
    for (const page of viaPost.pages) {
      for (const link of page.body.link as Array<{ url: string }>) {
        const u = new URL(link.url);
        expect(u.pathname).toBe(`${BASE}/Patient`);
        expect(
          [...u.searchParams.keys()].every((k) => ['_getpages', '_count', '_getpagesoffset'].includes(k)),
          link.url,
        ).toBe(true);
        expect(link.url.toLowerCase()).not.toContain('family');
        expect(link.url).not.toContain('ge1950');
      }
    }
  });

  it('should answer _count=0 with the total only and lower a large _count to 100', async () => {
    const zero = await get('Patient?family=smith&_count=0');
    expect(zero.body.total).toBe(ids((r) => startsWith(familyOf(r), 'smith')).length);
    expect(zero.body.entry).toBeUndefined();
    expect(zero.body.link.map((l: { relation: string }) => l.relation)).toEqual(['self']);
    const big = await get('Patient?_count=1000');
    expect(big.body.entry).toHaveLength(100);
    expect(new URL(big.body.link[0].url).searchParams.get('_count')).toBe('100');
    const noTotal = await get('Patient?family=smith&_total=none');
    expect(noTotal.body.total).toBeUndefined();
  });

  it('should refuse a forged continuation token or one mixed with search parameters', async () => {
    expectOutcome(await get(`Patient?_getpages=${'A'.repeat(80)}`), 400);
    const first = await post('family=smith&_count=2');
    const next = new URL(first.body.link.find((l: { relation: string }) => l.relation === 'next').url);
    expectOutcome(await get(`Patient?${next.searchParams.toString()}&family=jones`), 400);
  });
});

describe('errors', () => {
  // [query, a parameter name the text must mention, a value it must not contain]
  const bad: ReadonlyArray<readonly [string, string, string]> = [
    ['birthdate=23%20May%202009', 'birthdate', 'May 2009'],
    ['birthdate=xx1971-04-05', 'birthdate', '1971-04-05'],
    ['birthdate=1971-02-30', 'birthdate', '1971'],
    ['family:sounds-like=Quixotic', 'sounds-like', 'Quixotic'],
    ['_count=abc', '_count', 'abc'],
    ['colour=Vermilion', 'colour', 'Vermilion'],
    ['birthDate=1971', 'birthDate', '1971'],
    ['_include=Patient:organization', '_include', 'organization'],
    ['gender=feminine', 'gender', 'feminine'],
    ['active=maybe', 'active', 'maybe'],
    ['_sort=shoeSize', 'shoeSize', 'xx-nothing'],
    [`identifier=${encodeURIComponent('a|b|8003608833357361')}`, 'identifier', '8003608833357361'],
  ];

  it.each(bad)(
    'should answer %s with 400 naming the parameter and not echoing the value (GET and POST)',
    async (query, name, value) => {
      for (const res of [await get(`Patient?${query}`), await post(query)]) {
        const text = expectOutcome(res, 400);
        expect(text).toContain(name);
        expect(res.text).not.toContain(value);
        expect(res.text.toLowerCase()).not.toContain(value.toLowerCase());
      }
    },
  );

  it('should answer unsupported resource types with 404 and unreadable paths with 400', async () => {
    expectOutcome(await get('Observation?code=1234'), 404);
    expectOutcome(await post('code=1234', BASE, 'Observation'), 404);
    expectOutcome(await get('Patient/1/_history'), 400);
    expectOutcome(await get('Patient/$everything'), 400);
    expectOutcome(await get('metadata/extra'), 400);
  });
});

describe('practice management systems and availability', () => {
  afterEach(() => ctx.sim.reset());

  it('should refuse FHIR on Zedmed and D4w sites with 400 saying FHIR is not supported', async () => {
    for (const site of [ZedmedSite, D4wSite]) {
      const base = `/integrator/sites/${site.id}/fhir/R4`;
      const meta = await ctx.call('GET', `${base}/metadata`);
      assertValidResponse('getFhirQuery', meta.status, meta.body);
      expect(expectOutcome(meta, 400)).toMatch(/FHIR is not supported for the .* practice management system/);
      const search = await post('family=smith', base);
      expectOutcome(search, 400);
    }
  });

  it('should answer 503 for an offline site and 504 for an unreachable one, metadata included', async () => {
    for (const [site, status] of [
      [OfflineSite, 503],
      [UnreachableSite, 504],
    ] as const) {
      const base = `/integrator/sites/${site.id}/fhir/R4`;
      for (const path of ['metadata', 'Patient?family=smith', 'Patient/1']) {
        const res = await ctx.call('GET', `${base}/${path}`);
        assertValidResponse('getFhirQuery', res.status, res.body);
        expectOutcome(res, status);
      }
      expectOutcome(await post('family=smith', base), status);
    }
  });

  it('should follow availability changes made at runtime', async () => {
    const set = (availability: string) => ctx.call('POST', `/_sim/sites/${OnlineSite.id}`, { body: { availability } });
    expect((await set('offline')).status).toBe(200);
    expectOutcome(await get('metadata'), 503);
    expect((await set('online')).status).toBe(200);
    expect((await get('metadata')).status).toBe(200);
  });
});

describe('a database that changes at runtime', () => {
  afterEach(() => ctx.sim.reset());

  it('should see writes made through /_sim/sql in the next search and read', async () => {
    expect((await get('Patient?family=zyxwvut')).body.total).toBe(0);
    await sql("UPDATE PATIENTS SET SURNAME = 'Zyxwvuts' WHERE INTERNALID = 5");
    const found = await get('Patient?family=zyxwvut');
    expect(found.body.total).toBe(1);
    expect(found.body.entry[0].resource.name[0].family).toBe('Zyxwvuts');
    await sql('UPDATE PATIENTS SET RECORDSTATUS = 0 WHERE INTERNALID = 5');
    expect((await get('Patient?family=zyxwvut')).body.total).toBe(0);
    expectOutcome(await get('Patient/5'), 404);
  });

  it('should survive rows it cannot fully read', async () => {
    await sql("UPDATE PATIENTS SET DOB = 'not a date', SEXCODE = 42, MedicareExpiry = '13/2030' WHERE INTERNALID = 6");
    const res = await get('Patient/6');
    expect(res.status).toBe(200);
    expect(res.body.birthDate).toBeUndefined();
    expect(res.body.gender).toBeUndefined();
    expect((await get('Patient?_id=6&birthdate=ge1900')).body.total).toBe(0);
    expect((await get('Patient?_id=6&birthdate:missing=true')).body.total).toBe(1);
  });
});

describe('logging', () => {
  it('should write nothing to the console while serving FHIR', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    );
    try {
      await get('metadata');
      await get('Patient?family=smith');
      await post('given=zoe');
      await get('Patient?birthdate=bad');
      await get('Patient/99999999');
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
