/**
 * scripts/build.mjs bundles node-sql-parser's T-SQL-only build (`build/transactsql.js`) in place
 * of its main file (all 16 dialects, 4 MB). That is only sound while the app parses T-SQL alone
 * and the two builds read it the same way; this file checks both.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '../..');

interface SqlParser {
  astify(sql: string, options: { database: string }): unknown;
}
type ParserModule = { Parser: new () => SqlParser };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

function astOrError(parser: SqlParser, sql: string): string {
  try {
    return JSON.stringify(parser.astify(sql, { database: 'transactsql' }));
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe('node-sql-parser in the bundle', () => {
  it('is only ever asked for T-SQL by src/', () => {
    const users = sourceFiles(join(ROOT, 'src')).filter((f) => /from 'node-sql-parser'/.test(readFileSync(f, 'utf8')));
    expect(users.length).toBeGreaterThan(0);
    for (const file of users) {
      const text = readFileSync(file, 'utf8');
      const name = relative(ROOT, file);
      // Parser, created with no options, and astify with the T-SQL dialect: nothing else.
      const calls = [...text.matchAll(/\bparser\.(\w+)\(|\bp\.(\w+)\(/g)].map((m) => m[1] ?? m[2]);
      expect(new Set(calls), name).toEqual(new Set(['astify']));
      const dialects = [...text.matchAll(/database:\s*'(\w+)'/g)].map((m) => m[1]);
      expect(dialects.length, name).toBeGreaterThan(0);
      expect(new Set(dialects), name).toEqual(new Set(['transactsql']));
      expect(text, name).not.toMatch(/new Parser\([^)]/);
    }
  });

  it('gives the same AST or error from the T-SQL-only build, for the SQL in the tests', () => {
    const full = new (require('node-sql-parser') as ParserModule).Parser();
    const tsqlOnly = new (require('node-sql-parser/build/transactsql.js') as ParserModule).Parser();
    const statements = new Set<string>();
    for (const file of [...sourceFiles(join(ROOT, 'test')), ...sourceFiles(join(ROOT, 'src'))]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /(['"`])((?:SELECT|EXEC|INSERT|UPDATE|DELETE|WITH|DECLARE)\b(?:(?!\1)[^\\]|\\.)*)\1/gi,
      ))
        statements.add(m[2]!);
    }
    expect(statements.size).toBeGreaterThan(100);
    let parsed = 0;
    for (const sql of statements) {
      const expected = astOrError(full, sql);
      expect(astOrError(tsqlOnly, sql), sql).toBe(expected);
      if (!expected.startsWith('error:')) parsed++;
    }
    expect(parsed).toBeGreaterThan(100);
  });
});
