/**
 * Cursor ↔ page arithmetic for forward (Relay `first`/`after`) connections over offset-paged
 * upstream results, in one place. Pure: no I/O; cursors are made by the caller's `cursorAt`.
 *
 * Positions are 0-based indexes into the whole result. An edge's cursor holds the position *after*
 * it (the index of the next item), so `after: cursor` continues exactly behind that edge whichever
 * edge of a page it came from: no gaps, no repeats.
 */
import { badUserInput } from '../errors/api-errors.js';

/** Page size when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest `first` accepted (Halo's FHIR `_count` ceiling). */
export const MAX_PAGE_SIZE = 100;
/** Largest position a cursor may hold: far beyond any practice, small enough to stay exact. */
export const MAX_POSITION = 10_000_000;

/** The slice of the whole result one request asks for. */
export interface OffsetPage {
  /** Position of the first item. */
  offset: number;
  /** How many items to ask for (0 = only the total). */
  size: number;
}

/**
 * `first` and the position from an `after` cursor → the page to request.
 * @throws GraphQLError BAD_USER_INPUT when `first` is negative, above {@link MAX_PAGE_SIZE} or not an integer.
 */
export function forwardPage(
  first: number | null | undefined,
  afterPosition: number | undefined,
  maxSize = MAX_PAGE_SIZE,
): OffsetPage {
  const size = first ?? Math.min(DEFAULT_PAGE_SIZE, maxSize);
  if (!Number.isInteger(size) || size < 0 || size > maxSize) {
    throw badUserInput(`first must be an integer between 0 and ${maxSize}.`, { argument: 'first' });
  }
  return { offset: afterPosition ?? 0, size };
}

/** Whether `n` can be a cursor position. */
export function isPosition(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= MAX_POSITION;
}

/** One connection edge: the item and the cursor that continues after it. */
export interface Edge<T> {
  node: T;
  cursor: string;
}

/** Relay `PageInfo`. */
export interface PageInfoShape {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A Relay connection page; `totalCount` is null when upstream did not say. */
export interface ConnectionShape<T> {
  edges: Array<Edge<T>>;
  pageInfo: PageInfoShape;
  totalCount: number | null;
}

/** What upstream returned for one {@link OffsetPage}. */
export interface OffsetPageResult<T> {
  /** Position of `items[0]` in the whole result. */
  offset: number;
  items: readonly T[];
  /** Size of the whole result, when upstream said. */
  total: number | undefined;
  /** Whether upstream offered a next page (e.g. a `next` link). */
  upstreamHasNext: boolean;
}

/**
 * One page of items → a Relay connection: each edge's cursor continues after it; a next page
 * exists when upstream says so or the total shows more; a previous one when the page does not
 * start at 0.
 */
export function offsetConnection<T>(
  page: OffsetPageResult<T>,
  cursorAt: (position: number) => string,
): ConnectionShape<T> {
  const edges = page.items.map((node, i) => ({ node, cursor: cursorAt(page.offset + i + 1) }));
  const end = page.offset + page.items.length;
  return {
    edges,
    pageInfo: {
      hasNextPage: page.upstreamHasNext || (page.total !== undefined && end < page.total),
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.total ?? null,
  };
}
