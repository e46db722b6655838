/**
 * The processes a scenario runs: the Halo simulator and the load generators on core 1, the façade
 * (or a baseline server standing in for it) alone on core 0. Each is spawned through `taskset`,
 * registered in the scenario's Scope, and stopped by its own pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FACADE_SECURITY_ENV } from './auth.js';
import { BUILD_DIR, REPO } from './build.js';
import type {
  AppStatsReply,
  AppStatsRequest,
  DecodeReply,
  DecodeRequest,
  PreloadReply,
  PreloadRequest,
  PreloadStats,
} from './ipc.js';
import { registerOwn, unregisterOwn } from './noise.js';
import type { Scope } from './scope.js';
import { sleep, withTimeout } from './scope.js';

export const FACADE_CORE = 0;
export const LOAD_CORE = 1;

export interface Proc {
  name: string;
  pid: number;
  child: ChildProcess;
  /** The last lines it printed (stdout and stderr). */
  tail(): string[];
  exited: Promise<number | null>;
  /** Resolves with the first match of `re` in the output. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

let tasksetAvailable: boolean | undefined;
export function canPin(): boolean {
  tasksetAvailable ??= existsSync('/usr/bin/taskset') || existsSync('/bin/taskset');
  return tasksetAvailable;
}

export interface SpawnOptions {
  core?: number;
  env?: Record<string, string | undefined>;
  ipc?: boolean;
  cwd?: string;
}

/**
 * Spawns `node <nodeArgs>` (pinned to `core` when taskset exists). Its stdout and stderr go to a
 * temporary file, not a pipe: the façade writes one access-log line per operation, and a pipe
 * would make the runner (on the load core) read and the façade wait on every one of them. The
 * file is read only to find start-up lines and to quote the end of it in errors, and deleted
 * when the process has stopped.
 */
export function spawnNode(name: string, nodeArgs: string[], options: SpawnOptions = {}): Proc {
  const pin = options.core !== undefined && canPin();
  const command = pin ? 'taskset' : process.execPath;
  const args = pin ? ['-c', String(options.core), process.execPath, ...nodeArgs] : nodeArgs;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...options.env })) if (v !== undefined) env[k] = v;
  // The runner may itself run under tsx: helpers run plain JavaScript, without its loader.
  delete env.NODE_OPTIONS;
  const logDir = mkdtempSync(join(tmpdir(), 'halo-bench-'));
  const logFile = join(logDir, 'output.log');
  const fd = openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      cwd: options.cwd ?? REPO,
      env,
      stdio: options.ipc ? ['ignore', fd, fd, 'ipc'] : ['ignore', fd, fd],
    });
  } finally {
    closeSync(fd);
  }
  if (child.pid === undefined) throw new Error(`${name}: could not spawn`);
  const pid = child.pid;
  if (pin) registerOwn(pid, options.core!);
  const exited = new Promise<number | null>((resolveExit) =>
    child.once('exit', (code) => {
      unregisterOwn(pid);
      resolveExit(code);
    }),
  );
  const head = (bytes = 64 * 1024): string => {
    try {
      const buf = Buffer.alloc(bytes);
      const f = openSync(logFile, 'r');
      try {
        return buf.subarray(0, readSync(f, buf, 0, bytes, 0)).toString('utf8');
      } finally {
        closeSync(f);
      }
    } catch {
      return '';
    }
  };
  const tail = (): string[] => {
    try {
      const text = readFileSync(logFile, 'utf8');
      return text.slice(-8_000).split('\n').filter(Boolean).slice(-20);
    } catch {
      return [];
    }
  };
  let stopping: Promise<void> | undefined;
  const proc: Proc = {
    name,
    pid,
    child,
    tail,
    exited,
    async waitFor(re, timeoutMs = 30_000) {
      const deadline = performance.now() + timeoutMs;
      let dead = false;
      void exited.then(() => (dead = true));
      for (;;) {
        for (const line of head().split('\n')) {
          const m = line.match(re);
          if (m) return m;
        }
        if (dead)
          throw new Error(`${name} exited (code ${child.exitCode}) before printing ${re}:\n${tail().join('\n')}`);
        if (performance.now() > deadline)
          throw new Error(`${name} did not print ${re} within ${timeoutMs} ms:\n${tail().join('\n')}`);
        await sleep(10);
      }
    },
    stop(graceMs = 5_000) {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(timer);
        }
        rmSync(logDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
  return proc;
}

// ── The simulator ────────────────────────────────────────────────────────────────────────────────

export interface SimProcess {
  proc: Proc;
  url: string;
  key: string;
}

export interface SimOptions {
  pageBytes?: number;
  timeScale?: number;
  webhookUrl?: string;
  webhookSecret?: string;
  /** Small extra sites (bench/lib/sites.ts); with any, bench/procs/simulator.ts runs instead of dist/simulator.js. */
  extraSites?: number;
}

/** The Halo simulator from the bundle (`dist/simulator.js`), on the load core. */
export async function startSimulator(scope: Scope, options: SimOptions = {}): Promise<SimProcess> {
  const entry = options.extraSites ? resolve(BUILD_DIR, 'simulator.js') : 'dist/simulator.js';
  const proc = spawnNode('simulator', [entry], {
    core: LOAD_CORE,
    env: {
      NODE_ENV: 'production',
      SIMULATOR_PORT: '0',
      HOST: '127.0.0.1',
      SIMULATOR_KEY: 'bench-key',
      SIMULATOR_TIME_SCALE: String(options.timeScale ?? 1),
      ...(options.pageBytes ? { SIMULATOR_PAGE_BYTES: String(options.pageBytes) } : {}),
      ...(options.extraSites ? { BENCH_EXTRA_SITES: String(options.extraSites) } : {}),
      ...(options.webhookUrl
        ? { SIMULATOR_WEBHOOK_URL: options.webhookUrl, SIMULATOR_WEBHOOK_SECRET: options.webhookSecret }
        : {}),
    },
  });
  scope.defer('simulator', () => proc.stop());
  const m = await proc.waitFor(/listening on (http:\/\/\S+) \(subscription key: ([^)]+)\)/);
  return { proc, url: m[1]!, key: m[2]! };
}

