/**
 * The production bundle (scripts/build.mjs): built into a scratch directory beside dist/, then run
 * as `npm start` runs it. Bundling can break what reads files relative to a module, and packages
 * that load lazily, so each of those is exercised from the bundle itself.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SITES, OnlineSite, ZedmedSite } from '../../simulator/src/fixtures.js';
import { siteImageKey } from '../../simulator/src/db/open-site-database.js';
import { hasRedisServer, startRedis } from '../helpers/redis.js';

const ROOT = join(import.meta.dirname, '../..');
// One level below the repository, like dist/: `../examples/web/dist` must resolve the same way.
const OUT = join(ROOT, `.build-test-${process.pid}`);
const CLIENT_KEY = 'bundle-test-key-0123456789abcdef';

interface Running {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<Running>();

/** Runs `node <OUT>/<entry>` with a clean environment plus `env`; resolves once `ready` is printed. */
async function run(entry: string, env: Record<string, string>, ready: RegExp): Promise<Running> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(HALO_|SIMULATOR_|REDIS_|CLIENT_KEYS|JWT_|OTEL_|PORT$|HOST$|GRAPHIQL$|NODE_OPTIONS$)/.test(k),
    ),
  );
  const child: ChildProcess = spawn(process.execPath, [join(OUT, entry)], {
    cwd: ROOT,
    env: { ...base, NODE_ENV: 'production', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start:\n${out}`)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code}:\n${out}`));
    });
  });
  const handle: Running = {
    url,
    output: () => out,
    async stop() {
      running.delete(handle);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  running.add(handle);
  return handle;
}

const startFacade = (env: Record<string, string> = {}) =>
  run('main.js', { PORT: '0', ...env }, /"event":"start","url":"(http:\/\/[^"]+)"/);

async function query(url: string, document: string, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: document }),
  });
  return res.json();
}

const SITE_QUERY = `{ site(id: "${OnlineSite.id}") { id availability } }`;
const SITE_ANSWER = { data: { site: { id: OnlineSite.id, availability: 'ONLINE' } } };

/** The output files main.js loads at start: itself and its static imports, transitively. */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(OUT, file), 'utf8');
    // Only the import statements at the top of the file (dynamic `import("./chunk…")` excluded).
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s*"\.\/([^"]+)";?$/gm)) visit(m[1]!);
  };
  visit(entry);
  return seen;
}

beforeAll(() => {
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--outdir', OUT], { cwd: ROOT, encoding: 'utf8' });
  expect(built.status, `${built.stdout}\n${built.stderr}`).toBe(0);
}, 120_000);

afterAll(async () => {
  await Promise.all([...running].map((r) => r.stop()));
  rmSync(OUT, { recursive: true, force: true });
});

