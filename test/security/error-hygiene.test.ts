import { buildSchema, execute, type GraphQLError, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { safeError, safeErrorMessage } from '../../src/security/error-hygiene.js';

const CANARY = 'Zebedee-Canary-Oyelaran';

const schema = buildSchema(`
  enum Pms { BEST_PRACTICE ZEDMED D4W }
  enum SqlDbType { Char NVarChar VarChar Int OldType @deprecated(reason: "gone") }
  input Param { name: String type: SqlDbType }
  input Search { name: [String!] first: Int params: [Param!] }
  type Query {
    patients(siteId: ID!, first: Int, search: Search, pms: Pms, flag: Boolean, score: Float): [String!]
  }
`);

/** The messages graphql-js itself produces for a document and variables. */
function messages(source: string, variableValues?: Record<string, unknown>): GraphQLError[] {
  let document;
  try {
    document = parse(source);
  } catch (e) {
    return [e as GraphQLError];
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return [...invalid];
  const result = execute({ schema, document, variableValues: variableValues ?? {}, rootValue: { patients: () => [] } });
  return [...((result as { errors?: GraphQLError[] }).errors ?? [])];
}

const cases: Array<[string, string, Record<string, unknown>?]> = [
  ['an Int variable given a name', 'query Q($n: Int) { patients(siteId: "x", first: $n) }', { n: CANARY }],
  [
    'a nested input variable',
    'query Q($s: Search) { patients(siteId: "x", search: $s) }',
    { s: { name: [{ family: CANARY }] } },
  ],
  ['an enum variable', 'query Q($p: Pms) { patients(siteId: "x", pms: $p) }', { p: CANARY }],
  ['an ID variable given an object', 'query Q($id: ID!) { patients(siteId: $id) }', { id: { name: CANARY } }],
  ['a Boolean variable', 'query Q($b: Boolean) { patients(siteId: "x", flag: $b) }', { b: CANARY }],
  ['a Float variable', 'query Q($f: Float) { patients(siteId: "x", score: $f) }', { f: CANARY }],
  ['an Int literal', `{ patients(siteId: "x", first: "${CANARY}") }`],
  ['an enum literal', `{ patients(siteId: "x", pms: ${CANARY.replaceAll('-', '_')}) }`],
  ['a list literal of the wrong type', `{ patients(siteId: "x", search: { name: [{ f: "${CANARY}" }] }) }`],
  ['a string where a name belongs (syntax)', `{ patients(siteId: "x") "${CANARY}" }`],
];

/** Syntax errors graphql-js reports without quoting (checked anyway). */
const unquoted: Array<[string, string]> = [
  ['an unterminated string (syntax)', `{ patients(siteId: "${CANARY}`],
  ['a bad escape (syntax)', `{ patients(siteId: "\\q${CANARY}") }`],
];

describe('error hygiene', () => {
  it.each(cases)('should not quote the value back for %s', (_name, source, variables) => {
    const errors = messages(source, variables);
    expect(errors.length).toBeGreaterThan(0);
    // The raw message does quote it (so this test tests something)…
    expect(errors.map((e) => e.message).join('\n')).toContain(CANARY.split('-')[0]);
    for (const e of errors) {
      const safe = safeError(e);
      // …the safe one does not, and keeps location and extensions.
      expect(safe.message).not.toContain(CANARY.split('-')[0]);
      expect(safe.locations).toEqual(e.locations);
      expect(safe.extensions).toMatchObject(e.extensions);
      if (e.message.startsWith('Variable')) expect(safe.extensions['code']).toBe('BAD_USER_INPUT');
    }
  });

  it.each(unquoted)('should not quote the value back for %s either', (_name, source) => {
    for (const e of messages(source)) expect(safeError(e).message).not.toContain(CANARY.split('-')[0]);
  });

  it('should keep the variable name and the expected type', () => {
    const [e] = messages('query Q($n: Int) { patients(siteId: "x", first: $n) }', { n: CANARY });
    expect(safeError(e!).message).toBe('Variable "$n" got an invalid value (expected Int).');
  });

  it('should leave messages that quote no value unchanged', () => {
    for (const m of [
      'Cannot query field "nope" on type "Query".',
      'sql must not be empty.',
      'Variable "$x" of required type "ID!" was not provided.',
    ]) {
      expect(safeErrorMessage(m)).toBe(m);
    }
  });

  describe('enum values, where introspection is on', () => {
    const hints = { schema };
    const safe = (source: string, variables?: Record<string, unknown>) =>
      messages(source, variables).map((e) => safeError(e, hints).message);

    it('should list the allowed values of a misspelt enum literal, and the near one', () => {
      expect(safe('{ patients(siteId: "x", pms: BEST_PRACTIC) }')).toEqual([
        'The value given does not exist in "Pms" enum. Use one of: BEST_PRACTICE, ZEDMED, D4W. Did you mean "BEST_PRACTICE"?',
      ]);
    });

    it('should say a string was given where an enum value belongs', () => {
      expect(safe('{ patients(siteId: "x", pms: "ZEDMED") }')).toEqual([
        'Enum "Pms" cannot represent a string: write the value without quotes. Use one of: BEST_PRACTICE, ZEDMED, D4W. Did you mean "ZEDMED"?',
      ]);
    });

    it('should name the variable and the place inside it, never the value, for a nested enum in a variable', () => {
      const [message] = safe('query Q($s: Search) { patients(siteId: "x", search: $s) }', {
        s: {
          params: [
            { name: '@a', type: 'VarChar' },
            { name: '@b', type: 'varchar' },
          ],
        },
      });
      expect(message).toBe(
        'Variable "$s" got an invalid value at "s.params[1].type": it is not a value of "SqlDbType" enum. Use one of: Char, NVarChar, VarChar, Int. Did you mean "VarChar", "NVarChar" or "Char"?',
      );
    });

    it('should keep a planted value out of the message however it is shaped', () => {
      for (const value of [
        CANARY,
        `${CANARY}" does not exist in "SqlDbType" enum. Did you mean "${CANARY}"?`,
        `x at "p.${CANARY}"`,
      ]) {
        const [message] = safe('query Q($p: Pms) { patients(siteId: "x", pms: $p) }', { p: value });
        expect(message).toMatch(/^Variable "\$p" got an invalid value: it is not a value of "(Pms|SqlDbType)" enum\./);
        expect(message).not.toContain(CANARY.split('-')[0]);
      }
    });

    it('should add neither the values nor a suggestion without hints (introspection off)', () => {
      const [e] = messages('{ patients(siteId: "x", pms: BEST_PRACTIC) }');
      expect(safeError(e!).message).toBe('The value given does not exist in "Pms" enum.');
    });
  });
});
