"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { formatTime, typeLabel } from "../_lib/format";
import type { MyRequest } from "../_lib/types";
import { useT, useLocale } from "../_i18n/provider";

const statusLabels: Record<string, string> = {
  OPEN: "Waiting",
  PAIRED: "In exchange",
  DONE: "Done",
  CANCELLED: "Cancelled",
  EXPIRED: "Expired",
};

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
      <h2 id="mine-heading">My requests</h2>
      {mine.isPending ? <p className="muted">Loading…</p> : null}
      {mine.isError ? <p className="field-error">Could not load your requests: {mine.error.message}</p> : null}
      {mine.data && mine.data.length === 0 ? (
        <p className="muted" data-testid="no-requests">
          Nothing sent yet.
        </p>
      ) : null}
      {mine.data && mine.data.length > 0 ? (
        <ul className="entries" data-testid="my-requests">
          {mine.data.map((r: MyRequest) => (
            <li key={r.id} data-testid="my-request">
              <div className="entry-main">
                <div className="entry-title">
                  {typeLabel(t, r.type)} <span className={badgeClass(r.status)}>{statusLabels[r.status] ?? r.status}</span>
                </div>
                <div className="entry-meta">
                  <span className="mono">{r.preview}</span> · sent {formatTime(r.createdAt, locale)}
                  {r.exchange ? <> · with {r.exchange.processor.displayName}</> : null}
                </div>
              </div>
              {r.id !== activeId ? (
                <button type="button" className="button secondary" onClick={() => onOpen(r.id)} aria-label={`Show ${typeLabel(t, r.type)} request sent ${formatTime(r.createdAt, locale)}`}>
                  Show
                </button>
              ) : (
                <span className="small muted">Shown above</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
