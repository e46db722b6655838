/**
 * What a scenario started, stopped in reverse order when the scenario ends, however it ends.
 * Every process, socket pool and timer a scenario creates is registered here.
 */
export class Scope {
  private readonly cleanups: Array<{ name: string; fn: () => unknown }> = [];

  defer(name: string, fn: () => unknown): void {
    this.cleanups.push({ name, fn });
  }

  /** Runs every cleanup (last registered first); errors are reported, never thrown. */
  async close(log: (msg: string) => void = () => undefined): Promise<void> {
    while (this.cleanups.length > 0) {
      const { name, fn } = this.cleanups.pop()!;
      try {
        await withTimeout(Promise.resolve(fn()), 10_000, `stopping ${name}`);
      } catch (err) {
        log(`cleanup of ${name} failed: ${(err as Error).message}`);
      }
    }
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
