"use client";

import "../processor.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type DeskKeys, newDeskKeys } from "~/shared/handover/parties";
import { deleteHandover, saveHandover } from "../../_lib/handover-keys";
import { VisualTagBadge } from "../../_components/visual-tag";
import { useSubscription } from "@trpc/tanstack-react-query";
import dynamic from "next/dynamic";
import { useMemo, useRef, useState } from "react";
import { type BusinessDataType, businessDataTypes } from "~/shared/business-data/schema";
import { useTRPC } from "~/trpc/react";
import { ConnectionNote } from "../../_components/connection-note";
import { Countdown } from "../../_components/countdown";
import { FormAlert, SelectField } from "../../_components/field";
import { useLocale, useT } from "../../_i18n/provider";
import { apiError } from "../../_lib/errors";
import { formatAge, formatDistance, typeLabel } from "../../_lib/format";
import type { ListedRequest, Registration } from "../../_lib/types";
import { useNow } from "../../_lib/use-now";
import { MapLoading } from "../../_map";
import { visibleEntries } from "../_lib/entries";
import { ArrivalAlertsToggle, useArrivalAlerts } from "./arrival-alerts";
import type { ActiveSession } from "../_lib/active-session";

const DeskMap = dynamic(() => import("./desk-map").then((m) => m.DeskMap), { ssr: false, loading: () => <MapLoading /> });

type Filter = "LIVE" | BusinessDataType;

/** Reasons a select can fail that mean the request is gone for this desk. */
const gone = new Set(["REQUEST_TAKEN", "REQUEST_EXPIRED", "REQUEST_CANCELLED", "REQUEST_NOT_FOUND"]);

/** The list shows this many, nearest first; the map shows all. */
const LIST_SHOWN = 200;

/**
 * Claim 2 (push): the live list of requests within the radius, nearest first, on the map and beside it.
 * Claim 4 (pull): the list of one type, asked for on demand, kept fresh by the same stream.
 */
