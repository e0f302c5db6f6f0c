import "server-only";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Waits for the next message, or for `ms` to pass, without dropping the
 * pending read. With nothing to time (`ms` null) it is the read itself: an
 * idle stream waits on one promise, not on a wrapper around it as well.
 */
export function nextOrTimeout<T>(pending: Promise<T>, ms: number | null, signal: AbortSignal): Promise<T | "timeout"> {
  return ms === null ? pending : raceTimeout(pending, ms, signal);
}

async function raceTimeout<T>(pending: Promise<T>, ms: number, signal: AbortSignal): Promise<T | "timeout"> {
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
