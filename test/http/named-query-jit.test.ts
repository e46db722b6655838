/**
 * Queries reading named queries run on the compiled executor (src/http/named-query-jit.ts): every
 * answer, errors and their locations, paths and extensions included, is the general executor's,
 * byte for byte. Two apps on one simulator, one with the compiled executor and one without.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { D4wSite, OfflineSite, OnlineSite, ZedmedSite } from '../../simulator/src/fixtures.js';
import { schema } from '../../src/schema/index.js';
import { loadNamedQueries } from '../../src/schema/named-queries.js';
import { useApp } from '../helpers/app.js';
import { parseMetrics } from '../helpers/metrics.js';
import { raw } from '../security/harness.js';

const namedQueries = loadNamedQueries(schema, fileURLToPath(new URL('../schema/named-queries/', import.meta.url)));
const siteId = OnlineSite.id;
const UNKNOWN = '5d0c3a10-0000-4000-8000-0000000000ff';

const BOOK = `query Book($siteId: ID!, $day: Date!) {
  site(id: $siteId) { appointments(from: $day, to: $day) { patientId patientName date startTime durationMinutes provider status type urgent } }
}`;

/** [what it shows, document, variables, whether it runs compiled, operation name]: each is answered by both apps. */
const CASES: Array<[string, string, Record<string, unknown>, boolean, string?]> = [
  ['a day of appointments (typed rows, Date and LocalTime scalars)', BOOK, { siteId, day: '2026-03-02' }, true],
  [
    'aliases, fragments, @include and @skip, __typename, two entries and leaf fields of the site',
    `query Two($siteId: ID!, $with: Boolean!) {
      __typename
      practice: site(id: $siteId) {
        __typename id practiceName pmsType
        ...Staff
        first: patientRecord(patientId: 5) { __typename patientId surname @include(if: $with) dob @skip(if: $with) }
        second: patientRecord(patientId: 6) { patientId ... on PatientRecord { firstname } }
      }
    }
    fragment Staff on Site { providers { userId surname } }`,
    { siteId, with: true },
    true,
  ],
  [
    'arguments with defaults and nulls',
    `query P($siteId: ID!) { site(id: $siteId) { patientsByName(surname: "S", limit: 3) { patientId surname dob } } }`,
    { siteId },
    true,
  ],
  ['NOT_SUPPORTED for a PMS without a statement', BOOK, { siteId: ZedmedSite.id, day: '2026-03-02' }, true],
  ['SITE_NOT_FOUND', BOOK, { siteId: UNKNOWN, day: '2026-03-02' }, true],
  ['an offline site', BOOK, { siteId: OfflineSite.id, day: '2026-03-02' }, true],
  [
    'COLUMN_TYPE_MISMATCH in single cells, and a missing non-null column nulling its parents',
    `query M($siteId: ID!) { site(id: $siteId) { id mistyped(patientId: 5) { patientId surname dob firstname } other: mistyped(patientId: 6) { missing } } }`,
    { siteId },
    true,
  ],
  [
    'a document over several lines, with CRLF',
    BOOK.replaceAll('\n', '\r\n'),
    { siteId: ZedmedSite.id, day: '2026-03-02' },
    true,
  ],
  [
    'a default value for a variable, in a document of several operations',
    `query Other { __typename }
    query Book($day: Date! = "2026-03-02", $siteId: ID!) {
      site(id: $siteId) { appointments(from: $day, to: $day) { patientId startTime } }
    }`,
    { siteId },
    true,
    'Book',
  ],
  ['a variable that is not a Date (left to graphql-js, for its message)', BOOK, { siteId, day: '2026-02-30' }, false],
  ['a missing variable (left to graphql-js)', BOOK, { siteId }, false],
  [
    'a fan-out, each practice failing at its own path (lists of sites are left to the general executor)',
    `query F($ids: [ID!]!, $day: Date!) { sitesByIds(ids: $ids) { id appointments(from: $day, to: $day) { patientId startTime } } }`,
    { ids: [siteId, D4wSite.id, UNKNOWN, OfflineSite.id], day: '2026-03-02' },
    false,
  ],
  [
    'a site object field beside a named query (left to the general executor)',
    `query U($siteId: ID!) { site(id: $siteId) { usage { month } providers { userId } } }`,
    { siteId },
    false,
  ],
  [
    'another root field beside a named query (left to the general executor)',
    `query R($siteId: ID!) { site(id: $siteId) { providers { userId } } catalogues: site(id: $siteId) { id } sites { id } }`,
    { siteId },
    false,
  ],
];

describe('the compiled executor for named queries', () => {
  const ctx = useApp({ app: { namedQueries } });
  let general: App;
  beforeAll(() => {
    general = createApp({
      haloApiUrl: ctx.sim.url,
      haloSubscriptionKey: ctx.sim.key,
      namedQueries,
      compileNamedQueries: false,
      halo: { keepAliveTimeoutMs: 10 },
    });
  });
  afterAll(async () => {
    await general?.stop();
  });

  const post = async (app: App, query: string, variables: Record<string, unknown>, operationName?: string) => {
    const res = await raw(app, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return `${res.status} ${res.text}`;
  };
  /** The answer's text, its errors in path order (both executors list them as they happen). */
  const inPathOrder = (statusAndText: string) => {
    const [status, text] = [statusAndText.slice(0, 3), statusAndText.slice(4)];
    const answer = JSON.parse(text) as { errors?: Array<{ path?: unknown }> };
    answer.errors?.sort((a, b) => JSON.stringify(a.path ?? []).localeCompare(JSON.stringify(b.path ?? [])));
    return `${status} ${JSON.stringify(answer)}`;
  };
  const compiledRuns = async (app: App) =>
    parseMetrics((await app.metrics.scrape()).body).value('graphql_compiled_executions_total');

  it.each(CASES)(
    'should answer %s exactly as the general executor does',
    async (_what, query, variables, runsCompiled, operationName) => {
      const before = await compiledRuns(ctx.app);
      const compiled = await post(ctx.app, query, variables, operationName);
      const plain = await post(general, query, variables, operationName);
      expect(inPathOrder(compiled)).toBe(inPathOrder(plain));
      // The HTTP status, and the key order too: errors before data.
      expect(compiled.slice(0, 14)).toBe(plain.slice(0, 14));
      expect((await compiledRuns(ctx.app)) - before).toBe(runsCompiled ? 1 : 0);
      expect(await compiledRuns(general)).toBe(0);
    },
  );

  it('should leave mutations, queries without named fields and @defer to the general executor', async () => {
    const before = await compiledRuns(ctx.app);
    await post(ctx.app, `query S($id: ID!) { site(id: $id) { practiceName } }`, { id: siteId });
    await post(
      ctx.app,
      `mutation R($siteId: ID!) { runImmediateQuery(input: { siteId: $siteId, sql: "SELECT 1 AS one" }) { status } }`,
      {
        siteId,
      },
    );
    await post(
      ctx.app,
      `query D($siteId: ID!) { site(id: $siteId) { practiceName ... @defer { providers { userId } } } }`,
      {
        siteId,
      },
    );
    expect((await compiledRuns(ctx.app)) - before).toBe(0);
  });
});
