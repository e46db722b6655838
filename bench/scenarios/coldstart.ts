/**
 * Target 10 — cold start: from spawning `node dist/main.js` (the esbuild bundle, embedded seeded
 * simulator, full schema) to the first answered GraphQL query. Repeated; median with min–max.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FACADE_SECURITY_ENV } from '../lib/auth.js';
import { REPO } from '../lib/build.js';
import { OnlineSite } from '../lib/env.js';
import { gql, Http } from '../lib/http.js';
import { FACADE_CORE, spawnNode, startSimulator } from '../lib/processes.js';
import { figure, info } from '../lib/report.js';
import { Scope } from '../lib/scope.js';
import type { Scenario } from '../lib/scenario.js';
import { summarise } from '../lib/stats.js';

export const coldstart: Scenario = {
  name: 'coldstart',
  title: 'Cold start to first answered query',
  targets: [10],
  budgetMs: { quick: 30_000, full: 60_000 },
  async run(ctx) {
    const runs = ctx.quick ? 2 : 7;
    /** Spawn → listening and spawn → first answered query, `runs` times, one process at a time. */
    const measure = async (env: Record<string, string | undefined>) => {
      const firstAnswer: number[] = [];
      const listening: number[] = [];
      for (let i = 0; i < runs && !ctx.signal.aborted; i++) {
        const scope = new Scope();
        try {
          const t0 = performance.now();
          const proc = spawnNode('façade (cold start)', ['dist/main.js'], {
            core: FACADE_CORE,
            env: { NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', GRAPHIQL: 'false', ...env },
          });
          scope.defer('façade', () => proc.stop());
          const m = await proc.waitFor(/"event":"start","url":"(http:\/\/[^"]+)"/, 20_000);
          const t1 = performance.now();
          await gql(new Http(scope), m[1]!, `{ site(id: "${OnlineSite.id}") { id availability } }`);
          const t2 = performance.now();
          listening.push(t1 - t0);
          firstAnswer.push(t2 - t0);
        } finally {
          await scope.close(ctx.log);
        }
      }
      return { firstAnswer, listening };
    };
    // The target: `npm start` with no HALO_API_URL (embedded simulator, seeded at start).
    const { firstAnswer, listening } = await measure({ HALO_API_URL: undefined, HALO_SUBSCRIPTION_KEY: undefined });
    // For the analysis: the façade alone, against a simulator that is already running.
    const sim = await startSimulator(ctx.scope);
    const alone = await measure({ HALO_API_URL: sim.url, HALO_SUBSCRIPTION_KEY: sim.key, ...FACADE_SECURITY_ENV });
    const bundle = readFileSync(resolve(REPO, 'dist/main.js'), 'utf8');
    const tsAtRuntime = /from\s*["']tsx|require\(["']tsx|["']typescript["']/.test(bundle) ? 1 : 0;
    return [
      figure(
        'coldstart.firstAnswer',
        10,
        'Cold start: spawn → first answered query (node dist/main.js, embedded simulator)',
        'ms',
        summarise(firstAnswer),
        { kind: 'max', value: 500, stretch: 300 },
        {
          detail: { runs: firstAnswer.length },
        },
      ),
      info('coldstart.listening', 10, 'Cold start: spawn → listening', 'ms', summarise(listening)),
      info(
        'coldstart.facadeOnly',
        10,
        'Cold start of the façade alone (HALO_API_URL set, simulator already up): spawn → first answer',
        'ms',
        summarise(alone.firstAnswer),
      ),
      figure(
        'coldstart.tsAtRuntime',
        10,
        'TypeScript compiled at run time (bundle imports tsx/typescript)',
        '',
        tsAtRuntime,
        { kind: 'max', value: 0 },
        {
          note: 'the façade runs `node dist/main.js`, built by esbuild before the run',
        },
      ),
    ];
  },
};
