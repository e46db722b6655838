/**
 * A workaround for node-sql-parser's T-SQL grammar, shared by the product's SQL guard
 * (src/security/sql-guard.ts) and the simulator's T-SQL engine (simulator/src/sql/ast.ts), which
 * tokenise with lexers of their own.
 */

/** What this needs of a token: its kind (only words and punctuation matter), text and offsets. */
export interface LikePatternToken {
  readonly kind: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Words that end a LIKE pattern expression at bracket depth 0. */
const PATTERN_END = new Set(
  'AND OR NOT ORDER GROUP HAVING UNION EXCEPT INTERSECT ESCAPE THEN WHEN ELSE END COLLATE FOR OPTION WHERE FROM JOIN INNER LEFT RIGHT FULL CROSS OUTER ON SELECT INTO IS BETWEEN IN LIKE GO OFFSET FETCH'.split(
    ' ',
  ),
);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '||']);

/**
 * node-sql-parser rejects a LIKE pattern that starts with a literal and goes on with an operator
 * (`Surname LIKE '%' + @name + '%'`, a staple of integrator SQL) but accepts it in parentheses.
 * Returns `sql` with each such pattern in parentheses (for a second parse), or `sql` itself when
 * there is none.
 */
export function parenthesizeLikePatterns(sql: string, tokens: readonly LikePatternToken[]): string {
  const inserts: Array<{ at: number; text: string }> = [];
  tokens.forEach((token, i) => {
    if (token.kind !== 'word' || token.text.toUpperCase() !== 'LIKE') return;
    let depth = 0;
    let operator = false;
    let j = i + 1;
    for (; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (t.kind === 'punct' && t.text === '(') depth++;
      else if (t.kind === 'punct' && t.text === ')') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0) {
        if (t.kind === 'punct' && (t.text === ',' || t.text === ';')) break;
        if (t.kind === 'word' && PATTERN_END.has(t.text.toUpperCase())) break;
        if (t.kind === 'punct' && ARITHMETIC.has(t.text)) operator = true;
      }
    }
    const first = tokens[i + 1];
    const last = tokens[j - 1];
    if (operator && first && last && j > i + 1)
      inserts.push({ at: first.start, text: '(' }, { at: last.end, text: ')' });
  });
  if (inserts.length === 0) return sql;
  inserts.sort((a, b) => b.at - a.at);
  let out = sql;
  for (const { at, text } of inserts) out = out.slice(0, at) + text + out.slice(at);
  return out;
}
