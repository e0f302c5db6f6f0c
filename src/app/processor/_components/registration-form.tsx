"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type BusinessDataType, businessDataTypes } from "~/server/business-data/schema";
import { useTRPC } from "~/trpc/react";
import { FormAlert, SelectField } from "../../_components/field";
import { PositionFields } from "../../_components/position-fields";
import { apiError, type FieldErrors, firstError } from "../../_lib/errors";
import { typeLabel } from "../../_lib/format";
import type { Registration } from "../../_lib/types";
import { usePositionInput } from "../../_lib/use-position";
import { useT } from "../../_i18n/provider";

const radiusOptions = [
  { value: "500", label: "500 m" },
  { value: "1000", label: "1 km" },
  { value: "2000", label: "2 km" },
  { value: "5000", label: "5 km" },
] as const;
type RadiusChoice = (typeof radiusOptions)[number]["value"];

function nearestRadius(meters: number | undefined): RadiusChoice {
  if (!meters) return "1000";
  return radiusOptions.reduce((best, o) => (Math.abs(Number(o.value) - meters) < Math.abs(Number(best.value) - meters) ? o : best)).value;
}

/** Where the desk is, how far it serves, and which data it handles: requests are matched against this. */
export function RegistrationForm({ current, onDone, onCancel }: { current: Registration | null; onDone: () => void; onCancel?: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const position = usePositionInput();
  const [radius, setRadius] = useState<RadiusChoice>(nearestRadius(current?.radiusMeters));
  const [types, setTypes] = useState<BusinessDataType[]>(current?.types ?? ["BANK_ACCOUNT", "ORDER"]);
  const [attempted, setAttempted] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const register = useMutation(trpc.processor.register.mutationOptions());

  function toggle(type: BusinessDataType, on: boolean) {
    setTypes((prev) => (on ? businessDataTypes.filter((t) => t === type || prev.includes(t)) : prev.filter((t) => t !== type)));
    setErrors(({ types: _removed, ...rest }) => rest);
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setAttempted(true);
    setFormError(null);
    const local: FieldErrors = {};
    if (types.length === 0) local.types = ["Choose at least one type of business data you process."];
    setErrors(local);
    if (!position.position) {
      setFormError(position.manualMode ? "Enter a valid latitude and longitude." : "Your position is not known yet: wait a moment or type it in.");
      return;
    }
    if (local.types) return;
    try {
      await register.mutateAsync({ latitude: position.position.latitude, longitude: position.position.longitude, radiusMeters: Number(radius), types });
      await queryClient.invalidateQueries({ queryKey: trpc.processor.registration.queryKey() });
      onDone();
    } catch (error) {
      const info = apiError(error, t);
      setErrors(info.fieldErrors);
      setFormError(info.message);
    }
  }

  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="register-heading" data-testid="registration-form">
      <h1 id="register-heading">{current ? "Change your desk" : "Set up your desk"}</h1>
      <p className="muted small">Requesters within your radius appear in your list as they send. Register where you actually are.</p>
      <PositionFields input={position} serverErrors={errors} showErrors={attempted} />
      <SelectField label="Radius" value={radius} options={radiusOptions} onChange={setRadius} error={firstError(errors, "radiusMeters")} testId="radius" />
      <fieldset aria-describedby={errors.types ? "types-error" : undefined}>
        <legend>Data you process</legend>
        <div className="choices">
          {businessDataTypes.map((dataType) => (
            <label key={dataType} className="choice">
              <input type="checkbox" checked={types.includes(dataType)} onChange={(e) => toggle(dataType, e.target.checked)} data-testid={`register-type-${dataType}`} />
              {typeLabel(t, dataType)}
            </label>
          ))}
        </div>
        {errors.types ? (
          <p id="types-error" className="field-error">
            {errors.types[0]}
          </p>
        ) : null}
      </fieldset>
      <FormAlert message={formError} />
      <div className="row">
        <button type="submit" className="button" disabled={register.isPending} data-testid="register-submit">
          {register.isPending ? "Saving…" : current ? "Save" : "Register and open the list"}
        </button>
        {onCancel ? (
          <button type="button" className="button secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
