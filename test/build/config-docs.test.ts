/**
 * The README's configuration tables are generated from the definitions that parse the
 * configuration (`npm run docs:config`): this fails when someone changes one without the other.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BEGIN, configSection, END, README } from '../../scripts/config-docs.js';
import { APP_VARIABLES } from '../../src/config.js';

describe('README configuration table', () => {
  it('is the one generated from src/config.ts (run `npm run docs:config` after changing a variable)', () => {
    const readme = readFileSync(README, 'utf8');
    const section = readme.slice(readme.indexOf(BEGIN), readme.indexOf(END) + END.length);
    expect(section).toBe(configSection());
    for (const name of Object.keys(APP_VARIABLES.variables)) expect(section).toContain(`| \`${name}\` |`);
  });
});
