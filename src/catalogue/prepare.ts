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
   * A digest of (entry, statement version, site, PMS, argument values): equal for identical calls.
   * A digest, so argument values (a patient's name) appear in no key, map or Redis name.
   */
  readonly key: string;

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
    this.key = createHash('sha256')
      .update(JSON.stringify([entry.name, entry.fingerprint, siteId, pmsType, values]))
      .digest('base64url');
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
