/**
 * A result that arrives in parts (`@defer`, `@stream`, a subscription over HTTP) needs an `Accept`
 * that can carry increments: `multipart/mixed` or `text/event-stream`. Yoga answers a client that
 * accepts only JSON with a bare 406; this answers the same 406 with a body that says which Accept
 * to send, and ends the execution it will not deliver.
 */
import type { Plugin } from 'graphql-yoga';
import { apiError } from '../errors/api-errors.js';

/** The incremental media types, in the order a client should prefer them. */
const INCREMENTAL = ['multipart/mixed', 'text/event-stream'] as const;

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/** The yoga plugin (after yoga's own result processors, which it completes). */
export function useIncrementalAccept(): Plugin {
  return {
    onResultProcess({ result, resultProcessor, acceptableMediaTypes, setResultProcessor }) {
      if (resultProcessor || !isAsyncIterable(result)) return;
      // Yoga lists what its processors could have sent for this result: SSE only for a subscription.
      const offered = INCREMENTAL.filter((type) => acceptableMediaTypes.includes(type));
      const accept = offered.length > 0 ? offered : [...INCREMENTAL];
      const subscription = !offered.includes('multipart/mixed');
      const error = apiError(
        'NOT_ACCEPTABLE',
        subscription
          ? 'A subscription sends several results: send it with Accept: text/event-stream, or over graphql-ws.'
          : `This operation's result arrives in parts (@defer or @stream): send Accept: ${accept.join(' or ')}.`,
        { accept },
      );
      setResultProcessor((incremental, fetchAPI) => {
        // Nothing will read the rest: stop the execution (and its upstream calls).
        void (incremental as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
        return new fetchAPI.Response(JSON.stringify({ errors: [error.toJSON()] }), {
          status: 406,
          headers: { 'content-type': 'application/json; charset=utf-8', accept: accept.join(', ') },
        });
      }, 'application/json');
    },
  };
}
