/**
 * The paired session between one processor and one requester. The
 * requester holds the data, so the requester decides when it is handed
 * over: only after comparing the short code shown on both screens. Before
 * that the two devices agree on a key (src/shared/handover): the desk
 * committed to its key when it selected, the phone sends its key, then the
 * desk reveals its own.
 */

export type ExchangeState =
  | "AWAITING_REQUESTER_KEY"
  | "AWAITING_PROCESSOR_KEY"
  | "AWAITING_CONFIRMATION"
  | "DATA_HANDED_OVER"
  | "PAYMENT_CONFIRMED"
  | "ACKNOWLEDGED"
  | "REFUSED"
  | "ABANDONED"
  | "RELEASED";
/** A released pairing is deleted, not stored: every other state is a row's state. */
export type StoredExchangeState = Exclude<ExchangeState, "RELEASED">;
export type Party = "requester" | "processor";
export type ExchangeAction =
  | { kind: "sendKey" }
  | { kind: "revealKey" }
  | { kind: "confirm" }
  | { kind: "refuse" }
  | { kind: "release" }
  | { kind: "sendPaymentConfirmation" }
  | { kind: "acknowledge" };
export type ExchangeActionKind = ExchangeAction["kind"];

/**
 * Everything that can appear in a request's session log. "expired" closes the
 * log of a request whose deadline passed unpaired, "abandoned" a pairing left
 * unconfirmed too long, "released" a pairing the desk let go before the
 * requester confirmed (the request is open again for other desks).
 */
export type SessionEventType =
  | "submitted"
  | "paired"
  | "requester_key"
  | "processor_key"
  | "confirmed"
  | "data_handed_over"
  | "payment_confirmation"
  | "acknowledged"
  | "refused"
  | "cancelled"
  | "expired"
  | "abandoned"
  | "released"
  | "closed";

export type TransitionResult =
  { ok: true; next: ExchangeState; events: SessionEventType[] } | { ok: false; code: "WRONG_PARTY" | "WRONG_STATE"; message: string };

interface Rule {
  party: Party;
  from: readonly ExchangeState[];
  to: ExchangeState;
  events: readonly SessionEventType[];
  /** Reads after "Only the <party> can …" and "Cannot …". */
  verb: string;
}

/** Before the data is handed over the requester may refuse at any step; after, never. */
const BEFORE_HANDOVER: readonly StoredExchangeState[] = ["AWAITING_REQUESTER_KEY", "AWAITING_PROCESSOR_KEY", "AWAITING_CONFIRMATION"];

const RULES: Readonly<Record<ExchangeActionKind, Rule>> = {
  sendKey: {
    party: "requester",
    from: ["AWAITING_REQUESTER_KEY"],
    to: "AWAITING_PROCESSOR_KEY",
    events: ["requester_key"],
    verb: "send the phone's public key",
  },
  revealKey: {
    party: "processor",
    from: ["AWAITING_PROCESSOR_KEY"],
    to: "AWAITING_CONFIRMATION",
    events: ["processor_key"],
    verb: "reveal the desk's public key",
  },
  confirm: {
    party: "requester",
    from: ["AWAITING_CONFIRMATION"],
    to: "DATA_HANDED_OVER",
    events: ["confirmed", "data_handed_over"],
    verb: "confirm the short code",
  },
  refuse: {
    party: "requester",
    from: BEFORE_HANDOVER,
    to: "REFUSED",
    events: ["refused", "closed"],
    verb: "refuse the pairing",
  },
  // The desk lets the requester go before anything was handed over; the server reopens the request.
  release: {
    party: "processor",
    from: BEFORE_HANDOVER,
    to: "RELEASED",
    events: ["released"],
    verb: "release the pairing",
  },
  sendPaymentConfirmation: {
    party: "processor",
    from: ["DATA_HANDED_OVER"],
    to: "PAYMENT_CONFIRMED",
    events: ["payment_confirmation"],
    verb: "send the payment confirmation",
  },
  acknowledge: {
    party: "requester",
    from: ["PAYMENT_CONFIRMED"],
    to: "ACKNOWLEDGED",
    events: ["acknowledged", "closed"],
    verb: "acknowledge the payment confirmation",
  },
};

