import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { InProcessEventBus } from "./bus";
import { Channel } from "./channel";

describe("InProcessEventBus", () => {
  it("delivers to subscribers of the topic in order, and only from when they subscribed", async () => {
    const bus = new InProcessEventBus();
    await bus.publish("t", "before");
    const sub = await bus.subscribe<string>("t", new AbortController().signal);
    const other = await bus.subscribe<string>("u", new AbortController().signal);
    await bus.publish("t", "a");
    await bus.publish("t", "b");
    await bus.publish("u", "x");
    expect((await sub.next()).value).toBe("a");
    expect((await sub.next()).value).toBe("b");
    expect((await other.next()).value).toBe("x");
  });

  it("ends a subscription when its signal aborts, and forgets it", async () => {
    const bus = new InProcessEventBus();
    const controller = new AbortController();
    const sub = await bus.subscribe("t", controller.signal);
    const pending = sub.next();
    expect(bus.subscriberCount("t")).toBe(1);
    controller.abort();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(bus.subscriberCount()).toBe(0);
  });

  it("ends every subscription on close", async () => {
    const bus = new InProcessEventBus();
    const subs = await Promise.all([1, 2, 3].map(() => bus.subscribe("t", new AbortController().signal)));
    await bus.close();
    for (const sub of subs) expect((await sub.next()).done).toBe(true);
  });
});

describe("Channel", () => {
  it("fails a consumer that falls more than its capacity behind instead of growing", async () => {
    const channel = new Channel<number>(3);
    for (let i = 0; i < 4; i++) channel.push(i);
    await expect(channel.next()).rejects.toThrow(/fell more than 3 messages behind/);
  });

  it("hands queued items out before ending", async () => {
    const channel = new Channel<number>();
    channel.push(1);
    channel.end();
    channel.push(2);
    expect(await channel.next()).toEqual({ value: 1, done: false });
    expect((await channel.next()).done).toBe(true);
  });

  it("ends with its signal, at once when the signal has already aborted, and stops listening however it ends", async () => {
    const aborted = new AbortController();
    aborted.abort();
    expect((await new Channel<number>().endWith(aborted.signal).next()).done).toBe(true);
    expect(getEventListeners(aborted.signal, "abort")).toHaveLength(0);

    const controller = new AbortController();
    const closes: string[] = [];
    const channel = new Channel<number>(10, () => closes.push("closed")).endWith(controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    const pending = channel.next();
    controller.abort();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(closes).toEqual(["closed"]);

    // Ended by its consumer or by failing, a channel leaves no listener on a signal that lives on (a process's shutdown signal).
    const long = new AbortController();
    const returned = new Channel<number>().endWith(long.signal);
    const failed = new Channel<number>(1).endWith(long.signal);
    expect(getEventListeners(long.signal, "abort")).toHaveLength(2);
    await returned.return();
    failed.push(1);
    failed.push(2);
    expect(getEventListeners(long.signal, "abort")).toHaveLength(0);
  });
});
