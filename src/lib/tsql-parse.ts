/**
 * node-sql-parser's T-SQL grammar, and the rewrites that let it read the T-SQL it does not cover.
 * Shared by the product's SQL guard (src/security/sql-guard.ts) and the simulator's T-SQL engine
 * (simulator/src/sql/ast.ts), so both read the same text the same way.
 *
 * The rewrites work on tokens of ./tsql-lexer.ts (never inside strings, quoted names or comments)
 * and only reshape a form the grammar cannot read into one it can, keeping what it means:
 *
 * | T-SQL                                     | given to the grammar as                                  |
 * |-------------------------------------------|----------------------------------------------------------|
 * | `A INTERSECT SELECT …` / `A EXCEPT …`      | `A UNION ALL SELECT 1 AS __tsql_intersect, …` (`__tsql_except`) |
 * | `A UNION (SELECT …)` (any set operator)   | `A UNION SELECT * FROM (SELECT …) AS __tsql_member`       |
 * | `SELECT TOP n [PERCENT] [WITH TIES] …`    | `SELECT (n) AS __tsql_top[_percent][_ties], …`           |
 * | `TRY_CAST(x AS t)`, `[TRY_]PARSE(x AS t [USING c])` | `TRY_CAST(t, x)`, `[TRY_]PARSE(t, x[, c])`       |
 * | `x [NOT] LIKE p ESCAPE e`                 | `x [NOT] LIKE __tsql_like_escape(p, e)`                  |
 * | `x LIKE 'a' + @b` (an operator in the pattern) | `x LIKE ('a' + @b)` (only when the text does not parse as it is) |
 * | `STRING_AGG(x, s) WITHIN GROUP (…)`       | `__tsql_string_agg(x, s) WITHIN GROUP (…)`               |
 * | `OFFSET n ROWS` without FETCH             | `OFFSET n ROWS FETCH NEXT 9223372036854775807 ROWS ONLY` |
 * | `FOR XML …` / `FOR JSON …` with options   | `FOR XML PATH('')` / `FOR JSON PATH`; `(…).value(…)` dropped |
 * | `COUNT_BIG(*)`                            | `COUNT_BIG(1)`                                           |
 * | `OPTION (query hints)`                    | (dropped)                                                |
 *
 * The marker names start with `__tsql_`, which no Best Practice object or alias uses.
 */
import nsp from 'node-sql-parser';
import { type TsqlToken, tokenizeTsql } from './tsql-lexer.js';

const { Parser } = nsp;

/** A node of node-sql-parser's AST. */
export type TsqlAstNode = { readonly [key: string]: unknown };

/** Aliases of the marker select items the rewrites insert (see the module comment). */
export const MARKER = {
  intersect: '__tsql_intersect',
  except: '__tsql_except',
  top: '__tsql_top',
  likeEscape: '__tsql_like_escape',
  orderedStringAgg: '__tsql_string_agg',
  member: '__tsql_member',
} as const;

function setOpMarker(op: string): string {
  return op === 'INTERSECT' ? `1 AS ${MARKER.intersect}, ` : op === 'EXCEPT' ? `1 AS ${MARKER.except}, ` : '';
}

/** The TOP marker's alias for the given options. */
export function topMarker(percent: boolean, ties: boolean): string {
  return `${MARKER.top}${percent ? '_percent' : ''}${ties ? '_ties' : ''}`;
}

/** What a TOP marker alias says, or undefined when `alias` is not one. */
export function readTopMarker(alias: string | undefined): { percent: boolean; ties: boolean } | undefined {
  const m = alias === undefined ? null : /^__tsql_top(_percent)?(_ties)?$/.exec(alias);
  return m ? { percent: m[1] !== undefined, ties: m[2] !== undefined } : undefined;
}

/** The largest bigint: the row count of an `OFFSET … ROWS` without FETCH. */
export const ALL_ROWS = '9223372036854775807';

interface Edit {
  start: number;
  end: number;
  text: string;
}

const isWord = (t: TsqlToken | undefined, ...words: string[]): boolean =>
  t !== undefined && t.kind === 'word' && words.includes(t.text.toUpperCase());
const isPunct = (t: TsqlToken | undefined, p: string): boolean => t !== undefined && t.kind === 'punct' && t.text === p;

/** Index of the `)` matching the `(` at `open`, or -1. */
function matchingParen(tokens: readonly TsqlToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i;
  }
  return -1;
}

/** Words that end a LIKE pattern expression at bracket depth 0. */
const PATTERN_END = new Set(
  'AND OR NOT ORDER GROUP HAVING UNION EXCEPT INTERSECT ESCAPE THEN WHEN ELSE END COLLATE FOR OPTION WHERE FROM JOIN INNER LEFT RIGHT FULL CROSS OUTER ON SELECT INTO IS BETWEEN IN LIKE GO OFFSET FETCH'.split(
    ' ',
  ),
);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '||']);

