/**
 * Starting: a mistake is one plain line on stderr naming the variable or the port, exit 1, and
 * nothing started; `--help` prints the configuration table; the start messages are printed once,
 * as JSON records, or as readable lines on a terminal.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_VARIABLES } from '../../src/config.js';
import { EMBEDDED_SIMULATOR_VARIABLES, SIMULATOR_VARIABLES } from '../../simulator/src/config.js';
import { hashApiKey } from '../../src/auth/api-keys.js';
import type { VariableRow } from '../../src/lib/env.js';
import { childrenOf, freePort, records, spawnProcess, useBuiltPackage } from './harness.js';

const { dir } = useBuiltPackage('startup');

const KEYS = JSON.stringify([{ id: 'reports', sha256: hashApiKey('k'), sites: ['*'], permissions: ['read'] }]);
const REAL = { HALO_API_URL: 'https://api.stage.haloconnect.io', HALO_SUBSCRIPTION_KEY: 'sub-key-canary' };

/** Runs a command of the built package to its end. */
async function run(command: string, args: string[], env: Record<string, string> = {}) {
  const proc = spawnProcess(command, args, dir, env);
  const exit = await proc.exited;
  return { ...exit, stdout: proc.stdout(), stderr: proc.stderr() };
}
const node = (entry: string, env: Record<string, string> = {}, ...args: string[]) =>
  run(process.execPath, [`dist/${entry}`, ...args], env);

describe('start-up mistakes: one line each, exit 1, nothing started', () => {
  let busy: Server;
  let busyPort: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  const cases: Array<[string, Record<string, string>, string]> = [
    [
      'bad CLIENT_KEYS',
      { CLIENT_KEYS: '[{"id":' },
      'CLIENT_KEYS must be valid JSON (an array of {id, sha256, sites, permissions})',
    ],
    [
      'a missing key',
      { HALO_API_URL: REAL.HALO_API_URL, CLIENT_KEYS: KEYS },
      'HALO_SUBSCRIPTION_KEY must be set when HALO_API_URL is',
    ],
    [
      'no client auth before a real Halo',
      REAL,
      'Client auth is required in front of a real Halo (HALO_API_URL is set): configure CLIENT_KEYS or CLIENT_KEYS_FILE, and/or JWT_ISSUER, JWT_AUDIENCE and JWT_JWKS_URL',
    ],
    [
      'a plain-http JWKS URL',
      { ...REAL, JWT_ISSUER: 'https://idp.example', JWT_AUDIENCE: 'api', JWT_JWKS_URL: 'http://idp.example/jwks' },
      'JWT_JWKS_URL must be an https URL',
    ],
    [
      'an unreadable CLIENT_KEYS_FILE',
      { ...REAL, CLIENT_KEYS_FILE: '/nonexistent/keys.json' },
      'CLIENT_KEYS_FILE could not be read',
    ],
  ];
  it.each(cases)('%s', async (_, env, message) => {
    const result = await node('main.js', { PORT: '0', ...env });
    expect(result).toEqual({ code: 1, signal: null, stdout: '', stderr: `halo-graphql: ${message}\n` });
    expect(result.stderr).not.toContain('canary');
  });

  it('a busy PORT, before the embedded simulator starts', async () => {
    const result = await node('main.js', { PORT: String(busyPort) });
    expect(result).toEqual({
      code: 1,
      signal: null,
      stdout: '',
      stderr: `halo-graphql: PORT ${busyPort} is already in use (another process listens there): set PORT or stop it.\n`,
    });
  });

  it('the same through npm start (--silent: npm adds no lines of its own)', async () => {
    const result = await run('npm', ['start', '--silent', '--ignore-scripts'], { PORT: String(busyPort) });
    expect(result).toEqual({
      code: 1,
      signal: null,
      stdout: '',
      stderr: `halo-graphql: PORT ${busyPort} is already in use (another process listens there): set PORT or stop it.\n`,
    });
  });

  it('one line per mistake; an unknown argument; the simulator alone', async () => {
    const keysFile = join(dir, 'keys.json');
    writeFileSync(keysFile, KEYS);
    expect(
      (await node('main.js', { PORT: 'x', LOG_LEVEL: 'loud', CLIENT_KEYS: KEYS, CLIENT_KEYS_FILE: keysFile })).stderr,
    ).toBe(
      [
        'halo-graphql: PORT must be an integer between 0 and 65535',
        'halo-graphql: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
        'halo-graphql: Set CLIENT_KEYS or CLIENT_KEYS_FILE, not both',
        '',
      ].join('\n'),
    );
    expect(await node('main.js', {}, '--port=4000')).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'halo-graphql: unknown argument --port: settings come from environment variables (--help lists them)\n',
    });
    expect(await node('simulator.js', { SIMULATOR_PORT: String(busyPort) })).toEqual({
      code: 1,
      signal: null,
      stdout: '',
      stderr: `halo-simulator: SIMULATOR_PORT ${busyPort} is already in use (another process listens there): set SIMULATOR_PORT or stop it.\n`,
    });
  });
});

