"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { formatTime, typeLabel } from "../../_lib/format";
import type { MyRequest } from "../../_lib/types";
import type { Translate } from "../../_i18n/i18n";
import { useT, useLocale } from "../../_i18n/provider";

const statuses = ["OPEN", "PAIRED", "DONE", "CANCELLED", "EXPIRED"] as const;
function statusLabel(t: Translate, status: string): string {
  return (statuses as readonly string[]).includes(status) ? t(`mine.${status as (typeof statuses)[number]}`) : status;
}

function badgeClass(status: string): string {
  if (status === "OPEN" || status === "PAIRED") return "badge open";
  if (status === "DONE") return "badge done";
  return "badge closed";
}

/** The requester's recent requests; open ones can be followed again. */
export function MyRequests({ activeId, onOpen }: { activeId: string | null; onOpen: (id: string) => void }) {
  const t = useT();
  const [locale] = useLocale();
  const trpc = useTRPC();
  const mine = useQuery(trpc.request.mine.queryOptions(undefined, { refetchInterval: 30_000 }));
  return (
    <section className="card" aria-labelledby="mine-heading">
      <h2 id="mine-heading">{t("mine.heading")}</h2>
      {mine.isPending ? <p className="muted">{t("mine.loading")}</p> : null}
      {mine.isError ? <p className="field-error">{t("mine.error", { message: mine.error.message })}</p> : null}
      {mine.data && mine.data.length === 0 ? (
        <p className="muted" data-testid="no-requests">
          {t("mine.none")}
        </p>
      ) : null}
      {mine.data && mine.data.length > 0 ? (
        <ul className="entries" data-testid="my-requests">
          {mine.data.map((r: MyRequest) => (
            <li key={r.id} data-testid="my-request">
              <div className="entry-main">
                <div className="entry-title">
                  {typeLabel(t, r.type)} <span className={badgeClass(r.status)}>{statusLabel(t, r.status)}</span>
                </div>
                <div className="entry-meta">
                  <span className="mono">{r.preview}</span> · {t("mine.sent", { time: formatTime(r.createdAt, locale) })}
                  {r.exchange ? <> · {t("mine.with", { name: r.exchange.processor.displayName })}</> : null}
                </div>
              </div>
              {r.id !== activeId ? (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => onOpen(r.id)}
                  aria-label={t("mine.showLabel", { type: typeLabel(t, r.type), time: formatTime(r.createdAt, locale) })}
                >
                  {t("mine.show")}
                </button>
              ) : (
                <span className="small muted">{t("mine.shownAbove")}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
