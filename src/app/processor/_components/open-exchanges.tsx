"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { typeLabel } from "../../_lib/format";
import type { ActiveSession } from "../_lib/active-session";
import { useT } from "../../_i18n/provider";

const stateKeys = {
  AWAITING_REQUESTER_KEY: "exchanges.AWAITING_REQUESTER_KEY",
  AWAITING_PROCESSOR_KEY: "exchanges.AWAITING_PROCESSOR_KEY",
  AWAITING_CONFIRMATION: "exchanges.AWAITING_CONFIRMATION",
  DATA_HANDED_OVER: "exchanges.DATA_HANDED_OVER",
  PAYMENT_CONFIRMED: "exchanges.PAYMENT_CONFIRMED",
} as const;

/** Exchanges this desk has started and not finished, so none is lost by navigating away. */
export function OpenExchanges({ onOpen }: { onOpen: (session: ActiveSession) => void }) {
  const t = useT();
  const trpc = useTRPC();
  const exchanges = useQuery(trpc.exchange.mine.queryOptions());
  if (!exchanges.data?.length) return null;
  return (
    <section className="card" aria-labelledby="open-exchanges-heading" data-testid="open-exchanges">
      <h2 id="open-exchanges-heading">{t("exchanges.heading")}</h2>
      <ul className="entries">
        {exchanges.data.map((exchange) => (
          <li key={exchange.requestId} className="row">
            <div className="entry-main">
              <strong>
                {exchange.requesterName} · <span className="mono">{exchange.requesterMaskedIdentification}</span>
              </strong>
              <div className="entry-meta">
                {typeLabel(t, exchange.type)} ·{" "}
                {exchange.state in stateKeys ? t(stateKeys[exchange.state as keyof typeof stateKeys]) : exchange.state}
              </div>
            </div>
            <button type="button" className="button secondary" onClick={() => onOpen({ requestId: exchange.requestId, entry: null })}>
              {t("exchanges.resume")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