/** The façade bundle `startFacade` runs (`--facade-entry` swaps in a candidate build to compare). */
let mainEntry = 'dist/main.js';
export function setMainEntry(path: string): void {
  mainEntry = resolve(path);
}

// ── The façade ───────────────────────────────────────────────────────────────────────────────────

export interface FacadeProcess {
  proc: Proc;
  /** http://127.0.0.1:PORT (GraphQL on /graphql). */
  url: string;
  pid: number;
  stats(): Promise<PreloadStats>;
  /** Full garbage collection (the façade runs with --expose-gc). */
  gc(): Promise<void>;
  /** The app's subscription counters (bench entry only). */
  appStats(): Promise<{ live: unknown; ws: unknown }>;
}

export interface FacadeOptions {
  env?: Record<string, string | undefined>;
  /** Write a CPU profile (`--cpu-prof`) to bench/results/profiles/ when the process stops. */
  profile?: string | undefined;
  /** Extra node flags (before the entry point). */
  nodeFlags?: string[];
  /**
   * `main`: dist/main.js as it ships (default). `bench`: bench/procs/facade.ts, the same createApp
   * with `appConfig` (webhook secret, subscription tuning) that main.ts does not take from env.
   */
  entry?: 'main' | 'bench';
  appConfig?: Record<string, unknown>;
  port?: number;
}

/**
 * The façade as it ships: `node dist/main.js` (the esbuild bundle, plain JavaScript), with a
 * preload that only counts `fetch` calls and undici requests and answers the runner over IPC.
 */
