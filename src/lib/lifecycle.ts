/**
 * What a server process needs around its start and its stop, for the façade and the simulator
 * alike: the command line (`--help` only), start-up mistakes reported as one plain line each
 * (exit 1), a port checked before anything starts, and a bounded stop on SIGTERM or SIGINT.
 */
import { channel } from 'node:diagnostics_channel';
import type { Server as HttpServer } from 'node:http';
import { createServer } from 'node:net';
import { constants } from 'node:os';
import { ConfigError } from './env.js';

/** A mistake in how the process was started: reported as its message alone, one line, no stack. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** `--help` or `-h`: print the help; no argument: run. Anything else is a mistake (configuration is by environment). */
export function commandLine(args: readonly string[]): 'help' | 'run' {
  if (args.some((a) => a === '--help' || a === '-h')) return 'help';
  const first = args[0];
  if (first === undefined) return 'run';
  // The name only: whatever follows `=` could be a secret.
  const name = first.split('=')[0]!;
  throw new StartupError(`unknown argument ${name}: settings come from environment variables (--help lists them)`);
}

/**
 * Reports start-up problems on stderr, one line each prefixed with `program`, and exits with 1
 * (whatever was started in this process ends with it).
 */
export function exitWithProblems(program: string, problems: readonly string[]): never {
  process.stderr.write(problems.map((line) => `${program}: ${line}\n`).join(''));
  process.exit(1);
}

/**
 * `exitWithProblems` for one error: a configuration or start-up mistake is its message alone;
 * anything else is unexpected (a bug) and keeps its stack frames below its line.
 */
export function failStartup(program: string, error: unknown): never {
  if (error instanceof StartupError || error instanceof ConfigError) exitWithProblems(program, [error.message]);
  const frames = error instanceof Error ? (error.stack?.split('\n').slice(1) ?? []) : [];
  exitWithProblems(program, [`could not start: ${describe(error)}`, ...frames.map((f) => f.trim())]);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return `${error.name}${code ? ` ${code}` : ''}: ${error.message}`;
}

export interface ListenSettings {
  port: number;
  host: string;
  /** The variables that set them, for the message: `PORT`, `HOST`. */
  portVariable: string;
  hostVariable: string;
}

/** A listen failure as the start-up mistake it is (port taken, privileged, address not here), or undefined. */
export function listenProblem(error: unknown, s: ListenSettings): StartupError | undefined {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'EADDRINUSE':
      return new StartupError(
        `${s.portVariable} ${s.port} is already in use (another process listens there): set ${s.portVariable} or stop it.`,
      );
    case 'EACCES':
      return new StartupError(
        `${s.portVariable} ${s.port} needs privileges this process does not have (ports below 1024): set ${s.portVariable} to 1024 or more.`,
      );
    case 'EADDRNOTAVAIL':
      return new StartupError(
        `${s.hostVariable} ${s.host} is not an address of this machine: set ${s.hostVariable} to one of its addresses (0.0.0.0: all of them).`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartupError(
        `${s.hostVariable} ${s.host} could not be resolved: set ${s.hostVariable} to an address.`,
      );
    default:
      return undefined;
  }
}

/**
 * Fails with the start-up mistake when `port` on `host` cannot be listened on, before anything
 * else starts. Port 0 (any free port) always can.
 */
export async function checkListen(s: ListenSettings): Promise<void> {
  if (s.port === 0) return;
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(s.port, s.host, () => resolve());
    });
  } catch (error) {
    throw listenProblem(error, s) ?? error;
  }
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/**
 * Stops `server` taking connections and resolves once every connection has ended, each after the
 * requests it carries are answered (idle keep-alive connections at once), or at `deadline`
 * (`performance.now()` time), whichever comes first. Whatever is still open then is the caller's to cut.
 */
export async function drainHttpServer(server: HttpServer, deadline: number): Promise<void> {
  // Node closes idle connections when the server closes, but a busy one stays open once its
  // response is sent (keep-alive): close it then.
  const finished = channel('http.server.response.finish');
  const closeWhenIdle = (message: unknown) => {
    if ((message as { server?: unknown }).server === server) setImmediate(() => server.closeIdleConnections());
  };
  finished.subscribe(closeWhenIdle);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      new Promise<void>((resolve) => server.close(() => resolve())),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, deadline - performance.now()))),
    ]);
  } finally {
    clearTimeout(timer);
    finished.unsubscribe(closeWhenIdle);
  }
}

/**
 * npm forwards SIGINT and SIGTERM to the script it runs, so a signal sent to the whole process
 * group (Ctrl-C in a terminal, systemd's default KillMode) reaches node twice, moments apart:
 * the same signal again within this window is that copy, not a second request.
 */
const DUPLICATE_WINDOW_MS = 300;

export interface StopOnSignalsOptions {
  /** The graceful stop; the process exits 0 once it resolves, 1 if it rejects or takes longer than `timeoutMs`. */
  stop(signal: NodeJS.Signals): Promise<void>;
  timeoutMs: number;
  onStopping?(signal: NodeJS.Signals): void;
  onStopped?(durationMs: number): void;
  /** A second signal: the process exits at once with 128 + the signal's number (130 for SIGINT, 143 for SIGTERM). */
  onForced?(signal: NodeJS.Signals): void;
  onTimeout?(): void;
  onFailed?(error: unknown): void;
}

/** SIGTERM or SIGINT: a graceful stop, then exit 0; a second signal during it: exit at once. */
export function stopOnSignals(options: StopOnSignalsOptions): void {
  let first: { signal: NodeJS.Signals; at: number } | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    const now = performance.now();
    if (first) {
      if (signal === first.signal && now - first.at < DUPLICATE_WINDOW_MS) return;
      options.onForced?.(signal);
      process.exit(128 + constants.signals[signal]);
    }
    first = { signal, at: now };
    options.onStopping?.(signal);
    setTimeout(() => {
      options.onTimeout?.();
      process.exit(1);
    }, options.timeoutMs);
    options.stop(signal).then(
      () => {
        options.onStopped?.(performance.now() - now);
        process.exit(0);
      },
      (error: unknown) => {
        options.onFailed?.(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
