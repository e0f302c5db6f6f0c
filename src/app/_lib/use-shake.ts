"use client";

import { useCallback, useEffect, useRef, useState } from "react";

type MotionPermission = "granted" | "denied";
type DeviceMotionWithPermission = typeof DeviceMotionEvent & { requestPermission?: () => Promise<MotionPermission> };

export type ShakeSupport = "unknown" | "unsupported" | "available" | "listening" | "denied";

/** Jolts (change in acceleration, m/s²) this strong, twice within a second, count as a shake. */
const JOLT = 25;
const WINDOW_MS = 1000;
const COOLDOWN_MS = 2500;

/**
 * Claim 3: sending by shaking the phone (DeviceMotion). iOS asks for
 * permission, which needs a tap, so listening starts from `enable()`.
 * Where motion is unavailable or refused, tapping remains the way.
 */
export function useShake(onShake: () => void): { support: ShakeSupport; enable: () => Promise<void>; disable: () => void } {
  const [support, setSupport] = useState<ShakeSupport>("unknown");
  const handler = useRef(onShake);
  handler.current = onShake;

  useEffect(() => {
    // Desktops have the API but no motion worth listening to: offer shaking on touch devices only.
    const touch = navigator.maxTouchPoints > 0 || "ontouchstart" in window;
    setSupport("DeviceMotionEvent" in window && touch ? "available" : "unsupported");
  }, []);

  useEffect(() => {
    if (support !== "listening") return;
    let last: { x: number; y: number; z: number } | null = null;
    let jolts: number[] = [];
    let quietUntil = 0;
    const onMotion = (event: DeviceMotionEvent) => {
      const a = event.accelerationIncludingGravity ?? event.acceleration;
      if (!a || a.x === null || a.y === null || a.z === null) return;
      const current = { x: a.x, y: a.y, z: a.z };
      if (last) {
        const delta = Math.abs(current.x - last.x) + Math.abs(current.y - last.y) + Math.abs(current.z - last.z);
        const now = Date.now();
        if (delta > JOLT && now > quietUntil) {
          jolts = [...jolts.filter((t) => now - t < WINDOW_MS), now];
          if (jolts.length >= 2) {
            jolts = [];
            quietUntil = now + COOLDOWN_MS;
            handler.current();
          }
        }
      }
      last = current;
    };
    window.addEventListener("devicemotion", onMotion);
    return () => window.removeEventListener("devicemotion", onMotion);
  }, [support]);

  const enable = useCallback(async () => {
    const Motion = window.DeviceMotionEvent as DeviceMotionWithPermission | undefined;
    if (!Motion) {
      setSupport("unsupported");
      return;
    }
    if (typeof Motion.requestPermission === "function") {
      try {
        setSupport((await Motion.requestPermission()) === "granted" ? "listening" : "denied");
      } catch {
        setSupport("denied");
      }
      return;
    }
    setSupport("listening");
  }, []);

  const disable = useCallback(() => setSupport("available"), []);
  return { support, enable, disable };
}
