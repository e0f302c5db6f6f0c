"use client";

import { useState } from "react";
import { groupInFours } from "../../_lib/format";

function text(value: unknown): string {
  return typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
}

/** The full business data, after the requester confirmed the code. Rendered as text only. */
export function BusinessDataView({ data }: { data: Record<string, unknown> }) {
  switch (data.type) {
    case "BANK_ACCOUNT":
      return (
        <dl className="data-list" data-testid="business-data">
          <dt>Account holder</dt>
          <dd>{text(data.holderName)}</dd>
          <dt>Bank</dt>
          <dd>{text(data.bankName)}</dd>
          <dt>Account number</dt>
          <dd>
            <span className="mono" data-testid="full-account-number" data-value={text(data.accountNumber)}>
              {groupInFours(text(data.accountNumber))}
            </span>{" "}
            <CopyButton value={text(data.accountNumber)} label="account number" />
          </dd>
        </dl>
      );
    case "ORDER":
      return (
        <dl className="data-list" data-testid="business-data">
          <dt>Order reference</dt>
          <dd className="mono">
            {text(data.orderReference)} <CopyButton value={text(data.orderReference)} label="order reference" />
          </dd>
          <dt>Items</dt>
          <dd>
            <ul>{Array.isArray(data.items) ? data.items.map((item, i) => <li key={i}>{text(item)}</li>) : null}</ul>
          </dd>
          <dt>Amount</dt>
          <dd>
            {text(data.amount)} {text(data.currency)}
          </dd>
        </dl>
      );
    case "PAYMENT_CONFIRMATION":
      return (
        <dl className="data-list" data-testid="business-data">
          <dt>Payment reference</dt>
          <dd className="mono">
            {text(data.paymentReference)} <CopyButton value={text(data.paymentReference)} label="payment reference" />
          </dd>
          <dt>Amount</dt>
          <dd>
            {text(data.amount)} {text(data.currency)}
          </dd>
          <dt>Payer</dt>
          <dd>{text(data.payer)}</dd>
        </dl>
      );
    default:
      return <p className="muted">Data of an unknown type was handed over.</p>;
  }
}

function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      className="button secondary"
      aria-label={`Copy ${label}`}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setState("copied");
        } catch {
          setState("failed");
        }
      }}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}
    </button>
  );
}
