/**
 * Errors that say what to do, as a client developer meets them over HTTP: a misspelt enum value
 * gets the allowed values and the near one, unreadable SQL gets where reading stopped, a rejected
 * FHIR search names its parameter, an operation whose result comes in parts without a fitting
 * Accept says which to send, and a refused CORS preflight names CORS_ORIGINS. None of them quotes
 * what was sent.
 */
import { describe, expect, it } from 'vitest';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { useApp } from '../helpers/app.js';
import { codes, gql } from '../security/harness.js';

const SITE = OnlineSite.id;
const CANARY = 'Quenby-Canary-Marchetti';

describe('enum mistakes', () => {
  const ctx = useApp();

  it('should list the allowed values and the near one for a misspelt literal', async () => {
    const res = await gql(ctx.app, '{ sites(pmsSiteId: "10001", pms: BEST_PRACTIC) { id } }');
    expect(res.status).toBe(400);
    expect(res.json?.errors).toEqual([
      expect.objectContaining({
        message:
          'The value given does not exist in "PracticeManagementSystem" enum. Use one of: BEST_PRACTICE, ZEDMED, D4W. Did you mean "BEST_PRACTICE"?',
      }),
    ]);
  });

  it('should put the value written in another case first, for an enum deep in a variable', async () => {
    const res = await gql(
      ctx.app,
      'mutation M($input: RunQueryInput!) { runImmediateQuery(input: $input) { status } }',
      {
        input: {
          siteId: SITE,
          sql: 'SELECT 1 AS one',
          parameters: [{ name: '@a', type: 'varchar', value: CANARY }],
        },
      },
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const message = res.json!.errors![0]!.message;
    expect(message).toMatch(
      /^Variable "\$input" got an invalid value at "input\.parameters\[0\]\.type": it is not a value of "SqlDbType" enum\. Use one of: BigInt, Binary, .*, Xml\. Did you mean "VarChar"/,
    );
    expect(res.text).not.toContain('Canary');
  });

  it('should say a quoted string is not an enum value', async () => {
    const res = await gql(ctx.app, '{ sites(pmsSiteId: "10001", pms: "ZEDMED") { id } }');
    expect(res.json?.errors?.[0]?.message).toBe(
      'Enum "PracticeManagementSystem" cannot represent a string: write the value without quotes. Use one of: BEST_PRACTICE, ZEDMED, D4W. Did you mean "ZEDMED"?',
    );
  });
});

describe('enum mistakes with introspection off', () => {
  const ctx = useApp({ app: { security: { limits: { introspection: false } } } });

  it('should reveal neither the values nor a near one', async () => {
    const res = await gql(ctx.app, '{ sites(pmsSiteId: "10001", pms: BEST_PRACTIC) { id } }');
    expect(res.json?.errors?.[0]?.message).toBe('The value given does not exist in "PracticeManagementSystem" enum.');
  });
});

describe('SQL the guard cannot read', () => {
  const ctx = useApp();

  it('should say where reading stopped, never what is written there', async () => {
    await ctx.clearRequests();
    const res = await gql(
      ctx.app,
      'mutation M($input: RunQueryInput!) { runImmediateQuery(input: $input) { status } }',
      {
        input: { siteId: SITE, sql: `SELECT Surname\nFROM BPS_Patients\nWHERE Surname = '${CANARY}' AND (` },
      },
    );
    expect(res.json?.errors).toEqual([
      expect.objectContaining({
        message:
          'Line 3, column 48: The SQL guard could not read this SQL, so it is refused: READER and SCALAR accept one plain SELECT.',
        extensions: {
          code: 'BAD_USER_INPUT',
          argument: 'sql',
          reason: 'SQL_GUARD_UNPARSABLE',
          location: { line: 3, column: 48 },
        },
      }),
    ]);
    expect(res.text).not.toContain('Canary');
    expect(await ctx.upstreamCalls()).toEqual([]);
  });

  it('should point at a misspelt SELECT', async () => {
    const res = await gql(
      ctx.app,
      'mutation M($input: RunQueryInput!) { runImmediateQuery(input: $input) { status } }',
      {
        input: { siteId: SITE, sql: '  SELEC Surname FROM BPS_Patients' },
      },
    );
    expect(res.json?.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'sql',
      reason: 'SQL_GUARD_NOT_A_SELECT',
      location: { line: 1, column: 3 },
    });
  });
});