/** The tokens of the pattern after the LIKE at `like`: [first, end) and whether it has an operator at depth 0. */
function likePattern(tokens: readonly TsqlToken[], like: number): { end: number; operator: boolean } {
  let depth = 0;
  let operator = false;
  let j = like + 1;
  for (; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0) {
      if (isPunct(t, ',') || isPunct(t, ';')) break;
      if (t.kind === 'word' && PATTERN_END.has(t.text.toUpperCase())) break;
      if (t.kind === 'punct' && ARITHMETIC.has(t.text)) operator = true;
    }
  }
  return { end: j, operator };
}

const FOR_OPTION_WORDS = new Set(
  'RAW AUTO EXPLICIT PATH TYPE ELEMENTS XSINIL ABSENT ROOT BINARY BASE64 XMLDATA XMLSCHEMA INCLUDE_NULL_VALUES WITHOUT_ARRAY_WRAPPER'.split(
    ' ',
  ),
);
const XML_METHODS = new Set(['VALUE', 'QUERY', 'EXIST']);

/** The edits in order, without overlaps (which valid text cannot produce; the first one wins). */
function sortedEdits(edits: Edit[]): Edit[] {
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let at = 0;
  return edits.filter((e) => {
    if (e.start < at) return false;
    at = e.end;
    return true;
  });
}

function applyEdits(sql: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return sql;
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += sql.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + sql.slice(at);
}

/**
 * The structural rewrites of the module comment (all but the LIKE parentheses), or `sql` itself
 * when none applies. `tokens` are `sql`'s.
 */
export function rewriteForGrammar(sql: string, tokens: readonly TsqlToken[]): string {
  return applyEdits(sql, grammarEdits(sql, tokens));
}

/** An offset in the rewritten text → the offset in the text as written (inserted text maps to where it was inserted). */
function originalOffset(edits: readonly Edit[], offset: number): number {
  let shift = 0;
  for (const e of edits) {
    const start = e.start + shift;
    if (offset < start) break;
    if (offset < start + e.text.length) return e.start;
    shift += e.text.length - (e.end - e.start);
  }
  return offset - shift;
}

