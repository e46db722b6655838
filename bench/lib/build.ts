/**
 * Builds what the benchmark runs: the product bundle (`npm run build` → dist/main.js,
 * dist/simulator.js) and the bench helper processes (bench/procs/*.ts → bench/.build/*.js), so no
 * measured process compiles TypeScript at run time.
 */
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILD_DIR = resolve(REPO, 'bench/.build');

/** Set when bench/procs/facade.ts (which imports src/app.ts) could not be built. */
export let facadeEntryError: string | undefined;

export async function buildAll(log: (msg: string) => void): Promise<{ ms: number }> {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
  await build({
    entryPoints: {
      preload: resolve(REPO, 'bench/procs/preload.ts'),
      'bare-graphql': resolve(REPO, 'bench/procs/bare-graphql.ts'),
      'direct-decode': resolve(REPO, 'bench/procs/direct-decode.ts'),
      simulator: resolve(REPO, 'bench/procs/simulator.ts'),
      'bare-ws': resolve(REPO, 'bench/procs/bare-ws.ts'),
    },
    outdir: BUILD_DIR,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  // The subscription scenarios' façade imports src/app.ts, which other work may be changing.
  try {
    await build({
      entryPoints: { facade: resolve(REPO, 'bench/procs/facade.ts') },
      outdir: BUILD_DIR,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    });
    // src/catalogue/load.ts reads the built-in named queries from `./named-queries/` beside the bundle.
    cpSync(resolve(REPO, 'src/catalogue/named-queries'), resolve(BUILD_DIR, 'named-queries'), { recursive: true });
    facadeEntryError = undefined;
  } catch (err) {
    facadeEntryError = (err as Error).message.split('\n').slice(0, 3).join(' ');
    log(`bench/procs/facade.ts did not build (subscription scenarios will say so): ${facadeEntryError}`);
  }
  const ms = performance.now() - t0;
  log(`built dist/ and bench/.build/ in ${Math.round(ms)} ms`);
  return { ms };
}
