import { describe, expect, it } from 'vitest';
import { allowListed, createLogger, LOG_MESSAGES } from '../../src/observability/logging.js';
import { captureLines } from './harness.js';

describe('patient-safe logging', () => {
  it('should keep allow-listed, well-shaped fields only', () => {
    expect(
      allowListed({
        event: 'operation',
        operationName: 'SiteLookup',
        siteId: '0b1b7c6e-6b2a-4e59-9d53-2c1f7b0c0a01',
        status: 200,
        codes: ['SITE_NOT_FOUND', 'Smith, John'],
        variables: { surname: 'Smith' },
        sql: 'SELECT * FROM Patients',
        apiKey: 'secret',
        clientId: 'reports app',
        durationMs: 12.345,
      }),
    ).toEqual({
      event: 'operation',
      operationName: 'SiteLookup',
      siteId: '0b1b7c6e-6b2a-4e59-9d53-2c1f7b0c0a01',
      status: 200,
      codes: ['SITE_NOT_FOUND'],
      durationMs: 12.3,
    });
  });

  it('should drop a field whose value is not of its shape (a name in a GUID field, SQL in a code)', () => {
    expect(
      allowListed({ siteId: 'John Smith', code: "SELECT 'x'", operationName: 'two words', where: 'Smith\nJohn' }),
    ).toEqual({});
  });

  it('should reduce an error to its name and code, and withhold any message that is not a fixed one', async () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ destination: stream });
    const err = Object.assign(new TypeError('Patient Jane Canary not found'), { code: 'ERR_X' });
    logger.error({ event: 'background.error', where: 'poller', err }, LOG_MESSAGES.background);
    logger.info({ event: 'operation' }, 'Patient Jane Canary searched');
    logger.warn('Key sk_live_canary leaked');
    await new Promise((r) => setImmediate(r));
    const text = lines.join('\n');
    expect(text).not.toMatch(/Canary|canary|Jane/);
    const [first, second, third] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({
      level: 'error',
      event: 'background.error',
      where: 'poller',
      errorName: 'TypeError',
      errorCode: 'ERR_X',
      msg: LOG_MESSAGES.background,
    });
    expect(second).toMatchObject({ event: 'operation', msg: 'operation' });
    expect(third).toMatchObject({ level: 'warn', msg: 'message withheld' });
  });
});
