"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { paymentAnswerSchema } from "~/shared/business-data/schema";
import { actionsFor, processorMaySeeFullData } from "~/shared/exchange/state-machine";
import { useTRPC } from "~/trpc/react";
import { ConnectionNote } from "../../_components/connection-note";
import { FormAlert, TextField } from "../../_components/field";
import { type FieldErrors, fieldErrors } from "~/shared/field-errors";
import { apiError, errorsUnder, firstError } from "../../_lib/errors";
import { typeLabel } from "../../_lib/format";
import type { SessionView } from "../../_lib/exchange-session";
import { useExchangeSession } from "../../_lib/use-exchange-session";
import { BusinessDataView } from "./business-data-view";
import type { ActiveSession } from "../_lib/active-session";
import { PaymentAnswer } from "../../_components/payment-answer";
import { useT } from "../../_i18n/provider";

/** Steps 4–5 from the processor's side: compare the code, receive the data, answer with a payment confirmation. */
export function ProcessorSession({ session, displayName, onBack }: { session: ActiveSession; displayName: string; onBack: () => void }) {
  const t = useT();
  const { view, connection, error } = useExchangeSession(session.requestId);
  // The session log names the requester, so a reloaded page still knows whom it deals with.
  const name = view.requesterName ?? session.entry?.displayName;
  const identification = view.requesterIdentification ?? session.entry?.identification;
  const requester = name && identification ? `${name} (${identification})` : t("session.theRequester");
  const state = view.exchangeState;

  return (
    <section className="card" aria-labelledby="psession-heading" data-testid="processor-session" data-phase={view.phase}>
      <div role="status" aria-live="polite" data-testid="processor-status">
        <Status view={view} requester={requester} />
      </div>
      {error ? <FormAlert message={error.message} /> : null}
      {view.businessData && state && processorMaySeeFullData(state) ? (
        <>
          <h3>{t("session.dataHeading")}</h3>
          <BusinessDataView data={view.businessData} />
        </>
      ) : null}
      {actionsFor(state, "processor").includes("sendPaymentConfirmation") ? (
        <PaymentForm requestId={session.requestId} view={view} displayName={displayName} />
      ) : null}
      {view.answer && (view.phase === "payment" || view.phase === "done") ? (
        <>
          <h3>{t("session.yourPayment")}</h3>
          <PaymentAnswer answer={view.answer} />
        </>
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

function Status({ view, requester }: { view: SessionView; requester: string }) {
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
          <p>{t("session.showCode")}</p>
          <p className="short-code" data-testid="short-code" aria-label={t("session.codeLabel", { code: view.code?.split("").join(" ") ?? "" })}>
            {view.code ?? "……"}
          </p>
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
    case "cancelled":
    case "expired":
      return <h2 id="psession-heading">{t("session.closed")}</h2>;
  }
}

type AnswerField = "paymentReference" | "amount" | "currency" | "payer";

function PaymentForm({ requestId, view, displayName }: { requestId: string; view: SessionView; displayName: string }) {
  const t = useT();
  const trpc = useTRPC();
  const order = view.businessData?.type === "ORDER" ? view.businessData : null;
  const [values, setValues] = useState<Record<AnswerField, string>>({
    paymentReference: "",
    amount: typeof order?.amount === "string" ? order.amount : "",
    currency: typeof order?.currency === "string" ? order.currency : "EUR",
    payer: displayName,
  });
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const send = useMutation(trpc.exchange.sendPaymentConfirmation.mutationOptions());

  const parsed = paymentAnswerSchema.safeParse(values);
  const clientErrors = parsed.success ? {} : fieldErrors(parsed.error);
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
      await send.mutateAsync({ requestId, answer: values });
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
