import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "~/env";
import { nextWithin } from "../test/harness";
import { RedisEventBus } from "./redis-bus";

// CI runs Redis on 127.0.0.1:6379: these tests fail, not skip, without it.
const url = env().REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `nx-test-${process.pid}-${randomBytes(3).toString("hex")}:`;

const opened: Array<{ close(): Promise<unknown> | void }> = [];
function bus(p = prefix) {
  const b = new RedisEventBus({ url, prefix: p });
  opened.push(b);
  return b;
}
const probe = new Redis(url);
opened.push({ close: () => probe.quit() });

afterAll(async () => {
  for (const o of opened.reverse()) await o.close();
});

async function subscribersOn(topic: string): Promise<number> {
  const [, count] = (await probe.pubsub("NUMSUB", prefix + topic)) as [string, number];
  return Number(count);
}

describe("RedisEventBus", () => {
  it("carries a message published on one instance to subscribers on another, in order, with Dates intact", async () => {
    const a = bus();
    const b = bus();
    const sub = await b.subscribe<{ n: number; at: Date }>("t1", new AbortController().signal);
    const at = new Date("2026-11-30T08:00:00.123Z");
    for (let n = 0; n < 50; n++) await a.publish("t1", { n, at });
    for (let n = 0; n < 50; n++) {
      const message = await nextWithin(sub, 2000);
      expect(message.n).toBe(n);
      expect(message.at).toBeInstanceOf(Date);
      expect(message.at.getTime()).toBe(at.getTime());
    }
  });

  it("is live when subscribe resolves: a publish right after it is never missed", async () => {
    const a = bus();
    const b = bus();
    for (let i = 0; i < 20; i++) {
      const sub = await b.subscribe<number>(`live-${i}`, new AbortController().signal);
      await a.publish(`live-${i}`, i);
      expect(await nextWithin(sub, 2000)).toBe(i);
    }
  });

  it("multiplexes: many subscriptions to one topic share a single Redis subscription, dropped with the last", async () => {
    const a = bus();
    const b = bus();
    const controllers = [1, 2, 3].map(() => new AbortController());
    const subs = await Promise.all(controllers.map((c) => b.subscribe<string>("shared", c.signal)));
    expect(await subscribersOn("shared")).toBe(1);
    await a.publish("shared", "hello");
    for (const sub of subs) expect(await nextWithin(sub, 2000)).toBe("hello");

    controllers[0]!.abort();
    expect((await subs[0]!.next()).done).toBe(true);
    expect(b.subscriberCount("shared")).toBe(2);
    expect(await subscribersOn("shared")).toBe(1);
    controllers[1]!.abort();
    controllers[2]!.abort();
    expect(b.subscriberCount()).toBe(0);
    await b.publish("other", 0); // a round trip on the bus's connections lets the UNSUBSCRIBE land
    await new Promise((r) => setTimeout(r, 50));
    expect(await subscribersOn("shared")).toBe(0);

    // Subscribing again after the last one left works.
    const again = await b.subscribe<string>("shared", new AbortController().signal);
    await a.publish("shared", "back");
    expect(await nextWithin(again, 2000)).toBe("back");
  });

  it("does not hear another prefix's messages", async () => {
    const mine = bus();
    const theirs = bus(`${prefix}other:`);
    const sub = await mine.subscribe<string>("p", new AbortController().signal);
    await theirs.publish("p", "not for you");
    await mine.publish("p", "for you");
    expect(await nextWithin(sub, 2000)).toBe("for you");
  });

  it("ends every subscription on close", async () => {
    const b = bus();
    const subs = await Promise.all(["x", "y", "x"].map((t) => b.subscribe(t, new AbortController().signal)));
    await b.close();
    for (const sub of subs) expect((await sub.next()).done).toBe(true);
  });

  it("fails its streams when the Redis connection drops, so clients resume from the database", async () => {
    const own = `${prefix}drop:`;
    const b = bus(own);
    const sub = await b.subscribe("drop", new AbortController().signal);
    const failed = expect(sub.next()).rejects.toThrow(/Lost the connection to Redis/);
    // Kill only this bus's subscriber connection: the Redis is shared with other test runs.
    const list = (await probe.call("CLIENT", "LIST", "TYPE", "pubsub")) as string;
    const line = list.split("\n").find((l) => l.includes(` name=nx${own}sub `));
    expect(line).toBeDefined();
    await probe.client("KILL", "ID", line!.match(/id=(\d+)/)![1]!);
    await failed;
    // ioredis reconnects by itself; a new subscription works again.
    const a = bus(own);
    const again = await b.subscribe<string>("drop", new AbortController().signal);
    await a.publish("drop", "after");
    expect(await nextWithin(again, 5000)).toBe("after");
  });
});
