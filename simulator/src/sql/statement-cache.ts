/**
 * Prepared statements, cached per database and SQL text (a bounded LRU per database), so a
 * command run again is bound and stepped without being compiled again.
 */
import type Database from 'better-sqlite3';

const STATEMENTS_PER_DATABASE = 500;

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** `db.prepare(sql)`, cached. Throws what `prepare` throws (unknown table/column, syntax). */
export function prepareCached(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(sql);
  if (hit) {
    cache.delete(sql);
    cache.set(sql, hit);
    return hit;
  }
  const stmt = db.prepare(sql);
  cache.set(sql, stmt);
  if (cache.size > STATEMENTS_PER_DATABASE) cache.delete(cache.keys().next().value!);
  return stmt;
}
