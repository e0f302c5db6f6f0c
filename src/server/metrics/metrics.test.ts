import { describe, expect, it } from "vitest";
import { metricsExposition, streamOpened } from "./metrics";

async function openStreams(kind: string): Promise<number> {
  const { body } = await metricsExposition();
  const line = body.split("\n").find((l) => l.startsWith(`nx_open_streams{kind="${kind}"} `));
  return line ? Number(line.split(" ")[1]) : 0;
}

describe("streamOpened", () => {
  it("counts a stream as open until it is closed, once, by its kind", async () => {
    expect(await openStreams("test.kind")).toBe(0);
    const first = streamOpened("test.kind");
    const second = streamOpened("test.kind");
    expect(await openStreams("test.kind")).toBe(2);
    expect(await openStreams("test.other")).toBe(0);
    first();
    first();
    expect(await openStreams("test.kind")).toBe(1);
    second();
    expect(await openStreams("test.kind")).toBe(0);
  });
});
