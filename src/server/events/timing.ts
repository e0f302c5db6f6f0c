import "server-only";
import { setTimeout as sleep } from "node:timers/promises";

/** Waits for the next message, or for `ms` to pass, without dropping the pending read. */
export async function nextOrTimeout<T>(pending: Promise<T>, ms: number | null, signal: AbortSignal): Promise<T | "timeout"> {
  if (ms === null) return pending;
  const timer = new AbortController();
  const onAbort = () => timer.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await Promise.race([pending, sleep(ms + 1, "timeout" as const, { signal: timer.signal }).catch(() => pending)]);
  } finally {
    timer.abort();
    signal.removeEventListener("abort", onAbort);
  }
}
