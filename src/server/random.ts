import "server-only";
import { randomFillSync } from "node:crypto";

/**
 * Random strings for what every request draws (a CSP nonce, a request's
 * identification handle), cut from 4 KiB of the CSPRNG filled at once, as
 * Node's randomUUID does: a randomBytes call per request is a native job of
 * its own. Each slice is handed out once and wiped.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

export function randomString(bytes: number, encoding: "base64" | "base64url"): string {
  if (bytes > POOL_BYTES) throw new RangeError(`At most ${POOL_BYTES} random bytes at once.`);
  if (used + bytes > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const value = pool.toString(encoding, used, used + bytes);
  pool.fill(0, used, used + bytes);
  used += bytes;
  return value;
}
