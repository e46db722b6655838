import { describe, expect, it } from 'vitest';
import { OnlineSite } from '../../simulator/src/fixtures.js';
import { graphql } from '../gql/index.js';
import { useApp } from '../helpers/app.js';
import { execute } from '../helpers/execute.js';
import { directSql } from '../helpers/halo.js';
import { CONFORMANCE_CASES, CONFORMANCE_NOW, type ConformanceCase, type Row } from './conformance-cases.js';

// The simulator's clock is frozen at CONFORMANCE_NOW, so GETDATE() reads 09:30 on 2025-03-05 in Sydney.
const ctx = useApp({ simulator: { startEpochMs: CONFORMANCE_NOW } });

const RunConformance = graphql(`
  mutation RunConformance($input: RunQueryInput!) {
    runImmediateQuery(input: $input) {
      status
      error {
        type
        code
        message
      }
      rows
    }
  }
`);

const sorted = (rows: readonly Row[]): Row[] =>
  [...rows].sort((a, b) =>
    JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0,
  );

async function expected(c: ConformanceCase): Promise<Row[]> {
  if (c.rows) return c.rows;
  if (c.sqlite) return directSql(ctx, OnlineSite.id, c.sqlite, c.catalogue);
  throw new Error(`case ${c.name} has no expectation`);
}

describe('T-SQL conformance through runImmediateQuery on the Best Practice fixture', () => {
  it('should hold at least 100 statements, each with a real expectation', () => {
    expect(CONFORMANCE_CASES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CONFORMANCE_CASES.map((c) => c.name)).size).toBe(CONFORMANCE_CASES.length);
    for (const c of CONFORMANCE_CASES) expect([c.rows, c.sqlite, c.error].filter(Boolean)).toHaveLength(1);
  });

  for (const c of CONFORMANCE_CASES) {
    it(`should answer ${c.name} as SQL Server does`, async () => {
      const res = await execute(ctx.app, RunConformance, {
        input: {
          siteId: OnlineSite.id,
          sql: c.sql,
          ...(c.parameters ? { parameters: c.parameters } : {}),
          ...(c.executionMode ? { executionMode: c.executionMode } : {}),
          ...(c.catalogue ? { catalogue: c.catalogue } : {}),
        },
      });
      expect(res.errors).toBeUndefined();
      const q = res.data!.runImmediateQuery;
      if (c.error) {
        expect(q).toMatchObject({ status: 'EXECUTION_FAILED', error: { type: 'MSSQL', ...c.error } });
        return;
      }
      expect(q.error).toBeNull();
      const rows = (q.rows ?? []) as Row[];
      const want = await expected(c);
      if (c.sqlite) expect(want.length).toBeGreaterThan(0);
      if (c.unordered) expect(sorted(rows)).toEqual(sorted(want));
      else expect(rows).toEqual(want);
    });
  }
});
