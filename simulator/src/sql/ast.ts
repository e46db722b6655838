/**
 * The one place that touches node-sql-parser. Its published typings do not describe what the
 * `transactsql` grammar really emits (column names are sometimes strings, sometimes objects; a
 * batch is an object, an array or a `{ ast, go }` wrapper), so the AST is read through the small
 * untyped-but-checked accessors below instead of through those typings.
 */
import nsp from 'node-sql-parser';
import { parenthesizeLikePatterns } from '../../../src/lib/tsql-like-patterns.js';
import { tokenize } from './lexer.js';

const { Parser } = nsp;

/** A node of node-sql-parser's AST, read only through the accessors in this module. */
export type AstNode = { readonly [key: string]: unknown };

/** True for a plain object (an AST node), false for arrays, primitives and null. */
export function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `node[key]` when it is a node. */
export function child(node: AstNode, key: string): AstNode | undefined {
  const v = node[key];
  return isNode(v) ? v : undefined;
}

/** `node[key]` when it is an array: its node elements (other elements are dropped). */
export function children(node: AstNode, key: string): AstNode[] {
  const v = node[key];
  return Array.isArray(v) ? v.filter(isNode) : [];
}

/** `node[key]` when it is a string (numbers are turned into their text). */
export function text(node: AstNode, key: string): string | undefined {
  const v = node[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** The array at `node[key]`, whatever its elements (for lists of plain strings). */
export function list(node: AstNode, key: string): readonly unknown[] {
  const v = node[key];
  return Array.isArray(v) ? v : [];
}

let parser: InstanceType<typeof Parser> | undefined;

/**
 * Parses a T-SQL batch into its statements. Throws a `ParserFailure` when the grammar rejects the
 * text (the caller turns it into SQL Server's error 102 near the offending token).
 */
export function parseTsqlBatch(sql: string): AstNode[] {
  parser ??= new Parser();
  const p = parser;
  const attempt = (text: string): AstNode[] => statementsOf(p.astify(text, { database: 'transactsql' }));
  try {
    return attempt(sql);
  } catch (e) {
    const retry = parenthesizeLikePatterns(sql, tokenize(sql));
    if (retry !== sql) {
      try {
        return attempt(retry);
      } catch {
        // report where the text as written failed
      }
    }
    throw e instanceof ParserFailure ? e : toParserFailure(e);
  }
}

/** The statements of an astify() result; throws a garbled ParserFailure for the grammar's error-recovery shapes. */
function statementsOf(result: unknown): AstNode[] {
  const statements: AstNode[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) collect(v);
    } else if (isNode(value)) {
      // `SELECT … GO` comes back as { ast, go, go_next }.
      if (value['type'] === undefined && isNode(value['ast'])) {
        collect(value['ast']);
        collect(value['go_next']);
      } else if (typeof value['type'] === 'string') {
        statements.push(value);
      } else {
        // Text the grammar could not read sometimes comes back as a list of `{ stmt: assign }` nodes.
        throw new ParserFailure(undefined, undefined, true);
      }
    }
  };
  collect(result);
  return statements;
}

/**
 * The grammar rejected the text. `offset` is where, when known; `keyword` a reserved word it named;
 * `garbled` means it returned a nonsense AST instead of an error (no position is known then).
 */
export class ParserFailure extends Error {
  readonly offset: number | undefined;
  readonly keyword: string | undefined;
  readonly garbled: boolean;
  constructor(offset: number | undefined, keyword: string | undefined, garbled = false) {
    super('T-SQL parse failure');
    this.name = 'ParserFailure';
    this.offset = offset;
    this.keyword = keyword;
    this.garbled = garbled;
  }
}

function toParserFailure(e: unknown): ParserFailure {
  if (!isNode(e)) return new ParserFailure(undefined, undefined);
  const location = child(e, 'location');
  const start = location ? child(location, 'start') : undefined;
  const offset = start && typeof start['offset'] === 'number' ? start['offset'] : undefined;
  // Reserved words used as aliases fail with a plain Error: `"full" is a reserved word, …`.
  const message = typeof e['message'] === 'string' ? e['message'] : '';
  const reserved = /^(?:Error: )?"([^"]+)" is a reserved word/.exec(message);
  return new ParserFailure(offset, reserved?.[1]);
}
