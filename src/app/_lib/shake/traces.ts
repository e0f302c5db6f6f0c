import type { MotionSample } from "./detector";
import deliberateShakeAfterNull from "./fixtures/deliberate-shake-after-null.json";
import deliberateShake from "./fixtures/deliberate-shake.json";
import gentleShake from "./fixtures/gentle-shake.json";
import putDownOnTable from "./fixtures/put-down-on-table.json";
import secondShakeWithin2s from "./fixtures/second-shake-within-2s.json";
import singleBump from "./fixtures/single-bump.json";
import twoShakes6sApart from "./fixtures/two-shakes-6s-apart.json";
import vigorousLongShake from "./fixtures/vigorous-long-shake.json";
import walking from "./fixtures/walking.json";

/** A recorded DeviceMotion trace (accelerationIncludingGravity, m/s²) and how many requests it should send. */
export interface MotionTrace {
  label: string;
  description: string;
  expectedShakes: number;
  interval: number;
  samples: Array<{ t: number; x: number | null; y: number | null; z: number | null }>;
}

export const motionTraces: MotionTrace[] = [
  deliberateShake,
  deliberateShakeAfterNull,
  vigorousLongShake,
  secondShakeWithin2s,
  twoShakes6sApart,
  gentleShake,
  walking,
  singleBump,
  putDownOnTable,
];

export function traceSamples(trace: MotionTrace): MotionSample[] {
  return trace.samples.map((s) => ({ ...s, includesGravity: true }));
}
