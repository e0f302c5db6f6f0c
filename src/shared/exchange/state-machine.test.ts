import { describe, expect, it } from "vitest";
import {
  actionsFor,
  type ExchangeAction,
  type ExchangeState,
  openExchangeStates,
  type Party,
  describeState,
  isClosed,
  nextStep,
  processorMaySeeFullData,
  type SessionEventType,
  stateAfterEvent,
  transition,
} from "./state-machine";

const STATES: ExchangeState[] = ["AWAITING_CONFIRMATION", "DATA_HANDED_OVER", "PAYMENT_CONFIRMED", "ACKNOWLEDGED", "REFUSED"];
const ACTIONS: ExchangeAction[] = [{ kind: "confirm" }, { kind: "refuse" }, { kind: "sendPaymentConfirmation" }, { kind: "acknowledge" }];
const PARTIES: Party[] = ["requester", "processor"];

const ALLOWED: Record<string, { next: ExchangeState; events: string[] }> = {
  "AWAITING_CONFIRMATION|confirm|requester": { next: "DATA_HANDED_OVER", events: ["confirmed", "data_handed_over"] },
  "AWAITING_CONFIRMATION|refuse|requester": { next: "REFUSED", events: ["refused", "closed"] },
  "DATA_HANDED_OVER|sendPaymentConfirmation|processor": { next: "PAYMENT_CONFIRMED", events: ["payment_confirmation"] },
  "PAYMENT_CONFIRMED|acknowledge|requester": { next: "ACKNOWLEDGED", events: ["acknowledged", "closed"] },
};

describe("transition", () => {
  it("walks the happy path", () => {
    let state: ExchangeState = "AWAITING_CONFIRMATION";
    const log: string[] = [];
    for (const [action, party] of [
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
    expect(log).toEqual(["confirmed", "data_handed_over", "payment_confirmation", "acknowledged", "closed"]);
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
    for (const state of ["ACKNOWLEDGED", "REFUSED"] as const) {
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
  it.each(STATES.map((s) => [s, s === "ACKNOWLEDGED" || s === "REFUSED"] as const))("%s → %s", (state, closed) => {
    expect(isClosed(state)).toBe(closed);
  });
});

describe("processorMaySeeFullData", () => {
  it.each([
    ["AWAITING_CONFIRMATION", false],
    ["REFUSED", false],
    ["DATA_HANDED_OVER", true],
    ["PAYMENT_CONFIRMED", true],
    ["ACKNOWLEDGED", true],
  ] as const)("%s → %s", (state, may) => {
    expect(processorMaySeeFullData(state)).toBe(may);
  });
});

describe("nextStep / describeState", () => {
  it("names who acts next", () => {
    expect(nextStep("AWAITING_CONFIRMATION")).toEqual({ party: "requester", actions: ["confirm", "refuse"] });
    expect(nextStep("DATA_HANDED_OVER")).toEqual({ party: "processor", actions: ["sendPaymentConfirmation"] });
    expect(nextStep("PAYMENT_CONFIRMED")).toEqual({ party: "requester", actions: ["acknowledge"] });
    expect(nextStep("ACKNOWLEDGED")).toBeNull();
    expect(nextStep("REFUSED")).toBeNull();
  });

  it("describes every state", () => {
    for (const state of STATES) expect(describeState(state)).toMatch(new RegExp(`^The exchange is ${state}: .+`));
  });
});

describe("openExchangeStates", () => {
  it("holds exactly the states that are not closed", () => {
    expect([...openExchangeStates]).toEqual(["AWAITING_CONFIRMATION", "DATA_HANDED_OVER", "PAYMENT_CONFIRMED"]);
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
    expect(fold(["submitted", "paired", "code_shown"])).toBe("AWAITING_CONFIRMATION");
    expect(fold(["submitted", "paired", "code_shown", "confirmed", "data_handed_over"])).toBe("DATA_HANDED_OVER");
    expect(fold(["submitted", "paired", "code_shown", "confirmed", "data_handed_over", "payment_confirmation"])).toBe("PAYMENT_CONFIRMED");
    expect(fold(["submitted", "paired", "code_shown", "confirmed", "data_handed_over", "payment_confirmation", "acknowledged", "closed"])).toBe(
      "ACKNOWLEDGED",
    );
    expect(fold(["submitted", "paired", "code_shown", "refused", "closed"])).toBe("REFUSED");
  });

  it("agrees with transition for every allowed step", () => {
    for (const [key, { next, events }] of Object.entries(ALLOWED)) {
      const from = key.split("|")[0] as ExchangeState;
      expect(events.reduce<ExchangeState | null>((state, event) => stateAfterEvent(state, event as SessionEventType), from)).toBe(next);
    }
  });
});
