import { describe, expect, it } from "vitest";
import { nearestFirst, visibleEntries } from "./entries";

const at = (id: string, distanceMeters: number, createdAt = 0, deadline: number | null = null) => ({
  id,
  distanceMeters,
  createdAt: new Date(createdAt),
  deadline: deadline === null ? null : new Date(deadline),
});

describe("nearestFirst", () => {
  it("orders by distance, then by who waits longest, then by id", () => {
    const sorted = nearestFirst([at("c", 300), at("b", 100, 5), at("a", 100, 5), at("d", 100, 1)]);
    expect(sorted.map((e) => e.id)).toEqual(["d", "a", "b", "c"]);
  });
  it("does not mutate its input", () => {
    const input = [at("b", 2), at("a", 1)];
    nearestFirst(input);
    expect(input.map((e) => e.id)).toEqual(["b", "a"]);
  });
});

describe("visibleEntries", () => {
  it("drops what a failed select removed and what is past its deadline, at the deadline itself too", () => {
    const entries = [at("open", 50), at("late", 10, 0, 1000), at("due", 20, 0, 2000), at("taken", 5)];
    expect(visibleEntries(entries, new Set(["taken"]), 2000).map((e) => e.id)).toEqual(["open"]);
    expect(visibleEntries(entries, new Set(), 1999).map((e) => e.id)).toEqual(["taken", "due", "open"]);
  });
});
