import type { PaymentAnswerView } from "../_lib/session";

/** A payment confirmation as both parties see it. */
export function PaymentAnswer({ answer, testId }: { answer: PaymentAnswerView; testId?: string }) {
  return (
    <dl className="data-list" data-testid={testId}>
      <dt>Reference</dt>
      <dd className="mono">{answer.paymentReference}</dd>
      <dt>Amount</dt>
      <dd>
        {answer.amount} {answer.currency}
      </dd>
      <dt>Payer</dt>
      <dd>{answer.payer}</dd>
    </dl>
  );
}