describe('FHIR search errors', () => {
  const ctx = useApp();
  const PATIENTS = 'query P($s: ID!, $q: PatientSearch) { patients(siteId: $s, search: $q) { totalCount } }';

  it.each([
    [
      'a comparison prefix Halo does not know',
      { birthdate: ['ge1970', `zz${CANARY}`] },
      'search.birthdate',
      'birthdate',
    ],
    ['a sort Halo cannot do', { family: ['smi'], _sort: `-${CANARY}` }, 'search._sort', '_sort'],
    ['a value that is not a gender', { gender: [CANARY] }, 'search.gender', 'gender'],
  ])('should name the parameter for %s', async (_what, search, argument, parameter) => {
    const res = await gql(ctx.app, PATIENTS, { s: SITE, q: search });
    expect(res.json?.errors).toEqual([
      expect.objectContaining({
        message: `Halo's FHIR server rejected ${argument}: its modifier, comparison prefix or value format is not supported or not well formed.`,
        extensions: { code: 'BAD_USER_INPUT', argument, parameter },
      }),
    ]);
    expect(res.text).not.toContain('Canary');
  });

  it("should name a client's own parameter by its position only", async () => {
    const res = await gql(ctx.app, PATIENTS, {
      s: SITE,
      q: {
        family: ['smi'],
        params: [
          { name: 'given', value: 'a' },
          { name: 'family:fuzzy', value: CANARY },
        ],
      },
    });
    expect(res.json?.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'search.params[1]' });
    expect(res.text).not.toContain('Canary');
    expect(res.text).not.toContain('fuzzy');
  });
});

describe('results in parts without an Accept that can carry them', () => {
  const ctx = useApp({ listen: true });
  const post = (query: string, accept: string) =>
    fetch(`${ctx.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify({ query }),
    });

  it('should answer @stream with Accept: application/json with 406 and the Accept to send', async () => {
    const res = await post(
      `mutation { runImmediateQuery(input: { siteId: "${SITE}", sql: "SELECT TOP 3 InternalID FROM BPS_Patients" }) { rows @stream(initialCount: 1) } }`,
      'application/json',
    );
    expect(res.status).toBe(406);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({
      errors: [
        {
          message:
            "This operation's result arrives in parts (@defer or @stream): send Accept: multipart/mixed or text/event-stream.",
          extensions: { code: 'NOT_ACCEPTABLE', accept: ['multipart/mixed', 'text/event-stream'] },
        },
      ],
    });
    // The same operation with an Accept that can carry it streams.
    const streamed = await post(
      `mutation { runImmediateQuery(input: { siteId: "${SITE}", sql: "SELECT TOP 3 InternalID FROM BPS_Patients" }) { rows @stream(initialCount: 1) } }`,
      'multipart/mixed',
    );
    expect([streamed.status, streamed.headers.get('content-type')]).toEqual([200, 'multipart/mixed; boundary="-"']);
    await streamed.text();
  });

  it('should answer a subscription over plain JSON with 406, naming SSE and graphql-ws, and stop watching', async () => {
    const submitted = await gql(
      ctx.app,
      `mutation { submitAsyncQuery(input: { siteId: "${SITE}", sql: "SELECT 1 AS a" }) { id } }`,
    );
    const id = (submitted.json?.data as { submitAsyncQuery: { id: string } }).submitAsyncQuery.id;
    const res = await post(
      `subscription { queryStatusChanged(siteId: "${SITE}", queryId: "${id}") { status } }`,
      'application/graphql-response+json',
    );
    expect(res.status).toBe(406);
    expect(await res.json()).toEqual({
      errors: [
        {
          message: 'A subscription sends several results: send it with Accept: text/event-stream, or over graphql-ws.',
          extensions: { code: 'NOT_ACCEPTABLE', accept: ['text/event-stream'] },
        },
      ],
    });
    await ctx.app.live.whenIdle();
    expect(ctx.app.live.stats().watches).toBe(0);
  });
});

describe('CORS preflights', () => {
  const preflight = (url: string, origin: string) =>
    fetch(`${url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
  const refusal = {
    errors: [
      {
        message:
          "This origin may not call the API from a browser: the server's CORS_ORIGINS does not list it (scheme, host and port, e.g. https://app.example.org).",
        extensions: { code: 'FORBIDDEN', reason: 'CORS_ORIGIN_NOT_ALLOWED' },
      },
    ],
  };

  describe('without CORS_ORIGINS', () => {
    const ctx = useApp({ listen: true });
    it('should refuse any preflight with 403 naming CORS_ORIGINS', async () => {
      const res = await preflight(ctx.url, 'https://app.example.org');
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(await res.json()).toEqual(refusal);
    });
  });

  describe('with CORS_ORIGINS', () => {
    const ctx = useApp({ listen: true, app: { security: { corsOrigins: ['https://app.example.org'] } } });
    it('should refuse an origin it does not list, without echoing it, and allow one it lists', async () => {
      const refused = await preflight(ctx.url, 'https://other.example.org');
      expect(refused.status).toBe(403);
      const body = await refused.text();
      expect(JSON.parse(body)).toEqual(refusal);
      expect(body).not.toContain('other.example');
      const allowed = await preflight(ctx.url, 'https://app.example.org');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    });
  });
});
