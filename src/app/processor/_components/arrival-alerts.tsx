"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useT } from "../../_i18n/provider";

const STORAGE_KEY = "nearby.processor.arrivalAlerts";
const BADGE = /^\(\d+\) /;

let lastChime = 0;

/** A short two-tone chime, at most one every 2 s; silently nothing where audio is not allowed yet. */
function chime() {
  if (Date.now() - lastChime < 2000) return;
  lastChime = Date.now();
  try {
    const AudioContextClass = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!AudioContextClass) return;
    const audio = new AudioContextClass();
    const gain = audio.createGain();
    gain.gain.setValueAtTime(0.08, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.35);
    gain.connect(audio.destination);
    for (const [frequency, start] of [
      [880, 0],
      [1320, 0.12],
    ] as const) {
      const tone = audio.createOscillator();
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(audio.currentTime + start);
      tone.stop(audio.currentTime + start + 0.2);
    }
    setTimeout(() => void audio.close(), 600);
  } catch {
    // No audio: the title badge and the screen-reader announcement remain.
  }
}

/**
 * Arrival alerts: a chime and a "(3) " badge in the tab title counting arrivals
 * since the desk last touched the page; switchable, remembered per browser.
 */
export function useArrivalAlerts() {
  const [enabled, setEnabledState] = useState(true);
  const unseen = useRef(0);

  useEffect(() => {
    setEnabledState(window.localStorage.getItem(STORAGE_KEY) !== "off");
    const clear = () => {
      unseen.current = 0;
      if (BADGE.test(document.title)) document.title = document.title.replace(BADGE, "");
    };
    const onVisible = () => document.visibilityState === "visible" && clear();
    window.addEventListener("pointerdown", clear);
    window.addEventListener("keydown", clear);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clear();
      window.removeEventListener("pointerdown", clear);
      window.removeEventListener("keydown", clear);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, []);

  const setEnabled = useCallback((on: boolean) => {
    setEnabledState(on);
    window.localStorage.setItem(STORAGE_KEY, on ? "on" : "off");
    if (!on) {
      unseen.current = 0;
      document.title = document.title.replace(BADGE, "");
    }
  }, []);

  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;
  const arrived = useCallback(() => {
    if (!enabledRef.current) return;
    unseen.current += 1;
    document.title = `(${unseen.current}) ${document.title.replace(BADGE, "")}`;
    chime();
  }, []);

  return { enabled, setEnabled, arrived };
}

export function ArrivalAlertsToggle({ enabled, onChange }: { enabled: boolean; onChange: (on: boolean) => void }) {
  const t = useT();
  return (
    <label className="choice small">
      <input type="checkbox" checked={enabled} onChange={(e) => onChange(e.target.checked)} data-testid="arrival-alerts" />
      {t("list.alerts")}
    </label>
  );
}
