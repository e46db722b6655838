/**
 * A named query ready to send: the entry's statement for one site's PMS, its arguments as Halo
 * command parameters (never spliced into the text), and a key that identifies identical calls.
 */
import { createHash } from 'node:crypto';
import type { Command, CommandParameter, PmsType } from '../datasources/types.js';
import { parameterText } from './convert.js';
import type { NamedQueryEntry } from './types.js';

/**
 * Only `prepareNamedQuery` makes one, so a datasource method that accepts it knows its text is a
 * catalogue statement (checked by the read-only guard when the catalogue loaded), not client SQL.
 */
export class PreparedNamedQuery {
  /** The Halo command: the statement, READER, and one input parameter per argument. */
  readonly command: Command & { executionMode: 'reader'; type: 'text'; parameters: CommandParameter[] };
  /**
   * Identifies identical calls in this process's maps (the calls of one operation, answers kept
   * for `maxAgeSeconds`): entry, statement version, site, PMS and argument values. It holds the
   * argument values, so it never leaves the process: see `key`.
   */
  readonly callKey: string;
  private digest: string | undefined;

  private constructor(
    readonly entry: NamedQueryEntry,
    readonly siteId: string,
    readonly pmsType: PmsType,
    text: string,
    values: readonly unknown[],
  ) {
    this.command = {
      text,
      executionMode: 'reader',
      type: 'text',
      parameters: entry.args.map((a, i) => ({
        name: `@${a.name}`,
        direction: 'input',
        type: a.sqlType as CommandParameter['type'],
        value: parameterText(values[i]),
      })),
    };
    this.callKey = JSON.stringify([entry.name, entry.fingerprint, siteId, pmsType, values]);
  }

  /**
   * A digest of `callKey`, equal for identical calls: what is shared beyond this process (Redis
   * keys of live registrations), so no argument value (a patient's name) appears in one.
   */
  get key(): string {
    return (this.digest ??= createHash('sha256').update(this.callKey).digest('base64url'));
  }

  /**
   * The call of `entry` on a site of `pmsType` with `args` (GraphQL's parsed argument values,
   * defaults applied; a missing nullable argument is SQL NULL).
   * @returns undefined when the entry has no statement for `pmsType`.
   */
  static create(
    entry: NamedQueryEntry,
    siteId: string,
    pmsType: PmsType,
    args: Readonly<Record<string, unknown>>,
  ): PreparedNamedQuery | undefined {
    const text = entry.sql[pmsType];
    if (text === undefined) return undefined;
    return new PreparedNamedQuery(
      entry,
      siteId,
      pmsType,
      text,
      entry.args.map((a) => args[a.name] ?? null),
    );
  }
}
