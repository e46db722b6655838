/**
 * The live-query facade a request sees: a watch starts only for a visible site and with the
 * permission of its kind (src/auth/policy.ts); everything else is the shared registry's.
 */
import { refusal, type WatchOperation } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { DecodedQuery } from '../datasources/types.js';
import type { LiveQueries, LiveQueriesStats, RegisteredQueryResultChangeShape } from '../subscriptions/live-queries.js';
import type { SharedRegistration, SharedResultChange } from '../subscriptions/shared-registrations.js';
import type { WatchTarget } from '../subscriptions/snapshots.js';

export class AuthorizedLive implements LiveQueries {
  constructor(
    private readonly live: LiveQueries,
    readonly principal: Principal,
  ) {}

  private check(operation: WatchOperation, siteId: string): void {
    const refused = refusal(this.principal, operation, siteId);
    if (refused) throw refused;
  }

  async queryStatus(
    siteId: string,
    queryId: string,
    signal?: AbortSignal,
  ): Promise<AsyncGenerator<DecodedQuery, void, undefined>> {
    this.check('queryStatus', siteId);
    return this.live.queryStatus(siteId, queryId, signal);
  }

  async registeredResults(
    siteId: string,
    queryId: string,
    signal?: AbortSignal,
  ): Promise<AsyncGenerator<RegisteredQueryResultChangeShape, void, undefined>> {
    this.check('registeredResults', siteId);
    return this.live.registeredResults(siteId, queryId, signal);
  }

  async sharedRegisteredResults(
    spec: SharedRegistration,
    signal?: AbortSignal,
  ): Promise<AsyncGenerator<SharedResultChange, void, undefined>> {
    this.check('sharedRegisteredResults', spec.siteId);
    return this.live.sharedRegisteredResults(spec, signal);
  }

  refresh(target: WatchTarget): Promise<void> {
    return this.live.refresh(target);
  }

  stats(): LiveQueriesStats {
    return this.live.stats();
  }

  whenIdle(): Promise<void> {
    return this.live.whenIdle();
  }

  stop(): Promise<void> {
    return this.live.stop();
  }
}
