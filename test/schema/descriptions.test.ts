/**
 * Every type, field, argument, enum value and input field of the schema has a description, so
 * GraphiQL's docs and generated client types explain themselves. The test names whatever lacks one.
 */
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { undescribed } from '../helpers/descriptions.js';

describe('descriptions', () => {
  it('should describe every type, field, argument, enum value and input field', () => {
    expect(undescribed(schema)).toEqual([]);
  });
});
