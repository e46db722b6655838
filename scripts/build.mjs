// Bundles the entry points to dist/ with esbuild (dependencies stay external), so `npm start`
// runs plain JavaScript: no TypeScript compilation at run time.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/main.ts', simulator: 'src/simulator/main.ts' },
  outdir: 'dist',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
