/**
 * The real processes: the bundle built once per test file (as test/build/bundle.test.ts does) into
 * a scratch package beside dist/ (a copy of package.json, so `npm start` runs there exactly as in
 * the repository), then `npm start` or `node dist/main.js` spawned on free loopback ports.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '../..');

/** Builds the bundle into `<ROOT>/.build-test-<pid>-<name>/dist` for this file; removed after it. */
export function useBuiltPackage(name: string): { dir: string } {
  // One level below the repository, like the real package: dependencies resolve from its node_modules.
  const dir = join(ROOT, `.build-test-${process.pid}-${name}`);
  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    const built = spawnSync(process.execPath, ['scripts/build.mjs', '--outdir', join(dir, 'dist')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(built.status, `${built.stdout}\n${built.stderr}`).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([...running].map((p) => p.kill('SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir };
}

/** The environment of a child: this one without the settings of the façade, the simulator and npm. */
export function cleanEnv(env: Record<string, string>): Record<string, string> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k, v]) =>
        v !== undefined &&
        !/^(HALO_|SIMULATOR_|REDIS_|CLIENT_KEYS|JWT_|OTEL_|LOG_|CORS_|RATE_|MAX_|WS_|PORT$|HOST$|GRAPHIQL$|INTROSPECTION$|ALLOW_WRITES$|CURSOR_SECRET$|NODE_OPTIONS$|npm_)/i.test(
          k,
        ),
    ),
  ) as Record<string, string>;
  return { ...base, HOST: '127.0.0.1', ...env };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Running {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout (rejects if the process exits first). */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /** The process's own exit. */
  exited: Promise<Exit>;
  /** Sends `signal` to the process group (kills whatever the process started too). */
  kill(signal: NodeJS.Signals): Promise<Exit>;
}

const running = new Set<Running>();

/** Spawns `command` in `cwd` as the leader of a process group of its own (as a terminal would). */
export function spawnProcess(command: string, args: string[], cwd: string, env: Record<string, string>): Running {
  const child = spawn(command, args, { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiters) w();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<Exit>((resolve) => {
    // 'close': the exit, and all output read.
    child.once('close', (code, signal) => {
      running.delete(handle);
      for (const w of waiters) w();
      resolve({ code, signal });
    });
  });
  const handle: Running = {
    child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(out);
          if (m) {
            waiters.delete(check);
            resolve(m);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            waiters.delete(check);
            reject(new Error(`exited before ${pattern}:\n${out}\n${err}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    async kill(signal) {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
      return exited;
    },
  };
  running.add(handle);
  return handle;
}

/** One JSON log record per stdout line, parsed (throws on a line that is not one). */
export function records(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('>'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Whether something accepts connections on 127.0.0.1:`port`. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Whether process `pid` exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The processes whose parent is `pid`, with their command lines (from /proc). */
export function childrenOf(pid: number): Array<{ pid: number; args: string[] }> {
  const out: Array<{ pid: number; args: string[] }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== pid) continue;
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      out.push({ pid: Number(entry), args });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
