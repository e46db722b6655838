/**
 * Every generated patient, read through `patients`, passes the AU Base 4.1.0 invariants evaluated
 * with FHIRPath (fhirpath.js, R4 model): IHI 16 digits + 800360 prefix + Luhn (inv-ihi-value-0/1/2),
 * Medicare format + weighted check digit + non-zero issue number, the identifier type codes, AU
 * address rules, and the required bindings of gender and indigenous status. The expressions are
 * written here (not copied); a negative control shows each check digit expression can fail.
 */
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { graphql } from '../gql/index.js';
import { useApp } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';

const ctx = useApp();

const IHI = 'http://ns.electronichealth.net.au/id/hi/ihi/1.0';
const MEDICARE = 'http://ns.electronichealth.net.au/id/medicare-number';
const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const digit = (i: number) => `value.substring(${i}, 1).toInteger()`;

/** Luhn over a 16-digit value: from the left, even indexes are doubled (less 9 when over 9). */
const LUHN_16 = `((${Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? `${digit(i)}.select(iif($this < 5, $this * 2, $this * 2 - 9))` : digit(i))).join(' + ')}) mod 10 = 0)`;
/** Medicare: digits 1–8 weighted 1,3,7,9,1,3,7,9; the sum mod 10 is digit 9. */
const MEDICARE_CHECK = `((${[1, 3, 7, 9, 1, 3, 7, 9].map((w, i) => `${digit(i)} * ${w}`).join(' + ')}) mod 10 = ${digit(8)})`;

const INVARIANTS: Record<string, string> = {
  'IHI is 16 digits (inv-ihi-value-0)': `identifier.where(system = '${IHI}').all(value.matches('^[0-9]{16}$'))`,
  'IHI starts 800360 (inv-ihi-value-1)': `identifier.where(system = '${IHI}').all(value.startsWith('800360'))`,
  'IHI passes Luhn (inv-ihi-value-2)': `identifier.where(system = '${IHI}').all(${LUHN_16})`,
  'IHI has type NI': `identifier.where(system = '${IHI}').all(type.coding.where(system = '${V2_0203}' and code = 'NI').exists())`,
  'Medicare is 10 digits or 11 with the IRN, issue number 1–9': `identifier.where(system = '${MEDICARE}').all(value.matches('^[2-6][0-9]{8}[1-9][1-9]?$'))`,
  'Medicare check digit': `identifier.where(system = '${MEDICARE}').all(${MEDICARE_CHECK})`,
  'Medicare has type MC and a YYYY-MM expiry': `identifier.where(system = '${MEDICARE}').all(type.coding.where(system = '${V2_0203}' and code = 'MC').exists() and (period.end.empty() or period.end.matches('^[0-9]{4}-(0[1-9]|1[0-2])$')))`,
  'every identifier has a system and a value': `identifier.all(system.exists() and value.exists())`,
  'an address has text or a line (au-address)': `address.all(text.exists() or line.exists())`,
  'AU postcodes are 4 digits and states AU codes': `address.where(country = 'AU').all((postalCode.empty() or postalCode.matches('^[0-9]{4}$')) and (state.empty() or state in ('NSW' | 'VIC' | 'QLD' | 'SA' | 'WA' | 'TAS' | 'NT' | 'ACT')))`,
  'gender is in administrative-gender': `gender.empty() or gender in ('male' | 'female' | 'other' | 'unknown')`,
  'indigenous status is an australian-indigenous-status-1 code': `extension.where(url = 'http://hl7.org.au/fhir/StructureDefinition/indigenous-status').all(valueCoding.code in ('1' | '2' | '3' | '4' | '9'))`,
  'a patient has a name': `name.exists()`,
};

const AuBasePatients = graphql(`
  query AuBasePatients($siteId: ID!, $after: String) {
    patients(siteId: $siteId, first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          resourceType
          id
          gender
          birthDate
          identifier {
            system
            value
            type {
              coding {
                system
                code
              }
            }
            period {
              end
            }
          }
          name {
            use
            family
            given
          }
          address {
            use
            type
            text
            line
            city
            state
            postalCode
            country
          }
          extension {
            url
            valueCoding {
              system
              code
            }
          }
        }
      }
    }
  }
`);

type Resource = Record<string, unknown>;

/** FHIR JSON omits absent elements: GraphQL's nulls are removed. */
function stripNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripNulls);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => [k, stripNulls(x)]),
  );
}

const compiled = new Map<string, (resource: Resource) => unknown[]>();

/** Whether `expression` evaluates to exactly `true` on the resource (compiled once per expression). */
function holds(resource: Resource, expression: string): boolean {
  let run = compiled.get(expression);
  if (!run) {
    const fn = fhirpath.compile(expression, r4, { async: false });
    run = (r) => fn(r);
    compiled.set(expression, run);
  }
  const result = run(resource);
  return result.length === 1 && result[0] === true;
}

describe('Patient AU Base invariants', () => {
  const patients: Resource[] = [];

  beforeAll(async () => {
    let after: string | null | undefined;
    for (let i = 0; i < 100; i++) {
      const res = await execute(ctx.app, AuBasePatients, { siteId: OnlineSite.id, after });
      expect(res.errors).toBeUndefined();
      for (const e of res.data!.patients.edges) patients.push(stripNulls(e.node) as Resource);
      if (!res.data!.patients.pageInfo.hasNextPage) break;
      after = res.data!.patients.pageInfo.endCursor;
    }
  });

  it('should read every generated patient of the site', () => {
    expect(patients.length).toBe(OnlineSite.patients);
    const count = (system: string) =>
      patients.filter((p) => holds(p, `identifier.where(system = '${system}').exists()`)).length;
    // Not vacuous: most patients carry an IHI and a Medicare number.
    expect(count(IHI)).toBeGreaterThan(1000);
    expect(count(MEDICARE)).toBeGreaterThan(1000);
  });

  it.each(Object.entries(INVARIANTS))('should hold: %s', (_name, expression) => {
    const failing = patients.filter((p) => !holds(p, expression)).map((p) => p['id']);
    expect(failing).toEqual([]);
  });

  it('should tell valid check digits from invalid ones (negative control)', () => {
    const withId = (system: string, value: string): Resource => ({
      resourceType: 'Patient',
      identifier: [{ system, value }],
    });
    const luhn = INVARIANTS['IHI passes Luhn (inv-ihi-value-2)']!;
    expect(holds(withId(IHI, '8003608833357361'), luhn)).toBe(true);
    expect(holds(withId(IHI, '8003608833357362'), luhn)).toBe(false);
    const medicare = INVARIANTS['Medicare check digit']!;
    expect(holds(withId(MEDICARE, '32788511952'), medicare)).toBe(true);
    expect(holds(withId(MEDICARE, '29545410412'), medicare)).toBe(true);
    expect(holds(withId(MEDICARE, '32788512952'), medicare)).toBe(false);
    // Every generated IHI with its last digit changed fails.
    const ihis = patients
      .flatMap((p) => (p['identifier'] as Array<{ system?: string; value?: string }> | undefined) ?? [])
      .filter((i) => i.system === IHI);
    for (const { value = '' } of ihis.slice(0, 200)) {
      const altered = value.slice(0, 15) + String((Number(value.at(15)) + 1) % 10);
      expect(holds(withId(IHI, altered), luhn), altered).toBe(false);
    }
  });
});
