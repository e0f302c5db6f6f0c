"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { paymentAnswerSchema } from "~/shared/business-data/schema";
import type { BusinessData } from "~/shared/business-data";
import { actionsFor, processorMaySeeFullData } from "~/shared/exchange/state-machine";
import { useTRPC } from "~/trpc/react";
import { deleteHandover } from "../../_lib/handover-keys";
import { VisualTagBadge } from "../../_components/visual-tag";
import { recordExchange, useRecordOnClose } from "../../_lib/use-exchange-history";
import { ConnectionNote } from "../../_components/connection-note";
import { PairingCountdown } from "../../_components/pairing-countdown";
import { FormAlert, TextField } from "../../_components/field";
import type { FieldErrors } from "~/shared/field-errors";
import { apiError, errorsUnder, firstError } from "../../_lib/errors";
import { typeLabel } from "../../_lib/format";
import type { SessionView } from "../../_lib/exchange-session";
import type { SealedMessage } from "~/shared/handover/protocol";
import { useExchangeSession } from "../../_lib/use-exchange-session";
import { type HandoverStatus, useProcessorHandover } from "../../_lib/use-handover";
import { BusinessDataView } from "./business-data-view";
import type { ActiveSession } from "../_lib/active-session";
import { PaymentAnswer } from "../../_components/payment-answer";
import { useDefaultCurrency, useT } from "../../_i18n/provider";
import { localizedFieldErrors } from "../../_i18n/problems";

/** Steps 4–5 from the processor's side: compare the code, receive the data, answer with a payment confirmation. */
export function ProcessorSession({
  session,
  userId,
  displayName,
  onBack,
}: {
  session: ActiveSession;
  userId: string;
  displayName: string;
  onBack: () => void;
}) {
  const t = useT();
  const { view, connection, error } = useExchangeSession(session.requestId);
  const handover = useProcessorHandover(session.requestId, view);
  // The session log names the requester (masked), so a reloaded page still knows whom it deals with; the
  // full identification arrives inside the sealed handover.
  const name = view.requesterName ?? session.entry?.displayName;
  const identification = handover.data?.requesterIdentification ?? view.requesterMaskedIdentification ?? session.entry?.maskedIdentification;
  const requester = name && identification ? `${name} (${identification})` : t("session.theRequester");
  // The Done screen and the history name the customer as the list did: masked, never the full identification.
  const maskedIdentification = view.requesterMaskedIdentification ?? session.entry?.maskedIdentification ?? null;
  useRecordOnClose("processor", userId, session.requestId, view, name ?? null);
  const state = view.exchangeState;
  const [sentAnswer, setSentAnswer] = useState<PaymentAnswerValue | null>(null);

  return (
    <section
      className="card"
      aria-labelledby="psession-heading"
      data-testid="processor-session"
      data-phase={view.phase}
      data-handover={handover.status.kind}
      data-open-ms={handover.openMs === null ? undefined : handover.openMs.toFixed(2)}
    >
      <div role="status" aria-live="polite" data-testid="processor-status">
        <Status view={view} requester={requester} handover={handover.status} />
      </div>
      {view.phase === "done" && name && maskedIdentification ? (
        <p data-testid="done-counterparty">
          {t("done.customer", { name, identification: maskedIdentification })} <VisualTagBadge requestId={session.requestId} />
        </p>
      ) : null}
      {view.phase === "paired" ? (
        <p data-testid="session-tag">
          <VisualTagBadge requestId={session.requestId} />
        </p>
      ) : null}
      {error ? <FormAlert message={error.message} /> : null}
      <HandoverNote status={handover.status} closed={view.closed} />
      {handover.data && state && processorMaySeeFullData(state) ? (
        <>
          <h3>{t("session.dataHeading")}</h3>
          <p data-testid="handover-from">{t("session.from", { requester })}</p>
          {!handover.data.previewMatches ? (
            <FormAlert
              tone="warning"
              message={t("handover.previewMismatch", { preview: session.entry?.preview ?? view.preview ?? "" })}
              testId="preview-mismatch"
            />
          ) : null}
          <BusinessDataView data={handover.data.businessData} />
          <p className="small muted">{t("handover.encrypted")}</p>
        </>
      ) : null}
      {actionsFor(state, "processor").includes("sendPaymentConfirmation") && handover.data ? (
        <PaymentForm
          requestId={session.requestId}
          data={handover.data.businessData}
          displayName={displayName}
          seal={handover.seal}
          onSent={setSentAnswer}
        />
      ) : null}
      {sentAnswer && (view.phase === "payment" || view.phase === "done") ? (
        <>
          <h3>{t("session.yourPayment")}</h3>
          <PaymentAnswer answer={sentAnswer} />
        </>
      ) : null}
      {actionsFor(state, "processor").includes("release") ? (
        <ReleaseButton
          requestId={session.requestId}
          onReleased={() => {
            recordExchange("processor", userId, { requestId: session.requestId, type: view.type, counterparty: name ?? null, outcome: "released" });
            onBack();
          }}
        />
      ) : null}
      <div className="row">
        <button type="button" className="button secondary" onClick={onBack} data-testid="back-to-list">
          {t("session.back")}
        </button>
      </div>
      <ConnectionNote connection={connection} what={t("session.theExchange")} />
    </section>
  );
}

