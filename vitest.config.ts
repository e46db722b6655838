import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports" map: Vite would give our sources its ESM build while Node gives
    // externalised dependencies (Pothos, yoga) the CJS one — two realms, broken instanceof checks.
    // Node alone resolves a single copy, so only the test runner needs this.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts', 'simulator/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each file starts its own simulator on port 0; two cores, so keep the pool small.
    maxWorkers: 2,
  },
});
