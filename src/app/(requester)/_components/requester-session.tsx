"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { actionsFor } from "~/shared/exchange/state-machine";
import { keepaliveClient, useTRPC } from "~/trpc/react";
import { ConnectionNote } from "../../_components/connection-note";
import { Countdown } from "../../_components/countdown";
import { PairingCountdown } from "../../_components/pairing-countdown";
import { FormAlert } from "../../_components/field";
import { apiError } from "../../_lib/errors";
import { typeLabel } from "../../_lib/format";
import type { SessionView } from "../../_lib/exchange-session";
import { useNow } from "../../_lib/use-now";
import { useExchangeSession } from "../../_lib/use-exchange-session";
import { useRecordOnClose } from "../../_lib/use-exchange-history";
import { type HandoverStatus, useRequesterHandover } from "../../_lib/use-handover";
import type { PaymentAnswer as Answer } from "~/shared/business-data";
import { PaymentAnswer } from "../../_components/payment-answer";
import { useT } from "../../_i18n/provider";
import { useVisualTagLabel, VisualTagBadge } from "../../_components/visual-tag";
import { useWhenOnline } from "../_lib/use-online";
import { QueuedNote } from "./queued-note";

/** How long the requester may undo a cancel before it is sent. */
const CANCEL_UNDO_MS = 5000;

/** Steps 4–5 from the requester's side: waiting, the pairing and its short code, the hand-over, the answer. */
/** Waits between attempts to reopen a lost stream: 1 s, 2 s, 4 s … up to 30 s. */
function retryDelay(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** attempt);
}

export function RequesterSession({
  requestId,
  userId,
  onNew,
  onLost,
  attempt = 0,
}: {
  requestId: string;
  userId: string;
  onNew: () => void;
  /** Called when the stream stopped for a network reason: the parent opens it again. */
  onLost?: () => void;
  attempt?: number;
}) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stream = useExchangeSession(requestId);
  const { view, error } = stream;
  const handover = useRequesterHandover(requestId, view);
  useRecordOnClose("requester", userId, requestId, view, view.processorName);
  // No error code means the network, not the server, ended the stream: reopen it (when online) and say so meanwhile.
  const lost = stream.connection === "failed" && error !== null && error.code === null && onLost !== undefined;
  const connection = lost || (attempt > 0 && stream.connection === "connecting") ? "reconnecting" : stream.connection;
  useEffect(() => {
    if (!lost || !onLost) return;
    let timer: number | undefined;
    const retry = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onLost, navigator.onLine ? retryDelay(attempt) : 0);
    };
    if (navigator.onLine) retry();
    window.addEventListener("online", retry);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener("online", retry);
    };
  }, [lost, onLost, attempt]);
  const [actionError, setActionError] = useState<string | null>(null);
  const cancel = useMutation(trpc.request.cancel.mutationOptions());
  const confirm = useMutation(trpc.exchange.confirm.mutationOptions());
  const refuse = useMutation(trpc.exchange.refuse.mutationOptions());
  const acknowledge = useMutation(trpc.exchange.acknowledge.mutationOptions());
  // How many processors in range it reached (claim 2): while it waits, refreshed now and then as desks come and go.
  const reach = useQuery(
    trpc.request.reach.queryOptions({ requestId }, { enabled: view.phase === "waiting", refetchInterval: 15_000, retry: false }),
  );
  const actions = actionsFor(view.exchangeState, "requester");
  // Pressed offline, an action waits for the network (the stream reconnects meanwhile) and then goes.
  const whenOnline = useWhenOnline();
  const busy = cancel.isPending || confirm.isPending || refuse.isPending || acknowledge.isPending || whenOnline.queued;
  const cancelUndo = useCancelUndo(view.phase === "waiting", () => act(cancel), requestId);

  // The list of my requests shows statuses: refresh it whenever this one moves on.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.request.mine.queryKey() });
  }, [view.phase, queryClient, trpc]);

  async function act(mutation: { mutateAsync: (input: { requestId: string }) => Promise<unknown> }): Promise<void> {
    if (!navigator.onLine) return whenOnline.queue(() => void act(mutation));
    setActionError(null);
    try {
      await mutation.mutateAsync({ requestId });
    } catch (e) {
      setActionError(apiError(e, t).message);
    }
  }

  /** The codes match: the data, sealed to that desk alone, goes with the confirmation. */
  async function confirmCode(): Promise<void> {
    if (!navigator.onLine) return whenOnline.queue(() => void confirmCode());
    setActionError(null);
    try {
      await confirm.mutateAsync({ requestId, sealed: await handover.seal() });
    } catch (e) {
      setActionError(apiError(e, t).message);
    }
  }

  return (
    <section
      className="card"
      aria-labelledby="session-heading"
      data-testid="requester-session"
      data-phase={view.phase}
      data-handover={handover.status.kind}
      data-seal-ms={handover.sealMs === null ? undefined : handover.sealMs.toFixed(2)}
    >
      <div role="status" aria-live="polite" data-testid="request-status">
        <StatusBody view={view} reach={reach.data?.processorsInRange ?? null} handover={handover.status} answer={handover.answer} />
        {view.phase === "waiting" || view.phase === "paired" ? <OwnTag requestId={requestId} /> : null}
      </div>
      {error && !lost ? <FormAlert message={t("status.streamStopped", { message: error.message })} /> : null}
      <FormAlert message={actionError} testId="action-error" />
      {whenOnline.queued ? <QueuedNote onDrop={whenOnline.drop} testId="action-queued" /> : null}

      {view.phase === "waiting" && cancelUndo.secondsLeft !== null ? (
        <div className="alert warning row" role="status" data-testid="cancel-pending">
          <p>{t("cancel.pending", { seconds: cancelUndo.secondsLeft })}</p>
          <button type="button" className="button" onClick={cancelUndo.undo} aria-label={t("cancel.undoLabel")} data-testid="cancel-undo">
            {t("cancel.undo")}
          </button>
        </div>
      ) : view.phase === "waiting" ? (
        <div className="row">
          <button type="button" className="button danger" disabled={busy} onClick={cancelUndo.start} data-testid="cancel-request">
            {cancel.isPending ? t("status.cancelling") : t("status.cancel")}
          </button>
        </div>
      ) : null}

      {actions.includes("refuse") ? (
        <div className="row">
          {actions.includes("confirm") && handover.status.kind === "ready" ? (
            <button type="button" className="button" disabled={busy} onClick={() => void confirmCode()} data-testid="confirm-code">
              {confirm.isPending ? t("status.confirming") : t("status.confirm")}
            </button>
          ) : null}
          {/* Refusing needs no key: offered at every step before the hand-over, and on a device that cannot decrypt. */}
          {actions.includes("confirm") || handover.status.kind === "no-keys" || handover.status.kind === "failed" ? (
            <button type="button" className="button danger" disabled={busy} onClick={() => void act(refuse)} data-testid="refuse-code">
              {refuse.isPending ? t("status.refusing") : t("status.refuse")}
            </button>
          ) : null}
        </div>
      ) : null}

      {actions.includes("acknowledge") ? (
        <div className="row">
          <button type="button" className="button" disabled={busy} onClick={() => void act(acknowledge)} data-testid="acknowledge">
            {acknowledge.isPending ? t("status.acknowledging") : t("status.acknowledge")}
          </button>
        </div>
      ) : null}

      {view.closed || view.phase === "waiting" ? (
        <div className="row">
          <button type="button" className="button secondary" onClick={onNew} data-testid="new-request">
            {view.closed ? t("status.sendAnother") : t("status.sendAnotherOpen")}
          </button>
        </div>
      ) : null}

      <ConnectionNote connection={connection} what={t("status.theExchange")} />
    </section>
  );
}

