import { describe, expect, it } from "vitest";
import { diffMarkers } from "./marker-diff";

const e = (id: string) => ({ id });

describe("diffMarkers", () => {
  it("adds what is new, removes what is gone and keeps the rest", () => {
    expect(diffMarkers(["a", "b", "c"], [e("b"), e("c"), e("d")])).toEqual({ added: [e("d")], removed: ["a"], kept: 2 });
  });
  it("starts from nothing and empties to nothing", () => {
    expect(diffMarkers([], [e("a"), e("b")])).toEqual({ added: [e("a"), e("b")], removed: [], kept: 0 });
    expect(diffMarkers(new Set(["a", "b"]), [])).toEqual({ added: [], removed: ["a", "b"], kept: 0 });
  });
  it("adds a duplicated id once", () => {
    expect(diffMarkers([], [e("a"), e("a")]).added).toEqual([e("a")]);
  });
  it("touches nothing when nothing changed, even for 1,000 markers", () => {
    const entries = Array.from({ length: 1000 }, (_, i) => e(`r${i}`));
    const diff = diffMarkers(
      entries.map((x) => x.id),
      entries,
    );
    expect(diff).toEqual({ added: [], removed: [], kept: 1000 });
  });
});
