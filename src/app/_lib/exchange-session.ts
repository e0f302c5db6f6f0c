import type { CloseReason, SessionEvent } from "~/shared/exchange/session-events";
import { type ExchangeState, stateAfterEvent } from "~/shared/exchange/state-machine";
import type { SealedMessage } from "~/shared/handover/protocol";

export type { SessionEvent };

export type SessionPhase =
  "connecting" | "waiting" | "paired" | "handed_over" | "payment" | "done" | "refused" | "cancelled" | "expired" | "abandoned";

/** What the session log says, folded: public protocol messages and ciphertext; the screens decrypt. */
export interface SessionView {
  phase: SessionPhase;
  /** The exchange's state by the server's own rules; null before pairing. */
  exchangeState: ExchangeState | null;
  closed: boolean;
  /** The last desk released its pairing: the request is open again (cleared when another desk pairs). */
  released: boolean;
  type: string | null;
  preview: string | null;
  deadline: Date | null;
  processorName: string | null;
  /** While the code waits for the requester's confirmation: when the pairing ends by itself (the server's PAIRING_TIMEOUT_SECONDS). */
  pairingEndsAt: Date | null;
  requesterName: string | null;
  requesterMaskedIdentification: string | null;
  /** The desk's commitment (at select), the phone's key, the desk's reveal. */
  commitment: string | null;
  requesterKey: string | null;
  processorReveal: { publicKey: string; nonce: string } | null;
  /** The data sealed to the desk, and the answer sealed to the phone; null once the session closed. */
  sealedData: SealedMessage | null;
  sealedAnswer: SealedMessage | null;
}

const closedPhases: Record<CloseReason, SessionPhase> = {
  done: "done",
  refused: "refused",
  cancelled: "cancelled",
  expired: "expired",
  abandoned: "abandoned",
};

/** Folds the session log into what the screen shows. Events must be in id order. */
export function deriveSession(events: readonly SessionEvent[]): SessionView {
  const view: SessionView = {
    phase: "connecting",
    exchangeState: null,
    closed: false,
    released: false,
    type: null,
    preview: null,
    deadline: null,
    processorName: null,
    pairingEndsAt: null,
    requesterName: null,
    requesterMaskedIdentification: null,
    commitment: null,
    requesterKey: null,
    processorReveal: null,
    sealedData: null,
    sealedAnswer: null,
  };
  for (const event of events) {
    view.exchangeState = stateAfterEvent(view.exchangeState, event.type);
    switch (event.type) {
      case "submitted":
        view.phase = "waiting";
        view.type = event.payload.type;
        view.preview = event.payload.preview;
        view.deadline = event.payload.deadline ? new Date(event.payload.deadline) : null;
        break;
      case "paired":
        view.phase = "paired";
        view.released = false;
        view.processorName = event.payload.processorName;
        view.requesterName = event.payload.requesterName;
        view.requesterMaskedIdentification = event.payload.requesterMaskedIdentification;
        view.commitment = event.payload.commitment;
        view.pairingEndsAt = event.payload.endsAt ? new Date(event.payload.endsAt) : null;
        break;
      case "requester_key":
        view.requesterKey = event.payload.publicKey;
        break;
      case "processor_key":
        view.processorReveal = event.payload;
        break;
      case "data_handed_over":
        view.phase = "handed_over";
        view.sealedData = event.payload.sealed;
        break;
      case "payment_confirmation":
        view.phase = "payment";
        view.sealedAnswer = event.payload.sealed;
        break;
      case "acknowledged":
        view.phase = "done";
        break;
      case "refused":
      case "cancelled":
      case "expired":
      case "abandoned":
        view.phase = event.type;
        break;
      case "closed":
        view.closed = true;
        view.phase = closedPhases[event.payload.reason];
        break;
      case "released":
        // Back to waiting, with nothing of that pairing kept: another desk starts afresh.
        Object.assign(view, {
          phase: "waiting",
          released: true,
          processorName: null,
          pairingEndsAt: null,
          commitment: null,
          requesterKey: null,
          processorReveal: null,
        });
        break;
      case "confirmed":
        view.pairingEndsAt = null;
        break;
    }
  }
  return view;
}
