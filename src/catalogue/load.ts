/**
 * Loads the named-query catalogue: the built-in YAML entries (./named-queries/) and, when given,
 * the operator's directory (`NAMED_QUERIES_DIR`). One YAML file per entry (docs/API.md, "Named
 * queries"). Everything is validated before the server starts; the first problem stops the load
 * with a `CatalogueError` naming the file, the line and the problem, in one line:
 *
 * - YAML that does not parse, or more than one document in a file;
 * - the document's shape (JSON Schema, ajv): required keys, unknown keys, names, numbers in range;
 * - an unknown argument or column type, or a default that is not a value of its type;
 * - a PMS key that does not exist;
 * - a statement the read-only SQL guard refuses (the same guard as raw SQL);
 * - an `@argument` a statement uses but the entry does not declare, or declares but a statement
 *   does not use;
 * - a name used twice, a row type reused with different columns, and names that collide with the
 *   schema's own fields and types (`reserved`).
 *
 * Messages quote names, types and keys from the file, never SQL text.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type * as AjvModule from 'ajv';
import type { ErrorObject } from 'ajv';
import type * as YamlModule from 'yaml';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { lexTsql, TsqlLexError } from '../lib/tsql-lexer.js';
import { createSqlGuard, SQL_GUARD_MESSAGES, type SqlGuard } from '../security/sql-guard.js';
import { SECURITY_DEFAULTS } from '../security/config.js';
import type { PmsType } from '../datasources/types.js';
import { DEFAULT_SQL_TYPES, readArgumentDefault, SQL_TYPES } from './convert.js';
import {
  CatalogueError,
  parseTypeRef,
  PMS_KEYS,
  SCALAR_TYPES,
  type Catalogue,
  type NamedQueryArgument,
  type NamedQueryColumn,
  type NamedQueryEntry,
  type PmsKey,
  type TypeRef,
} from './types.js';

/** Names the schema already uses: an entry may not take them. */
export interface ReservedNames {
  /** Fields of `Site`. */
  siteFields: ReadonlySet<string>;
  /** Fields of `Subscription` (an entry with `live` adds `<name>Changed`). */
  subscriptionFields: ReadonlySet<string>;
  /** Every type name of the schema. */
  typeNames: ReadonlySet<string>;
}

export interface LoadCatalogueOptions {
  /** The built-in entries. @default the directory shipped beside this module (./named-queries/) */
  builtInDir?: string;
  /** NAMED_QUERIES_DIR: the operator's own entries, added to the built-ins. */
  operatorDir?: string | undefined;
  /** Names the entries must not take (from the schema). */
  reserved?: ReservedNames;
}

/** The built-in entries' directory: beside this module in src/, beside the bundle in dist/ (scripts/build.mjs copies it). */
export const BUILT_IN_DIR = fileURLToPath(new URL('./named-queries/', import.meta.url));

const NAME = '^[a-z][A-Za-z0-9]*$';
const TYPE_NAME = '^[A-Z][A-Za-z0-9]*$';
const FIELD_NAME = '^[A-Za-z][A-Za-z0-9_]*$';
const MAX_STATEMENT = SECURITY_DEFAULTS.sqlMaxLength;

/** The document's shape. Semantics (types, SQL, names across files) are checked after it. */
const ENTRY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'description', 'type', 'columns', 'sql'],
  properties: {
    name: { type: 'string', pattern: NAME, maxLength: 64 },
    description: { type: 'string', minLength: 1, maxLength: 4000 },
    type: { type: 'string', pattern: TYPE_NAME, maxLength: 64 },
    returns: { enum: ['list', 'one'] },
    args: {
      type: 'object',
      propertyNames: { pattern: NAME, maxLength: 64 },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['type'],
        properties: {
          type: { type: 'string' },
          description: { type: 'string', maxLength: 4000 },
          default: { type: ['string', 'number', 'boolean'] },
          sqlType: { enum: SQL_TYPES },
        },
      },
    },
    columns: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: FIELD_NAME, maxLength: 64 },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['type'],
        properties: { type: { type: 'string' }, description: { type: 'string', maxLength: 4000 } },
      },
    },
    sql: {
      type: 'object',
      minProperties: 1,
      additionalProperties: { type: 'string', minLength: 1, maxLength: MAX_STATEMENT },
    },
    mode: { enum: ['immediate', 'async'] },
    live: {
      type: 'object',
      additionalProperties: false,
      required: ['frequencySeconds'],
      properties: {
        frequencySeconds: { type: 'integer', minimum: 60, maximum: 86_400 },
        durationSeconds: { type: 'integer', minimum: 60, maximum: 86_400 },
      },
    },
    maxAgeSeconds: { type: 'integer', minimum: 0, maximum: 86_400 },
  },
} as const;

