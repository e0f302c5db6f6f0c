"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { createShakeDetector } from "./shake/detector";

type MotionPermission = "granted" | "denied";
type DeviceMotionWithPermission = typeof DeviceMotionEvent & { requestPermission?: () => Promise<MotionPermission> };

/**
 * - unknown: not decided yet (server rendering, first paint)
 * - unsupported: no motion sensor API, or a desktop
 * - needs-permission: iOS, which asks only from a tap ("Enable shake")
 * - listening: shaking sends
 * - off: the user turned shaking off
 * - denied: motion access refused; tapping is the way
 */
export type ShakeSupport = "unknown" | "unsupported" | "needs-permission" | "listening" | "off" | "denied";

const OFF_KEY = "nearby-exchange:shake-off";

/**
 * Claim 3: sending by shaking the phone (DeviceMotion). Where the platform
 * needs permission (iOS), listening starts from `enable()`, called from a tap;
 * elsewhere it starts at once on touch devices. The decision is in the pure
 * detector (./shake/detector.ts); this hook feeds it and vibrates on a shake.
 */
export function useShake(
  onShake: () => void,
  active = true,
): { support: ShakeSupport; enable: () => Promise<void>; disable: () => void; shakes: number } {
  const [support, setSupport] = useState<ShakeSupport>("unknown");
  const [shakes, setShakes] = useState(0);
  const handler = useRef(onShake);
  useEffect(() => {
    handler.current = onShake;
  });

  useEffect(() => {
    const Motion = (window as { DeviceMotionEvent?: DeviceMotionWithPermission }).DeviceMotionEvent;
    // Desktops have the API but no motion worth listening to: offer shaking on touch devices only.
    const touch = navigator.maxTouchPoints > 0 || "ontouchstart" in window;
    if (!Motion || !touch) {
      setSupport("unsupported");
      return;
    }
    const start = () => setSupport(readOff() ? "off" : "listening");
    if (typeof Motion.requestPermission !== "function") {
      start();
      return;
    }
    // requestPermission exists on iOS (which then asks only from a tap) and on recent Chromium (which has
    // usually granted the sensors already): ask the Permissions API first, and offer the tap only when needed.
    let cancelled = false;
    navigator.permissions
      .query({ name: "accelerometer" as PermissionName })
      .then((status) => {
        if (cancelled) return;
        if (status.state === "granted") start();
        else setSupport(status.state === "denied" ? "denied" : "needs-permission");
      })
      .catch(() => {
        if (!cancelled) setSupport("needs-permission");
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const listening = support === "listening" && active;
  useEffect(() => {
    if (!listening) return;
    const detector = createShakeDetector();
    const onMotion = (event: DeviceMotionEvent) => {
      const withGravity = event.accelerationIncludingGravity;
      const a = withGravity && withGravity.x !== null ? withGravity : event.acceleration;
      if (!a) return;
      const shaken = detector.push({ t: event.timeStamp, x: a.x, y: a.y, z: a.z, includesGravity: a === withGravity });
      if (!shaken) return;
      // Something to feel: where vibration exists (not on iOS), a short double buzz.
      if ("vibrate" in navigator) navigator.vibrate?.([60, 40, 60]);
      setShakes((n) => n + 1);
      handler.current();
    };
    window.addEventListener("devicemotion", onMotion);
    return () => window.removeEventListener("devicemotion", onMotion);
  }, [listening]);

  const enable = useCallback(async () => {
    const Motion = (window as { DeviceMotionEvent?: DeviceMotionWithPermission }).DeviceMotionEvent;
    if (!Motion) {
      setSupport("unsupported");
      return;
    }
    writeOff(false);
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

  const disable = useCallback(() => {
    writeOff(true);
    setSupport("off");
  }, []);
  return { support, enable, disable, shakes };
}

function readOff(): boolean {
  try {
    return window.localStorage.getItem(OFF_KEY) === "1";
  } catch {
    return false;
  }
}

function writeOff(off: boolean): void {
  try {
    if (off) window.localStorage.setItem(OFF_KEY, "1");
    else window.localStorage.removeItem(OFF_KEY);
  } catch {
    // Not remembered: shaking is simply on again next time.
  }
}
