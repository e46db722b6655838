import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createCursorCodec, MAX_CURSOR_LENGTH } from '../../src/lib/cursor.js';
import {
  DEFAULT_PAGE_SIZE,
  forwardPage,
  isPosition,
  MAX_PAGE_SIZE,
  MAX_POSITION,
  offsetConnection,
} from '../../src/schema/pagination.js';

const cursorAt = (o: number) => `c${o}`;

describe.concurrent('forwardPage', () => {
  it('should default to 20 from the start and continue at the cursor position', ({ expect }) => {
    expect(forwardPage(undefined, undefined)).toEqual({ offset: 0, size: DEFAULT_PAGE_SIZE });
    expect(forwardPage(null, 40)).toEqual({ offset: 40, size: 20 });
    expect(forwardPage(7, 3)).toEqual({ offset: 3, size: 7 });
    expect(forwardPage(0, undefined)).toEqual({ offset: 0, size: 0 });
    expect(forwardPage(MAX_PAGE_SIZE, undefined).size).toBe(100);
  });

  it('should refuse a negative, fractional or too large first with BAD_USER_INPUT', ({ expect }) => {
    for (const first of [-1, 101, 1.5, Number.NaN]) {
      const err = (() => {
        try {
          forwardPage(first, undefined);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(GraphQLError);
      expect(err).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    }
  });
});

describe.concurrent('isPosition', () => {
  it('should accept only safe non-negative integers up to the maximum', ({ expect }) => {
    expect([0, 1, MAX_POSITION].every(isPosition)).toBe(true);
    expect([-1, 1.5, MAX_POSITION + 1, '3', null, undefined, Number.POSITIVE_INFINITY].some(isPosition)).toBe(false);
  });
});

describe.concurrent('offsetConnection', () => {
  it('should give each edge the position after it, so any edge cursor continues behind it', ({ expect }) => {
    const c = offsetConnection({ offset: 40, items: ['a', 'b', 'c'], total: 100, upstreamHasNext: true }, cursorAt);
    expect(c.edges).toEqual([
      { node: 'a', cursor: 'c41' },
      { node: 'b', cursor: 'c42' },
      { node: 'c', cursor: 'c43' },
    ]);
    expect(c.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: 'c41', endCursor: 'c43' });
    expect(c.totalCount).toBe(100);
  });

  it('should read hasNextPage from the total when upstream gives no next link, and stop at the end', ({ expect }) => {
    expect(
      offsetConnection({ offset: 0, items: [1, 2], total: 3, upstreamHasNext: false }, cursorAt).pageInfo.hasNextPage,
    ).toBe(true);
    const last = offsetConnection({ offset: 2, items: [3], total: 3, upstreamHasNext: false }, cursorAt);
    expect(last.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: 'c3', endCursor: 'c3' });
  });

  it('should answer an empty page (past the end, or first: 0) with null cursors and the total', ({ expect }) => {
    expect(offsetConnection({ offset: 0, items: [], total: 5, upstreamHasNext: false }, cursorAt)).toEqual({
      edges: [],
      pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null },
      totalCount: 5,
    });
    expect(offsetConnection({ offset: 9, items: [], total: undefined, upstreamHasNext: false }, cursorAt)).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
      totalCount: null,
    });
  });

  it('should walk a whole result without gaps or repeats whatever the page sizes', ({ expect }) => {
    const all = Array.from({ length: 53 }, (_, i) => i);
    const seen: number[] = [];
    let after: number | undefined;
    for (const first of [1, 7, 20, 3, 100, 5, 5, 5]) {
      const page = forwardPage(first, after);
      const items = all.slice(page.offset, page.offset + page.size);
      const c = offsetConnection({ offset: page.offset, items, total: all.length, upstreamHasNext: false }, String);
      seen.push(...c.edges.map((e) => e.node));
      if (!c.pageInfo.hasNextPage) break;
      after = Number(c.pageInfo.endCursor);
    }
    expect(seen).toEqual(all);
  });
});

describe.concurrent('createCursorCodec', () => {
  const codec = createCursorCodec('test-secret-0123456789');

  it('should open what it sealed, for the same kind only', ({ expect }) => {
    const c = codec.seal('Patient', { v: 1, o: 20 });
    expect(codec.open('Patient', c)).toEqual({ v: 1, o: 20 });
    expect(codec.open('SqlQuery', c)).toBeUndefined();
  });

  it('should refuse tampered, foreign, malformed and oversized cursors', ({ expect }) => {
    const c = codec.seal('Patient', { v: 1, o: 20 });
    const [body = '', mac = ''] = c.split('.');
    const forged = Buffer.from(JSON.stringify({ v: 1, o: 0 })).toString('base64url');
    const flipped = mac.slice(0, -2) + (mac.at(-2) === 'A' ? 'B' : 'A') + mac.at(-1);
    for (const bad of [
      `${forged}.${mac}`,
      `${body}.${flipped}`,
      createCursorCodec('another-secret-0123456789').seal('Patient', { v: 1, o: 20 }),
      body,
      `${body}.${mac}.x`,
      `${body}.`,
      '',
      'not a cursor at all',
      `${Buffer.from('[1,2]').toString('base64url')}.${mac}`,
      'A'.repeat(MAX_CURSOR_LENGTH + 1),
    ]) {
      expect(codec.open('Patient', bad)).toBeUndefined();
    }
  });

  it('should digest deterministically per secret, without revealing or confusing its parts', ({ expect }) => {
    const d = codec.digest('Patient', ['site', 'family', 'Smith']);
    expect(codec.digest('Patient', ['site', 'family', 'Smith'])).toBe(d);
    expect(d).not.toMatch(/smith/i);
    expect(codec.digest('Patient', ['site', 'familyS', 'mith'])).not.toBe(d);
    expect(codec.digest('Other', ['site', 'family', 'Smith'])).not.toBe(d);
    expect(createCursorCodec('another-secret-0123456789').digest('Patient', ['site', 'family', 'Smith'])).not.toBe(d);
  });

  it('should refuse a secret shorter than 16 bytes', () => {
    expect(() => createCursorCodec('short')).toThrow(TypeError);
  });
});