function grammarEdits(sql: string, tokens: readonly TsqlToken[]): Edit[] {
  const edits: Edit[] = [];
  const replace = (from: TsqlToken, to: TsqlToken, text: string): void => {
    edits.push({ start: from.start, end: to.end, text });
  };
  const insert = (at: number, text: string): void => {
    edits.push({ start: at, end: at, text });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word') continue;
    const word = t.text.toUpperCase();
    if (word === 'UNION' || word === 'INTERSECT' || word === 'EXCEPT') {
      let k = i + 1;
      if (isWord(tokens[k], 'ALL')) k++;
      const op = word === 'UNION' ? sql.slice(t.start, tokens[k - 1]!.end) : 'UNION ALL';
      let first = k;
      while (isPunct(tokens[first], '(')) first++;
      const close = first > k ? matchingParen(tokens, k) : -1;
      if (close > 0 && isWord(tokens[first], 'SELECT')) {
        // A parenthesised member (which the grammar can misread as a join) becomes a derived table.
        replace(t, tokens[k - 1]!, `${op} SELECT ${setOpMarker(word)}* FROM`);
        insert(tokens[close]!.end, ` AS ${MARKER.member}`);
      } else if (word !== 'UNION') replace(t, t, op);
      continue;
    }
    if (word === 'SELECT') {
      const before = tokens[i - 1];
      const marker = isWord(before, 'INTERSECT', 'EXCEPT') ? setOpMarker(before!.text.toUpperCase()) : '';
      let j = i + 1;
      if (isWord(tokens[j], 'ALL', 'DISTINCT')) j++;
      if (isWord(tokens[j], 'TOP')) {
        const top = tokens[j]!;
        let k = j + 1;
        let valueEnd: number;
        if (isPunct(tokens[k], '(')) {
          valueEnd = matchingParen(tokens, k);
        } else if (tokens[k]?.kind === 'number') {
          valueEnd = k;
        } else valueEnd = -1;
        if (valueEnd > 0) {
          k = valueEnd + 1;
          const percent = isWord(tokens[k], 'PERCENT');
          if (percent) k++;
          const ties = isWord(tokens[k], 'WITH') && isWord(tokens[k + 1], 'TIES');
          if (ties) k += 2;
          const value = tokens[j + 1]!;
          const parenthesised = isPunct(value, '(');
          replace(top, top, marker + (parenthesised ? '' : '('));
          const alias = ` AS ${topMarker(percent, ties)},`;
          if (k - 1 > valueEnd) replace(tokens[valueEnd + 1]!, tokens[k - 1]!, `${parenthesised ? '' : ')'}${alias}`);
          else insert(tokens[valueEnd]!.end, `${parenthesised ? '' : ')'}${alias}`);
          continue;
        }
      }
      if (marker) insert(tokens[j]?.start ?? sql.length, marker);
      continue;
    }
    if ((word === 'TRY_CAST' || word === 'PARSE' || word === 'TRY_PARSE') && isPunct(tokens[i + 1], '(')) {
      const close = matchingParen(tokens, i + 1);
      if (close < 0) continue;
      let as = -1;
      let using = -1;
      let depth = 0;
      for (let k = i + 2; k < close; k++) {
        const u = tokens[k]!;
        if (isPunct(u, '(')) depth++;
        else if (isPunct(u, ')')) depth--;
        else if (depth === 0 && isWord(u, 'AS')) as = k;
        else if (depth === 0 && isWord(u, 'USING') && as >= 0) using = k;
      }
      if (as < 0 || as === i + 2) continue;
      const typeEnd = using >= 0 ? using - 1 : close - 1;
      if (typeEnd <= as) continue;
      insert(tokens[i + 1]!.end, `${sql.slice(tokens[as + 1]!.start, tokens[typeEnd]!.end)}, `);
      replace(tokens[as]!, tokens[typeEnd]!, '');
      if (using >= 0) replace(tokens[using]!, tokens[using]!, ',');
      continue;
    }
    if (word === 'LIKE') {
      const { end } = likePattern(tokens, i);
      const escape = tokens[end];
      if (end > i + 1 && isWord(escape, 'ESCAPE') && tokens[end + 1]) {
        insert(tokens[i + 1]!.start, `${MARKER.likeEscape}(`);
        replace(escape!, escape!, ',');
        insert(tokens[end + 1]!.end, ')');
      }
      continue;
    }
    if (word === 'STRING_AGG' && isPunct(tokens[i + 1], '(')) {
      const close = matchingParen(tokens, i + 1);
      if (close > 0 && isWord(tokens[close + 1], 'WITHIN')) replace(t, t, MARKER.orderedStringAgg);
      continue;
    }
    if (
      word === 'COUNT_BIG' &&
      isPunct(tokens[i + 1], '(') &&
      isPunct(tokens[i + 2], '*') &&
      isPunct(tokens[i + 3], ')')
    ) {
      replace(tokens[i + 2]!, tokens[i + 2]!, '1');
      continue;
    }
    if (word === 'OFFSET') {
      let k = i + 1;
      let depth = 0;
      for (; k < tokens.length; k++) {
        const u = tokens[k]!;
        if (isPunct(u, '(')) depth++;
        else if (isPunct(u, ')')) {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && isWord(u, 'ROW', 'ROWS')) break;
      }
      if (isWord(tokens[k], 'ROW', 'ROWS') && !isWord(tokens[k + 1], 'FETCH')) {
        insert(tokens[k]!.end, ` FETCH NEXT ${ALL_ROWS} ROWS ONLY`);
      }
      continue;
    }
    if (word === 'FOR' && isWord(tokens[i + 1], 'XML', 'JSON')) {
      const mode = tokens[i + 1]!.text.toUpperCase();
      let k = i + 2;
      let depth = 0;
      let harmless = true;
      for (; k < tokens.length; k++) {
        const u = tokens[k]!;
        if (isPunct(u, '(')) depth++;
        else if (isPunct(u, ')')) {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && (isPunct(u, ';') || isWord(u, 'OPTION', 'UNION', 'EXCEPT', 'INTERSECT'))) break;
        else if (!(
          u.kind === 'string' ||
          isPunct(u, ',') ||
          (u.kind === 'word' && FOR_OPTION_WORDS.has(u.text.toUpperCase()))
        ))
          harmless = false;
      }
      if (harmless && k > i + 2) {
        replace(tokens[i + 2]!, tokens[k - 1]!, mode === 'XML' ? "PATH('')" : 'PATH');
        // `(SELECT … FOR XML PATH(''), TYPE).value('.', 'nvarchar(max)')`: the xml method reads, nothing more.
        if (
          isPunct(tokens[k], ')') &&
          isPunct(tokens[k + 1], '.') &&
          isWord(tokens[k + 2], ...XML_METHODS) &&
          isPunct(tokens[k + 3], '(')
        ) {
          const close = matchingParen(tokens, k + 3);
          const args = tokens.slice(k + 4, close);
          if (close > 0 && args.every((a) => a.kind === 'string' || isPunct(a, ',')))
            replace(tokens[k + 1]!, tokens[close]!, '');
        }
      }
      continue;
    }
    if (word === 'OPTION' && isPunct(tokens[i + 1], '(')) {
      const close = matchingParen(tokens, i + 1);
      const hints = tokens.slice(i + 2, close);
      const rest = tokens.slice(close + 1);
      if (close > 0 && !hints.some((h) => isWord(h, 'SELECT')) && rest.every((r) => isPunct(r, ';') || isPunct(r, ')')))
        replace(t, tokens[close]!, '');
      continue;
    }
  }
  return sortedEdits(edits);
}