/** What a file holds once its shape is right. */
interface RawEntry {
  name: string;
  description: string;
  type: string;
  returns?: 'list' | 'one';
  args?: Record<string, { type: string; description?: string; default?: string | number | boolean; sqlType?: string }>;
  columns: Record<string, { type: string; description?: string }>;
  sql: Record<string, string>;
  mode?: 'immediate' | 'async';
  live?: { frequencySeconds: number; durationSeconds?: number };
  maxAgeSeconds?: number;
}

/** A live entry's registered query runs this long before it is renewed (its subscribers stay). */
export const DEFAULT_LIVE_DURATION_SECONDS = 3600;

/**
 * yaml and ajv, loaded on first use from node_modules: only reading YAML files needs them, and a
 * start from the build's snapshot of the built-ins reads none, so the bundle carries neither
 * (about 600 KB of code to compile at every start otherwise).
 */
const requireLazily = createRequire(import.meta.url);
let libraries: { yaml: typeof YamlModule; Ajv: typeof AjvModule.Ajv } | undefined;
const lib = () =>
  (libraries ??= {
    yaml: requireLazily('yaml') as typeof YamlModule,
    Ajv: (requireLazily('ajv') as typeof AjvModule).Ajv,
  });

let validateShape: ReturnType<AjvModule.Ajv['compile']> | undefined;
let guard: SqlGuard | undefined;

/**
 * Loads and validates the catalogue: the built-ins, then the operator's files (each directory's
 * `.yaml`/`.yml` files in name order; other files are ignored).
 * @throws CatalogueError for the first problem found (file, line, problem).
 */
export function loadCatalogue(options: LoadCatalogueOptions = {}): Catalogue {
  const entries = builtInEntries(options.builtInDir ?? BUILT_IN_DIR, options.reserved);
  if (options.operatorDir !== undefined) {
    for (const { path } of yamlFiles(options.operatorDir, false))
      entries.push(readEntry(path, false, options.reserved));
  }
  checkAcrossEntries(entries);
  return { entries };
}

/**
 * The snapshot of the built-ins the build writes beside them (dist/named-queries/): the entries
 * as validated at build time. Reading YAML, compiling the shape schema and parsing each statement
 * with the SQL guard cost about 200 ms of a cold start; the snapshot is used only while the files
 * and the schema's names are exactly those it was made from (a digest of both), else everything
 * is read and validated again.
 */
const SNAPSHOT_FILE = 'catalogue.json';

interface CatalogueSnapshot {
  version: 1;
  digest: string;
  /** Entries with `source.file` relative to the directory. */
  entries: NamedQueryEntry[];
}

/** What a snapshot stands for: the YAML files (names and contents) and the names reserved by the schema. */
function snapshotDigest(dir: string, reserved: ReservedNames | undefined): string {
  const hash = createHash('sha256').update('named-queries/1\n');
  for (const { path } of yamlFiles(dir, true))
    hash
      .update(`${basename(path)}\n`)
      .update(readFileSync(path))
      .update('\n');
  if (reserved) {
    for (const set of [reserved.siteFields, reserved.subscriptionFields, reserved.typeNames])
      hash.update(JSON.stringify([...set].sort()));
  }
  return hash.digest('base64url');
}

function builtInEntries(dir: string, reserved: ReservedNames | undefined): NamedQueryEntry[] {
  let snapshot: CatalogueSnapshot | undefined;
  try {
    snapshot = JSON.parse(readFileSync(join(dir, SNAPSHOT_FILE), 'utf8')) as CatalogueSnapshot;
  } catch {
    snapshot = undefined;
  }
  if (snapshot?.version === 1 && snapshot.digest === snapshotDigest(dir, reserved)) {
    return snapshot.entries.map((e) => ({ ...e, source: { ...e.source, file: join(dir, e.source.file) } }));
  }
  return yamlFiles(dir, true).map(({ path }) => readEntry(path, true, reserved));
}

