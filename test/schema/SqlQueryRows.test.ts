/**
 * `SqlQuery.rows` of a multi-page async result: one list assembled from the pages' arrays when the
 * operation does not stream it, item by item under an active `@stream`.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { useApp } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';
import { callCounts, directSql, injectFault, type Row } from '../helpers/halo.js';
import { multipartPayloads } from '../helpers/multipart.js';

const Submit = parse(
  `mutation RowsSubmit($input: RunQueryInput!) { submitAsyncQuery(input: $input) { id } }`,
) as TypedDocumentNode<{ submitAsyncQuery: { id: string } }, { input: { siteId: string; sql: string } }>;
const Rows = parse(
  `query AllRows($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { status pages { pageNumber } rows } }`,
) as TypedDocumentNode<
  { sqlQuery: { status: string; pages: Array<{ pageNumber: number }>; rows: Row[] | null } | null },
  { siteId: string; id: string }
>;
const ROWS_STREAM_IF = `query RowsStreamIf($siteId: ID!, $id: ID!, $stream: Boolean!) { sqlQuery(siteId: $siteId, id: $id) { rows @stream(initialCount: 1, if: $stream) } }`;
const ROWS_STREAM_FALSE = `query RowsStreamFalse($siteId: ID!, $id: ID!) { sqlQuery(siteId: $siteId, id: $id) { rows @stream(if: false) } }`;

const SQL = 'SELECT InternalID, Firstname, Surname, DOB FROM BPS_Patients ORDER BY InternalID';

interface Payload {
  data?: { sqlQuery: { rows: Row[] } };
  incremental?: Array<{ items: Row[]; path: Array<string | number> }>;
  hasNext?: boolean;
}

describe('SqlQuery.rows of a multi-page result', () => {
  // Small pages, so the 2,000 patients span about 40 of them.
  const ctx = useApp({ simulator: { pageBytes: 4096 }, listen: true });
  let id: string;
  let expected: Row[];
  let pages: number;
  beforeAll(async () => {
    expected = await directSql(ctx, OnlineSite.id, SQL);
    const res = await execute(ctx.app, Submit, { input: { siteId: OnlineSite.id, sql: SQL } });
    id = res.data!.submitAsyncQuery.id;
    await ctx.advance(3_600_000);
  });
  beforeEach(async () => {
    await ctx.clearRequests();
  });

  /** POSTs a query to the listening app and collects every payload (one, or multipart parts). */
  async function post(
    query: string,
    variables: Record<string, unknown>,
  ): Promise<{ contentType: string; payloads: Payload[] }> {
    const res = await fetch(`${ctx.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed, application/graphql-response+json' },
      body: JSON.stringify({ query, variables }),
    });
    expect(res.status).toBe(200);
    const contentType = res.headers.get('content-type') ?? '';
    if (!contentType.startsWith('multipart/mixed')) return { contentType, payloads: [(await res.json()) as Payload] };
    const payloads: Payload[] = [];
    for await (const payload of multipartPayloads(res)) payloads.push(payload as Payload);
    return { contentType, payloads };
  }

  it('should return every row in order as one list, reading each page once', async () => {
    const res = await execute(ctx.app, Rows, { siteId: OnlineSite.id, id });
    expect(res.errors).toBeUndefined();
    pages = res.data!.sqlQuery!.pages.length;
    expect(pages).toBeGreaterThan(20);
    expect(res.data!.sqlQuery!.rows).toEqual(expected);
    expect(await callCounts(ctx)).toEqual({ getQueryStatusBatch: 1, getResultPage: pages });
  });

  it('should answer @stream(if: false) in a single response with every row', async () => {
    const { contentType, payloads } = await post(ROWS_STREAM_FALSE, { siteId: OnlineSite.id, id });
    expect(contentType).not.toMatch(/^multipart/);
    expect(payloads).toHaveLength(1);
    expect(payloads[0]!.data?.sqlQuery.rows).toEqual(expected);
  });

  it('should stream the rows when @stream is switched on by a variable, and not when switched off', async () => {
    const streamed = await post(ROWS_STREAM_IF, { siteId: OnlineSite.id, id, stream: true });
    expect(streamed.contentType).toMatch(/^multipart\/mixed/);
    const [first, ...rest] = streamed.payloads;
    expect(first).toEqual({ data: { sqlQuery: { rows: [expected[0]] } }, hasNext: true });
    const rows = [...first!.data!.sqlQuery.rows];
    for (const payload of rest) for (const inc of payload.incremental ?? []) rows.push(...inc.items);
    expect(rows).toEqual(expected);

    const whole = await post(ROWS_STREAM_IF, { siteId: OnlineSite.id, id, stream: false });
    expect(whole.contentType).not.toMatch(/^multipart/);
    expect(whole.payloads[0]!.data?.sqlQuery.rows).toEqual(expected);
  });

  it('should null the rows with the error of a page that cannot be read (and of the page requested ahead)', async () => {
    // Page 1 and page 2 (already requested while page 1 is decoded) both answer 410.
    await injectFault(ctx, { operationId: 'getResultPage', status: 410, count: 2 });
    const res = await execute(ctx.app, Rows, { siteId: OnlineSite.id, id });
    expect(res.data?.sqlQuery).toMatchObject({ status: 'SUCCESSFUL', rows: null });
    expect(res.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([['RESULT_EXPIRED', ['sqlQuery', 'rows']]]);
    expect(await callCounts(ctx)).toEqual({ getQueryStatusBatch: 1, getResultPage: 2 });
  });
});
