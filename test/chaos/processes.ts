/**
 * Process control for the chaos suite: a redis-server that can be killed (SIGKILL) and started
 * again on the same port, so clients see a real crash and a real recovery.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KillableRedis {
  readonly url: string;
  readonly port: number;
  /** Whether the server process is alive. */
  readonly running: boolean;
  /** SIGKILL: no shutdown, connections drop at once. Resolves when the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: no persistence). Resolves once it accepts connections. */
  restart(): Promise<void>;
  /** Kills it and removes its directory. */
  stop(): Promise<void>;
}

/** Starts redis-server on `port` (loopback, no persistence). */
export async function startKillableRedis(port: number): Promise<KillableRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'halo-chaos-redis-'));
  let child: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const c = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child = c;
      let out = '';
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ready to accept connections')) {
          c.stdout?.off('data', onData);
          c.stdout?.resume();
          resolve();
        }
      };
      c.stdout?.on('data', onData);
      c.stderr?.resume();
      c.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    });
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((resolve) => c.once('exit', resolve));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    kill,
    restart: start,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