/**
 * Validates the built-in entries in `dir` (throwing as `loadCatalogue` does) and writes their
 * snapshot there, for `loadCatalogue` to use while nothing it depends on changes. The build calls it.
 */
export function writeCatalogueSnapshot(dir: string, reserved?: ReservedNames): void {
  const entries = yamlFiles(dir, true).map(({ path }) => readEntry(path, true, reserved));
  checkAcrossEntries(entries);
  const snapshot: CatalogueSnapshot = {
    version: 1,
    digest: snapshotDigest(dir, reserved),
    entries: entries.map((e) => ({ ...e, source: { ...e.source, file: relative(dir, e.source.file) } })),
  };
  writeFileSync(join(dir, SNAPSHOT_FILE), JSON.stringify(snapshot));
}

function yamlFiles(dir: string, builtIn: boolean): Array<{ path: string; builtIn: boolean }> {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    names = readdirSync(dir);
  } catch {
    throw new CatalogueError(
      dir,
      undefined,
      `${builtIn ? 'the built-in directory' : 'NAMED_QUERIES_DIR'} is not a readable directory`,
    );
  }
  return names
    .filter((n) => /\.ya?ml$/i.test(n))
    .sort()
    .map((n) => ({ path: join(dir, n), builtIn }));
}

/** One file → one validated entry. */
function readEntry(path: string, builtIn: boolean, reserved: ReservedNames | undefined): NamedQueryEntry {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CatalogueError(path, undefined, 'the file cannot be read');
  }
  const { yaml, Ajv } = lib();
  const lines = new yaml.LineCounter();
  const docs = yaml.parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  if (!Array.isArray(docs) || docs.length === 0) throw new CatalogueError(path, 1, 'the file is empty');
  if (docs.length > 1) {
    throw new CatalogueError(
      path,
      lineOf(lines, docs[1]!.range[0]),
      'one named query per file (found a second document)',
    );
  }
  const doc = docs[0]!;
  const yamlError = doc.errors[0];
  if (yamlError) {
    throw new CatalogueError(path, lineOf(lines, yamlError.pos[0]), `not valid YAML: ${firstLine(yamlError.message)}`);
  }
  const at = (segments: readonly (string | number)[], key = false): number => nodeLine(doc, lines, segments, key);
  const raw: unknown = doc.toJS();
  validateShape ??= new Ajv({ allErrors: false, strict: true, allowUnionTypes: true }).compile(ENTRY_SCHEMA);
  if (!validateShape(raw)) {
    const error = validateShape.errors![0]!;
    const { line, problem } = describeShapeError(error, at);
    throw new CatalogueError(path, line, problem);
  }
  const entry = raw as RawEntry;
  const fail = (line: number, problem: string): never => {
    throw new CatalogueError(path, line, problem);
  };

  const typeOf = (segments: string[]): TypeRef => {
    const text = (doc.getIn(segments) as string).trim();
    return (
      parseTypeRef(text) ??
      fail(at(segments), `unknown type "${text}" (allowed: ${SCALAR_TYPES.join(', ')}, each optionally with !)`)
    );
  };

  const args: NamedQueryArgument[] = Object.entries(entry.args ?? {}).map(([name, spec]) => {
    const type = typeOf(['args', name, 'type']);
    let defaultValue: NamedQueryArgument['defaultValue'];
    if (spec.default !== undefined) {
      defaultValue = readArgumentDefault(type.name, spec.default);
      if (defaultValue === undefined)
        fail(at(['args', name, 'default']), `the default of argument ${name} is not a ${type.name}`);
    }
    return {
      name,
      type,
      description: spec.description,
      defaultValue,
      sqlType: spec.sqlType ?? DEFAULT_SQL_TYPES[type.name],
    };
  });
  const seenArgs = new Map<string, string>();
  for (const a of args) {
    const lower = a.name.toLowerCase();
    const other = seenArgs.get(lower);
    if (other !== undefined)
      fail(
        at(['args', a.name], true),
        `arguments ${other} and ${a.name} are the same SQL parameter (@names ignore case)`,
      );
    seenArgs.set(lower, a.name);
  }

  const columns: NamedQueryColumn[] = Object.entries(entry.columns).map(([name, spec]) => ({
    name,
    type: typeOf(['columns', name, 'type']),
    description: spec.description,
  }));

  const sql: Partial<Record<PmsType, string>> = {};
  for (const [key, statement] of Object.entries(entry.sql)) {
    if (!(key in PMS_KEYS))
      fail(at(['sql', key], true), `unknown PMS "${key}" (allowed: ${Object.keys(PMS_KEYS).join(', ')})`);
    checkStatement(key as PmsKey, statement, args, doc, at, fail);
    sql[PMS_KEYS[key as PmsKey]] = statement;
  }

  if (reserved?.siteFields.has(entry.name)) fail(at(['name']), `name ${entry.name} is already a field of Site`);
  if (entry.live && reserved?.subscriptionFields.has(`${entry.name}Changed`))
    fail(at(['name']), `${entry.name}Changed is already a field of Subscription`);
  if (reserved?.typeNames.has(entry.type) || (SCALAR_TYPES as readonly string[]).includes(entry.type))
    fail(at(['type']), `type ${entry.type} is already a type of the schema`);

  return {
    name: entry.name,
    description: entry.description.trim(),
    type: entry.type,
    returns: entry.returns ?? 'list',
    args,
    columns,
    sql,
    mode: entry.mode ?? 'immediate',
    live: entry.live
      ? {
          frequencySeconds: entry.live.frequencySeconds,
          durationSeconds: entry.live.durationSeconds ?? DEFAULT_LIVE_DURATION_SECONDS,
        }
      : undefined,
    maxAgeSeconds: entry.maxAgeSeconds,
    source: { file: path, builtIn, nameLine: at(['name']), typeLine: at(['type']) },
    fingerprint: createHash('sha256')
      .update(JSON.stringify([entry.name, sql, args.map((a) => [a.name, a.type, a.sqlType])]))
      .digest('base64url')
      .slice(0, 16),
  };
}

