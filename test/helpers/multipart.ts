/**
 * Reads an incremental-delivery response (`multipart/mixed; boundary="-"`, as yoga sends for
 * `@defer`/`@stream`) part by part, as the parts arrive. Each part is one JSON payload.
 */
export async function* multipartPayloads(res: Response): AsyncGenerator<unknown> {
  if (!res.body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    // A part is complete when the next delimiter line has arrived. JSON never holds a raw CR LF,
    // so neither the blank line after the headers nor the delimiter can occur inside a payload.
    for (;;) {
      const headersEnd = buffer.indexOf('\r\n\r\n');
      if (headersEnd === -1) break;
      const next = buffer.indexOf('\r\n---', headersEnd);
      if (next === -1) break;
      const body = buffer.slice(headersEnd + 4, next).trim();
      buffer = buffer.slice(next + 2);
      if (body !== '') yield JSON.parse(body) as unknown;
    }
  }
}
