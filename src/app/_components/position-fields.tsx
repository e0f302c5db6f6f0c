"use client";

import { firstError, type FieldErrors } from "../_lib/errors";
import type { PositionInput } from "../_lib/use-position";
import { TextField } from "./field";

/**
 * Shows the position from the browser (with its accuracy), or, when location
 * is denied or unwanted, latitude/longitude fields to type it in.
 */
export function PositionFields({ input, serverErrors = {}, showErrors }: { input: PositionInput; serverErrors?: FieldErrors; showErrors: boolean }) {
  const { geo, manualMode, manual } = input;
  const error = (key: "latitude" | "longitude") => firstError(serverErrors, key) ?? (showErrors ? firstError(input.errors, key) : undefined);
  return (
    <fieldset>
      <legend>Your position</legend>
      <div role="status" aria-live="polite" data-testid="geo-status" data-state={geo.status}>
        {geo.status === "locating" ? <p className="muted">Finding your position…</p> : null}
        {geo.status === "ok" && geo.position && !manualMode ? (
          <p>
            Located{geo.position.accuracyMeters !== null ? ` within ±${Math.round(geo.position.accuracyMeters)} m` : ""}{" "}
            <span className="muted small">
              ({geo.position.latitude.toFixed(5)}, {geo.position.longitude.toFixed(5)})
            </span>
          </p>
        ) : null}
        {geo.status === "denied" ? (
          <div className="alert warning">
            Location access is blocked for this site, so nearby people cannot be matched automatically. Allow location in your browser&apos;s site
            settings and press “Try again”, or type your position below.
          </div>
        ) : null}
        {geo.status === "unavailable" || geo.status === "error" ? (
          <div className="alert warning">{geo.message ?? "Your position is not available."} Type your position below, or try again.</div>
        ) : null}
      </div>
      {manualMode ? (
        <div className="grid-2">
          <TextField
            label="Latitude"
            hint="Degrees, e.g. 48.8566"
            inputMode="decimal"
            value={manual.latitude}
            onChange={(latitude) => input.setManual({ ...manual, latitude })}
            error={error("latitude")}
            testId="manual-latitude"
          />
          <TextField
            label="Longitude"
            hint="Degrees, e.g. 2.3522"
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
            {geo.status === "ok" ? "Use my location" : "Try again"}
          </button>
        ) : null}
        {!manualMode ? (
          <button type="button" className="button secondary" onClick={() => input.setManualMode(true)}>
            Enter position by hand
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}