/**
 * A statement must pass the read-only guard, and use exactly the declared arguments: every
 * `@name` it reads is declared, every declared argument is read.
 */
function checkStatement(
  pms: PmsKey,
  statement: string,
  args: readonly NamedQueryArgument[],
  doc: Document.Parsed,
  at: (segments: readonly (string | number)[], key?: boolean) => number,
  fail: (line: number, problem: string) => never,
): void {
  const start = at(['sql', pms]);
  guard ??= createSqlGuard({ maxLength: MAX_STATEMENT });
  const verdict = guard(statement);
  if (!verdict.ok)
    fail(start, `the ${pms} statement is refused by the read-only SQL guard: ${SQL_GUARD_MESSAGES[verdict.reason]}`);
  let tokens;
  try {
    tokens = lexTsql(statement);
  } catch (error) {
    if (error instanceof TsqlLexError) fail(start, `the ${pms} statement cannot be read (${error.reason})`);
    throw error;
  }
  const declared = new Map(args.map((a) => [a.name.toLowerCase(), a.name]));
  const used = new Set<string>();
  const node = doc.getIn(['sql', pms], true);
  // In a literal block (`|`), the statement's lines are the file's lines after the indicator.
  const { isScalar, Scalar } = lib().yaml;
  const literal = isScalar(node) && node.type === Scalar.BLOCK_LITERAL;
  for (const token of tokens) {
    if (token.kind !== 'variable' || token.text.startsWith('@@')) continue;
    const name = token.text.slice(1).toLowerCase();
    if (!declared.has(name)) {
      const line = literal ? start + 1 + countLines(statement, token.start) : start;
      fail(line, `the ${pms} statement uses ${token.text}, which is not a declared argument`);
    }
    used.add(name);
  }
  for (const a of args) {
    if (!used.has(a.name.toLowerCase()))
      fail(
        at(['args', a.name], true),
        `argument ${a.name} is declared but the ${pms} statement does not use @${a.name}`,
      );
  }
}

/** Checks that need every entry: unique names, and row types shared only with the same columns. */
function checkAcrossEntries(entries: readonly NamedQueryEntry[]): void {
  const byName = new Map<string, NamedQueryEntry>();
  const byType = new Map<string, NamedQueryEntry>();
  for (const e of entries) {
    const other = byName.get(e.name);
    if (other) {
      throw new CatalogueError(
        e.source.file,
        e.source.nameLine,
        `duplicate name ${e.name} (also in ${other.source.file}:${other.source.nameLine})`,
      );
    }
    byName.set(e.name, e);
    const sameType = byType.get(e.type);
    if (sameType && !sameColumns(sameType, e)) {
      throw new CatalogueError(
        e.source.file,
        e.source.typeLine,
        `type ${e.type} is also declared by ${sameType.source.file}:${sameType.source.typeLine} with different columns (entries may share a type only with the same column names and types)`,
      );
    }
    if (!sameType) byType.set(e.type, e);
  }
}

