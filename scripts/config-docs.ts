/**
 * `npm run docs:config`: rewrites the README's configuration tables, between the markers, from
 * the definitions that parse the configuration (src/config.ts, simulator/src/config.ts), the
 * same ones `npm start -- --help` prints. test/build/config-docs.test.ts fails when they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EMBEDDED_SIMULATOR_VARIABLES, SIMULATOR_VARIABLES } from '../simulator/src/config.js';
import { APP_VARIABLES } from '../src/config.js';
import { formatMarkdownTable } from '../src/lib/env.js';

export const README = fileURLToPath(new URL('../README.md', import.meta.url));
export const BEGIN = '<!-- config:begin: generated from src/config.ts by `npm run docs:config` -->';
export const END = '<!-- config:end -->';

/** The generated part, markers included. */
export function configSection(): string {
  const embedded = SIMULATOR_VARIABLES.rows().filter((row) =>
    (EMBEDDED_SIMULATOR_VARIABLES as readonly string[]).includes(row.name),
  );
  return [
    BEGIN,
    formatMarkdownTable(APP_VARIABLES.rows()),
    '',
    'Without `HALO_API_URL`, the embedded simulator also reads:',
    '',
    formatMarkdownTable(embedded),
    END,
  ].join('\n');
}

/** `readme` with its generated part replaced by the current one. */
export function withConfigSection(readme: string): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`README.md has no ${BEGIN} … ${END} markers`);
  return readme.slice(0, begin) + configSection() + readme.slice(end + END.length);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const readme = readFileSync(README, 'utf8');
  const updated = withConfigSection(readme);
  if (updated !== readme) writeFileSync(README, updated);
  console.log(
    updated === readme ? 'README.md: configuration table up to date' : 'README.md: configuration table rewritten',
  );
}