/** What each state is waiting for, in words shown to users. */
const WAITING_FOR: Readonly<Record<ExchangeState, string>> = {
  AWAITING_REQUESTER_KEY: "waiting for the requester's phone to send its public key",
  AWAITING_PROCESSOR_KEY: "waiting for the desk to reveal the public key it committed to",
  AWAITING_CONFIRMATION: "waiting for the requester to compare the short code on both screens and confirm or refuse",
  DATA_HANDED_OVER: "the data has been handed over; waiting for the processor to send the payment confirmation",
  PAYMENT_CONFIRMED: "waiting for the requester to acknowledge the payment confirmation",
  ACKNOWLEDGED: "the exchange is complete and closed; nothing more can be done",
  REFUSED: "the requester refused the pairing and the exchange is closed; nothing more can be done",
  ABANDONED: "the pairing was not confirmed in time and the exchange is closed; nothing more can be done",
  RELEASED: "the desk released the pairing and this exchange is closed; the request is open again for other desks",
};

function isExchangeState(value: unknown): value is ExchangeState {
  return typeof value === "string" && Object.hasOwn(WAITING_FOR, value);
}

/** The actions `party` may take now; none once the exchange is closed, or before it is paired. */
export function actionsFor(state: ExchangeState | null, party: Party): ExchangeActionKind[] {
  if (!state) return [];
  return (Object.keys(RULES) as ExchangeActionKind[]).filter((kind) => RULES[kind].party === party && RULES[kind].from.includes(state));
}

/**
 * The exchange state once `event` is read from the session log, so a screen
 * follows the same rules as the server: pairing starts the exchange, and an
 * event a rule emits from the current state moves it to that rule's target.
 */
export function stateAfterEvent(state: ExchangeState | null, event: SessionEventType): ExchangeState | null {
  if (event === "paired") return "AWAITING_REQUESTER_KEY";
  if (!state) return null;
  if (event === "abandoned") return state !== "RELEASED" && BEFORE_HANDOVER.includes(state) ? "ABANDONED" : state;
  const rule = Object.values(RULES).find((r) => r.from.includes(state) && r.events.includes(event));
  return rule ? rule.to : state;
}

/** Describes the current state and what it is waiting for, for error messages. */
export function describeState(state: ExchangeState): string {
  return `The exchange is ${state}: ${WAITING_FOR[state]}`;
}

/**
 * The one place exchange rules live. Pure: the caller persists `next` and
 * appends `events` in the same transaction, conditional on the state it read.
 */
export function transition(state: ExchangeState, action: ExchangeAction, party: Party): TransitionResult {
  const rule = Object.hasOwn(RULES, action?.kind) ? RULES[action.kind] : undefined;
  if (!rule || !isExchangeState(state)) {
    return { ok: false, code: "WRONG_STATE", message: `Unknown action or state (${String(action?.kind)} in ${String(state)})` };
  }
  // Party first: a processor can never confirm, whatever the state.
  if (party !== rule.party) {
    return {
      ok: false,
      code: "WRONG_PARTY",
      message: `Only the ${rule.party} can ${rule.verb}. ${describeState(state)}.`,
    };
  }
  if (!rule.from.includes(state)) {
    return {
      ok: false,
      code: "WRONG_STATE",
      message: `Cannot ${rule.verb} now: it is only possible in ${rule.from.join(" or ")}. ${describeState(state)}.`,
    };
  }
  return { ok: true, next: rule.to, events: [...rule.events] };
}

/** Closed exchanges accept no further actions. */
export function isClosed(state: ExchangeState): boolean {
  return state === "ACKNOWLEDGED" || state === "REFUSED" || state === "ABANDONED" || state === "RELEASED";
}

/** The states in which an exchange still waits for one of its parties. */
export const openExchangeStates: readonly StoredExchangeState[] = (Object.keys(WAITING_FOR) as StoredExchangeState[]).filter(
  (state) => !isClosed(state),
);

/** The states of a pairing not yet confirmed: the sweeper ends those left too long. */
export const unconfirmedExchangeStates = BEFORE_HANDOVER;

/**
 * Whether the processor may read the full business data. Only after the
 * requester confirmed the short code; a refused pairing never reveals it.
 */
export function processorMaySeeFullData(state: ExchangeState): boolean {
  return state === "DATA_HANDED_OVER" || state === "PAYMENT_CONFIRMED" || state === "ACKNOWLEDGED";
}
