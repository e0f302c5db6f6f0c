"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { positionSchema } from "~/shared/geo/distance";
import { type FieldProblems, fieldProblems } from "~/shared/field-errors";
import { type LastPosition, loadLastPosition, saveLastPosition } from "./last-position";

export interface PositionValue {
  latitude: number;
  longitude: number;
  accuracyMeters: number | null;
}

export type GeoStatus = "locating" | "ok" | "denied" | "unavailable" | "error";

/** Why the position is missing, as a message key (position.* in the common catalog). */
export type GeoProblem = "position.noApi" | "position.timeout" | "position.notAvailable" | "position.denied";

export interface GeoState {
  status: GeoStatus;
  position: PositionValue | null;
  message: GeoProblem | null;
}

/** Watches the browser's position (navigator.geolocation) while mounted. */
export function useGeolocation(): GeoState & { retry: () => void } {
  const [state, setState] = useState<GeoState>({ status: "locating", position: null, message: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (typeof navigator === "undefined" || !("geolocation" in navigator)) {
      setState({ status: "unavailable", position: null, message: "position.noApi" });
      return;
    }
    setState((prev) => ({ ...prev, status: prev.position ? prev.status : "locating", message: null }));
    const id = navigator.geolocation.watchPosition(
      (p) =>
        setState({
          status: "ok",
          position: {
            latitude: p.coords.latitude,
            longitude: p.coords.longitude,
            accuracyMeters: Number.isFinite(p.coords.accuracy) ? p.coords.accuracy : null,
          },
          message: null,
        }),
      (error) => {
        if (error.code === error.PERMISSION_DENIED) {
          setState({ status: "denied", position: null, message: "position.denied" });
        } else {
          setState((prev) =>
            prev.position
              ? prev
              : {
                  status: error.code === error.POSITION_UNAVAILABLE ? "unavailable" : "error",
                  position: null,
                  message: error.code === error.TIMEOUT ? "position.timeout" : "position.notAvailable",
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
  errors: FieldProblems;
  /** The fix is too imprecise to be matched reliably: treated like no fix, the user places themselves. */
  poorFix: boolean;
  /** Places the position by hand (from a map picker or the fields). */
  place: (latitude: number, longitude: number) => void;
  /** Where a map for placing yourself opens while nothing is placed: the browser's fix, else the last one remembered. */
  lastKnown: { latitude: number; longitude: number } | null;
}

function parseCoordinate(value: string): number | undefined {
  const trimmed = value.trim().replace(",", ".");
  if (trimmed === "") return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : Number.NaN;
}

/**
 * A position from geolocation, or placed by hand when geolocation is denied,
 * unwanted or, with `poorAccuracyMeters`, too imprecise (then the hand-placed
 * fields start from the rough fix, so adjusting it is enough). With
 * `rememberFor` (an account id) the last position is kept on the device: a
 * position placed by hand is placed again on the next form (the next send),
 * and a located one is where the place-yourself map opens.
 */
export function usePositionInput({
  poorAccuracyMeters = Number.POSITIVE_INFINITY,
  rememberFor,
}: { poorAccuracyMeters?: number; rememberFor?: string } = {}): PositionInput {
  const geo = useGeolocation();
  const [manualChosen, setManualMode] = useState(false);
  const [manual, setManual] = useState({ latitude: "", longitude: "" });
  const [remembered, setRemembered] = useState<LastPosition | null>(null);

  // localStorage is there after mount only.
  useEffect(() => {
    if (!rememberFor) return;
    const last = loadLastPosition(rememberFor);
    setRemembered(last);
    if (last?.placed)
      setManual((m) => (m.latitude || m.longitude ? m : { latitude: last.latitude.toFixed(6), longitude: last.longitude.toFixed(6) }));
  }, [rememberFor]);
  const accuracy = geo.status === "ok" ? geo.position?.accuracyMeters : null;
  const poorFix = accuracy !== null && accuracy !== undefined && accuracy > poorAccuracyMeters;
  const manualMode = manualChosen || poorFix || geo.status === "denied" || geo.status === "unavailable" || geo.status === "error";

  // A poor fix is still a hint: start the hand-placed position from it, once.
  const rough = poorFix ? geo.position : null;
  useEffect(() => {
    if (!rough) return;
    setManual((m) => (m.latitude || m.longitude ? m : { latitude: rough.latitude.toFixed(5), longitude: rough.longitude.toFixed(5) }));
  }, [rough]);

  const place = useCallback((latitude: number, longitude: number) => {
    setManualMode(true);
    setManual({ latitude: latitude.toFixed(6), longitude: longitude.toFixed(6) });
  }, []);

  const { position, errors } = useMemo(() => {
    if (!manualMode) return { position: geo.position, errors: {} };
    const parsed = positionSchema.safeParse({ latitude: parseCoordinate(manual.latitude), longitude: parseCoordinate(manual.longitude) });
    if (!parsed.success) return { position: null, errors: fieldProblems(parsed.error) };
    return { position: { ...parsed.data, accuracyMeters: null }, errors: {} };
  }, [manualMode, geo.position, manual.latitude, manual.longitude]);

  // The newest position known: placed by hand, else a good fix (a poor one is not worth opening the map at).
  const latest = manualMode ? position : poorFix ? null : geo.position;
  const placed = manualMode;
  useEffect(() => {
    if (rememberFor && latest) saveLastPosition(rememberFor, { latitude: latest.latitude, longitude: latest.longitude, placed });
  }, [rememberFor, latest, placed]);

  const lastKnown = geo.position ?? remembered;
  return { geo, manualMode, setManualMode, manual, setManual, position, errors, poorFix, place, lastKnown };
}
