import { describe, expect, it } from "vitest";
import {
  actionsFor,
  type ExchangeAction,
  type ExchangeState,
  openExchangeStates,
  type Party,
  describeState,
  isClosed,
  processorMaySeeFullData,
  type SessionEventType,
  stateAfterEvent,
  transition,
} from "./state-machine";

const STATES: ExchangeState[] = [
  "AWAITING_REQUESTER_KEY",
  "AWAITING_PROCESSOR_KEY",
  "AWAITING_CONFIRMATION",
  "DATA_HANDED_OVER",
  "PAYMENT_CONFIRMED",
  "ACKNOWLEDGED",
  "REFUSED",
  "ABANDONED",
  "RELEASED",
];
const ACTIONS: ExchangeAction[] = [
  { kind: "sendKey" },
  { kind: "revealKey" },
  { kind: "confirm" },
  { kind: "refuse" },
  { kind: "release" },
  { kind: "sendPaymentConfirmation" },
  { kind: "acknowledge" },
];
const PARTIES: Party[] = ["requester", "processor"];

const ALLOWED: Record<string, { next: ExchangeState; events: string[] }> = {
  "AWAITING_REQUESTER_KEY|sendKey|requester": { next: "AWAITING_PROCESSOR_KEY", events: ["requester_key"] },
  "AWAITING_REQUESTER_KEY|refuse|requester": { next: "REFUSED", events: ["refused", "closed"] },
  "AWAITING_PROCESSOR_KEY|revealKey|processor": { next: "AWAITING_CONFIRMATION", events: ["processor_key"] },
  "AWAITING_PROCESSOR_KEY|refuse|requester": { next: "REFUSED", events: ["refused", "closed"] },
  "AWAITING_CONFIRMATION|confirm|requester": { next: "DATA_HANDED_OVER", events: ["confirmed", "data_handed_over"] },
  "AWAITING_CONFIRMATION|refuse|requester": { next: "REFUSED", events: ["refused", "closed"] },
  "AWAITING_REQUESTER_KEY|release|processor": { next: "RELEASED", events: ["released"] },
  "AWAITING_PROCESSOR_KEY|release|processor": { next: "RELEASED", events: ["released"] },
  "AWAITING_CONFIRMATION|release|processor": { next: "RELEASED", events: ["released"] },
  "DATA_HANDED_OVER|sendPaymentConfirmation|processor": { next: "PAYMENT_CONFIRMED", events: ["payment_confirmation"] },
  "PAYMENT_CONFIRMED|acknowledge|requester": { next: "ACKNOWLEDGED", events: ["acknowledged", "closed"] },
};

