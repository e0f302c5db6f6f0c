/**
 * Claim 3: a deliberate shake of the phone sends the request. This module
 * decides, from DeviceMotion samples, when a shake happened. It has no React
 * and no DOM, so it is tested on recorded motion traces (./fixtures).
 *
 * How it decides:
 * 1. Gravity is removed: with `accelerationIncludingGravity` a slow low-pass
 *    estimate of gravity is subtracted (a high-pass filter), so holding the
 *    phone at any angle, or turning it, reads as (nearly) nothing.
 * 2. A *peak* is the moment the remaining acceleration rises above
 *    `peakThreshold` after having fallen below `resetThreshold` (hysteresis),
 *    at least `minPeakGapMs` after the previous one, so the ringing of one
 *    knock is one peak, not several.
 * 3. A *shake* is `minPeaks` peaks within `windowMs`. Walking (2–5 m/s²) never
 *    reaches the threshold; a bump or putting the phone down gives one or two
 *    peaks, not four.
 * 4. After a shake, nothing counts for `cooldownMs`: a long shake, or a
 *    second one right after, sends once.
 */

export interface MotionSample {
  /** Milliseconds, monotonic (DeviceMotionEvent.timeStamp). */
  t: number;
  x: number | null;
  y: number | null;
  z: number | null;
  /** True when the values include gravity (accelerationIncludingGravity). */
  includesGravity: boolean;
}

export interface ShakeOptions {
  peakThreshold: number;
  resetThreshold: number;
  minPeakGapMs: number;
  minPeaks: number;
  windowMs: number;
  cooldownMs: number;
  /** Time constant of the gravity estimate. */
  gravityTauMs: number;
}

export const defaultShakeOptions: ShakeOptions = {
  peakThreshold: 13,
  resetThreshold: 6,
  minPeakGapMs: 70,
  minPeaks: 4,
  windowMs: 1000,
  cooldownMs: 3000,
  gravityTauMs: 400,
};

export interface ShakeDetector {
  /** Feeds one sample; true when it completes a shake (at most once per cooldown). */
  push(sample: MotionSample): boolean;
  reset(): void;
}

export function createShakeDetector(options: Partial<ShakeOptions> = {}): ShakeDetector {
  const o = { ...defaultShakeOptions, ...options };
  let gravity: [number, number, number] | null = null;
  let lastT: number | null = null;
  let armed = true;
  let peaks: number[] = [];
  let quietUntil = Number.NEGATIVE_INFINITY;

  function reset() {
    gravity = null;
    lastT = null;
    armed = true;
    peaks = [];
    quietUntil = Number.NEGATIVE_INFINITY;
  }

  function push(sample: MotionSample): boolean {
    const { t, x, y, z } = sample;
    // Chromium fires one event with null acceleration as soon as a listener is added; sensors may also drop values.
    if (x === null || y === null || z === null || !Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z) || !Number.isFinite(t))
      return false;

    let lx = x;
    let ly = y;
    let lz = z;
    if (sample.includesGravity) {
      if (!gravity || lastT === null || t - lastT > 500) {
        // First sample (or after a gap): take it as gravity, there is nothing to compare with yet.
        gravity = [x, y, z];
        lastT = t;
        return false;
      }
      const dt = Math.max(0, t - lastT);
      const alpha = o.gravityTauMs / (o.gravityTauMs + dt);
      gravity = [alpha * gravity[0] + (1 - alpha) * x, alpha * gravity[1] + (1 - alpha) * y, alpha * gravity[2] + (1 - alpha) * z];
      lx = x - gravity[0];
      ly = y - gravity[1];
      lz = z - gravity[2];
    }
    lastT = t;

    const magnitude = Math.hypot(lx, ly, lz);
    if (t < quietUntil) return false;

    if (magnitude < o.resetThreshold) {
      armed = true;
      return false;
    }
    if (!armed || magnitude < o.peakThreshold) return false;
    const previous = peaks[peaks.length - 1];
    if (previous !== undefined && t - previous < o.minPeakGapMs) return false;

    armed = false;
    peaks = [...peaks.filter((p) => t - p <= o.windowMs), t];
    if (peaks.length < o.minPeaks) return false;
    peaks = [];
    quietUntil = t + o.cooldownMs;
    return true;
  }

  return { push, reset };
}

/** How many shakes a whole trace contains (for tests and tuning). */
export function countShakes(samples: readonly MotionSample[], options: Partial<ShakeOptions> = {}): { count: number; at: number[] } {
  const detector = createShakeDetector(options);
  const at: number[] = [];
  for (const s of samples) if (detector.push(s)) at.push(s.t);
  return { count: at.length, at };
}
