import type { LiveSubscription } from '../helpers/ws.js';
import type { AppContext } from '../helpers/app.js';

/**
 * Moves the simulator's clock forward in small steps until the async query reaches `status`
 * (Halo's wire value). Executing lasts as long as SQLite really took (at least 50 simulated ms),
 * so a fixed advance could land before the query moved on a busy machine. Reads the simulator's
 * state in process, so the request log only holds the app's calls.
 */
export async function advanceUntil(
  ctx: Pick<AppContext, 'sim' | 'advance'>,
  queryId: string,
  status: string,
  stepMs = 10,
): Promise<void> {
  for (let i = 0; i < 100_000; i++) {
    if (ctx.sim.state.queries.get(queryId)?.status === status) return;
    await ctx.advance(stepMs);
  }
  throw new Error(`query never reached ${status}`);
}

/**
 * The statuses of a queryStatusChanged subscription's next events, up to and including the terminal
 * one: the phases Halo's statusTiming recorded between two polls arrive as events of their own.
 */
export async function statusesUntilTerminal(
  sub: LiveSubscription<{ queryStatusChanged: { status: string; isTerminal: boolean } }>,
): Promise<string[]> {
  const statuses: string[] = [];
  for (;;) {
    const event = (await sub.next()).data?.queryStatusChanged;
    if (!event) throw new Error('an event without data');
    statuses.push(event.status);
    if (event.isTerminal) return statuses;
  }
}
