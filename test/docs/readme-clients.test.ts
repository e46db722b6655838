/**
 * The README's "Clients" section shows the snippets as they are: each `<!-- snippet: path -->` block
 * is that file, whole, and each `<!-- excerpt: path -->` block is part of that file. Every snippet
 * file is shown, and every one is imported by a test that runs it against the real server.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');
const readme = read('README.md');
const clients = readme.slice(readme.indexOf('## Clients\n'), readme.indexOf('\n## ', readme.indexOf('## Clients\n') + 1));

/** `[kind, path, block]` for every marked code block of the section. */
const blocks = [...clients.matchAll(/<!-- (snippet|excerpt): (\S+) -->\n```ts\n([\s\S]*?)\n```/g)].map(
  (m) => [m[1]!, m[2]!, m[3]!] as const,
);

/** Every test file, to find which import a snippet. */
function testFiles(dir: URL): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? testFiles(new URL(`${e.name}/`, dir))
      : e.name.endsWith('.test.ts')
        ? [readFileSync(new URL(e.name, dir), 'utf8')]
        : [],
  );
}

describe('README: Clients', () => {
  it('should have the section and its marked blocks', () => {
    expect(clients.startsWith('## Clients')).toBe(true);
    expect(blocks.length).toBeGreaterThanOrEqual(7);
  });

  it.each(blocks.filter(([kind]) => kind === 'snippet'))('should show %s %s as it is', (_kind, path, block) => {
    expect(block).toBe(read(path).trimEnd());
  });

  it.each(blocks.filter(([kind]) => kind === 'excerpt'))('should show an %s of %s that is in it', (_kind, path, block) => {
    expect(read(path)).toContain(block);
  });

  it('should show every file of examples/clients, each run by a test', () => {
    const files = readdirSync(new URL('examples/clients/', ROOT)).map((f) => `examples/clients/${f}`);
    const shown = blocks.filter(([kind]) => kind === 'snippet').map(([, path]) => path);
    expect(shown.sort()).toEqual(files.sort());
    const tests = testFiles(new URL('test/', ROOT)).join('\n');
    for (const file of files) expect(tests, file).toContain(`'../../${file.replace(/\.ts$/, '.js')}'`);
  });
});
