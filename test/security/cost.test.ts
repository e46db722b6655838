import { Kind, parse, validate, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema as base } from '../../src/schema/index.js';
import { loadNamedQueries, withNamedQueries } from '../../src/schema/named-queries.js';

/** The schema as the app serves it: with the built-in named queries. */
const schema = withNamedQueries(base, loadNamedQueries(base));
import { costLimitRule, operationCost } from '../../src/security/cost.js';

const SITE = '0b1b7c6e-6b2a-4e59-9d53-2c1f7b0c0a01';

function cost(source: string): number {
  const doc = parse(source);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return operationCost(schema, op, fragments);
}

describe('cost', () => {
  it('should price a field that calls Halo at 100 and local fields at 1 (leaves free)', () => {
    expect(cost(`{ site(id: "${SITE}") { id practiceName } }`)).toBe(100);
    expect(cost(`{ site(id: "${SITE}") { id catalogues { name } } }`)).toBe(100 + 3 * 1);
  });

  it('should multiply by list sizes: `first` when given, else 10 for lists from Halo and 3 inside a record', () => {
    const perSite = 100 + 10 * (100 + 0);
    expect(cost(`{ sites(pmsSiteId: "1", pms: ZEDMED) { registeredQueries { result { rowCount } } } }`)).toBe(
      100 + 10 * perSite,
    );
    expect(cost(`{ patients(siteId: "${SITE}", first: 2) { edges { node { id name { family } } } } }`)).toBe(
      100 + 2 * (1 + (1 + 3 * 1)),
    );
  });

  it('should expand fragments and count aliases separately', () => {
    expect(
      cost(
        `query { a: site(id: "${SITE}") { ...F } b: site(id: "${SITE}") { ...F } } fragment F on Site { registeredQueries { id } }`,
      ),
    ).toBe(2 * (100 + 100));
  });

  it('should price each named query as a Halo call, and a fan-out by the number of ids given', () => {
    const book = `appointments(from: "2026-03-02", to: "2026-03-02") { patientId startTime }`;
    // Rows of scalar columns cost nothing beyond the call that answers them.
    expect(cost(`{ site(id: "${SITE}") { practiceName ${book} } }`)).toBe(100 + 100);
    expect(cost(`{ site(id: "${SITE}") { ${book} providers { userId } } }`)).toBe(100 + 2 * 100);
    expect(cost(`{ sitesByIds(ids: ["${SITE}", "${SITE}", "${SITE}"]) { ${book} } }`)).toBe(100 + 3 * 100);
    // A list of ids in a variable is priced like any list from Halo (10).
    expect(cost(`query F($ids: [ID!]!) { sitesByIds(ids: $ids) { ${book} } }`)).toBe(100 + 10 * 100);
  });

  it('should refuse an operation above the limit with a BAD_USER_INPUT validation error', () => {
    const aliases = Array.from(
      { length: 30 },
      (_, i) => `s${i}: sites(pmsSiteId: "${i}", pms: ZEDMED) { registeredQueries { result { rowCount } } }`,
    ).join(' ');
    const errors = validate(schema, parse(`{ ${aliases} }`), [costLimitRule()]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'COST_LIMIT', maxCost: 10_000 });
    expect(validate(schema, parse(`{ site(id: "${SITE}") { id } }`), [costLimitRule()])).toEqual([]);
  });
});
