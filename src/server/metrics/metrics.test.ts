import { describe, expect, it } from "vitest";
import { countedStream, metricsExposition } from "./metrics";

async function openStreams(kind: string): Promise<number> {
  const { body } = await metricsExposition();
  const line = body.split("\n").find((l) => l.startsWith(`nx_open_streams{kind="${kind}"} `));
  return line ? Number(line.split(" ")[1]) : 0;
}

async function* events(count: number) {
  for (let i = 0; i < count; i++) yield i;
}

describe("countedStream", () => {
  it("counts a stream as open from its first read until it ends, by its kind", async () => {
    const stream = countedStream("test.ends", events(3));
    expect(await openStreams("test.ends")).toBe(0);
    expect(await stream.next()).toEqual({ value: 0, done: false });
    expect(await openStreams("test.ends")).toBe(1);
    const rest: number[] = [];
    for await (const event of stream) rest.push(event);
    expect(rest).toEqual([1, 2]);
    expect(await openStreams("test.ends")).toBe(0);
  });

  it("stops counting a stream its reader leaves early, and one that fails", async () => {
    const left = countedStream("test.left", events(10));
    await left.next();
    await left.return(undefined);
    expect(await openStreams("test.left")).toBe(0);

    async function* failing() {
      yield 1;
      throw new Error("lost the bus");
    }
    const failed = countedStream("test.failed", failing());
    await failed.next();
    expect(await openStreams("test.failed")).toBe(1);
    await expect(failed.next()).rejects.toThrow("lost the bus");
    expect(await openStreams("test.failed")).toBe(0);
  });
});
