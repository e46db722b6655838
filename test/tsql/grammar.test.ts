import { describe, expect, it } from 'vitest';
import { lexTsql, tokenizeTsql, tokenNear, splitObjectName, TsqlLexError } from '../../src/lib/tsql-lexer.js';
import { parseTsql, rewriteForGrammar } from '../../src/lib/tsql-parse.js';

const rewrite = (sql: string): string => rewriteForGrammar(sql, tokenizeTsql(sql));

describe('rewrites for the forms node-sql-parser cannot read', () => {
  it.each([
    ['SELECT a FROM x INTERSECT SELECT a FROM y', 'SELECT a FROM x UNION ALL SELECT 1 AS __tsql_intersect, a FROM y'],
    [
      'SELECT a FROM x EXCEPT (SELECT TOP 3 a FROM y ORDER BY a) ORDER BY a',
      'SELECT a FROM x UNION ALL SELECT 1 AS __tsql_except, * FROM (SELECT ( 3) AS __tsql_top, a FROM y ORDER BY a) AS __tsql_member ORDER BY a',
    ],
    ['SELECT TOP 5 WITH TIES a FROM x ORDER BY a', 'SELECT ( 5 ) AS __tsql_top_ties, a FROM x ORDER BY a'],
    ['SELECT DISTINCT TOP (@n) PERCENT a FROM x', 'SELECT DISTINCT  (@n)  AS __tsql_top_percent, a FROM x'],
    [
      "SELECT TRY_CAST(a AS decimal(10, 2)), PARSE(b AS date USING 'en-AU') FROM x",
      "SELECT TRY_CAST(decimal(10, 2), a ), PARSE(date, b  , 'en-AU') FROM x",
    ],
    [
      "SELECT a FROM x WHERE a NOT LIKE '5!%' ESCAPE '!'",
      "SELECT a FROM x WHERE a NOT LIKE __tsql_like_escape('5!%' , '!')",
    ],
    [
      "SELECT STRING_AGG(a, ',') WITHIN GROUP (ORDER BY a) FROM x",
      "SELECT __tsql_string_agg(a, ',') WITHIN GROUP (ORDER BY a) FROM x",
    ],
    [
      'SELECT a FROM x ORDER BY a OFFSET 5 ROWS',
      'SELECT a FROM x ORDER BY a OFFSET 5 ROWS FETCH NEXT 9223372036854775807 ROWS ONLY',
    ],
    [
      "SELECT (SELECT a FROM x FOR XML PATH(''), TYPE).value('.', 'nvarchar(max)')",
      "SELECT (SELECT a FROM x FOR XML PATH(''))",
    ],
    ['SELECT a FROM x OPTION (RECOMPILE)', 'SELECT a FROM x '],
    ['SELECT COUNT_BIG(*) FROM x', 'SELECT COUNT_BIG(1) FROM x'],
    // Strings, quoted names and comments are never rewritten.
    [
      "SELECT 'INTERSECT SELECT TOP 5' AS [EXCEPT] -- TOP 1 WITH TIES",
      "SELECT 'INTERSECT SELECT TOP 5' AS [EXCEPT] -- TOP 1 WITH TIES",
    ],
  ])('should give the grammar %j as %j', (sql, expected) => {
    expect(rewrite(sql)).toBe(expected);
    expect(parseTsql(sql).ok).toBe(true);
  });

  it('should report a parse failure at its offset in the text as written', () => {
    const parsed = parseTsql('SELECT TOP 5 WITH TIES a FORM x ORDER BY a');
    expect(parsed).toMatchObject({ ok: false, garbled: false });
    expect(tokenNear('SELECT TOP 5 WITH TIES a FORM x ORDER BY a', parsed.ok ? 0 : parsed.offset).text).toBe('x');
  });
});

describe('the T-SQL lexer', () => {
  it('should read N strings, variables, nested comments and quoted names as SQL Server does', () => {
    expect(
      lexTsql('SELECT N\'O\'\'Brien\', @a, @@ROWCOUNT /* a /* nested */ comment */ FROM [dbo].[x]]y] "q""r"').map(
        (t) => [t.kind, t.value],
      ),
    ).toEqual([
      ['word', 'SELECT'],
      ['string', "O'Brien"],
      ['punct', ','],
      ['variable', '@a'],
      ['punct', ','],
      ['variable', '@@ROWCOUNT'],
      ['word', 'FROM'],
      ['quoted', 'dbo'],
      ['punct', '.'],
      ['quoted', 'x]y'],
      ['quoted', 'q"r'],
    ]);
  });

  it('should throw in strict mode and flag the unterminated token in lenient mode', () => {
    expect(() => lexTsql('SELECT 1 /* /* */')).toThrow(TsqlLexError);
    expect(() => lexTsql('SELECT [a')).toThrow(TsqlLexError);
    expect(tokenizeTsql("SELECT 'abc").at(-1)).toMatchObject({ kind: 'string', unterminated: true });
    expect(tokenizeTsql('SELECT 1 /* open')).toHaveLength(2);
  });

  it('should name the token near a failure without echoing literals, and split object names', () => {
    expect(tokenNear("SELECT 'secret' 'x'", 16)).toEqual({ text: 'SELECT', keyword: true });
    expect(splitObjectName('[BPSPatients]..[BP_X]')).toEqual(['BPSPatients', '', 'BP_X']);
    expect(splitObjectName('dbo.BP_X 1')).toBeUndefined();
  });
});
