"use client";

import "../processor.css";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type BusinessDataType, businessDataTypes } from "~/shared/business-data/schema";
import { useTRPC } from "~/trpc/react";
import { FormAlert, SelectField } from "../../_components/field";
import { PositionFields } from "../../_components/position-fields";
import { useT } from "../../_i18n/provider";
import type { FieldErrors } from "~/shared/field-errors";
import { apiError, firstError } from "../../_lib/errors";
import { formatDistance, typeLabel } from "../../_lib/format";
import type { Registration } from "../../_lib/types";
import { usePositionInput } from "../../_lib/use-position";
import { PositionPickerMap } from "../../_map";
import { nearestRadius, type RadiusChoice, radiusChoices } from "../_lib/radius";

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

  /** A click on the map is a position typed by hand: the fields show it and can correct it. */
  function pickOnMap(picked: { latitude: number; longitude: number }) {
    position.setManualMode(true);
    position.setManual({ latitude: String(picked.latitude), longitude: String(picked.longitude) });
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setAttempted(true);
    setFormError(null);
    const local: FieldErrors = {};
    if (types.length === 0) local.types = [t("processor.typesRequired")];
    setErrors(local);
    if (!position.position) {
      setFormError(position.manualMode ? t("processor.positionInvalid") : t("processor.positionUnknown"));
      return;
    }
    if (local.types) return;
    try {
      await register.mutateAsync({
        latitude: position.position.latitude,
        longitude: position.position.longitude,
        radiusMeters: Number(radius),
        types,
      });
      await queryClient.invalidateQueries({ queryKey: trpc.processor.registration.queryKey() });
      onDone();
    } catch (error) {
      const info = apiError(error, t);
      setErrors(info.fieldErrors);
      setFormError(info.message);
    }
  }

  const fallback = current ? { latitude: current.latitude, longitude: current.longitude } : undefined;
  return (
    <form className="card" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="register-heading" data-testid="registration-form">
      <h1 id="register-heading">{current ? t("processor.changeHeading") : t("processor.setUpHeading")}</h1>
      <p className="muted small">{t("processor.registerIntro")}</p>
      <div className="registration-grid">
        <div>
          <PositionFields input={position} serverErrors={errors} showErrors={attempted} />
          <SelectField
            label={t("processor.radius")}
            value={radius}
            options={radiusChoices.map((value) => ({ value, label: formatDistance(t, Number(value)) }))}
            onChange={setRadius}
            error={firstError(errors, "radiusMeters")}
            testId="radius"
          />
          <fieldset aria-describedby={errors.types ? "types-error" : undefined}>
            <legend>{t("processor.typesLegend")}</legend>
            <div className="choices">
              {businessDataTypes.map((dataType) => (
                <label key={dataType} className="choice">
                  <input
                    type="checkbox"
                    checked={types.includes(dataType)}
                    onChange={(e) => toggle(dataType, e.target.checked)}
                    data-testid={`register-type-${dataType}`}
                  />
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
        </div>
        <PositionPickerMap
          value={position.position}
          onChange={pickOnMap}
          accuracyMeters={position.manualMode ? null : position.position?.accuracyMeters}
          label={t("map.pickLabel")}
          fallbackCenter={fallback}
        />
      </div>
      <FormAlert message={formError} />
      <div className="row">
        <button type="submit" className="button" disabled={register.isPending} data-testid="register-submit">
          {register.isPending ? t("processor.saving") : current ? t("processor.save") : t("processor.registerSubmit")}
        </button>
        {onCancel ? (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t("processor.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
