import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { nextOrTimeout } from "./timing";

/** A promise and the hands that settle it. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("nextOrTimeout", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("is the read itself when there is nothing to time", () => {
    const read = Promise.resolve(1);
    expect(nextOrTimeout(read, null, new AbortController().signal)).toBe(read);
  });

  it("answers the read when it comes first, and leaves no timer behind", async () => {
    const read = deferred<string>();
    const result = nextOrTimeout(read.promise, 60_000, new AbortController().signal);
    read.resolve("message");
    await expect(result).resolves.toBe("message");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("answers timeout once the time passed, without dropping the read", async () => {
    const read = deferred<string>();
    const result = nextOrTimeout(read.promise, 1000, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(1001);
    await expect(result).resolves.toBe("timeout");
    read.resolve("later");
    await expect(nextOrTimeout(read.promise, 1000, new AbortController().signal)).resolves.toBe("later");
  });

  it("passes a failed read on, and leaves no timer behind", async () => {
    const read = deferred<string>();
    const result = nextOrTimeout(read.promise, 60_000, new AbortController().signal);
    read.reject(new Error("consumer fell behind"));
    await expect(result).rejects.toThrow("consumer fell behind");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("clears its timer when the stream ends, and then follows the read", async () => {
    const read = deferred<string>();
    const stream = new AbortController();
    const result = nextOrTimeout(read.promise, 60_000, stream.signal);
    stream.abort();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(120_000);
    read.resolve("ended");
    await expect(result).resolves.toBe("ended");
  });

  it("waits a deadline beyond what one Node timer holds without firing early", async () => {
    const read = deferred<string>();
    const result = nextOrTimeout(read.promise, 40 * 86_400_000, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(1000);
    read.resolve("message");
    await expect(result).resolves.toBe("message");
  });
});
