"use client";

import { useT } from "../_i18n/provider";
import type { PaymentAnswer as PaymentAnswerView } from "~/shared/business-data";

/** A payment confirmation as both parties see it. */
export function PaymentAnswer({ answer, testId }: { answer: PaymentAnswerView; testId?: string }) {
  const t = useT();
  return (
    <dl className="data-list" data-testid={testId}>
      <dt>{t("payment.reference")}</dt>
      <dd className="mono">{answer.paymentReference}</dd>
      <dt>{t("payment.amount")}</dt>
      <dd>
        {answer.amount} {answer.currency}
      </dd>
      <dt>{t("payment.payer")}</dt>
      <dd>{answer.payer}</dd>
    </dl>
  );
}
