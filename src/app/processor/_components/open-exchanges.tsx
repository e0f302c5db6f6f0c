"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { typeLabel } from "../../_lib/format";
import type { ActiveSession } from "./processor-desk";
import { useT } from "../../_i18n/provider";

const stateLabels = {
  AWAITING_CONFIRMATION: "waiting for the requester to confirm the code",
  DATA_HANDED_OVER: "data handed over: send the payment confirmation",
  PAYMENT_CONFIRMED: "waiting for the requester's acknowledgement",
} as const;

/** Exchanges this desk has started and not finished, so none is lost by navigating away. */
export function OpenExchanges({ onOpen }: { onOpen: (session: ActiveSession) => void }) {
  const t = useT();
  const trpc = useTRPC();
  const exchanges = useQuery(trpc.exchange.mine.queryOptions());
  if (!exchanges.data?.length) return null;
  return (
    <section className="card" aria-labelledby="open-exchanges-heading" data-testid="open-exchanges">
      <h2 id="open-exchanges-heading">Your exchanges in progress</h2>
      <ul className="entries">
        {exchanges.data.map((exchange) => (
          <li key={exchange.requestId} className="row">
            <div className="entry-main">
              <strong>
                {exchange.requesterName} · <span className="mono">{exchange.requesterIdentification}</span>
              </strong>
              <div className="entry-meta">
                {typeLabel(t, exchange.type)} · {stateLabels[exchange.state as keyof typeof stateLabels] ?? exchange.state}
              </div>
            </div>
            <button type="button" className="button secondary" onClick={() => onOpen({ requestId: exchange.requestId, entry: null })}>
              Resume
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