/**
 * Cancel with undo rather than a confirmation dialog: one tap, and a visible
 * countdown to take it back, thumb-friendly on a phone. The cancel is sent
 * when the window passes. If the page goes away inside the window (closed,
 * reloaded, "Send another"), the decision stands: the cancel is sent at once
 * with a request that outlives the page, so a customer who pressed Cancel and
 * walked away is never left listed for the desks. Meanwhile the request is
 * still open; a desk that picks it in those seconds can be refused.
 */
function useCancelUndo(waiting: boolean, send: () => Promise<void>, requestId: string) {
  const [dueAt, setDueAt] = useState<number | null>(null);
  const now = useNow(250, dueAt !== null);
  const pending = useRef(false);
  pending.current = dueAt !== null && waiting;
  const due = useEffectEvent(() => {
    setDueAt(null);
    void send();
  });
  useEffect(() => {
    if (dueAt === null) return;
    const timer = window.setTimeout(due, Math.max(0, dueAt - Date.now()));
    return () => window.clearTimeout(timer);
  }, [dueAt]);
  useEffect(() => {
    const flush = () => {
      if (!pending.current) return;
      pending.current = false;
      void keepaliveClient()
        .request.cancel.mutate({ requestId })
        .catch(() => undefined);
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [requestId]);
  // Paired meanwhile: there is nothing left to cancel; the pairing can be refused.
  const open = dueAt !== null && waiting;
  return {
    secondsLeft: open ? Math.max(1, Math.ceil((dueAt - now) / 1000)) : null,
    start: () => setDueAt(Date.now() + CANCEL_UNDO_MS),
    undo: () => setDueAt(null),
  };
}

/** The phone's own tag while it waits, so the customer can say which look-alike they are. */
function OwnTag({ requestId }: { requestId: string }) {
  const t = useT();
  const label = useVisualTagLabel(requestId);
  return (
    <p data-testid="own-tag">
      <VisualTagBadge requestId={requestId} /> {t("tag.say", { tag: label })}
    </p>
  );
}

function StatusBody({ view, reach, handover, answer }: { view: SessionView; reach: number | null; handover: HandoverStatus; answer: Answer | null }) {
  const t = useT();
  const now = useNow(1000, (view.phase === "waiting" || view.phase === "paired") && view.deadline !== null);
  const processor = view.processorName ?? t("status.theProcessor");
  switch (view.phase) {
    case "connecting":
      return <h2 id="session-heading">{t("status.loading")}</h2>;
    case "waiting": {
      const timeUp = view.deadline !== null && view.deadline.getTime() <= now;
      return (
        <>
          {view.released && !timeUp ? (
            <div className="alert warning" role="alert" data-testid="released-notice">
              <p>{t("pairing.releasedPhone")}</p>
            </div>
          ) : null}
          <h2 id="session-heading">{timeUp ? t("status.timeUp") : t("status.waiting")}</h2>
          <p>
            {view.type ? typeLabel(t, view.type) : t("status.request")}
            {view.preview ? (
              <>
                {" "}
                · <span className="mono">{view.preview}</span>
              </>
            ) : null}
          </p>
          {reach !== null && !timeUp ? (
            <p data-testid="request-reach" data-count={reach}>
              {t("status.reach", { count: reach })}
            </p>
          ) : null}
          {view.deadline ? (
            <p>
              {timeUp ? (
                t("deadline.passed")
              ) : (
                <>
                  {t("deadline.expiresIn")} <Countdown deadline={view.deadline} testId="request-countdown" />
                </>
              )}
            </p>
          ) : (
            <p className="muted">{t("deadline.noLimit")}</p>
          )}
        </>
      );
    }
    case "paired":
      return (
        <>
          <h2 id="session-heading" data-testid="paired-heading">
            {t("status.selectedYou", { name: processor })}
          </h2>
          {handover.kind === "ready" ? (
            <>
              <p>{t("status.compareCode")}</p>
              <p className="short-code" data-testid="short-code" aria-label={t("status.shortCode", { code: handover.code.split("").join(" ") })}>
                {handover.code}
              </p>
            </>
          ) : handover.kind === "no-keys" ? (
            <p className="alert warning" data-testid="handover-other-device">
              {t("handover.otherDevice")}
            </p>
          ) : handover.kind === "failed" ? (
            <p className="alert error" data-testid="handover-failed">
              {t("handover.failed", { reason: handover.message })}
            </p>
          ) : (
            <p className="muted" data-testid="handover-keying">
              {t("handover.keying", { name: processor })}
            </p>
          )}
          {view.pairingEndsAt ? <PairingCountdown endsAt={view.pairingEndsAt} label={t("pairing.endsInPhone")} /> : null}
          {/* The request's own deadline stays in sight: it matters again if the desk lets the customer go. */}
          {view.deadline && view.deadline.getTime() > now ? (
            <p className="muted small">
              {t("pairing.requestTime")} <Countdown deadline={view.deadline} testId="request-countdown" />
            </p>
          ) : null}
        </>
      );
    case "handed_over":
      return (
        <>
          <h2 id="session-heading">{t("status.handedOver", { name: processor })}</h2>
          <p>{t("status.handedOverBody", { name: processor })}</p>
        </>
      );
    case "payment":
      return (
        <>
          <h2 id="session-heading" data-testid="payment-heading">
            {t("status.paymentReceived")}
          </h2>
          {answer ? <PaymentAnswer answer={answer} testId="payment-answer" /> : null}
          {view.sealedAnswer && handover.kind === "no-keys" ? <p className="muted">{t("handover.answerUnreadable")}</p> : null}
          <p>{t("status.acknowledgeHint")}</p>
        </>
      );
    case "done":
      return (
        <div className="alert success">
          <h2 id="session-heading" data-testid="done-heading">
            {t("status.done")}
          </h2>
          <p>{t("status.doneBody", { name: processor })}</p>
          {answer ? (
            <p className="small">
              {t("status.donePayment", {
                reference: answer.paymentReference,
                amount: answer.amount,
                currency: answer.currency,
                payer: answer.payer,
              })}
            </p>
          ) : null}
        </div>
      );
    case "refused":
      return (
        <div className="alert warning">
          <h2 id="session-heading">{t("status.refused")}</h2>
          <p>{t("status.refusedBody")}</p>
        </div>
      );
    case "cancelled":
      return (
        <div className="alert info">
          <h2 id="session-heading">{t("status.cancelled")}</h2>
          <p>{t("status.cancelledBody")}</p>
        </div>
      );
    case "expired":
      return (
        <div className="alert warning">
          <h2 id="session-heading" data-testid="expired-heading">
            {t("status.expired")}
          </h2>
          <p>{t("status.expiredBody")}</p>
        </div>
      );
    case "abandoned":
      return (
        <div className="alert warning">
          <h2 id="session-heading" data-testid="abandoned-heading">
            {t("status.expired")}
          </h2>
          <p>{t("pairing.abandonedPhone")}</p>
        </div>
      );
  }
}
