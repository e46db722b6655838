/**
 * The one place that touches node-sql-parser. Its published typings do not describe what the
 * `transactsql` grammar really emits (column names are sometimes strings, sometimes objects; a
 * batch is an object, an array or a `{ ast, go }` wrapper), so the AST is read through the small
 * untyped-but-checked accessors below instead of through those typings.
 */
import { parseTsql } from '../../../src/lib/tsql-parse.js';
import { isRecord } from '../../../src/lib/records.js';

/** A node of node-sql-parser's AST, read only through the accessors in this module. */
export type AstNode = { readonly [key: string]: unknown };

/** True for a plain object (an AST node), false for arrays, primitives and null. */
export const isNode = (value: unknown): value is AstNode => isRecord(value);

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

/**
 * Parses a T-SQL batch into its statements (through the shared rewrites of src/lib/tsql-parse.ts).
 * Throws a `ParserFailure` when the grammar rejects the text (the caller turns it into SQL
 * Server's error 102 near the offending token).
 */
export function parseTsqlBatch(sql: string): AstNode[] {
  const parsed = parseTsql(sql);
  if (!parsed.ok) throw new ParserFailure(parsed.offset, parsed.keyword, parsed.garbled);
  return parsed.statements;
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
