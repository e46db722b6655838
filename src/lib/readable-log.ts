/**
 * Log records as readable lines, for a person at a terminal: pino-pretty's formatter, called
 * synchronously in this process (no worker thread: the app is bundled), on records that already
 * passed the logger's allow-list. Start-up and shutdown records read as sentences; any other
 * record is its message followed by its fields.
 */
import type { DestinationStream } from 'pino';
import { prettyFactory } from 'pino-pretty';

type LogRecord = Record<string, unknown>;

/** Fields pino-pretty prints itself, and ours that say nothing to a person reading along. */
const HIDDEN = new Set(['level', 'time', 'msg', 'service', 'event']);

const sentences: Record<string, (r: LogRecord) => string | undefined> = {
  'simulator.start': (r) =>
    `No HALO_API_URL: embedded Halo simulator on ${r.url} (subscription key: ${r.simulatorKey}; control API: ${r.controlUrl}; synthetic data only)`,
  start: (r) =>
    `GraphQL API on ${r.url}/graphql${r.graphiql ? ' (GraphiQL in a browser)' : ''}` +
    (r.authMode === 'open' && r.writes ? '; NON_QUERY writes are ENABLED' : ''),
  auth: (r) =>
    r.authMode === 'open'
      ? 'client auth is OFF: development only (no CLIENT_KEYS, CLIENT_KEYS_FILE or JWT_* set; every caller may use every site)'
      : `Client auth: ${[r.apiKeys ? `${r.apiKeys} API key${r.apiKeys === 1 ? '' : 's'}` : '', r.jwt ? 'JWT' : ''].filter(Boolean).join(' and ')}`,
  subscriptions: (r) =>
    `Subscriptions: graphql-ws on ${r.wsUrl} and SSE; ` +
    `${r.redis ? 'shared between replicas through Redis' : 'in this process (no REDIS_URL)'}; ` +
    `webhooks ${r.webhooks ? `on ${r.url}/webhooks/halo` : 'off (no HALO_WEBHOOK_SECRET)'}`,
  tracing: (r) =>
    `Tracing: OpenTelemetry spans to ${r.url}` +
    (typeof r.sampleRatio === 'number' ? ` (sampling ${r.sampleRatio * 100}% of traces)` : ''),
  stop: (r) => `${r.signal}: shutting down (${r.signal === 'SIGINT' ? 'Ctrl-C' : 'the signal'} again exits at once)`,
  stopped: (r) => `stopped (${r.durationMs} ms)`,
  'stop.forced': (r) => `${r.signal} again: exiting at once`,
  operation: (r) =>
    r.operationType === undefined || r.durationMs === undefined
      ? undefined
      : `${r.operationType} ${r.operationName ?? '(anonymous)'}: ${r.durationMs} ms over ${r.transport}` +
        (r.clientId ? ` for ${r.clientId}` : '') +
        (Array.isArray(r.codes) && r.codes.length > 0 ? `, errors ${r.codes.join(', ')}` : '') +
        ` [${r.requestId}]`,
};

/** One line for `record`: a sentence for the events above, else the message and `key=value` fields. */
export function readableMessage(record: LogRecord): string {
  const sentence = typeof record.event === 'string' ? sentences[record.event]?.(record) : undefined;
  if (sentence !== undefined) return sentence;
  const fields = Object.entries(record)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`);
  return [String(record.msg ?? record.event ?? ''), ...fields].join(' ');
}

/** A pino destination writing each JSON record to `out` as one readable line. */
export function readableLines(out: DestinationStream): DestinationStream {
  const prettify = prettyFactory({
    hideObject: true,
    translateTime: 'SYS:HH:MM:ss.l',
    messageFormat: (log) => readableMessage(log),
  });
  return { write: (line: string) => out.write(prettify(line)) };
}
