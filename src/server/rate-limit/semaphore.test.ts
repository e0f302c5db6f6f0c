import { describe, expect, it } from "vitest";
import { Semaphore } from "./semaphore";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("Semaphore", () => {
  it("runs at most `limit` tasks at once, the rest in the order they came", async () => {
    const semaphore = new Semaphore(2, 100, () => new Error("full"));
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    let peak = 0;
    const runs = gates.map((gate, i) =>
      semaphore.run(async () => {
        started.push(i);
        peak = Math.max(peak, semaphore.active);
        await gate.promise;
        return i;
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual([0, 1]);
    expect(semaphore.queued).toBe(3);
    gates[1]!.resolve();
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(semaphore.active).toBe(0);
  });

  it("frees the slot when a task throws", async () => {
    const semaphore = new Semaphore(1, 10, () => new Error("full"));
    await expect(semaphore.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await semaphore.run(() => Promise.resolve("next"))).toBe("next");
    expect(semaphore.active).toBe(0);
  });

  it("refuses at once when the queue is full", async () => {
    const semaphore = new Semaphore(1, 2, () => new Error("busy"));
    const gate = deferred();
    const held = [0, 1, 2].map(() => semaphore.run(() => gate.promise));
    await expect(semaphore.run(() => Promise.resolve())).rejects.toThrow("busy");
    gate.resolve();
    await Promise.all(held);
  });
});