/** The row's line in the help table: the name, then its default. */
const rowLine = (row: VariableRow) =>
  new RegExp(`^  ${row.name} +${row.default.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`, 'm');

describe('--help', () => {
  it('npm start -- --help prints every variable with its default, and starts nothing', async () => {
    const result = await run('npm', ['start', '--silent', '--ignore-scripts', '--', '--help']);
    expect(result).toMatchObject({ code: 0, signal: null, stderr: '' });
    const embedded = SIMULATOR_VARIABLES.rows().filter((r) =>
      (EMBEDDED_SIMULATOR_VARIABLES as readonly string[]).includes(r.name),
    );
    for (const row of [...APP_VARIABLES.rows(), ...embedded]) expect(result.stdout).toMatch(rowLine(row));
    expect(result.stdout).not.toMatch(/SIMULATOR_PORT/);
    // The same text from node dist/main.js --help.
    expect((await node('main.js', {}, '--help')).stdout).toBe(result.stdout);
  });

  it("npm run simulator -- --help prints the simulator's variables", async () => {
    const result = await run('npm', ['run', 'simulator', '--silent', '--ignore-scripts', '--', '--help']);
    expect(result).toMatchObject({ code: 0, signal: null, stderr: '' });
    for (const row of SIMULATOR_VARIABLES.rows()) expect(result.stdout).toMatch(rowLine(row));
  });
});

describe('start messages', () => {
  it('as JSON records when stdout is not a terminal, each once; the simulator names its key and /_sim/', async () => {
    const port = await freePort();
    const app = spawnProcess(process.execPath, ['dist/main.js'], dir, { PORT: String(port), SIMULATOR_KEY: 'key-42' });
    await app.waitFor(/"event":"start"/);
    await app.kill('SIGTERM');
    const lines = records(app.stdout());
    const simulator = lines.find((r) => r.event === 'simulator.start')!;
    expect(simulator).toMatchObject({ level: 'info', simulatorKey: 'key-42' });
    expect(simulator.controlUrl).toBe(`${simulator.url}/_sim/`);
    expect(lines.map((r) => r.event)).toEqual(['simulator.start', 'auth', 'subscriptions', 'start', 'stop', 'stopped']);
    expect(lines.find((r) => r.event === 'start')).toMatchObject({
      url: `http://127.0.0.1:${port}`,
      port,
      authMode: 'open',
    });
  });

  const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!hasScript) console.warn('script(1) (util-linux) is missing: the terminal log test is skipped.');
  it.skipIf(!hasScript)('as readable lines on a terminal (script(1) gives it one), each once', async () => {
    const port = await freePort();
    // script runs node on a pseudo-terminal, and ends when node does.
    const app = spawnProcess('script', ['-qefc', `exec ${process.execPath} dist/main.js`, '/dev/null'], dir, {
      PORT: String(port),
      NO_COLOR: '1',
    });
    await app.waitFor(/GraphQL API on http:\/\/127\.0\.0\.1:\d+\/graphql \(GraphiQL in a browser\)\r?\n/);
    process.kill(childrenOf(app.pid)[0]!.pid, 'SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    const lines = app.stdout().split(/\r?\n/).filter(Boolean);
    const simulatorUrl = /embedded Halo simulator on (http:\/\/127\.0\.0\.1:\d+) /.exec(app.stdout())![1];
    expect(lines.slice(0, 5).map((l) => l.replace(/^\[[\d:.]+\] /, ''))).toEqual([
      `INFO: No HALO_API_URL: embedded Halo simulator on ${simulatorUrl} (subscription key: dev-key; control API: ${simulatorUrl}/_sim/; synthetic data only)`,
      'WARN: client auth is OFF: development only (no CLIENT_KEYS, CLIENT_KEYS_FILE or JWT_* set; every caller may use every site)',
      `INFO: Subscriptions: graphql-ws on ws://127.0.0.1:${port}/graphql and SSE; in this process (no REDIS_URL); webhooks off (no HALO_WEBHOOK_SECRET)`,
      `INFO: GraphQL API on http://127.0.0.1:${port}/graphql (GraphiQL in a browser)`,
      'INFO: SIGTERM: shutting down (the signal again exits at once)',
    ]);
    expect(lines[5]).toMatch(/^\[[\d:.]+\] INFO: stopped \(\d+(\.\d)? ms\)$/);
    expect(lines).toHaveLength(6);
    expect(app.stdout()).not.toMatch(/\{"level"/);
  });
});
