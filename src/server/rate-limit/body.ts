import "server-only";

/**
 * The request with its body read in full, or a 413 answer once the body
 * passes `maxBytes`: by its Content-Length before reading anything, else while
 * reading, so a chunked upload stops there too.
 */
export async function withCappedBody(req: Request, maxBytes: number): Promise<Request | Response> {
  if (!req.body) return req;
  const tooLarge = () =>
    Response.json(
      { error: { message: `The request body is larger than ${maxBytes} bytes.`, code: "PAYLOAD_TOO_LARGE" } },
      { status: 413, headers: { connection: "close" } },
    );
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) return tooLarge();
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      return tooLarge();
    }
    parts.push(value);
  }
  return new Request(req, { body: Buffer.concat(parts), duplex: "half" } as RequestInit);
}
