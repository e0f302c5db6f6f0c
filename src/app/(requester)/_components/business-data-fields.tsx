"use client";

import type { BusinessDataType } from "~/shared/business-data/schema";
import { TextField } from "../../_components/field";
import type { Translate } from "../../_i18n/i18n";
import { useT } from "../../_i18n/provider";
import type { FieldErrors } from "~/shared/field-errors";
import type { Drafts } from "../_lib/drafts";

interface Props<T extends BusinessDataType> {
  type: T;
  draft: Drafts[T];
  onChange: (draft: Drafts[T]) => void;
  onBlur: (field: string) => void;
  /** The message to show beside each field (already filtered to what should be visible). */
  errors: Record<string, string | undefined>;
  /** True when the account number passes its check digits. */
  accountNumberValid?: boolean;
}

/** Collects the errors of one field, including list entries ("items.2" → "Item 3: …"). */
export function visibleErrors(errors: FieldErrors, show: (field: string) => boolean, t: Translate): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, messages] of Object.entries(errors)) {
    const [field, index] = key.split(".");
    if (!field || !show(field) || out[field]) continue;
    out[field] =
      index !== undefined && /^\d+$/.test(index) ? t("field.itemError", { n: Number(index) + 1, message: messages[0] ?? "" }) : messages[0];
  }
  return out;
}

export function BusinessDataFields(props: Props<BusinessDataType>) {
  switch (props.type) {
    case "BANK_ACCOUNT":
      return <BankAccountFields {...(props as Props<"BANK_ACCOUNT">)} />;
    case "ORDER":
      return <OrderFields {...(props as Props<"ORDER">)} />;
    case "PAYMENT_CONFIRMATION":
      return <PaymentFields {...(props as Props<"PAYMENT_CONFIRMATION">)} />;
  }
}

function BankAccountFields({ draft, onChange, onBlur, errors, accountNumberValid }: Props<"BANK_ACCOUNT">) {
  const t = useT();
  return (
    <>
      <TextField
        label={t("field.holderName")}
        value={draft.holderName}
        onChange={(holderName) => onChange({ ...draft, holderName })}
        onBlur={() => onBlur("holderName")}
        error={errors.holderName}
        autoComplete="name"
        testId="holderName"
      />
      <TextField
        label={t("field.bankName")}
        value={draft.bankName}
        onChange={(bankName) => onChange({ ...draft, bankName })}
        onBlur={() => onBlur("bankName")}
        error={errors.bankName}
        testId="bankName"
      />
      <TextField
        label={t("field.accountNumber")}
        hint={t("field.accountNumberHint")}
        value={draft.accountNumber}
        onChange={(accountNumber) => onChange({ ...draft, accountNumber })}
        onBlur={() => onBlur("accountNumber")}
        error={errors.accountNumber}
        autoCapitalize="characters"
        autoComplete="off"
        mono
        testId="accountNumber"
      />
      {accountNumberValid ? (
        <p className="field-ok" data-testid="accountNumber-ok">
          {t("field.checkDigitsOk")}
        </p>
      ) : null}
    </>
  );
}

function AmountCurrency({
  amount,
  currency,
  onAmount,
  onCurrency,
  onBlur,
  errors,
}: {
  amount: string;
  currency: string;
  onAmount: (v: string) => void;
  onCurrency: (v: string) => void;
  onBlur: (field: string) => void;
  errors: Record<string, string | undefined>;
}) {
  const t = useT();
  return (
    <div className="grid-2">
      <TextField
        label={t("field.amount")}
        hint={t("field.amountHint")}
        inputMode="decimal"
        value={amount}
        onChange={onAmount}
        onBlur={() => onBlur("amount")}
        error={errors.amount}
        testId="amount"
      />
      <TextField
        label={t("field.currency")}
        hint={t("field.currencyHint")}
        value={currency}
        onChange={(v) => onCurrency(v.toUpperCase())}
        onBlur={() => onBlur("currency")}
        error={errors.currency}
        autoCapitalize="characters"
        testId="currency"
      />
    </div>
  );
}

function OrderFields({ draft, onChange, onBlur, errors }: Props<"ORDER">) {
  const t = useT();
  return (
    <>
      <TextField
        label={t("field.orderReference")}
        value={draft.orderReference}
        onChange={(orderReference) => onChange({ ...draft, orderReference })}
        onBlur={() => onBlur("orderReference")}
        error={errors.orderReference}
        mono
        testId="orderReference"
      />
      <TextField
        label={t("field.items")}
        hint={t("field.itemsHint")}
        multiline
        value={draft.items}
        onChange={(items) => onChange({ ...draft, items })}
        onBlur={() => onBlur("items")}
        error={errors.items}
        testId="items"
      />
      <AmountCurrency
        amount={draft.amount}
        currency={draft.currency}
        onAmount={(amount) => onChange({ ...draft, amount })}
        onCurrency={(currency) => onChange({ ...draft, currency })}
        onBlur={onBlur}
        errors={errors}
      />
    </>
  );
}

function PaymentFields({ draft, onChange, onBlur, errors }: Props<"PAYMENT_CONFIRMATION">) {
  const t = useT();
  return (
    <>
      <TextField
        label={t("field.paymentReference")}
        value={draft.paymentReference}
        onChange={(paymentReference) => onChange({ ...draft, paymentReference })}
        onBlur={() => onBlur("paymentReference")}
        error={errors.paymentReference}
        mono
        testId="paymentReference"
      />
      <AmountCurrency
        amount={draft.amount}
        currency={draft.currency}
        onAmount={(amount) => onChange({ ...draft, amount })}
        onCurrency={(currency) => onChange({ ...draft, currency })}
        onBlur={onBlur}
        errors={errors}
      />
      <TextField
        label={t("field.payer")}
        value={draft.payer}
        onChange={(payer) => onChange({ ...draft, payer })}
        onBlur={() => onBlur("payer")}
        error={errors.payer}
        testId="payer"
      />
    </>
  );
}