/** Lets the requester go before the code was confirmed: the request goes back to every desk's list, this desk's keys are dropped. */
function ReleaseButton({ requestId, onReleased }: { requestId: string; onReleased: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const release = useMutation(trpc.exchange.release.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  async function onRelease() {
    setError(null);
    try {
      await release.mutateAsync({ requestId });
      await deleteHandover(requestId, "processor").catch(() => undefined);
      onReleased();
    } catch (caught) {
      setError(apiError(caught, t).message);
    }
  }
  return (
    <div>
      <p className="small muted">{t("pairing.releaseHint")}</p>
      {error ? <FormAlert message={error} /> : null}
      <button type="button" className="button secondary" onClick={() => void onRelease()} disabled={release.isPending} data-testid="release">
        {release.isPending ? t("pairing.releasing") : t("pairing.release")}
      </button>
    </div>
  );
}

/** Says when this desk cannot take part: the keys are on another device, or the data did not open safely. */
function HandoverNote({ status, closed }: { status: HandoverStatus; closed: boolean }) {
  const t = useT();
  if (closed) return null;
  if (status.kind === "no-keys") return <FormAlert tone="warning" message={t("handover.otherDevice")} testId="handover-other-device" />;
  if (status.kind === "failed") return <FormAlert message={t("handover.failed", { reason: status.message })} testId="handover-failed" />;
  return null;
}

function Status({ view, requester, handover }: { view: SessionView; requester: string; handover: HandoverStatus }) {
  const t = useT();
  switch (view.phase) {
    case "connecting":
      return <h2 id="psession-heading">{t("session.opening")}</h2>;
    case "waiting":
      return <h2 id="psession-heading">{t("session.notPaired")}</h2>;
    case "paired":
      return (
        <>
          <h2 id="psession-heading">{t("session.youSelected", { requester })}</h2>
          {handover.kind === "ready" ? (
            <>
              <p>{t("session.showCode")}</p>
              <p className="short-code" data-testid="short-code" aria-label={t("session.codeLabel", { code: handover.code.split("").join(" ") })}>
                {handover.code}
              </p>
            </>
          ) : handover.kind === "keying" || handover.kind === "loading" ? (
            <p className="muted" data-testid="handover-keying">
              {t("handover.keying")}
            </p>
          ) : null}
          <p className="muted">
            {view.type ? typeLabel(t, view.type) : ""}
            {view.preview ? (
              <>
                {" "}
                · <span className="mono">{view.preview}</span>
              </>
            ) : null}
          </p>
          <p className="muted">{t("session.waitingConfirm")}</p>
          {view.pairingEndsAt ? <PairingCountdown endsAt={view.pairingEndsAt} label={t("pairing.endsInDesk")} /> : null}
        </>
      );
    case "handed_over":
      return (
        <h2 id="psession-heading" data-testid="handed-over-heading">
          {t("session.confirmed")}
        </h2>
      );
    case "payment":
      return <h2 id="psession-heading">{t("session.paymentSent")}</h2>;
    case "done":
      return (
        <div className="alert success">
          <h2 id="psession-heading" data-testid="done-heading">
            {t("session.done")}
          </h2>
          <p>{t("session.doneText")}</p>
        </div>
      );
    case "refused":
      return (
        <div className="alert warning">
          <h2 id="psession-heading" data-testid="refused-heading">
            {t("session.refused")}
          </h2>
          <p>{t("session.refusedText")}</p>
        </div>
      );
    case "abandoned":
      return (
        <div className="alert warning">
          <h2 id="psession-heading" data-testid="abandoned-heading">
            {t("session.closed")}
          </h2>
          <p>{t("pairing.abandonedDesk")}</p>
        </div>
      );
    case "cancelled":
    case "expired":
      return <h2 id="psession-heading">{t("session.closed")}</h2>;
  }
}

type AnswerField = "paymentReference" | "amount" | "currency" | "payer";

type PaymentAnswerValue = Record<AnswerField, string>;

function PaymentForm({
  requestId,
  data,
  displayName,
  seal,
  onSent,
}: {
  requestId: string;
  data: BusinessData;
  displayName: string;
  seal: (answer: PaymentAnswerValue) => Promise<SealedMessage>;
  onSent: (answer: PaymentAnswerValue) => void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const order = data.type === "ORDER" ? data : null;
  const currency = useDefaultCurrency();
  const [values, setValues] = useState<PaymentAnswerValue>({
    paymentReference: "",
    amount: order?.amount ?? "",
    currency: order?.currency ?? currency,
    payer: displayName,
  });
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const send = useMutation(trpc.exchange.sendPaymentConfirmation.mutationOptions());

  const parsed = paymentAnswerSchema.safeParse(values);
  const clientErrors = parsed.success ? {} : localizedFieldErrors(t, parsed.error);
  const fromServer = errorsUnder(serverErrors, "answer");
  const error = (field: AnswerField) =>
    firstError(fromServer, field) ?? (attempted || touched.has(field) ? firstError(clientErrors, field) : undefined);

  function set(field: AnswerField, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== `answer.${field}`)));
  }
  const blur = (field: AnswerField) => () => setTouched((t) => new Set(t).add(field));

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setAttempted(true);
    setFormError(null);
    if (!parsed.success) return;
    try {
      // Sealed to the requester's phone: the server relays what it cannot read.
      await send.mutateAsync({ requestId, sealed: await seal(parsed.data) });
      onSent(parsed.data);
    } catch (e) {
      const info = apiError(e, t);
      setServerErrors(info.fieldErrors);
      setFormError(info.message);
    }
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="payment-heading" data-testid="payment-form">
      <h3 id="payment-heading">{t("session.sendHeading")}</h3>
      <TextField
        label={t("session.paymentReference")}
        value={values.paymentReference}
        onChange={(v) => set("paymentReference", v)}
        onBlur={blur("paymentReference")}
        error={error("paymentReference")}
        mono
        testId="answer-paymentReference"
      />
      <div className="grid-2">
        <TextField
          label={t("payment.amount")}
          hint={t("session.amountHint")}
          inputMode="decimal"
          value={values.amount}
          onChange={(v) => set("amount", v)}
          onBlur={blur("amount")}
          error={error("amount")}
          testId="answer-amount"
        />
        <TextField
          label={t("session.currency")}
          hint={t("session.currencyHint")}
          value={values.currency}
          onChange={(v) => set("currency", v.toUpperCase())}
          onBlur={blur("currency")}
          error={error("currency")}
          testId="answer-currency"
        />
      </div>
      <TextField
        label={t("payment.payer")}
        value={values.payer}
        onChange={(v) => set("payer", v)}
        onBlur={blur("payer")}
        error={error("payer")}
        testId="answer-payer"
      />
      <FormAlert message={formError} />
      <button type="submit" className="button" disabled={send.isPending} data-testid="send-payment" onMouseDown={(e) => e.preventDefault()}>
        {send.isPending ? t("session.sending") : t("session.sendPayment")}
      </button>
    </form>
  );
}
