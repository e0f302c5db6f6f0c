import "server-only";

/**
 * The client's address as the nearest hop reports it: the right-most entry of
 * X-Forwarded-For (Next.js sets it to the socket's peer when a request comes
 * without one; a reverse proxy appends its peer). Left-hand entries are
 * whatever the client wrote, so they never key a limit.
 */
export function clientAddress(headers: { get(name: string): string | null }): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last ? last.slice(0, 64) : "unknown";
}
