"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { ConnectionNote } from "../_components/connection-note";
import { Countdown } from "../_components/countdown";
import { FormAlert } from "../_components/field";
import { apiError } from "../_lib/errors";
import { typeLabel } from "../_lib/format";
import type { SessionView } from "../_lib/session";
import { useNow } from "../_lib/use-now";
import { useSessionStream } from "../_lib/use-session";
import { PaymentAnswer } from "../_components/payment-answer";
import { useT } from "../_i18n/provider";

/** Steps 4–5 from the requester's side: waiting, the pairing and its short code, the hand-over, the answer. */
export function RequesterSession({ requestId, onNew }: { requestId: string; onNew: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { view, connection, error } = useSessionStream(requestId);
  const [actionError, setActionError] = useState<string | null>(null);
  const cancel = useMutation(trpc.request.cancel.mutationOptions());
  const confirm = useMutation(trpc.exchange.confirm.mutationOptions());
  const refuse = useMutation(trpc.exchange.refuse.mutationOptions());
  const acknowledge = useMutation(trpc.exchange.acknowledge.mutationOptions());
  const busy = cancel.isPending || confirm.isPending || refuse.isPending || acknowledge.isPending;

  // The list of my requests shows statuses: refresh it whenever this one moves on.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.request.mine.queryKey() });
  }, [view.phase, queryClient, trpc]);

  async function act(mutation: { mutateAsync: (input: { requestId: string }) => Promise<unknown> }) {
    setActionError(null);
    try {
      await mutation.mutateAsync({ requestId });
    } catch (e) {
      setActionError(apiError(e, t).message);
    }
  }

  return (
    <section className="card" aria-labelledby="session-heading" data-testid="requester-session" data-phase={view.phase}>
      <div role="status" aria-live="polite" data-testid="request-status">
        <StatusBody view={view} />
      </div>
      {error ? <FormAlert message={`The live status stopped: ${error.message}`} /> : null}
      <FormAlert message={actionError} testId="action-error" />

      {view.phase === "waiting" ? (
        <div className="row">
          <button type="button" className="button danger" disabled={busy} onClick={() => void act(cancel)} data-testid="cancel-request">
            {cancel.isPending ? "Cancelling…" : "Cancel request"}
          </button>
        </div>
      ) : null}

      {view.phase === "paired" ? (
        <div className="row">
          <button type="button" className="button" disabled={busy} onClick={() => void act(confirm)} data-testid="confirm-code">
            {confirm.isPending ? "Handing over…" : "The codes match — hand over"}
          </button>
          <button type="button" className="button danger" disabled={busy} onClick={() => void act(refuse)} data-testid="refuse-code">
            {refuse.isPending ? "Refusing…" : "Codes differ — refuse"}
          </button>
        </div>
      ) : null}

      {view.phase === "payment" ? (
        <div className="row">
          <button type="button" className="button" disabled={busy} onClick={() => void act(acknowledge)} data-testid="acknowledge">
            {acknowledge.isPending ? "Acknowledging…" : "Acknowledge"}
          </button>
        </div>
      ) : null}

      {view.closed || view.phase === "waiting" ? (
        <div className="row">
          <button type="button" className="button secondary" onClick={onNew} data-testid="new-request">
            {view.closed ? "Send another" : "Send another request (this one stays open)"}
          </button>
        </div>
      ) : null}

      <ConnectionNote connection={connection} what="the exchange" />
    </section>
  );
}

function StatusBody({ view }: { view: SessionView }) {
  const t = useT();
  const now = useNow(1000, view.phase === "waiting" && view.deadline !== null);
  const processor = view.processorName ?? "The processor";
  switch (view.phase) {
    case "connecting":
      return <h2 id="session-heading">Loading your request…</h2>;
    case "waiting": {
      const timeUp = view.deadline !== null && view.deadline.getTime() <= now;
      return (
        <>
          <h2 id="session-heading">{timeUp ? "Time is up" : "Waiting for someone nearby to pick you"}</h2>
          <p>
            {view.type ? typeLabel(t, view.type) : "Request"}
            {view.preview ? <> · <span className="mono">{view.preview}</span></> : null}
          </p>
          {view.deadline ? (
            <p>
              {timeUp ? (
                "The agreed processing time has passed."
              ) : (
                <>
                  Expires in <Countdown deadline={view.deadline} testId="request-countdown" />
                </>
              )}
            </p>
          ) : (
            <p className="muted">No time limit: it stays open until someone picks you or you cancel.</p>
          )}
        </>
      );
    }
    case "paired":
      return (
        <>
          <h2 id="session-heading" data-testid="paired-heading">
            {processor} selected you
          </h2>
          <p>Check that their screen shows the same code before you hand anything over:</p>
          <p className="short-code" data-testid="short-code" aria-label={`Short code ${view.code?.split("").join(" ") ?? ""}`}>
            {view.code ?? "……"}
          </p>
        </>
      );
    case "handed_over":
      return (
        <>
          <h2 id="session-heading">Handed over to {processor}</h2>
          <p>Your details reached {processor}. Waiting for their payment confirmation…</p>
        </>
      );
    case "payment":
      return (
        <>
          <h2 id="session-heading" data-testid="payment-heading">
            Payment confirmation received
          </h2>
          {view.answer ? <PaymentAnswer answer={view.answer} testId="payment-answer" /> : null}
          <p>Acknowledge it once you have checked it.</p>
        </>
      );
    case "done":
      return (
        <div className="alert success">
          <h2 id="session-heading" data-testid="done-heading">
            Done
          </h2>
          <p>The exchange with {processor} is complete.</p>
          {view.answer ? (
            <p className="small">
              Payment {view.answer.paymentReference}: {view.answer.amount} {view.answer.currency} from {view.answer.payer}
            </p>
          ) : null}
        </div>
      );
    case "refused":
      return (
        <div className="alert warning">
          <h2 id="session-heading">Refused</h2>
          <p>You refused the pairing. Nothing was handed over.</p>
        </div>
      );
    case "cancelled":
      return (
        <div className="alert info">
          <h2 id="session-heading">Cancelled</h2>
          <p>The request was withdrawn. Nothing was handed over.</p>
        </div>
      );
    case "expired":
      return (
        <div className="alert warning">
          <h2 id="session-heading" data-testid="expired-heading">
            Expired
          </h2>
          <p>Nobody picked you within the agreed processing time. Nothing was handed over.</p>
        </div>
      );
  }
}
