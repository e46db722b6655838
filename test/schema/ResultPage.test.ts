import { beforeEach, describe, expect, it } from 'vitest';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { graphql } from '../gql/index.js';
import { useApp } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';
import { callCounts, directSql } from '../helpers/halo.js';

// Small pages, so a 2,000-row result spans about 20 of them.
const ctx = useApp({ simulator: { pageBytes: 4096 } });
beforeEach(() => {
  ctx.sim.reset();
});

const SQL = 'SELECT InternalID, Surname, Firstname FROM BPS_Patients ORDER BY InternalID';

const Pages = graphql(`
  query Pages($siteId: ID!, $id: ID!) {
    sqlQuery(siteId: $siteId, id: $id) {
      status
      pages {
        pageNumber
        status
        rangeStart
        rangeEnd
        columns
        rows
      }
    }
  }
`);

async function submit(sql = SQL): Promise<string> {
  const res = await execute(
    ctx.app,
    graphql(`
      mutation SubmitForPages($input: RunQueryInput!) {
        submitAsyncQuery(input: $input) {
          id
        }
      }
    `),
    { input: { siteId: OnlineSite.id, sql } },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.submitAsyncQuery.id;
}

describe('ResultPage', () => {
  it("should decode each page's columns and rows, equal to its slice of a direct SELECT", async () => {
    const expected = await directSql(ctx, OnlineSite.id, SQL);
    const id = await submit();
    await ctx.advance(3_600_000);
    const res = await execute(ctx.app, Pages, { siteId: OnlineSite.id, id });
    expect(res.errors).toBeUndefined();
    const pages = res.data!.sqlQuery!.pages;
    expect(pages.length).toBeGreaterThanOrEqual(15);
    for (const page of pages) {
      expect(page.status).toBe('CACHED');
      expect(page.columns).toEqual(['InternalID', 'Surname', 'Firstname']);
      expect(page.rows).toEqual(expected.slice(page.rangeStart!, page.rangeEnd! + 1));
    }
    expect(pages.flatMap((p) => p.rows ?? [])).toEqual(expected);
  });

  it('should fetch each page once however it is selected: rows, pages { rows }, columns, twice over', async () => {
    const id = await submit();
    await ctx.advance(3_600_000);
    const pageCount = (await execute(ctx.app, Pages, { siteId: OnlineSite.id, id })).data!.sqlQuery!.pages.length;
    await ctx.clearRequests();
    const res = await execute(
      ctx.app,
      graphql(`
        query PagesAndRows($siteId: ID!, $id: ID!) {
          sqlQuery(siteId: $siteId, id: $id) {
            rows
            again: rows
            pages {
              pageNumber
              rows
              columns
            }
            pagesAgain: pages {
              rows
            }
          }
          same: sqlQuery(siteId: $siteId, id: $id) {
            rows
          }
        }
      `),
      { siteId: OnlineSite.id, id },
    );
    expect(res.errors).toBeUndefined();
    const q = res.data!.sqlQuery!;
    expect(q.rows).toHaveLength(2000);
    expect(q.again).toEqual(q.rows);
    expect(res.data!.same?.rows).toEqual(q.rows);
    expect(q.pages.flatMap((p) => p.rows ?? [])).toEqual(q.rows);
    expect(q.pagesAgain.flatMap((p) => p.rows ?? [])).toEqual(q.rows);
    expect(await callCounts(ctx)).toEqual({ getQueryStatusBatch: 1, getResultPage: pageCount });
  });

  it('should give the rows of uploaded pages while the query is still UPLOADING, and null for the others without calling Halo', async () => {
    const expected = await directSql(ctx, OnlineSite.id, SQL);
    const id = await submit();
    // initialising 100 ms + queued 200 ms + executing 50 ms, then 100 ms per page: two pages are up.
    await ctx.advance(300 + 50 + 225);
    await ctx.clearRequests();
    const res = await execute(ctx.app, Pages, { siteId: OnlineSite.id, id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.sqlQuery!.status).toBe('UPLOADING');
    const pages = res.data!.sqlQuery!.pages;
    const cached = pages.filter((p) => p.status === 'CACHED');
    expect(cached.map((p) => p.pageNumber)).toEqual([1, 2]);
    expect(new Set(pages.slice(2).map((p) => p.status))).toEqual(new Set(['QUEUED']));
    for (const p of cached) expect(p.rows).toEqual(expected.slice(p.rangeStart!, p.rangeEnd! + 1));
    for (const p of pages.slice(2)) expect([p.rows, p.columns]).toEqual([null, null]);
    expect(await callCounts(ctx)).toEqual({ getQueryStatusBatch: 1, getResultPage: 2 });
  });

  it('should answer RESULT_EXPIRED for rows and pages 24 hours after the query completed, and keep the rest of the query', async () => {
    const id = await submit('SELECT TOP 300 InternalID, Surname, Firstname FROM BPS_Patients ORDER BY InternalID');
    await ctx.advance(3_600_000);
    await ctx.advance(24 * 3_600_000);

    const rows = await execute(
      ctx.app,
      graphql(`
        query ExpiredRows($siteId: ID!, $id: ID!) {
          sqlQuery(siteId: $siteId, id: $id) {
            status
            rowCount
            rows
          }
        }
      `),
      { siteId: OnlineSite.id, id },
    );
    expect(rows.data).toEqual({ sqlQuery: { status: 'SUCCESSFUL', rowCount: 300, rows: null } });
    expect(rows.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['RESULT_EXPIRED', 'The result has expired (Halo keeps results about 24 hours): run the query again.'],
    ]);

    const pages = await execute(ctx.app, Pages, { siteId: OnlineSite.id, id });
    const got = pages.data!.sqlQuery!.pages;
    expect(got.length).toBeGreaterThanOrEqual(3);
    expect(got.map((p) => [p.pageNumber, p.status, p.rows])).toEqual(got.map((_, i) => [i + 1, 'CACHED', null]));
    expect(new Set(pages.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['RESULT_EXPIRED']));
    expect(pages.errors?.[0]?.path?.slice(0, 3)).toEqual(['sqlQuery', 'pages', 0]);
  });

  it('should read page N alone, with one Halo page read', async () => {
    const expected = await directSql(ctx, OnlineSite.id, SQL);
    const id = await submit();
    await ctx.advance(3_600_000);
    await ctx.clearRequests();
    const res = await execute(ctx.app, OnePage, { siteId: OnlineSite.id, id, number: 3 });
    expect(res.errors).toBeUndefined();
    const page = res.data!.sqlQuery!.page!;
    expect(page).toMatchObject({ pageNumber: 3, status: 'CACHED', columns: ['InternalID', 'Surname', 'Firstname'] });
    expect(page.rows).toEqual(expected.slice(page.rangeStart!, page.rangeEnd! + 1));
    expect(await callCounts(ctx)).toEqual({ getQueryStatusBatch: 1, getResultPage: 1 });
  });

  it('should answer BAD_USER_INPUT past the last page, saying how many there are, without reading a page', async () => {
    const id = await submit('SELECT TOP 300 InternalID, Surname, Firstname FROM BPS_Patients ORDER BY InternalID');
    await ctx.advance(3_600_000);
    const count = (await execute(ctx.app, Pages, { siteId: OnlineSite.id, id })).data!.sqlQuery!.pages.length;
    await ctx.clearRequests();
    for (const [number, message] of [
      [count + 1, `There is no page ${count + 1}: this result has ${count} pages.`],
      [0, 'Result pages are numbered from 1.'],
    ] as const) {
      const res = await execute(ctx.app, OnePage, { siteId: OnlineSite.id, id, number });
      expect(res.data).toEqual({ sqlQuery: { status: 'SUCCESSFUL', expiresAt: expect.any(String), page: null } });
      expect(res.errors).toEqual([
        expect.objectContaining({
          message,
          path: ['sqlQuery', 'page'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'number', pageCount: count },
        }),
      ]);
    }
    expect(await callCounts(ctx)).toEqual({ getQueryStatusBatch: 2 });
  });

  it('should say why a query has no pages yet', async () => {
    const id = await submit();
    const res = await execute(ctx.app, OnePage, { siteId: OnlineSite.id, id, number: 1 });
    expect(res.errors?.[0]).toMatchObject({
      message: 'This query has no result pages (status INITIALISING).',
      extensions: { code: 'BAD_USER_INPUT', argument: 'number', pageCount: 0 },
    });
  });

  it('should give expiresAt 24 hours after completion, and RESULT_EXPIRED for page N after it', async () => {
    const id = await submit('SELECT TOP 300 InternalID, Surname, Firstname FROM BPS_Patients ORDER BY InternalID');
    await ctx.advance(3_600_000);
    const completedAt = ctx.sim.state.queries.get(id)!.completedAt!;
    const before = await execute(ctx.app, OnePage, { siteId: OnlineSite.id, id, number: 1 });
    expect(before.errors).toBeUndefined();
    expect(before.data!.sqlQuery!.expiresAt).toBe(new Date(completedAt + 24 * 3_600_000).toISOString());

    await ctx.advance(24 * 3_600_000);
    const after = await execute(ctx.app, OnePage, { siteId: OnlineSite.id, id, number: 1 });
    expect(after.data!.sqlQuery).toMatchObject({ status: 'SUCCESSFUL', page: { pageNumber: 1, rows: null } });
    // The one page read fails: rows and columns (which share it) both say so.
    const expired = 'The result has expired (Halo keeps results about 24 hours): run the query again.';
    expect(after.errors?.map((e) => [e.extensions?.code, e.message, e.path?.join('.')]).sort()).toEqual([
      ['RESULT_EXPIRED', expired, 'sqlQuery.page.columns'],
      ['RESULT_EXPIRED', expired, 'sqlQuery.page.rows'],
    ]);
  });
});

const OnePage = graphql(`
  query OnePage($siteId: ID!, $id: ID!, $number: Int!) {
    sqlQuery(siteId: $siteId, id: $id) {
      status
      expiresAt
      page(number: $number) {
        pageNumber
        status
        rangeStart
        rangeEnd
        columns
        rows
      }
    }
  }
`);
