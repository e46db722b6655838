/** A body longer than the limit (declared by Content-Length, or counted while reading). */
export class BodyTooLarge extends Error {
  constructor() {
    super('body too large');
    this.name = 'BodyTooLarge';
  }
}

/**
 * Reads a whole request or response body into memory, refusing it as soon as it is known to be
 * larger than `limit` bytes: at once when `declaredLength` (a Content-Length) says so, else when
 * the bytes read pass the limit. The caller decides what to do with the rest of the stream.
 * @throws BodyTooLarge
 */
export async function readBounded(
  body: AsyncIterable<Uint8Array>,
  limit: number,
  declaredLength?: string | string[] | undefined,
): Promise<Buffer> {
  const declared = typeof declaredLength === 'string' ? Number(declaredLength) : NaN;
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}