export async function startFacade(
  scope: Scope,
  sim: { url: string; key: string } | undefined,
  options: FacadeOptions = {},
): Promise<FacadeProcess> {
  const flags = ['--expose-gc', '--import', resolve(BUILD_DIR, 'preload.js'), ...(options.nodeFlags ?? [])];
  if (options.profile) {
    const dir = resolve(REPO, 'bench/results/profiles');
    mkdirSync(dir, { recursive: true });
    flags.push('--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${options.profile}.cpuprofile`);
  }
  const entry = options.entry === 'bench' ? resolve(BUILD_DIR, 'facade.js') : mainEntry;
  const proc = spawnNode('façade', [...flags, entry], {
    core: FACADE_CORE,
    ipc: true,
    env: {
      NODE_ENV: 'production',
      PORT: String(options.port ?? 0),
      ...(options.appConfig ? { BENCH_APP_CONFIG: JSON.stringify(options.appConfig) } : {}),
      // Client auth as production needs it in front of a Halo URL (the embedded mode runs open).
      ...(sim ? FACADE_SECURITY_ENV : {}),
      HOST: '127.0.0.1',
      GRAPHIQL: 'false',
      ...(sim ? { HALO_API_URL: sim.url, HALO_SUBSCRIPTION_KEY: sim.key } : { HALO_API_URL: undefined }),
      ...options.env,
    },
  });
  scope.defer('façade', () => proc.stop());
  // dist/main.js logs a JSON "start" record; bench/procs/facade.ts prints a plain line.
  const m = await proc.waitFor(/"event":"start","url":"(http:\/\/[^"]+)"|GraphQL API on (http:\/\/[^/\s]+)\/graphql/);
  let nextId = 1;
  const pending = new Map<number, (reply: PreloadReply | AppStatsReply) => void>();
  proc.child.on('message', (msg: PreloadReply | AppStatsReply) => {
    pending.get(msg.id)?.(msg);
    pending.delete(msg.id);
  });
  const ask = (type: PreloadRequest['type'] | AppStatsRequest['type']) =>
    withTimeout(
      new Promise<PreloadReply | AppStatsReply>((res) => {
        const id = nextId++;
        pending.set(id, res);
        proc.child.send({ id, type } satisfies PreloadRequest | AppStatsRequest);
      }),
      10_000,
      `façade ${type}`,
    );
  return {
    proc,
    url: (m[1] ?? m[2])!,
    pid: proc.pid,
    async stats() {
      const reply = await ask('stats');
      if (reply.type !== 'stats') throw new Error('unexpected reply');
      return reply.stats;
    },
    async gc() {
      await ask('gc');
    },
    async appStats() {
      const reply = await ask('app');
      if (reply.type !== 'app') throw new Error('unexpected reply');
      return { live: reply.live, ws: reply.ws };
    },
  };
}

// ── Baselines ────────────────────────────────────────────────────────────────────────────────────

/** A bare graphql-js handler on node:http (bench/procs/bare-graphql.ts), on the façade's core. */
export async function startBareGraphql(scope: Scope): Promise<{ proc: Proc; url: string; pid: number }> {
  const proc = spawnNode('bare graphql-js', [resolve(BUILD_DIR, 'bare-graphql.js')], {
    core: FACADE_CORE,
    env: { NODE_ENV: 'production' },
  });
  scope.defer('bare graphql-js', () => proc.stop());
  const m = await proc.waitFor(/BARE (http:\/\/\S+)/);
  return { proc, url: m[1]!, pid: proc.pid };
}

/** `ws` alone broadcasting a pre-serialised frame (bench/procs/bare-ws.ts), on the façade's core. */
export async function startBareWs(scope: Scope): Promise<{ proc: Proc; url: string; pid: number }> {
  const proc = spawnNode('bare ws', [resolve(BUILD_DIR, 'bare-ws.js')], {
    core: FACADE_CORE,
    env: { NODE_ENV: 'production' },
  });
  scope.defer('bare ws', () => proc.stop());
  const m = await proc.waitFor(/BAREWS (http:\/\/\S+)/);
  return { proc, url: m[1]!, pid: proc.pid };
}

export interface Decoder {
  proc: Proc;
  pid: number;
  decode(req: Omit<DecodeRequest, 'id' | 'type'>): Promise<DecodeReply>;
}

/** Fetches and decodes result pages with undici directly (bench/procs/direct-decode.ts), on the façade's core. */
export async function startDecoder(scope: Scope): Promise<Decoder> {
  const proc = spawnNode('direct decoder', [resolve(BUILD_DIR, 'direct-decode.js')], {
    core: FACADE_CORE,
    ipc: true,
    env: { NODE_ENV: 'production' },
  });
  scope.defer('direct decoder', () => proc.stop());
  await proc.waitFor(/DECODER ready/);
  let nextId = 1;
  const pending = new Map<number, (reply: DecodeReply) => void>();
  proc.child.on('message', (msg: DecodeReply) => {
    pending.get(msg.id)?.(msg);
    pending.delete(msg.id);
  });
  return {
    proc,
    pid: proc.pid,
    decode(req) {
      return withTimeout(
        new Promise<DecodeReply>((res) => {
          const id = nextId++;
          pending.set(id, res);
          proc.child.send({ ...req, id, type: 'decode' } satisfies DecodeRequest);
        }),
        300_000,
        'direct decode',
      );
    },
  };
}
