import { describe, expect, it } from "vitest";
import { WriteOrder } from "./write-order";

describe("WriteOrder", () => {
  it("lists the keys last written at or before a time, oldest first", () => {
    const order = new WriteOrder<string>();
    order.written("a", 1);
    order.written("b", 2);
    order.written("c", 3);
    expect(order.writtenBy(0)).toEqual([]);
    expect(order.writtenBy(2)).toEqual(["a", "b"]);
    expect(order.writtenBy(10)).toEqual(["a", "b", "c"]);
  });

  it("moves a key written again to the end, so it is no longer due", () => {
    const order = new WriteOrder<string>();
    order.written("a", 1);
    order.written("b", 2);
    order.written("a", 5);
    expect(order.writtenBy(2)).toEqual(["b"]);
    expect(order.writtenBy(5)).toEqual(["b", "a"]);
    expect([...order.keys()]).toEqual(["b", "a"]);
  });

  it("keeps the order of writes when a round writes to the due keys", () => {
    const order = new WriteOrder<string>();
    for (const [key, at] of [
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ] as const)
      order.written(key, at);
    const due = order.writtenBy(2);
    for (const key of due) order.written(key, 4);
    expect(due).toEqual(["a", "b"]);
    expect([...order.keys()]).toEqual(["c", "a", "b"]);
    expect(order.writtenBy(3)).toEqual(["c"]);
    expect(order.writtenBy(4)).toEqual(["c", "a", "b"]);
  });

  it("forgets a key", () => {
    const order = new WriteOrder<string>();
    order.written("a", 1);
    order.written("b", 2);
    order.forget("a");
    order.forget("missing");
    expect(order.writtenBy(10)).toEqual(["b"]);
    expect([...order.keys()]).toEqual(["b"]);
  });
});
