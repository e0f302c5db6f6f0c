import { type ExchangeState, type SessionEventType, stateAfterEvent } from "~/shared/exchange/state-machine";

/** One event of the paired session, as the `exchange.session` stream delivers it (untracked). */
export type SessionEvent = { id: number; type: string; payload: Record<string, unknown>; createdAt: Date };

export type SessionPhase = "connecting" | "waiting" | "paired" | "handed_over" | "payment" | "done" | "refused" | "cancelled" | "expired";

export interface PaymentAnswerView {
  paymentReference: string;
  amount: string;
  currency: string;
  payer: string;
}

export interface SessionView {
  phase: SessionPhase;
  /** The exchange's state by the server's own rules; null before pairing. */
  exchangeState: ExchangeState | null;
  closed: boolean;
  type: string | null;
  preview: string | null;
  deadline: Date | null;
  processorName: string | null;
  processorIdentification: string | null;
  requesterName: string | null;
  requesterIdentification: string | null;
  code: string | null;
  businessData: Record<string, unknown> | null;
  answer: PaymentAnswerView | null;
}

function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function answerOf(value: unknown): PaymentAnswerView | null {
  if (!value || typeof value !== "object") return null;
  const a = value as Record<string, unknown>;
  return {
    paymentReference: str(a.paymentReference) ?? "",
    amount: str(a.amount) ?? "",
    currency: str(a.currency) ?? "",
    payer: str(a.payer) ?? "",
  };
}

const closedPhases: Record<string, SessionPhase> = { done: "done", refused: "refused", cancelled: "cancelled", expired: "expired" };

/** Folds the session log into what the screen shows. Events must be in id order. */
export function deriveSession(events: readonly SessionEvent[]): SessionView {
  const view: SessionView = {
    phase: "connecting",
    exchangeState: null,
    closed: false,
    type: null,
    preview: null,
    deadline: null,
    processorName: null,
    processorIdentification: null,
    requesterName: null,
    requesterIdentification: null,
    code: null,
    businessData: null,
    answer: null,
  };
  for (const event of events) {
    const p = event.payload ?? {};
    view.exchangeState = stateAfterEvent(view.exchangeState, event.type as SessionEventType);
    switch (event.type) {
      case "submitted": {
        view.phase = "waiting";
        view.type = str(p.type);
        view.preview = str(p.preview);
        const deadline = str(p.deadline);
        view.deadline = deadline ? new Date(deadline) : null;
        break;
      }
      case "paired":
        view.phase = "paired";
        view.processorName = str(p.processorName);
        view.processorIdentification = str(p.processorIdentification);
        view.requesterName = str(p.requesterName);
        view.requesterIdentification = str(p.requesterIdentification);
        break;
      case "code_shown":
        view.code = str(p.code);
        break;
      case "data_handed_over":
        view.phase = "handed_over";
        view.businessData = p.businessData && typeof p.businessData === "object" ? (p.businessData as Record<string, unknown>) : null;
        break;
      case "payment_confirmation":
        view.phase = "payment";
        view.answer = answerOf(p.answer);
        break;
      case "acknowledged":
        view.phase = "done";
        break;
      case "refused":
        view.phase = "refused";
        break;
      case "cancelled":
        view.phase = "cancelled";
        break;
      case "expired":
        view.phase = "expired";
        break;
      case "closed": {
        view.closed = true;
        const reason = str(p.reason);
        if (reason && closedPhases[reason]) view.phase = closedPhases[reason];
        break;
      }
      default:
        break;
    }
  }
  return view;
}
