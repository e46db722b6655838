import { builder } from '../builder.js';
import { upstream } from '../../errors/api-errors.js';
import { ResultPageStatus } from '../enums.js';
import { JSONScalar } from '../scalars.js';
import type { DecodedResultPage } from '../../datasources/queries.js';
import type { Context } from '../../request/context.js';

export interface ResultPageShape {
  siteId: string;
  queryId: string;
  pageNumber: number;
  status: 'queued' | 'uploading' | 'cached';
  size: number | undefined;
  count: number | undefined;
  rangeStart: number | undefined;
  rangeEnd: number | undefined;
}

const pageKey = (siteId: string, queryId: string, pageNumber: number) => `${siteId}/${queryId}/${pageNumber}`;

/**
 * The page loader: each result page is fetched once per operation, however often (and through
 * whichever field: `rows`, `pages { rows }`, `pages { columns }`) it is selected.
 */
const pageLoaders = new WeakMap<Context, Map<string, Promise<DecodedResultPage>>>();
export function loadPage(
  ctx: Context,
  siteId: string,
  queryId: string,
  pageNumber: number,
): Promise<DecodedResultPage> {
  let cache = pageLoaders.get(ctx);
  if (!cache) pageLoaders.set(ctx, (cache = new Map()));
  const key = pageKey(siteId, queryId, pageNumber);
  let page = cache.get(key);
  if (!page) {
    page = upstream(ctx.halo.readResultPage(siteId, queryId, pageNumber));
    cache.set(key, page);
  }
  return page;
}

export const ResultPage = builder.objectRef<ResultPageShape>('ResultPage').implement({
  description: "One page of an async query's result (about 1 MB). Rows are fetched lazily, once per operation.",
  fields: (t) => ({
    pageNumber: t.int({ description: 'The page number, from 1.', resolve: (p) => p.pageNumber }),
    status: t.field({
      description: 'Upload progress: rows can be read once CACHED.',
      type: ResultPageStatus,
      resolve: (p) => p.status,
    }),
    sizeBytes: t.int({
      description: 'Size of the page, in bytes of JSON (about 1 MB at most).',
      nullable: true,
      resolve: (p) => p.size ?? null,
    }),
    rowCount: t.int({ description: 'Rows in this page.', nullable: true, resolve: (p) => p.count ?? null }),
    rangeStart: t.int({
      nullable: true,
      description: 'Index of the first row of this page in the whole result (0-based).',
      resolve: (p) => p.rangeStart ?? null,
    }),
    rangeEnd: t.int({
      nullable: true,
      description: 'Index of the last row of this page (inclusive).',
      resolve: (p) => p.rangeEnd ?? null,
    }),
    // Nullable: a page that is not uploaded yet has no rows, and one that cannot be fetched (expired,
    // Halo failing) must not null out the whole SqlQuery with it.
    columns: t.stringList({
      nullable: true,
      description: 'Column names in order; null until the page is CACHED.',
      resolve: async (p, _args, ctx) =>
        p.status === 'cached' ? (await loadPage(ctx, p.siteId, p.queryId, p.pageNumber)).columns : null,
    }),
    rows: t.field({
      type: [JSONScalar],
      nullable: true,
      description: 'The decoded rows; null until the page is CACHED.',
      resolve: async (p, _args, ctx) =>
        p.status === 'cached' ? (await loadPage(ctx, p.siteId, p.queryId, p.pageNumber)).rows : null,
    }),
  }),
});
