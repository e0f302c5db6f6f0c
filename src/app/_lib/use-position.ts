"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { positionSchema } from "~/server/geo/distance";
import { type FieldErrors, zodFieldErrors } from "./errors";

export interface PositionValue {
  latitude: number;
  longitude: number;
  accuracyMeters: number | null;
}

export type GeoStatus = "locating" | "ok" | "denied" | "unavailable" | "error";

export interface GeoState {
  status: GeoStatus;
  position: PositionValue | null;
  message: string | null;
}

/** Watches the browser's position (navigator.geolocation) while mounted. */
export function useGeolocation(): GeoState & { retry: () => void } {
  const [state, setState] = useState<GeoState>({ status: "locating", position: null, message: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (typeof navigator === "undefined" || !("geolocation" in navigator)) {
      setState({ status: "unavailable", position: null, message: "This browser cannot tell your position." });
      return;
    }
    setState((prev) => ({ ...prev, status: prev.position ? prev.status : "locating", message: null }));
    const id = navigator.geolocation.watchPosition(
      (p) =>
        setState({
          status: "ok",
          position: { latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyMeters: Number.isFinite(p.coords.accuracy) ? p.coords.accuracy : null },
          message: null,
        }),
      (error) => {
        if (error.code === error.PERMISSION_DENIED) {
          setState({ status: "denied", position: null, message: "Location access was denied." });
        } else {
          setState((prev) =>
            prev.position
              ? prev
              : {
                  status: error.code === error.POSITION_UNAVAILABLE ? "unavailable" : "error",
                  position: null,
                  message: error.code === error.TIMEOUT ? "Finding your position took too long." : "Your position is not available right now.",
                },
          );
        }
      },
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 20_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}

export interface PositionInput {
  geo: ReturnType<typeof useGeolocation>;
  manualMode: boolean;
  setManualMode: (manual: boolean) => void;
  manual: { latitude: string; longitude: string };
  setManual: (manual: { latitude: string; longitude: string }) => void;
  /** The position to send, or null when none is known or the manual one is invalid. */
  position: PositionValue | null;
  /** Problems with the manual fields (keys: latitude, longitude). */
  errors: FieldErrors;
}

function parseCoordinate(value: string): number | undefined {
  const trimmed = value.trim().replace(",", ".");
  if (trimmed === "") return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** A position from geolocation, or typed by hand when geolocation is denied or unwanted. */
export function usePositionInput(): PositionInput {
  const geo = useGeolocation();
  const [manualChosen, setManualMode] = useState(false);
  const [manual, setManual] = useState({ latitude: "", longitude: "" });
  const manualMode = manualChosen || geo.status === "denied" || geo.status === "unavailable" || geo.status === "error";

  const { position, errors } = useMemo(() => {
    if (!manualMode) return { position: geo.position, errors: {} as FieldErrors };
    const parsed = positionSchema.safeParse({ latitude: parseCoordinate(manual.latitude), longitude: parseCoordinate(manual.longitude) });
    if (!parsed.success) return { position: null, errors: zodFieldErrors(parsed.error) };
    return { position: { ...parsed.data, accuracyMeters: null }, errors: {} as FieldErrors };
  }, [manualMode, geo.position, manual.latitude, manual.longitude]);

  return { geo, manualMode, setManualMode, manual, setManual, position, errors };
}
