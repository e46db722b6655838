/**
 * Readable log lines (a terminal's): the same records, past the same allow-list, one line each.
 */
import { describe, expect, it } from 'vitest';
import { createLogger, LOG_MESSAGES } from '../../src/observability/logging.js';
import { readableLines, readableMessage } from '../../src/lib/readable-log.js';

/** An ANSI colour code (pino-pretty colours levels when it thinks the output supports it). */
const COLOR = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');

function readableLogger() {
  const lines: string[] = [];
  const logger = createLogger({ destination: readableLines({ write: (line: string) => void lines.push(line) }) });
  return { logger, lines };
}

describe('readable log lines', () => {
  it('keep to the allow-list: no message, variable or error text of ours is printed', () => {
    const { logger, lines } = readableLogger();
    const err = Object.assign(new TypeError('Patient Jane Canary not found'), { code: 'ERR_X' });
    logger.error({ event: 'background.error', where: 'poller', err, sql: 'SELECT canary' }, LOG_MESSAGES.background);
    logger.info({ event: 'operation', variables: { surname: 'Canary' } }, 'Patient Jane Canary searched');
    logger.warn('Key sk_live_canary leaked');
    expect(lines.join('')).not.toMatch(/canary|Jane/i);
    expect(lines.map((l) => l.replace(/^\[[\d:.]+\] /, '').replace(COLOR, ''))).toEqual([
      'ERROR: background failure where=poller errorName=TypeError errorCode=ERR_X\n',
      'INFO: operation\n',
      'WARN: message withheld\n',
    ]);
  });

  it('read an operation as a sentence', () => {
    expect(
      readableMessage({
        event: 'operation',
        requestId: 'r-1',
        transport: 'http',
        operationType: 'query',
        operationName: 'SiteLookup',
        clientId: 'reports',
        durationMs: 12.3,
        errors: 1,
        codes: ['SITE_NOT_FOUND'],
        msg: 'operation',
      }),
    ).toBe('query SiteLookup: 12.3 ms over http for reports, errors SITE_NOT_FOUND [r-1]');
  });
});
