/**
 * What the translator knows about SQL Server's data types: the types, their precedence (which
 * operand SQL Server converts in a comparison, a CASE or a UNION), and the column types of a site
 * database, read from the SQLite declarations (`PRAGMA table_xinfo`, views included).
 *
 * A column declared with a SQL Server type (`INTEGER`, `VARCHAR(40)`, `DATETIME`, …) has that type;
 * one declared `TEXT` (or nothing) is `unknown`: the simulator then keeps SQLite's own comparison,
 * as for the Zedmed and D4w schemas, whose date columns are plain TEXT.
 */
import type Database from 'better-sqlite3';

export type TypeName =
  | 'bit'
  | 'tinyint'
  | 'smallint'
  | 'int'
  | 'bigint'
  | 'decimal'
  | 'money'
  | 'float'
  | 'date'
  | 'time'
  | 'datetime'
  | 'char'
  | 'varchar'
  | 'nchar'
  | 'nvarchar'
  | 'uniqueidentifier'
  | 'varbinary'
  | 'unknown';

/** SQL Server's data type precedence: the operand of lower precedence is converted to the other's type. */
const PRECEDENCE: Readonly<Record<TypeName, number>> = {
  datetime: 30,
  date: 28,
  time: 27,
  float: 25,
  decimal: 23,
  money: 22,
  bigint: 21,
  int: 20,
  smallint: 19,
  tinyint: 18,
  bit: 17,
  uniqueidentifier: 12,
  nvarchar: 11,
  nchar: 10,
  varchar: 9,
  char: 8,
  varbinary: 5,
  unknown: 0,
};

export type TypeCategory = 'number' | 'string' | 'datetime' | 'binary' | 'unknown';

export function category(type: TypeName): TypeCategory {
  switch (type) {
    case 'bit':
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint':
    case 'decimal':
    case 'money':
    case 'float':
      return 'number';
    case 'date':
    case 'time':
    case 'datetime':
      return 'datetime';
    case 'char':
    case 'varchar':
    case 'nchar':
    case 'nvarchar':
    case 'uniqueidentifier':
      return 'string';
    case 'varbinary':
      return 'binary';
    case 'unknown':
      return 'unknown';
  }
}

export function isInteger(type: TypeName): boolean {
  return type === 'bit' || type === 'tinyint' || type === 'smallint' || type === 'int' || type === 'bigint';
}

/** The type SQL Server converts both operands to; `unknown` when either is unknown. */
export function dominant(a: TypeName, b: TypeName): TypeName {
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return PRECEDENCE[a] >= PRECEDENCE[b] ? a : b;
}

/** The type of the highest precedence among `types` (unknowns ignored; `unknown` when all are). */
export function highest(types: readonly TypeName[]): TypeName {
  let best: TypeName = 'unknown';
  for (const t of types) if (PRECEDENCE[t] > PRECEDENCE[best]) best = t;
  return best;
}

/** A T-SQL type name as written (`nvarchar`, `datetime2`, `numeric`, `integer`…) → its TypeName. */
export function typeNameOf(written: string): TypeName {
  const n = written.toLowerCase().replace(/\s*\(.*$/, '');
  switch (n) {
    case 'bit':
    case 'tinyint':
    case 'smallint':
    case 'bigint':
    case 'money':
    case 'date':
    case 'time':
    case 'char':
    case 'varchar':
    case 'nchar':
    case 'nvarchar':
    case 'uniqueidentifier':
    case 'varbinary':
      return n;
    case 'int':
    case 'integer':
      return 'int';
    case 'decimal':
    case 'numeric':
    case 'dec':
      return 'decimal';
    case 'smallmoney':
      return 'money';
    case 'float':
    case 'real':
    case 'double':
      return 'float';
    case 'datetime':
    case 'datetime2':
    case 'smalldatetime':
    case 'datetimeoffset':
      return 'datetime';
    case 'text':
    case 'ntext':
    case 'sysname':
      return n === 'ntext' || n === 'sysname' ? 'nvarchar' : 'varchar';
    case 'binary':
    case 'image':
      return 'varbinary';
    default:
      return 'unknown';
  }
}

/** A SQLite column declaration → its T-SQL type (`TEXT` and undeclared columns are `unknown`, see the module comment). */
function declaredType(declared: string): TypeName {
  const d = declared.trim().toUpperCase();
  if (d === '' || d === 'TEXT') return 'unknown';
  if (d === 'INTEGER') return 'int';
  if (d === 'REAL') return 'float';
  return typeNameOf(d);
}

export interface CatalogueColumn {
  name: string;
  type: TypeName;
}

/** Column types of the tables and views of one database, as the translator asks for them. */
export interface SchemaCatalogue {
  /** The columns of a table or view, in order; undefined when there is no such object. */
  columns(table: string): readonly CatalogueColumn[] | undefined;
}

/** A catalogue that knows no object: every column is `unknown`. */
export const EMPTY_CATALOGUE: SchemaCatalogue = { columns: () => undefined };

const catalogues = new WeakMap<Database.Database, { version: number; catalogue: SchemaCatalogue }>();

/** The catalogue of `db`, rebuilt when its schema changes (read lazily, one object at a time). */
export function catalogueFor(db: Database.Database): SchemaCatalogue {
  const version = db.pragma('schema_version', { simple: true }) as number;
  const hit = catalogues.get(db);
  if (hit && hit.version === version) return hit.catalogue;
  const tables = new Map<string, readonly CatalogueColumn[] | undefined>();
  const catalogue: SchemaCatalogue = {
    columns(table) {
      const key = table.toLowerCase();
      if (tables.has(key)) return tables.get(key);
      const rows = db.pragma(`table_xinfo("${table.replace(/"/g, '""')}")`) as Array<{ name: string; type: string }>;
      const columns = rows.length ? rows.map((r) => ({ name: r.name, type: declaredType(r.type) })) : undefined;
      tables.set(key, columns);
      return columns;
    },
  };
  catalogues.set(db, { version, catalogue });
  return catalogue;
}
