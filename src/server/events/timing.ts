import "server-only";

/** Node's timers fire at once beyond this (about 24.8 days); deadlines stay far below it. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Waits for the next message, or for `ms` to pass, without dropping the
 * pending read. With nothing to time (`ms` null) it is the read itself: an
 * idle stream waits on one promise, not on a wrapper around it as well.
 */
export function nextOrTimeout<T>(pending: Promise<T>, ms: number | null, signal: AbortSignal): Promise<T | "timeout"> {
  return ms === null ? pending : raceTimeout(pending, ms, signal);
}

/**
 * A plain timer, cleared when the read wins or the stream ends. Not
 * timers/promises' sleep with an AbortController: cancelling that builds an
 * AbortError with its stack for every message a waiting stream receives, which
 * was most of a push's cost to a stream (bench/api-path.ts, part 3).
 */
function raceTimeout<T>(pending: Promise<T>, ms: number, signal: AbortSignal): Promise<T | "timeout"> {
  return new Promise<T | "timeout">((resolve, reject) => {
    const settle = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    };
    // Once the stream ends, only the read can settle this (its channel ends with the stream).
    const onAbort = () => clearTimeout(timer);
    const timer = setTimeout(
      () => {
        settle();
        resolve("timeout");
      },
      Math.min(ms + 1, LONGEST_TIMER_MS),
    );
    signal.addEventListener("abort", onAbort, { once: true });
    pending.then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: Error) => {
        settle();
        reject(error);
      },
    );
  });
}