describe("transition", () => {
  it("walks the happy path", () => {
    let state: ExchangeState = "AWAITING_REQUESTER_KEY";
    const log: string[] = [];
    for (const [action, party] of [
      [{ kind: "sendKey" }, "requester"],
      [{ kind: "revealKey" }, "processor"],
      [{ kind: "confirm" }, "requester"],
      [{ kind: "sendPaymentConfirmation" }, "processor"],
      [{ kind: "acknowledge" }, "requester"],
    ] as Array<[ExchangeAction, Party]>) {
      const result = transition(state, action, party);
      if (!result.ok) throw new Error(result.message);
      state = result.next;
      log.push(...result.events);
    }
    expect(state).toBe("ACKNOWLEDGED");
    expect(log).toEqual(["requester_key", "processor_key", "confirmed", "data_handed_over", "payment_confirmation", "acknowledged", "closed"]);
  });

  describe("every state × action × party", () => {
    for (const state of STATES) {
      for (const action of ACTIONS) {
        for (const party of PARTIES) {
          const key = `${state}|${action.kind}|${party}`;
          const allowed = ALLOWED[key];
          it(`${key} → ${allowed ? allowed.next : "refused"}`, () => {
            const result = transition(state, action, party);
            if (allowed) {
              expect(result).toEqual({ ok: true, ...allowed });
            } else {
              expect(result.ok).toBe(false);
              if (result.ok) return;
              // Every failure says what state it is in.
              expect(result.message).toContain(state);
              expect(result.message.length).toBeGreaterThan(30);
            }
          });
        }
      }
    }
  });

  it("reports WRONG_PARTY when the other side tries the action", () => {
    const result = transition("AWAITING_CONFIRMATION", { kind: "confirm" }, "processor");
    expect(result).toEqual({
      ok: false,
      code: "WRONG_PARTY",
      message:
        "Only the requester can confirm the short code. The exchange is AWAITING_CONFIRMATION: waiting for the requester to compare the short code on both screens and confirm or refuse.",
    });
    expect(transition("DATA_HANDED_OVER", { kind: "sendPaymentConfirmation" }, "requester")).toMatchObject({
      ok: false,
      code: "WRONG_PARTY",
    });
  });

  it("reports WRONG_STATE with what is expected", () => {
    const result = transition("AWAITING_CONFIRMATION", { kind: "sendPaymentConfirmation" }, "processor");
    expect(result).toEqual({
      ok: false,
      code: "WRONG_STATE",
      message:
        "Cannot send the payment confirmation now: it is only possible in DATA_HANDED_OVER. The exchange is AWAITING_CONFIRMATION: waiting for the requester to compare the short code on both screens and confirm or refuse.",
    });
  });

  it("cannot confirm twice or refuse after handing over", () => {
    expect(transition("DATA_HANDED_OVER", { kind: "confirm" }, "requester")).toMatchObject({ ok: false, code: "WRONG_STATE" });
    expect(transition("DATA_HANDED_OVER", { kind: "refuse" }, "requester")).toMatchObject({ ok: false, code: "WRONG_STATE" });
  });

  it("does nothing once closed", () => {
    for (const state of ["ACKNOWLEDGED", "REFUSED", "ABANDONED", "RELEASED"] as const) {
      for (const action of ACTIONS) {
        for (const party of PARTIES) {
          const result = transition(state, action, party);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.message).toContain("closed");
        }
      }
    }
  });

  it("rejects unknown actions and states from untyped callers", () => {
    expect(transition("AWAITING_CONFIRMATION", { kind: "teleport" } as unknown as ExchangeAction, "requester")).toMatchObject({
      ok: false,
      code: "WRONG_STATE",
    });
    expect(transition("BOGUS" as ExchangeState, { kind: "confirm" }, "requester")).toMatchObject({ ok: false, code: "WRONG_STATE" });
    expect(transition("AWAITING_CONFIRMATION", { kind: "toString" } as unknown as ExchangeAction, "requester")).toMatchObject({
      ok: false,
    });
  });

  it("returns a fresh events array each time", () => {
    const a = transition("AWAITING_CONFIRMATION", { kind: "confirm" }, "requester");
    if (a.ok) a.events.push("closed");
    const b = transition("AWAITING_CONFIRMATION", { kind: "confirm" }, "requester");
    expect(b).toMatchObject({ events: ["confirmed", "data_handed_over"] });
  });
});

describe("isClosed", () => {
  it.each(STATES.map((s) => [s, s === "ACKNOWLEDGED" || s === "REFUSED" || s === "ABANDONED" || s === "RELEASED"] as const))(
    "%s → %s",
    (state, closed) => {
      expect(isClosed(state)).toBe(closed);
    },
  );
});

describe("processorMaySeeFullData", () => {
  it.each([
    ["AWAITING_REQUESTER_KEY", false],
    ["AWAITING_PROCESSOR_KEY", false],
    ["AWAITING_CONFIRMATION", false],
    ["REFUSED", false],
    ["ABANDONED", false],
    ["DATA_HANDED_OVER", true],
    ["PAYMENT_CONFIRMED", true],
    ["ACKNOWLEDGED", true],
  ] as const)("%s → %s", (state, may) => {
    expect(processorMaySeeFullData(state)).toBe(may);
  });
});

