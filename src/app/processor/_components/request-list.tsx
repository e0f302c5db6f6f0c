"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { type BusinessDataType, businessDataTypes } from "~/server/business-data/schema";
import { useTRPC } from "~/trpc/react";
import { ConnectionNote } from "../../_components/connection-note";
import { Countdown } from "../../_components/countdown";
import { FormAlert, SelectField } from "../../_components/field";
import { apiError } from "../../_lib/errors";
import { formatDistance, typeLabel } from "../../_lib/format";
import type { ListedRequest, Registration } from "../../_lib/types";
import { useNow } from "../../_lib/use-now";
import type { ActiveSession } from "./processor-desk";
import { useT } from "../../_i18n/provider";

type Filter = "LIVE" | BusinessDataType;

/** Reasons a select can fail, in words a cashier can act on. */
const selectFailures: Record<string, string> = {
  REQUEST_TAKEN: "Another processor was faster: this request has already been picked.",
  REQUEST_EXPIRED: "Too late: the agreed processing time of this request has passed.",
  REQUEST_CANCELLED: "The requester cancelled this request.",
};
const gone = new Set(["REQUEST_TAKEN", "REQUEST_EXPIRED", "REQUEST_CANCELLED", "REQUEST_NOT_FOUND"]);

function byDistance(a: ListedRequest, b: ListedRequest): number {
  return a.distanceMeters - b.distanceMeters || a.createdAt.getTime() - b.createdAt.getTime();
}

/**
 * Claim 2 (push): the live list of requests within the radius, nearest first.
 * Claim 4 (pull): the list of one type, asked for on demand, kept fresh by the same stream.
 */
export function RequestList({ registration, onSelected }: { registration: Registration; onSelected: (session: ActiveSession) => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [live, setLive] = useState<Map<string, ListedRequest>>(new Map());
  const [hasSnapshot, setHasSnapshot] = useState(false);
  const [dropped, setDropped] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState<Filter>("LIVE");
  const [selectError, setSelectError] = useState<string | null>(null);
  const select = useMutation(trpc.exchange.select.mutationOptions());
  const now = useNow(1000);

  const stream = useSubscription(
    trpc.list.live.subscriptionOptions(undefined, {
      onData(event) {
        setLive((prev) => {
          if (event.kind === "snapshot") return new Map(event.requests.map((r) => [r.id, r]));
          const next = new Map(prev);
          if (event.kind === "added") next.set(event.request.id, event.request);
          else next.delete(event.requestId);
          return next;
        });
        if (event.kind === "snapshot") setHasSnapshot(true);
        // The pulled list is only a snapshot: refresh it when something changes nearby.
        void queryClient.invalidateQueries({ queryKey: trpc.list.byType.pathKey() });
      },
    }),
  );
  const pulled = useQuery(trpc.list.byType.queryOptions({ type: filter === "LIVE" ? "BANK_ACCOUNT" : filter }, { enabled: filter !== "LIVE", refetchInterval: 15_000 }));

  const source = filter === "LIVE" ? [...live.values()] : (pulled.data ?? []);
  // Expired entries vanish at once, without waiting for the server's notice.
  const entries = source.filter((r) => !dropped.has(r.id) && (!r.deadline || r.deadline.getTime() > now)).sort(byDistance);

  let connection: "connecting" | "reconnecting" | "live" | "failed";
  if (stream.status === "error") connection = "failed";
  else if (stream.status === "connecting" || stream.status === "idle") connection = hasSnapshot ? "reconnecting" : "connecting";
  else connection = "live";

  async function pick(entry: ListedRequest) {
    setSelectError(null);
    try {
      const result = await select.mutateAsync({ requestId: entry.id, requesterIdentification: entry.identification });
      onSelected({ requestId: result.requestId, entry });
    } catch (error) {
      const info = apiError(error, t);
      setSelectError((info.reason && selectFailures[info.reason]) ?? info.message);
      if (info.reason && gone.has(info.reason)) setDropped((d) => new Set(d).add(entry.id));
    }
  }

  const filterOptions = [
    { value: "LIVE" as Filter, label: "Everything I process (live)" },
    ...businessDataTypes.map((dataType) => ({ value: dataType as Filter, label: `${typeLabel(t, dataType)} only` })),
  ];
  const loading = filter === "LIVE" ? !hasSnapshot : pulled.isPending;

  return (
    <section className="card" aria-labelledby="list-heading">
      <div className="row list-header">
        <h1 id="list-heading">Requesters nearby</h1>
        <div className="list-filter">
          <SelectField label="Show" value={filter} options={filterOptions} onChange={setFilter} testId="type-filter" />
        </div>
      </div>
      <ConnectionNote connection={connection === "failed" ? "failed" : connection} what="the live list" />
      {stream.status === "error" ? <FormAlert message={`The live list stopped: ${apiError(stream.error, t).message}`} /> : null}
      {filter !== "LIVE" && pulled.isError ? <FormAlert message={apiError(pulled.error, t).message} /> : null}
      <FormAlert message={selectError} testId="select-error" />

      <p className="visually-hidden" role="status" aria-live="polite">
        {loading ? "" : `${entries.length} ${entries.length === 1 ? "requester" : "requesters"} nearby`}
      </p>
      {loading ? <p className="muted">Loading…</p> : null}
      {!loading && entries.length === 0 ? (
        <p className="muted" data-testid="list-empty">
          Nobody within {formatDistance(registration.radiusMeters)} is sending right now. New requests appear here by themselves.
        </p>
      ) : null}
      {entries.length > 0 ? (
        <ul className="entries" data-testid="request-list">
          {entries.map((r) => (
            <li key={r.id} data-testid="list-entry" data-identification={r.identification}>
              <div className="entry-main">
                <div className="entry-title">
                  <span className="mono">{r.identification}</span> · {r.displayName}
                </div>
                <div className="entry-meta">
                  {typeLabel(t, r.type)} · <span className="mono">{r.preview}</span>
                </div>
                <div className="entry-meta">
                  {formatDistance(r.distanceMeters)} away
                  {r.deadline ? (
                    <>
                      {" "}
                      · expires in <Countdown deadline={r.deadline} />
                    </>
                  ) : null}
                </div>
              </div>
              <button
                type="button"
                className="button"
                disabled={select.isPending}
                onClick={() => void pick(r)}
                aria-label={`Select ${r.identification} (${r.displayName})`}
                data-testid="select-entry"
              >
                Select
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
