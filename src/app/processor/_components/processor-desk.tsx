"use client";

import "../processor.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { FormAlert, SelectField } from "../../_components/field";
import { useLocale, useT } from "../../_i18n/provider";
import { apiError } from "../../_lib/errors";
import { formatDistance, formatList, typeLabel } from "../../_lib/format";
import type { Registration } from "../../_lib/types";
import { replaceSearchParam } from "../../_lib/url-state";
import type { ActiveSession } from "../_lib/active-session";
import { nearestRadius, type RadiusChoice, radiusChoices } from "../_lib/radius";
import { DeskCodeCard } from "./desk-code-card";
import { OpenExchanges } from "./open-exchanges";
import { ProcessorSession } from "./processor-session";
import { RegistrationForm } from "./registration-form";
import { RequestList } from "./request-list";

export function ProcessorDesk({ userId, displayName, initialSession }: { userId: string; displayName: string; initialSession: string | null }) {
  const t = useT();
  const trpc = useTRPC();
  const registration = useQuery(trpc.processor.registration.queryOptions());
  const [editing, setEditing] = useState(false);
  const [active, setActive] = useState<ActiveSession | null>(initialSession ? { requestId: initialSession, entry: null } : null);

  function open(session: ActiveSession | null) {
    setActive(session);
    replaceSearchParam("session", session?.requestId ?? null);
  }

  if (active) {
    return <ProcessorSession key={active.requestId} session={active} userId={userId} displayName={displayName} onBack={() => open(null)} />;
  }
  if (registration.isPending) return <p className="muted">{t("processor.loading")}</p>;
  if (registration.isError) return <p className="field-error">{t("processor.loadFailed", { reason: apiError(registration.error, t).message })}</p>;

  const current = registration.data;
  if (!current || editing) {
    return <RegistrationForm current={current} onDone={() => setEditing(false)} onCancel={current ? () => setEditing(false) : undefined} />;
  }
  return (
    <>
      <RegistrationSummary registration={current} onChange={() => setEditing(true)} />
      <OpenExchanges onOpen={open} />
      <RequestList key={registrationKey(current)} registration={current} onSelected={open} />
      <DeskCodeCard />
    </>
  );
}

function registrationKey(r: Registration): string {
  return `${r.latitude},${r.longitude},${r.radiusMeters},${r.types.join("+")}`;
}

function RegistrationSummary({ registration, onChange }: { registration: Registration; onChange: () => void }) {
  const t = useT();
  const [locale] = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const register = useMutation(trpc.processor.register.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const radius = nearestRadius(registration.radiusMeters);

  async function changeRadius(next: RadiusChoice) {
    setError(null);
    try {
      await register.mutateAsync({
        latitude: registration.latitude,
        longitude: registration.longitude,
        radiusMeters: Number(next),
        types: registration.types,
      });
      await queryClient.invalidateQueries({ queryKey: trpc.processor.registration.queryKey() });
    } catch (e) {
      setError(apiError(e, t).message);
    }
  }

  return (
    <section className="card" aria-label={t("processor.summaryLabel")} data-testid="registration-summary">
      <div className="row">
        <div className="entry-main">
          <strong>{t("processor.yourDesk")}</strong>
          <div className="entry-meta">
            {t("processor.summary", {
              latitude: registration.latitude.toFixed(5),
              longitude: registration.longitude.toFixed(5),
              radius: formatDistance(t, registration.radiusMeters),
              types: formatList(
                locale,
                registration.types.map((dataType) => typeLabel(t, dataType)),
              ),
            })}
          </div>
        </div>
        <div className="desk-summary-radius">
          <SelectField
            label={t("processor.radius")}
            value={radius}
            options={radiusChoices.map((value) => ({ value, label: formatDistance(t, Number(value)) }))}
            onChange={(value) => void changeRadius(value)}
            testId="desk-radius"
          />
        </div>
        <button type="button" className="button secondary" onClick={onChange} data-testid="change-registration">
          {t("processor.change")}
        </button>
      </div>
      <FormAlert message={error} />
    </section>
  );
}