describe("actionsFor / describeState", () => {
  it("names who acts next", () => {
    expect(actionsFor("AWAITING_REQUESTER_KEY", "requester")).toEqual(["sendKey", "refuse"]);
    expect(actionsFor("AWAITING_REQUESTER_KEY", "processor")).toEqual(["release"]);
    expect(actionsFor("AWAITING_PROCESSOR_KEY", "processor")).toEqual(["revealKey", "release"]);
    expect(actionsFor("AWAITING_CONFIRMATION", "processor")).toEqual(["release"]);
    expect(actionsFor("DATA_HANDED_OVER", "processor")).not.toContain("release");
    expect(actionsFor("AWAITING_PROCESSOR_KEY", "requester")).toEqual(["refuse"]);
    expect(actionsFor("AWAITING_CONFIRMATION", "requester")).toEqual(["confirm", "refuse"]);
    expect(actionsFor("DATA_HANDED_OVER", "processor")).toEqual(["sendPaymentConfirmation"]);
    expect(actionsFor("PAYMENT_CONFIRMED", "requester")).toEqual(["acknowledge"]);
    for (const state of ["ACKNOWLEDGED", "REFUSED", "ABANDONED", "RELEASED"] as const) {
      for (const party of PARTIES) expect(actionsFor(state, party)).toEqual([]);
    }
  });

  it("describes every state", () => {
    for (const state of STATES) expect(describeState(state)).toMatch(new RegExp(`^The exchange is ${state}: .+`));
  });
});

describe("openExchangeStates", () => {
  it("holds exactly the states that are not closed", () => {
    expect([...openExchangeStates]).toEqual([
      "AWAITING_REQUESTER_KEY",
      "AWAITING_PROCESSOR_KEY",
      "AWAITING_CONFIRMATION",
      "DATA_HANDED_OVER",
      "PAYMENT_CONFIRMED",
    ]);
  });
});

describe("actionsFor", () => {
  it("offers a party exactly the actions the server would accept from it now", () => {
    for (const state of STATES) {
      for (const party of PARTIES) {
        const accepted = ACTIONS.filter((action) => transition(state, action, party).ok).map((action) => action.kind);
        expect(actionsFor(state, party)).toEqual(accepted);
      }
    }
  });

  it("offers nothing before pairing", () => {
    expect(actionsFor(null, "requester")).toEqual([]);
    expect(actionsFor(null, "processor")).toEqual([]);
  });
});

describe("stateAfterEvent", () => {
  const fold = (events: SessionEventType[]) => events.reduce<ExchangeState | null>(stateAfterEvent, null);

  it("follows a log to the state the server stored", () => {
    expect(fold(["submitted"])).toBeNull();
    expect(fold(["submitted", "paired", "requester_key", "processor_key"])).toBe("AWAITING_CONFIRMATION");
    expect(fold(["submitted", "paired", "requester_key", "processor_key", "confirmed", "data_handed_over"])).toBe("DATA_HANDED_OVER");
    expect(fold(["submitted", "paired", "requester_key", "processor_key", "confirmed", "data_handed_over", "payment_confirmation"])).toBe(
      "PAYMENT_CONFIRMED",
    );
    expect(
      fold([
        "submitted",
        "paired",
        "requester_key",
        "processor_key",
        "confirmed",
        "data_handed_over",
        "payment_confirmation",
        "acknowledged",
        "closed",
      ]),
    ).toBe("ACKNOWLEDGED");
    expect(fold(["submitted", "paired", "requester_key", "processor_key", "refused", "closed"])).toBe("REFUSED");
    expect(fold(["submitted", "paired"])).toBe("AWAITING_REQUESTER_KEY");
    expect(fold(["submitted", "paired", "requester_key"])).toBe("AWAITING_PROCESSOR_KEY");
    expect(fold(["submitted", "paired", "refused", "closed"])).toBe("REFUSED");
    expect(fold(["submitted", "paired", "requester_key", "abandoned", "closed"])).toBe("ABANDONED");
    expect(fold(["submitted", "paired", "requester_key", "processor_key", "released"])).toBe("RELEASED");
    // After a release another desk may pair afresh.
    expect(fold(["submitted", "paired", "released", "paired", "requester_key"])).toBe("AWAITING_PROCESSOR_KEY");
    // A release cannot take back data already handed over.
    expect(fold(["submitted", "paired", "requester_key", "processor_key", "confirmed", "data_handed_over", "released"])).toBe("DATA_HANDED_OVER");
    // An abandon cannot take back data already handed over.
    expect(fold(["submitted", "paired", "requester_key", "processor_key", "confirmed", "data_handed_over", "abandoned"])).toBe("DATA_HANDED_OVER");
  });

  it("agrees with transition for every allowed step", () => {
    for (const [key, { next, events }] of Object.entries(ALLOWED)) {
      const from = key.split("|")[0] as ExchangeState;
      expect(events.reduce<ExchangeState | null>((state, event) => stateAfterEvent(state, event as SessionEventType), from)).toBe(next);
    }
  });
});
