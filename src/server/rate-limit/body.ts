import "server-only";
import type { IncomingMessage } from "node:http";

/** The 413 answer's body, the same on both servers' paths. */
export function tooLargeBody(maxBytes: number) {
  return { error: { message: `The request body is larger than ${maxBytes} bytes.`, code: "PAYLOAD_TOO_LARGE" } };
}

/** Reads chunks until the end, or gives up (null) once they pass `maxBytes`. */
async function readCapped(chunks: AsyncIterable<Uint8Array>, maxBytes: number, stop: () => Promise<void>): Promise<Buffer | null> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > maxBytes) {
      await stop();
      return null;
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/**
 * The request with its body read in full, or a 413 answer once the body
 * passes `maxBytes`: by its Content-Length before reading anything, else while
 * reading, so a chunked upload stops there too.
 */
export async function withCappedBody(req: Request, maxBytes: number): Promise<Request | Response> {
  if (!req.body) return req;
  const tooLarge = () => Response.json(tooLargeBody(maxBytes), { status: 413, headers: { connection: "close" } });
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) return tooLarge();
  const reader = req.body.getReader();
  const chunks = (async function* () {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  })();
  const body = await readCapped(chunks, maxBytes, () => reader.cancel());
  return body ? new Request(req, { body, duplex: "half" } as RequestInit) : tooLarge();
}

/**
 * The same cap on a node:http request (the custom server's API path): its body, or null when it passes `maxBytes`.
 * Past the cap the rest is read and dropped (for at most DRAIN_MS), so the 413 reaches a client still sending.
 */
export function readCappedBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (declared > maxBytes) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let timer: NodeJS.Timeout | undefined;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) parts.push(chunk);
      else timer ??= setTimeout(() => resolve(null), DRAIN_MS);
    });
    req.once("end", () => {
      clearTimeout(timer);
      resolve(size > maxBytes ? null : Buffer.concat(parts));
    });
    req.once("error", reject);
  });
}

const DRAIN_MS = 2000;
