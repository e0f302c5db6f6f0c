import { describe, expect, it } from "vitest";
import { seededRandom } from "~/shared/testing/random";
import { RecentlyClosed, ShownRequests } from "./shown-requests";

const at = (ms: number) => new Date(ms);

describe("ShownRequests", () => {
  it("gives the time to the earliest deadline, 0 once it has passed, null when nothing expires", () => {
    const shown = new ShownRequests();
    expect(shown.nextExpiryIn(0)).toBeNull();
    shown.add("open-ended", null);
    expect(shown.nextExpiryIn(0)).toBeNull();
    shown.add("late", at(5000));
    shown.add("soon", at(2000));
    expect(shown.nextExpiryIn(1000)).toBe(1000);
    expect(shown.nextExpiryIn(2500)).toBe(0);
  });

  it("takes the expired requests earliest first and shows them no more", () => {
    const shown = new ShownRequests();
    shown.add("c", at(3000));
    shown.add("a", at(1000));
    shown.add("b", at(2000));
    shown.add("forever", null);
    expect(shown.takeExpired(2000)).toEqual(["a", "b"]);
    expect([shown.has("a"), shown.has("b"), shown.has("c"), shown.has("forever")]).toEqual([false, false, true, true]);
    expect(shown.size).toBe(2);
    expect(shown.takeExpired(2999)).toEqual([]);
    expect(shown.nextExpiryIn(2500)).toBe(500);
  });

  it("forgets a deleted request's deadline, and a re-shown one keeps only its new deadline", () => {
    const shown = new ShownRequests();
    shown.add("a", at(1000));
    shown.add("b", at(4000));
    expect(shown.delete("a")).toBe(true);
    expect(shown.delete("a")).toBe(false);
    expect(shown.nextExpiryIn(0)).toBe(4000);
    shown.add("b", at(9000));
    expect(shown.nextExpiryIn(0)).toBe(9000);
    expect(shown.takeExpired(5000)).toEqual([]);
    expect(shown.takeExpired(9000)).toEqual(["b"]);
  });

  it("answers as a scan of every shown request does, over random adds, deletes and expiries", () => {
    const random = seededRandom(17);
    const shown = new ShownRequests();
    const model = new Map<string, number | null>();
    let now = 0;
    for (let step = 0; step < 20_000; step++) {
      const id = `r${Math.floor(random() * 300)}`;
      const roll = random();
      if (roll < 0.45) {
        const deadline = random() < 0.1 ? null : now + Math.floor(random() * 10_000);
        shown.add(id, deadline === null ? null : at(deadline));
        model.set(id, deadline);
      } else if (roll < 0.8) {
        expect(shown.delete(id)).toBe(model.delete(id));
      } else {
        now += Math.floor(random() * 500);
        const expected = [...model].filter(([, d]) => d !== null && d <= now);
        expected.sort((x, y) => x[1]! - y[1]!);
        const taken = shown.takeExpired(now);
        // Equal deadlines may come in either order; each must come once, in deadline order.
        expect([...taken].sort()).toEqual(expected.map(([k]) => k).sort());
        expect(taken.map((k) => model.get(k))).toEqual(expected.map(([, d]) => d));
        for (const [k] of expected) model.delete(k);
      }
      const deadlines = [...model.values()].filter((d): d is number => d !== null);
      expect(shown.nextExpiryIn(now)).toBe(deadlines.length ? Math.max(0, Math.min(...deadlines) - now) : null);
      expect(shown.size).toBe(model.size);
    }
  });

  it("does not keep the deadlines of deleted requests without bound", () => {
    const shown = new ShownRequests();
    shown.add("kept", at(1));
    for (let i = 0; i < 10_000; i++) {
      shown.add(`r${i}`, at(1000 + i));
      shown.delete(`r${i}`);
    }
    // The heap is private; its length is what a stream holds for requests it no longer shows.
    expect((shown as unknown as { heap: unknown[] }).heap.length).toBeLessThan(100);
    expect(shown.takeExpired(1e9)).toEqual(["kept"]);
  });
});

describe("RecentlyClosed", () => {
  it("remembers a close for its time and no longer", () => {
    const closed = new RecentlyClosed(1000);
    closed.add("a", 0);
    expect(closed.has("a", 999)).toBe(true);
    expect(closed.has("a", 1000)).toBe(false);
    expect(closed.has("b", 0)).toBe(false);
  });

  it("forgets a close that a release undid, and a second close starts its time again", () => {
    const closed = new RecentlyClosed(1000);
    closed.add("a", 0);
    closed.delete("a");
    expect(closed.has("a", 1)).toBe(false);
    closed.add("a", 10);
    closed.add("b", 500);
    closed.add("a", 900);
    closed.add("c", 1600);
    expect([closed.has("a", 1600), closed.has("b", 1600), closed.has("c", 1600)]).toEqual([true, false, true]);
  });

  it("holds only the closes of its time, however many came before", () => {
    const closed = new RecentlyClosed(1000);
    for (let i = 0; i < 100_000; i++) closed.add(`r${i}`, i);
    expect(closed.size).toBe(1000);
    expect(closed.has("r98999", 99_999)).toBe(false);
    expect(closed.has("r99000", 99_999)).toBe(true);
  });
});
