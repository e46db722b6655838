import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_HEADER, printedSchema } from '../src/schema/print.js';

describe('schema.graphql', () => {
  it('should match the code-first schema (run `npm run codegen` after changing src/schema)', () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(SCHEMA_HEADER + printedSchema());
  });
});
