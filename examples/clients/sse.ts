/**
 * Server-Sent Events without a library: POST the subscription with `Accept: text/event-stream`;
 * each `next` event carries one result, `complete` ends the stream.
 */
export async function* subscribeOverSse<T>(
  apiUrl: string,
  body: { query: string; variables?: Record<string, unknown> },
  apiKey?: string,
): AsyncGenerator<{ data?: T; errors?: Array<{ message: string }> }> {
  const res = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    buffer += decoder.decode(read.value, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: ?(.*)$/m.exec(block)?.[1];
      const data = /^data: ?(.*)$/m.exec(block)?.[1];
      if (event === 'complete') {
        await reader.cancel();
        return;
      }
      if (event === 'next' && data) yield JSON.parse(data);
    }
  }
}
