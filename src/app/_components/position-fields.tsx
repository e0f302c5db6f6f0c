"use client";

import { useT } from "../_i18n/provider";
import type { FieldErrors } from "~/shared/field-errors";
import { localizeProblem } from "../_i18n/problems";
import { firstError } from "../_lib/errors";
import type { PositionInput } from "../_lib/use-position";
import { PositionPickerMap } from "../_map";
import { TextField } from "./field";

/**
 * Shows the position from the browser (with its accuracy), or, when location
 * is denied, too imprecise or unwanted, a way to place yourself: the optional
 * small map (`withMap`: tap where you stand) and the
 * latitude/longitude fields, which always stay as the fallback.
 */
export function PositionFields({
  input,
  serverErrors = {},
  showErrors,
  withMap = false,
}: {
  input: PositionInput;
  serverErrors?: FieldErrors;
  showErrors: boolean;
  /** Offer a small map while placing yourself by hand (denied, poor fix, or chosen). */
  withMap?: boolean;
}) {
  const t = useT();
  const { geo, manualMode, manual } = input;
  const error = (key: "latitude" | "longitude") => {
    const own = showErrors ? input.errors[key]?.[0] : undefined;
    return firstError(serverErrors, key) ?? (own && localizeProblem(t, own));
  };
  return (
    <fieldset>
      <legend>{t("position.legend")}</legend>
      <div role="status" aria-live="polite" data-testid="geo-status" data-state={geo.status}>
        {geo.status === "locating" ? <p className="muted">{t("position.locating")}</p> : null}
        {geo.status === "ok" && geo.position && input.poorFix ? (
          <div className="alert warning" data-testid="geo-poor">
            {t("position.poor", { meters: Math.round(geo.position.accuracyMeters ?? 0) })}
          </div>
        ) : null}
        {geo.status === "ok" && geo.position && !manualMode ? (
          <p>
            {geo.position.accuracyMeters !== null
              ? t("position.locatedWithin", { meters: Math.round(geo.position.accuracyMeters) })
              : t("position.located")}{" "}
            <span className="muted small">
              ({geo.position.latitude.toFixed(5)}, {geo.position.longitude.toFixed(5)})
            </span>
          </p>
        ) : null}
        {geo.status === "denied" ? <div className="alert warning">{t("position.denied")}</div> : null}
        {geo.status === "unavailable" || geo.status === "error" ? (
          <div className="alert warning">
            {t(geo.message ?? "position.unavailable")} {t("position.typeBelow")}
          </div>
        ) : null}
      </div>
      {manualMode && withMap ? (
        <div className="map-picker" data-testid="map-picker">
          <PositionPickerMap
            value={input.position}
            onChange={(picked) => input.place(picked.latitude, picked.longitude)}
            accuracyMeters={input.poorFix ? geo.position?.accuracyMeters : null}
            label={t("position.placeYourself")}
            fallbackCenter={input.lastKnown ?? undefined}
          />
        </div>
      ) : null}
      {manualMode ? (
        <div className="grid-2">
          <TextField
            label={t("position.latitude")}
            hint={t("position.latitudeHint")}
            inputMode="decimal"
            value={manual.latitude}
            onChange={(latitude) => input.setManual({ ...manual, latitude })}
            error={error("latitude")}
            testId="manual-latitude"
          />
          <TextField
            label={t("position.longitude")}
            hint={t("position.longitudeHint")}
            inputMode="decimal"
            value={manual.longitude}
            onChange={(longitude) => input.setManual({ ...manual, longitude })}
            error={error("longitude")}
            testId="manual-longitude"
          />
        </div>
      ) : null}
      <div className="row">
        {geo.status !== "ok" || manualMode ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              input.setManualMode(false);
              geo.retry();
            }}
          >
            {geo.status === "ok" ? t("position.useMine") : t("position.retry")}
          </button>
        ) : null}
        {!manualMode ? (
          <button type="button" className="button secondary" onClick={() => input.setManualMode(true)}>
            {t("position.byHand")}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}
