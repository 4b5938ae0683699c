/**
 * A request body as text, or undefined once it passes `maxBytes`. Bytes are counted as they
 * arrive and reading stops at the limit: a chunked body announces no Content-Length, and
 * `request.text()` would hold all of it in memory before any size check could run.
 *
 * Past the limit the stream is left unread rather than cancelled: in Next.js a cancel destroys
 * the socket at once, so the client would see a reset instead of the answer. The caller answers
 * with `Connection: close`, and the server closes the connection once that answer is sent.
 */
export async function readBodyWithLimit(request: Request, maxBytes: number): Promise<string | undefined> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return undefined;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      reader.releaseLock();
      return undefined;
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
