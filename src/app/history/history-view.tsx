"use client";

import type { AccountRole } from "~/shared/account-role";
import { useLocale, useT } from "../_i18n/provider";
import { historyEntryKey, type HistorySide } from "../_lib/exchange-history";
import { typeLabel } from "../_lib/format";
import { useExchangeHistory } from "../_lib/use-exchange-history";

/** Both of the device's lists, the account's own side first; the other side shows only once it has something. */
export function HistoryView({ userId, role }: { userId: string; role: AccountRole }) {
  const t = useT();
  const sides: HistorySide[] = role === "DESK" ? ["processor", "requester"] : ["requester", "processor"];
  return (
    <section className="card" aria-labelledby="history-heading" data-testid="history">
      <h1 id="history-heading">{t("history.title")}</h1>
      <p className="muted">{t("history.intro")}</p>
      {sides.map((side, i) => (
        <HistorySection key={side} side={side} userId={userId} always={i === 0} />
      ))}
    </section>
  );
}

function HistorySection({ side, userId, always }: { side: HistorySide; userId: string; always: boolean }) {
  const t = useT();
  const [locale] = useLocale();
  const entries = useExchangeHistory(side, userId);
  if (!always && entries.length === 0) return null;
  const headingId = `history-${side}`;
  return (
    <section aria-labelledby={headingId} data-testid={`history-${side}`}>
      <h2 id={headingId}>{side === "requester" ? t("history.sent") : t("history.received")}</h2>
      {entries.length === 0 ? (
        <p className="muted" data-testid="history-empty">
          {t("history.empty")}
        </p>
      ) : (
        <ul className="history-list">
          {entries.map((entry) => (
            <li key={historyEntryKey(entry)} data-testid="history-entry" data-outcome={entry.outcome}>
              <span>
                {entry.counterparty
                  ? t("history.row", { type: typeLabel(t, entry.type), name: entry.counterparty, outcome: t(`history.outcome.${entry.outcome}`) })
                  : t("history.rowAlone", { type: typeLabel(t, entry.type), outcome: t(`history.outcome.${entry.outcome}`) })}
              </span>
              <time className="small muted" dateTime={new Date(entry.at).toISOString()}>
                {new Date(entry.at).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" })}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
