import { describe, expect, it } from "vitest";
import { addHistoryEntry, HISTORY_LIMIT, type HistoryEntry, historyKey, isHistoryKey, outcomeOf, parseHistory } from "./exchange-history";

const entry = (n: number, overrides: Partial<HistoryEntry> = {}): HistoryEntry => ({
  requestId: `req${n}`,
  type: "BANK_ACCOUNT",
  counterparty: `Desk ${n}`,
  at: 1_800_000_000_000 + n * 1000,
  outcome: "completed",
  ...overrides,
});

describe("addHistoryEntry", () => {
  it("puts the newest first", () => {
    const list = addHistoryEntry(addHistoryEntry([], entry(1)), entry(2));
    expect(list.map((e) => e.requestId)).toEqual(["req2", "req1"]);
  });

  it(`keeps the last ${HISTORY_LIMIT} and drops the oldest`, () => {
    let list: HistoryEntry[] = [];
    for (let n = 1; n <= HISTORY_LIMIT + 7; n++) list = addHistoryEntry(list, entry(n));
    expect(list).toHaveLength(HISTORY_LIMIT);
    expect(list[0]?.requestId).toBe(`req${HISTORY_LIMIT + 7}`);
    expect(list.at(-1)?.requestId).toBe("req8");
    expect(addHistoryEntry(list.slice(0, 3), entry(99), 2).map((e) => e.requestId)).toEqual(["req99", `req${HISTORY_LIMIT + 7}`]);
  });

  it("keeps the first entry of an ending: a replayed closed session neither doubles nor moves it", () => {
    const list = addHistoryEntry([entry(2), entry(1)], entry(1, { at: 1_900_000_000_000 }));
    expect(list).toEqual([entry(2), entry(1)]);
  });

  it("lists a request twice when it ended twice for this side: released, then picked again and refused", () => {
    const released = entry(1, { outcome: "released" });
    const refused = entry(1, { outcome: "refused", at: released.at + 60_000 });
    expect(addHistoryEntry([released], refused)).toEqual([refused, released]);
  });
});

describe("parseHistory", () => {
  it("reads back what was stored", () => {
    const list = [entry(2), entry(1, { counterparty: null, outcome: "expired", type: "ORDER" })];
    expect(parseHistory(JSON.stringify(list))).toEqual(list);
  });

  it.each([
    ["nothing stored", null],
    ["an empty string", ""],
    ["broken JSON", "[{"],
    ["an object, not a list", JSON.stringify({ requestId: "req1" })],
    ["a number", "42"],
  ])("gives an empty list for %s", (_, raw) => {
    expect(parseHistory(raw)).toEqual([]);
  });

  it("drops entries of the wrong shape and keeps the good ones", () => {
    const raw = JSON.stringify([
      entry(3),
      { ...entry(2), outcome: "exploded" },
      { ...entry(1), type: "IBAN" },
      { ...entry(4), at: -1 },
      "req5",
      null,
      entry(6),
    ]);
    expect(parseHistory(raw).map((e) => e.requestId)).toEqual(["req3", "req6"]);
  });

  it("keeps nothing but its own fields: data smuggled into an entry is not read back", () => {
    const [read] = parseHistory(JSON.stringify([{ ...entry(1), accountNumber: "GB82WEST12345698765432", code: "123456" }]));
    expect(read).toEqual(entry(1));
  });
});

describe("outcomeOf", () => {
  it.each([
    ["done", "completed"],
    ["refused", "refused"],
    ["cancelled", "cancelled"],
    ["expired", "expired"],
    ["abandoned", "expired"],
  ] as const)("a session closed as %s ended %s", (phase, outcome) => {
    expect(outcomeOf({ closed: true, phase })).toBe(outcome);
  });

  it("says nothing of a session still going", () => {
    expect(outcomeOf({ closed: false, phase: "done" })).toBeNull();
    expect(outcomeOf({ closed: false, phase: "paired" })).toBeNull();
  });
});

describe("historyKey", () => {
  it("keeps each side and account apart, and every list is found for sign-out", () => {
    const keys = [historyKey("requester", "u1"), historyKey("processor", "u1"), historyKey("requester", "u2")];
    expect(new Set(keys).size).toBe(3);
    expect(keys.every(isHistoryKey)).toBe(true);
    expect(isHistoryKey("nx-wallet:u1")).toBe(false);
  });
});
