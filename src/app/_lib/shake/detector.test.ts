import { describe, expect, it } from "vitest";
import { seededRandom } from "~/shared/testing/random";
import { countShakes, createShakeDetector, type MotionSample } from "./detector";
import { motionTraces, traceSamples } from "./traces";

const byLabel = (label: string) => {
  const trace = motionTraces.find((t) => t.label === label);
  if (!trace) throw new Error(`no trace ${label}`);
  return trace;
};

describe("shake detector on the recorded traces", () => {
  it.each(motionTraces.map((t) => [t.label, t] as const))("%s", (_label, trace) => {
    expect(countShakes(traceSamples(trace)).count, trace.description).toBe(trace.expectedShakes);
  });

  it("fires during the shake, not after it", () => {
    const { at } = countShakes(traceSamples(byLabel("deliberate-shake")));
    // The shake runs from 500 to 1700 ms.
    expect(at[0]).toBeGreaterThan(500);
    expect(at[0]).toBeLessThan(1500);
  });
});

describe("robustness", () => {
  it("ignores the event with null acceleration Chromium fires when the listener is added", () => {
    const detector = createShakeDetector();
    expect(detector.push({ t: 0, x: null, y: null, z: null, includesGravity: true })).toBe(false);
    expect(detector.push({ t: 16, x: Number.NaN, y: 1, z: 1, includesGravity: true })).toBe(false);
  });

  it("does not depend on how the phone is held (flat, gravity along z)", () => {
    const flat: MotionSample[] = traceSamples(byLabel("deliberate-shake")).map((s) => ({ ...s, y: (s.y ?? 0) - 9.81, z: (s.z ?? 0) + 9.81 }));
    expect(countShakes(flat).count).toBe(1);
    const walkingFlat = traceSamples(byLabel("walking")).map((s) => ({ ...s, x: s.y, y: s.x }));
    expect(countShakes(walkingFlat).count).toBe(0);
  });

  it("works on acceleration without gravity too", () => {
    const linear = traceSamples(byLabel("deliberate-shake")).map((s) => ({ ...s, y: (s.y ?? 0) - 9.81, includesGravity: false }));
    expect(countShakes(linear).count).toBe(1);
    const gentle = traceSamples(byLabel("gentle-shake")).map((s) => ({ ...s, y: (s.y ?? 0) - 9.81, includesGravity: false }));
    expect(countShakes(gentle).count).toBe(0);
  });

  it("keeps its answers when the events arrive irregularly (±6 ms jitter, a dropped sample in ten)", () => {
    const random = seededRandom(7);
    for (const trace of motionTraces) {
      const jittered = traceSamples(trace)
        .filter(() => random() > 0.1)
        .map((s) => ({ ...s, t: s.t + (random() * 2 - 1) * 6 }));
      expect(countShakes(jittered).count, trace.label).toBe(trace.expectedShakes);
    }
  });

  it("can be reset (a new screen starts from scratch)", () => {
    const detector = createShakeDetector();
    const samples = traceSamples(byLabel("deliberate-shake"));
    expect(samples.filter((s) => detector.push(s)).length).toBe(1);
    detector.reset();
    expect(samples.filter((s) => detector.push(s)).length).toBe(1);
  });
});
