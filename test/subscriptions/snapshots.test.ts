/** The pure rules of live async status: what counts as progress, and which events a change makes. */
import { describe, it } from 'vitest';
import type { WireQuery } from '../../src/datasources/types.js';
import { asyncEvents, hasChanged, isNotOlder, type AsyncSnapshot } from '../../src/subscriptions/snapshots.js';

const T = (s: number) => `2026-03-05T10:00:${String(s).padStart(2, '0')}.000Z`;
const page = (pageNumber: number, status: 'queued' | 'uploading' | 'cached') => ({ pageNumber, status });

function query(status: WireQuery['status'], extra: Partial<WireQuery> = {}): WireQuery {
  return {
    id: '166b4640-0000-4000-8000-000000000001',
    siteId: 'fee5cef8-d527-57a2-a16f-eb0dc50abda6',
    mode: 'async',
    status,
    createdAt: T(0),
    updatedAt: T(9),
    maxTimeInQueue: 3_600_000,
    ...extra,
  };
}

/** A successful query whose statusTiming records every phase. */
const successful = query('successful', {
  completedAt: T(9),
  statusTiming: {
    initialising: { startTime: T(0), endTime: T(1) },
    queued: { startTime: T(1), endTime: T(3) },
    executing: { startTime: T(3), endTime: T(6) },
    uploading: { startTime: T(6), endTime: T(9) },
  },
  metrics: { sqlExecutionDuration: 3000 },
  result: { rows: 3, size: 120, pages: [page(1, 'cached')] },
  resultSize: 120,
});

const snap = (q: WireQuery): AsyncSnapshot => ({ type: 'async', siteId: q.siteId, queryId: q.id, query: q });

describe.concurrent('asyncEvents', () => {
  it('should start with the current state alone, however far it is', ({ expect }) => {
    expect(asyncEvents(undefined, successful)).toEqual([successful]);
  });

  it('should send every phase statusTiming records between two states, in order, with its times', ({ expect }) => {
    const events = asyncEvents(query('queued'), successful);
    expect(events.map((e) => e.status)).toEqual(['executing', 'uploading', 'successful']);
    expect(events[0]).toEqual({
      id: successful.id,
      siteId: successful.siteId,
      mode: 'async',
      status: 'executing',
      createdAt: T(0),
      updatedAt: T(3),
      maxTimeInQueue: 3_600_000,
      statusTiming: {
        initialising: { startTime: T(0), endTime: T(1) },
        queued: { startTime: T(1), endTime: T(3) },
        executing: { startTime: T(3), endTime: T(6) },
      },
    });
    // UPLOADING carries the execution time Halo reports from then on; nothing only a later state knows.
    expect(events[1]).toMatchObject({ status: 'uploading', updatedAt: T(6), metrics: { sqlExecutionDuration: 3000 } });
    expect(events[1]).not.toHaveProperty('result');
    expect(events[1]).not.toHaveProperty('completedAt');
    expect(events[2]).toBe(successful);
  });

  it('should derive only the phases statusTiming has (a failure skips what never happened)', ({ expect }) => {
    const expired = query('expiredInQueue', {
      statusTiming: { initialising: { startTime: T(0), endTime: T(1) }, queued: { startTime: T(1), endTime: T(5) } },
    });
    expect(asyncEvents(query('initialising'), expired).map((e) => e.status)).toEqual(['queued', 'expiredInQueue']);
    const offline = query('initialisationFailedSiteOffline', {
      statusTiming: { initialising: { startTime: T(0), endTime: T(1) } },
    });
    expect(asyncEvents(query('initialising'), offline).map((e) => e.status)).toEqual([
      'initialisationFailedSiteOffline',
    ]);
  });

  it('should send a page-progress event when only a page status changed, and nothing when nothing did', ({
    expect,
  }) => {
    const a = query('uploading', { result: { pages: [page(1, 'cached'), page(2, 'queued')] } });
    const b = query('uploading', { result: { pages: [page(1, 'cached'), page(2, 'uploading')] } });
    expect(asyncEvents(a, b)).toEqual([b]);
    expect(asyncEvents(b, { ...b, updatedAt: T(8) })).toEqual([]);
  });
});

describe.concurrent('progress of async snapshots', () => {
  const uploading = (...statuses: Array<'queued' | 'uploading' | 'cached'>) =>
    snap(query('uploading', { result: { pages: statuses.map((s, i) => page(i + 1, s)) } }));

  it('should never take an older state, nor fewer uploaded pages in the same status', ({ expect }) => {
    expect(isNotOlder(snap(query('executing')), snap(query('uploading')))).toBe(false);
    expect(isNotOlder(uploading('cached', 'queued'), uploading('cached', 'uploading'))).toBe(false);
    expect(isNotOlder(uploading('cached', 'cached'), uploading('cached', 'uploading'))).toBe(true);
    expect(isNotOlder(uploading('cached', 'cached'), uploading('cached', 'cached'))).toBe(true);
    expect(isNotOlder(snap(successful), uploading('cached', 'cached'))).toBe(true);
  });

  it('should count a page status change as a change a poller publishes', ({ expect }) => {
    expect(hasChanged(uploading('cached', 'uploading'), uploading('cached', 'queued'))).toBe(true);
    expect(hasChanged(uploading('cached', 'queued'), uploading('cached', 'queued'))).toBe(false);
  });
});