export function RequestList({ registration, onSelected }: { registration: Registration; onSelected: (session: ActiveSession) => void }) {
  const t = useT();
  const [locale] = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [live, setLive] = useState<Map<string, ListedRequest>>(new Map());
  const [hasSnapshot, setHasSnapshot] = useState(false);
  const [dropped, setDropped] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState<Filter>("LIVE");
  const [selectError, setSelectError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const alerts = useArrivalAlerts();
  const select = useMutation(trpc.exchange.select.mutationOptions());
  const now = useNow(1000);
  const snapshotSeen = useRef(false);

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
        if (event.kind === "snapshot") {
          snapshotSeen.current = true;
          setHasSnapshot(true);
        } else if (event.kind === "added" && snapshotSeen.current) {
          const r = event.request;
          // Announced politely: screen readers say it when idle; focus stays where it is.
          setAnnouncement(t("list.arrived", { who: r.maskedIdentification, name: r.displayName, distance: formatDistance(t, r.distanceMeters) }));
          alerts.arrived();
        }
        // The pulled list is only a snapshot: refresh it when something changes nearby.
        void queryClient.invalidateQueries({ queryKey: trpc.list.byType.pathKey() });
      },
    }),
  );
  const pulled = useQuery(
    trpc.list.byType.queryOptions({ type: filter === "LIVE" ? "BANK_ACCOUNT" : filter }, { enabled: filter !== "LIVE", refetchInterval: 15_000 }),
  );

  const source = filter === "LIVE" ? live : pulled.data;
  // Expired entries vanish at once, without waiting for the server's notice.
  const entries = useMemo(() => visibleEntries(source instanceof Map ? [...source.values()] : (source ?? []), dropped, now), [source, dropped, now]);

  let connection: "connecting" | "reconnecting" | "live" | "failed";
  if (stream.status === "error") connection = "failed";
  else if (stream.status === "connecting" || stream.status === "idle") connection = hasSnapshot ? "reconnecting" : "connecting";
  else connection = "live";

  async function pick(entry: ListedRequest) {
    setSelectError(null);
    // The desk's key pair for this exchange, kept before the select so a reload finds it; select carries only the commitment.
    let keys: DeskKeys | null = null;
    try {
      keys = await newDeskKeys(entry.id);
      await saveHandover({ role: "processor", keys, preview: entry.preview });
      const result = await select.mutateAsync({ requestId: entry.id, identificationHandle: entry.identificationHandle, commitment: keys.commitment });
      onSelected({ requestId: result.requestId, entry });
    } catch (error) {
      if (keys) void deleteHandover(entry.id, "processor").catch(() => undefined);
      const info = apiError(error, t);
      const who = entry.maskedIdentification;
      const known = info.reason === "REQUEST_TAKEN" || info.reason === "REQUEST_EXPIRED" || info.reason === "REQUEST_CANCELLED";
      setSelectError(
        known ? t(`list.selectFailed.${info.reason as "REQUEST_TAKEN" | "REQUEST_EXPIRED" | "REQUEST_CANCELLED"}`, { who }) : info.message,
      );
      if (info.reason && gone.has(info.reason)) setDropped((d) => new Set(d).add(entry.id));
    }
  }

  const filterOptions = [
    { value: "LIVE" as Filter, label: t("list.filterLive") },
    ...businessDataTypes.map((dataType) => ({ value: dataType, label: t("list.filterType", { type: typeLabel(t, dataType) }) })),
  ];
  const loading = filter === "LIVE" ? !hasSnapshot : pulled.isPending;
  const shown = entries.slice(0, LIST_SHOWN);

  return (
    <section className="card desk-board" aria-labelledby="list-heading">
      <div className="row list-header">
        <h1 id="list-heading">{t("list.heading")}</h1>
        <div className="list-filter">
          <SelectField label={t("list.show")} value={filter} options={filterOptions} onChange={setFilter} testId="type-filter" />
        </div>
        <ArrivalAlertsToggle enabled={alerts.enabled} onChange={alerts.setEnabled} />
      </div>
      <ConnectionNote connection={connection} what={t("list.theLiveList")} />
      {stream.status === "error" ? <FormAlert message={t("list.streamStopped", { reason: apiError(stream.error, t).message })} /> : null}
      {filter !== "LIVE" && pulled.isError ? <FormAlert message={apiError(pulled.error, t).message} /> : null}
      <FormAlert message={selectError} testId="select-error" />

      <p className="visually-hidden" role="status" aria-live="polite" data-testid="list-count">
        {loading ? "" : t("list.count", { count: entries.length })}
      </p>
      <p className="visually-hidden" aria-live="polite" data-testid="arrival-announcement">
        {announcement}
      </p>

      <div className="desk-grid">
        <div className="desk-map-column">
          <DeskMap desk={registration} entries={entries} onSelect={(entry) => void pick(entry)} busy={select.isPending} />
        </div>
        <div className="desk-list-column">
          {loading ? <p className="muted">{t("list.loading")}</p> : null}
          {!loading && entries.length === 0 ? (
            <p className="muted" data-testid="list-empty">
              {t("list.empty", { radius: formatDistance(t, registration.radiusMeters) })}
            </p>
          ) : null}
          {entries.length > LIST_SHOWN ? <p className="small muted">{t("list.truncated", { shown: LIST_SHOWN, count: entries.length })}</p> : null}
          {shown.length > 0 ? (
            <ul className="entries" data-testid="request-list" aria-label={t("list.heading")}>
              {shown.map((r) => {
                const who = r.maskedIdentification;
                return (
                  <li key={r.id} data-testid="list-entry" data-request-id={r.id}>
                    <div className="entry-main">
                      <div className="entry-title">
                        <VisualTagBadge requestId={r.id} /> · <span className="mono">{who}</span> ·{" "}
                        <span data-testid="entry-name">{r.displayName}</span>
                      </div>
                      <div className="entry-meta">
                        {typeLabel(t, r.type)} · <span className="mono">{r.preview}</span>
                      </div>
                      <div className="entry-meta">
                        {t("list.away", { distance: formatDistance(t, r.distanceMeters) })}
                        {" · "}
                        <span data-testid="entry-age">{t("list.sentAgo", { age: formatAge(locale, now - r.createdAt.getTime()) })}</span>
                        {r.deadline ? (
                          <>
                            {" · "}
                            {t("list.expiresPrefix")} <Countdown deadline={r.deadline} />
                          </>
                        ) : null}
                      </div>
                    </div>
                    <button
                      type="button"
                      className="button"
                      disabled={select.isPending}
                      onClick={() => void pick(r)}
                      aria-label={t("list.selectLabel", { who, name: r.displayName })}
                      data-testid="select-entry"
                    >
                      {t("list.select")}
                    </button>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      </div>
    </section>
  );
}
