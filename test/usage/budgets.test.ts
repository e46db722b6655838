/** SITE_MONTHLY_QUERY_BUDGET and QUERY_REUSE_MAX_BYTES as the operator writes them. */
import { describe, expect, it } from 'vitest';
import { readAppConfig } from '../../src/config.js';
import { ConfigError } from '../../src/lib/env.js';
import { budgetOf, parseQueryBudgets, utcMonth } from '../../src/usage/ledger.js';
import { EastSite, OnlineSite } from '../../simulator/src/fixtures.js';

const NAME = 'SITE_MONTHLY_QUERY_BUDGET';

describe('SITE_MONTHLY_QUERY_BUDGET', () => {
  it('should read one number for every site, or budgets per site with a default', () => {
    expect(parseQueryBudgets(' 250 ', NAME)).toEqual({ default: 250 });
    const budgets = parseQueryBudgets(JSON.stringify({ [OnlineSite.id.toUpperCase()]: 40, '*': 10 }), NAME);
    expect(budgets).toEqual({ default: 10, sites: { [OnlineSite.id.toLowerCase()]: 40 } });
    expect(budgetOf(budgets, OnlineSite.id.toLowerCase())).toBe(40);
    expect(budgetOf(budgets, EastSite.id.toLowerCase())).toBe(10);
    const onlyOne = parseQueryBudgets(JSON.stringify({ [EastSite.id]: 0 }), NAME);
    expect(budgetOf(onlyOne, EastSite.id.toLowerCase())).toBe(0);
    expect(budgetOf(onlyOne, OnlineSite.id.toLowerCase())).toBeUndefined();
  });

  it('should refuse a bad value naming the variable, never quoting the value', () => {
    const cases: Array<[string, string]> = [
      ['-5', `${NAME} must be a whole number, or a JSON object {"<site GUID>": n, "*": n}`],
      ['lots', `${NAME} must be a whole number, or a JSON object {"<site GUID>": n, "*": n}`],
      ['[1]', `${NAME} must be a whole number, or a JSON object {"<site GUID>": n, "*": n}`],
      ['99999999999999999999', `${NAME} is too large`],
      ['{"*": 1.5}', `${NAME}: every budget must be a whole number, 0 or more`],
      [`{"${OnlineSite.id}": "40"}`, `${NAME}: every budget must be a whole number, 0 or more`],
      ['{"north-clinic": 40}', `${NAME}: every key must be a site GUID or "*"`],
    ];
    for (const [raw, message] of cases) {
      expect(() => parseQueryBudgets(raw, NAME)).toThrow(new ConfigError(message));
    }
    expect(() => readAppConfig({ [NAME]: '{"north-clinic": 40}' })).toThrow(ConfigError);
    expect(readAppConfig({ [NAME]: '12' }).queryBudgets).toEqual({ default: 12 });
    expect(readAppConfig({}).queryBudgets).toBeUndefined();
  });

  it('should read QUERY_REUSE_MAX_BYTES, 64 MiB by default', () => {
    expect(readAppConfig({}).reuseMaxBytes).toBe(64 * 1024 * 1024);
    expect(readAppConfig({ QUERY_REUSE_MAX_BYTES: '0' }).reuseMaxBytes).toBe(0);
    expect(() => readAppConfig({ QUERY_REUSE_MAX_BYTES: '-1' })).toThrow(ConfigError);
  });

  it('should count months in UTC', () => {
    expect(utcMonth(Date.UTC(2026, 11, 31, 23, 59, 59))).toBe('2026-12');
    expect(utcMonth(Date.UTC(2027, 0, 1, 0, 0, 0))).toBe('2027-01');
  });
});
