"use client";

import { useState } from "react";
import { useT } from "../../_i18n/provider";
import { groupInFours } from "../../_lib/format";

function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value === undefined || value === null ? "" : JSON.stringify(value);
}

/** The full business data, after the requester confirmed the code. Rendered as text only. */
export function BusinessDataView({ data }: { data: Record<string, unknown> }) {
  const t = useT();
  switch (data.type) {
    case "BANK_ACCOUNT":
      return (
        <dl className="data-list" data-testid="business-data">
          <dt>{t("session.holder")}</dt>
          <dd>{text(data.holderName)}</dd>
          <dt>{t("session.bank")}</dt>
          <dd>{text(data.bankName)}</dd>
          <dt>{t("session.accountNumber")}</dt>
          <dd>
            <span className="mono" data-testid="full-account-number" data-value={text(data.accountNumber)}>
              {groupInFours(text(data.accountNumber))}
            </span>{" "}
            <CopyButton value={text(data.accountNumber)} label={t("session.accountNumber")} />
          </dd>
        </dl>
      );
    case "ORDER":
      return (
        <dl className="data-list" data-testid="business-data">
          <dt>{t("session.orderReference")}</dt>
          <dd className="mono">
            {text(data.orderReference)} <CopyButton value={text(data.orderReference)} label={t("session.orderReference")} />
          </dd>
          <dt>{t("session.items")}</dt>
          <dd>
            <ul>{Array.isArray(data.items) ? data.items.map((item, i) => <li key={i}>{text(item)}</li>) : null}</ul>
          </dd>
          <dt>{t("payment.amount")}</dt>
          <dd>
            {text(data.amount)} {text(data.currency)}
          </dd>
        </dl>
      );
    case "PAYMENT_CONFIRMATION":
      return (
        <dl className="data-list" data-testid="business-data">
          <dt>{t("session.paymentReference")}</dt>
          <dd className="mono">
            {text(data.paymentReference)} <CopyButton value={text(data.paymentReference)} label={t("session.paymentReference")} />
          </dd>
          <dt>{t("payment.amount")}</dt>
          <dd>
            {text(data.amount)} {text(data.currency)}
          </dd>
          <dt>{t("payment.payer")}</dt>
          <dd>{text(data.payer)}</dd>
        </dl>
      );
    default:
      return <p className="muted">{t("session.unknownType")}</p>;
  }
}

function CopyButton({ value, label }: { value: string; label: string }) {
  const t = useT();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      className="button secondary"
      aria-label={t("session.copyLabel", { what: label })}
      data-testid="copy-button"
      onClick={() =>
        void navigator.clipboard.writeText(value).then(
          () => setState("copied"),
          () => setState("failed"),
        )
      }
    >
      {state === "copied" ? t("session.copied") : state === "failed" ? t("session.copyFailed") : t("session.copy")}
    </button>
  );
}