/**
 * `sql` with each LIKE pattern that starts with a literal and goes on with an operator
 * (`Surname LIKE '%' + @name + '%'`, a staple of integrator SQL, which the grammar rejects) in
 * parentheses, or `sql` itself when there is none.
 */
export function parenthesizeLikePatterns(sql: string, tokens: readonly TsqlToken[]): string {
  const edits: Edit[] = [];
  tokens.forEach((token, i) => {
    if (!isWord(token, 'LIKE')) return;
    const { end, operator } = likePattern(tokens, i);
    const first = tokens[i + 1];
    const last = tokens[end - 1];
    if (operator && first && last && end > i + 1) {
      edits.push({ start: first.start, end: first.start, text: '(' }, { start: last.end, end: last.end, text: ')' });
    }
  });
  return applyEdits(sql, sortedEdits(edits));
}

/** The grammar's verdict on a text: its statements, or where it failed. */
export type TsqlParse =
  | { ok: true; statements: TsqlAstNode[] }
  | {
      ok: false;
      /** Offset in the text as written, when the grammar said. */
      offset: number | undefined;
      /** A reserved word the grammar named (`"full" is a reserved word`). */
      keyword: string | undefined;
      /** The grammar returned a nonsense AST instead of an error (no position is known then). */
      garbled: boolean;
    };

let parser: InstanceType<typeof Parser> | undefined;

class Garbled extends Error {}

/** The statements of an astify() result; throws Garbled for the grammar's error-recovery shapes. */
function statementsOf(result: unknown): TsqlAstNode[] {
  const statements: TsqlAstNode[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) collect(v);
    } else if (typeof value === 'object' && value !== null) {
      const node = value as TsqlAstNode;
      // `SELECT … GO` comes back as { ast, go, go_next }.
      if (node['type'] === undefined && typeof node['ast'] === 'object' && node['ast'] !== null) {
        collect(node['ast']);
        collect(node['go_next']);
      } else if (typeof node['type'] === 'string') {
        statements.push(node);
      } else {
        // Text the grammar could not read sometimes comes back as a list of `{ stmt: assign }` nodes.
        throw new Garbled();
      }
    }
  };
  collect(result);
  return statements;
}

function astify(sql: string): TsqlAstNode[] {
  parser ??= new Parser();
  return statementsOf(parser.astify(sql, { database: 'transactsql' }));
}

function failureOf(e: unknown): Extract<TsqlParse, { ok: false }> {
  if (e instanceof Garbled) return { ok: false, offset: undefined, keyword: undefined, garbled: true };
  const node = typeof e === 'object' && e !== null ? (e as TsqlAstNode) : {};
  const location = node['location'] as { start?: { offset?: unknown } } | undefined;
  const offset = typeof location?.start?.offset === 'number' ? location.start.offset : undefined;
  // Reserved words used as aliases fail with a plain Error: `"full" is a reserved word, …`.
  const message = typeof node['message'] === 'string' ? node['message'] : '';
  const reserved = /^(?:Error: )?"([^"]+)" is a reserved word/.exec(message);
  return { ok: false, offset, keyword: reserved?.[1], garbled: false };
}

/**
 * Parses a T-SQL batch with the rewrites of the module comment. On failure, the position is the
 * one in the text as written.
 */
export function parseTsql(sql: string, tokens: readonly TsqlToken[] = tokenizeTsql(sql)): TsqlParse {
  const edits = grammarEdits(sql, tokens);
  const rewritten = applyEdits(sql, edits);
  try {
    return { ok: true, statements: astify(rewritten) };
  } catch (first) {
    const retry = parenthesizeLikePatterns(rewritten, rewritten === sql ? tokens : tokenizeTsql(rewritten));
    if (retry !== rewritten) {
      try {
        return { ok: true, statements: astify(retry) };
      } catch {
        // report where the rewritten text fails
      }
    }
    const failure = failureOf(first);
    if (failure.offset !== undefined) failure.offset = originalOffset(edits, failure.offset);
    return failure;
  }
}
