"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { formatDistance, typeLabel } from "../../_lib/format";
import type { ListedRequest, Registration } from "../../_lib/types";
import { replaceSearchParam } from "../../_lib/url-state";
import { OpenExchanges } from "./open-exchanges";
import { ProcessorSession } from "./processor-session";
import { RegistrationForm } from "./registration-form";
import { RequestList } from "./request-list";
import { useT } from "../../_i18n/provider";

export interface ActiveSession {
  requestId: string;
  /** The list entry picked, when the session started from the list (not after a reload). */
  entry: ListedRequest | null;
}

export function ProcessorDesk({ displayName, initialSession }: { displayName: string; initialSession: string | null }) {
  const trpc = useTRPC();
  const registration = useQuery(trpc.processor.registration.queryOptions());
  const [editing, setEditing] = useState(false);
  const [active, setActive] = useState<ActiveSession | null>(initialSession ? { requestId: initialSession, entry: null } : null);

  function open(session: ActiveSession | null) {
    setActive(session);
    replaceSearchParam("session", session?.requestId ?? null);
  }

  if (active) {
    return <ProcessorSession key={active.requestId} session={active} displayName={displayName} onBack={() => open(null)} />;
  }
  if (registration.isPending) return <p className="muted">Loading your desk…</p>;
  if (registration.isError) return <p className="field-error">Could not load your registration: {registration.error.message}</p>;

  const current = registration.data;
  if (!current || editing) {
    return <RegistrationForm current={current} onDone={() => setEditing(false)} onCancel={current ? () => setEditing(false) : undefined} />;
  }
  return (
    <>
      <RegistrationSummary registration={current} onChange={() => setEditing(true)} />
      <OpenExchanges onOpen={open} />
      <RequestList key={registrationKey(current)} registration={current} onSelected={open} />
    </>
  );
}

function registrationKey(r: Registration): string {
  return `${r.latitude},${r.longitude},${r.radiusMeters},${r.types.join("+")}`;
}

function RegistrationSummary({ registration, onChange }: { registration: Registration; onChange: () => void }) {
  const t = useT();
  return (
    <section className="card row" aria-label="Your registration" data-testid="registration-summary">
      <div className="entry-main">
        <strong>Your desk</strong>
        <div className="entry-meta">
          at {registration.latitude.toFixed(5)}, {registration.longitude.toFixed(5)} · within {formatDistance(registration.radiusMeters)} ·{" "}
          {registration.types.map((dataType) => typeLabel(t, dataType)).join(", ")}
        </div>
      </div>
      <button type="button" className="button secondary" onClick={onChange}>
        Change position, radius or types
      </button>
    </section>
  );
}