function sameColumns(a: NamedQueryEntry, b: NamedQueryEntry): boolean {
  if (a.columns.length !== b.columns.length) return false;
  const types = new Map(a.columns.map((c) => [c.name, `${c.type.name}${c.type.nonNull ? '!' : ''}`]));
  return b.columns.every((c) => types.get(c.name) === `${c.type.name}${c.type.nonNull ? '!' : ''}`);
}

/** A shape error, in the file's own terms, and the line it is on. */
function describeShapeError(
  error: ErrorObject,
  at: (segments: readonly (string | number)[], key?: boolean) => number,
): { line: number; problem: string } {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const where = segments.length > 0 ? segments.join('.') : 'the entry';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { line: at(segments), problem: `${where} is missing "${String(params['missingProperty'])}"` };
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      return { line: at([...segments, key], true), problem: `unknown key "${key}" in ${where}` };
    }
    case 'propertyNames':
    case 'pattern':
    case 'maxLength': {
      // A key that breaks `propertyNames` is reported by the inner keyword, with the key beside it.
      const name =
        error.propertyName ?? (error.keyword === 'propertyNames' ? String(params['propertyName']) : undefined);
      const line = name !== undefined ? at([...segments, name], true) : at(segments);
      return { line, problem: namingProblem(segments, name) };
    }
    case 'type':
      return { line: at(segments), problem: `${where} must be ${article(String(params['type']))}` };
    case 'enum':
      return {
        line: at(segments),
        problem: `${where} must be one of ${(params['allowedValues'] as unknown[]).join(', ')}`,
      };
    case 'minimum':
    case 'maximum':
      return {
        line: at(segments),
        problem: `${where} must be ${String(params['comparison'])} ${String(params['limit'])}`,
      };
    case 'minProperties':
      return { line: at(segments), problem: `${where} must not be empty` };
    case 'minLength':
      return { line: at(segments), problem: `${where} must not be empty` };
    default:
      return { line: at(segments), problem: `${where} ${error.message ?? 'is invalid'}` };
  }
}

function namingProblem(segments: readonly string[], propertyName: string | undefined): string {
  const [first] = segments;
  if (propertyName !== undefined) {
    if (first === 'args')
      return `argument name "${propertyName}" must be lowerCamelCase (letters and digits), at most 64 characters`;
    if (first === 'columns')
      return `column name "${propertyName}" must start with a letter and hold only letters, digits and _, at most 64 characters`;
    return `"${propertyName}" is not a valid key`;
  }
  if (first === 'name')
    return 'name must be lowerCamelCase (letters and digits, starting with a lower-case letter), at most 64 characters';
  if (first === 'type')
    return 'type must be PascalCase (letters and digits, starting with a capital), at most 64 characters';
  return `${segments.join('.')} is too long or not well formed`;
}

const article = (type: string): string =>
  ({
    object: 'a mapping',
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
  })[type] ?? type.replace(/,/g, ' or ');

/** The 1-based line of the node at `segments` (of its key with `key`); the entry's first line when there is none. */
function nodeLine(
  doc: Document.Parsed,
  lines: LineCounter,
  segments: readonly (string | number)[],
  key: boolean,
): number {
  if (key && segments.length > 0) {
    const parent = segments.length === 1 ? doc.contents : doc.getIn(segments.slice(0, -1), true);
    const { isMap, isPair, isScalar } = lib().yaml;
    if (isMap(parent)) {
      const last = segments[segments.length - 1];
      const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === last);
      const range = (pair?.key as YamlNode | undefined)?.range;
      if (range) return lineOf(lines, range[0]);
    }
  }
  for (let n = segments.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true);
    const range = (node as YamlNode | null | undefined)?.range;
    if (range) return lineOf(lines, range[0]);
  }
  return 1;
}

const lineOf = (lines: LineCounter, offset: number): number => lines.linePos(offset).line;
const firstLine = (message: string): string => message.split('\n')[0]!.trim();
const countLines = (text: string, end: number): number => {
  let n = 0;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
};