describe('the bundle', () => {
  it('holds one copy of graphql, and no TypeScript', () => {
    const files = readdirSync(OUT).filter((f) => f.endsWith('.js'));
    const all = files.map((f) => readFileSync(join(OUT, f), 'utf8')).join('\n');
    expect(all.match(/^\/\/ node_modules\/graphql\/version\.m?js$/gm)).toHaveLength(1);
    // Its ESM build (./scripts/build.mjs), deep imports included: none of its CommonJS files.
    expect(all).toMatch(/^\/\/ node_modules\/graphql\/version\.mjs$/m);
    expect(all).not.toMatch(/^\/\/ node_modules\/graphql\/.*\.js$/m);
    expect(all).not.toMatch(/from\s*["']tsx|require\(["']tsx|["']typescript["']/);
  });

  it("loads neither ioredis, nor GraphiQL's assets, nor a second SQL dialect at start", () => {
    const graph = [...staticGraph('main.js')].map((f) => readFileSync(join(OUT, f), 'utf8')).join('\n');
    expect(graph).toMatch(/^\/\/ node_modules\/graphql-yoga\//m);
    expect(graph).not.toMatch(/^\/\/ node_modules\/ioredis\//m);
    expect(graph).not.toMatch(/^\/\/ node_modules\/@graphql-yoga\/render-graphiql\//m);
    expect(graph).not.toMatch(/^\/\/ node_modules\/node-sql-parser\/index\.js$/m);
    // The simulator is loaded only without HALO_API_URL.
    expect(graph).not.toMatch(/^\/\/ simulator\/src\/server\.ts$/m);
  });

  it('ships the seeded databases of every default site', () => {
    const manifest = JSON.parse(readFileSync(join(OUT, 'seed/manifest.json'), 'utf8')) as {
      entries: Array<{ site: Parameters<typeof siteImageKey>[0] }>;
    };
    const keys = new Set(DEFAULT_SITES.map(siteImageKey));
    expect(new Set(manifest.entries.map((e) => siteImageKey(e.site)))).toEqual(keys);
  });

  it('answers from the embedded simulator and serves GraphiQL, /metrics and the example app', async () => {
    const app = await startFacade({ GRAPHIQL: 'true' });
    expect(await query(app.url, SITE_QUERY)).toEqual(SITE_ANSWER);

    const page = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL');
    expect(html.length).toBeGreaterThan(1_000_000);

    const metrics = await fetch(`${app.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^# HELP /m);

    const webApp = await fetch(`${app.url}/app/`);
    const built = existsSync(join(ROOT, 'examples/web/dist/index.html'));
    expect(webApp.status).toBe(built ? 200 : 404);
    if (built) expect(await webApp.text()).toBe(readFileSync(join(ROOT, 'examples/web/dist/index.html'), 'utf8'));
    await app.stop();
  }, 30_000);

  it('runs in front of a separate simulator (HALO_API_URL) and exports OpenTelemetry spans', async () => {
    const exports: string[] = [];
    const collector = createServer((req, res) => {
      req.resume().on('end', () => {
        exports.push(`${req.method} ${req.url}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    try {
      const sim = await run(
        'simulator.js',
        { SIMULATOR_PORT: '0', SIMULATOR_KEY: 'bundle-key' },
        /listening on (http:\/\/\S+) /,
      );
      const app = await startFacade({
        HALO_API_URL: sim.url,
        HALO_SUBSCRIPTION_KEY: 'bundle-key',
        CLIENT_KEYS: JSON.stringify([
          {
            id: 'bundle',
            sha256: createHash('sha256').update(CLIENT_KEY).digest('hex'),
            sites: ['*'],
            permissions: ['read'],
          },
        ]),
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      });
      expect(app.output()).not.toContain('"event":"simulator.start"');
      expect(await query(app.url, SITE_QUERY, { 'x-api-key': CLIENT_KEY })).toEqual(SITE_ANSWER);
      // Spans are flushed at shutdown at the latest.
      await app.stop();
      expect(exports).toContain('POST /v1/traces');
      await sim.stop();
    } finally {
      collector.close();
    }
  }, 30_000);

  it("serves the built-in named queries from dist/, and NAMED_QUERIES_DIR's; refuses a bad file in one line", async () => {
    expect(existsSync(join(OUT, 'named-queries/appointments.yaml'))).toBe(true);
    // The built-ins start from the build's snapshot: the YAML parser and ajv stay out of the bundle,
    // loaded from node_modules only to read an operator's files.
    expect(JSON.parse(readFileSync(join(OUT, 'named-queries/catalogue.json'), 'utf8'))).toMatchObject({ version: 1 });
    const bundled = readdirSync(OUT)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(OUT, f), 'utf8'))
      .join('\n');
    expect(bundled).not.toMatch(/^\/\/ .*node_modules\/(yaml|ajv)\//m);
    const app = await startFacade({ NAMED_QUERIES_DIR: join(ROOT, 'test/schema/named-queries') });
    const answer = (await query(
      app.url,
      `{ north: site(id: "${OnlineSite.id}") { providers { userId } } zedmed: site(id: "${ZedmedSite.id}") { dayBook(day: "2025-03-20") { startTime } } }`,
    )) as { data: { north: { providers: unknown[] }; zedmed: { dayBook: Array<{ startTime: string }> } } };
    expect(answer.data.north.providers).toHaveLength(8);
    expect(answer.data.zedmed.dayBook[0]!.startTime).toMatch(/^\d{2}:\d{2}:00$/);
    // That query ran on the compiled executor, loaded from its own chunk on first use.
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/^graphql_compiled_executions_total 1$/m);
    await app.stop();

    const bad = mkdtempSync(join(tmpdir(), 'halo-named-bad-'));
    try {
      writeFileSync(join(bad, 'recalls.yaml'), 'name: recalls\ntype: Recall\n');
      const started = spawnSync(process.execPath, [join(OUT, 'main.js')], {
        cwd: ROOT,
        env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', NAMED_QUERIES_DIR: bad },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(started.status).toBe(1);
      expect(started.stdout).toBe('');
      expect(started.stderr).toBe(
        `halo-graphql: named query ${join(bad, 'recalls.yaml')}:1: the entry is missing "description"\n`,
      );
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  }, 30_000);

  it.skipIf(!hasRedisServer())(
    'loads ioredis when REDIS_URL is set',
    async () => {
      const redis = await startRedis();
      try {
        const app = await startFacade({ REDIS_URL: redis.url, RATE_LIMIT_PER_SECOND: '100' });
        expect(app.output()).toMatch(/"event":"subscriptions",.*"redis":true/);
        expect(await query(app.url, SITE_QUERY)).toEqual(SITE_ANSWER);
        await app.stop();
      } finally {
        await redis.stop();
      }
    },
    30_000,
  );
});
