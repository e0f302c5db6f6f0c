/**
 * Writes the motion traces in src/app/_lib/shake/fixtures/: DeviceMotion
 * samples (accelerationIncludingGravity, m/s², 60 Hz) shaped like what a
 * phone reports in each situation, with sensor noise from a seeded generator
 * so the files are the same at every run. The shake detector's unit tests and
 * the Playwright shake tests replay them.
 *   npx tsx scripts/make-motion-traces.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "../src/shared/testing/random";

const G = 9.81;
const INTERVAL = 16;
type Vec = [number, number, number];
interface Trace {
  label: string;
  description: string;
  expectedShakes: number;
  interval: number;
  samples: Array<{ t: number; x: number; y: number; z: number }>;
}

const random = seededRandom(20261130);
const noise = (amount: number) => (random() * 2 - 1) * amount;
const round = (v: number) => Math.round(v * 100) / 100;

/** Upright in the hand (screen facing you): gravity along +y. */
const upright: Vec = [0, G, 0];

function trace(label: string, description: string, expectedShakes: number, durationMs: number, at: (t: number) => Vec): Trace {
  const samples = [];
  for (let t = 0; t <= durationMs; t += INTERVAL) {
    const [x, y, z] = at(t);
    samples.push({ t, x: round(x + noise(0.25)), y: round(y + noise(0.25)), z: round(z + noise(0.25)) });
  }
  return { label, description, expectedShakes, interval: INTERVAL, samples };
}

/** A side-to-side shake along x: a sine of `hz` with a smooth rise and fall. */
function shake(t: number, start: number, duration: number, hz: number, amplitude: number): number {
  if (t < start || t > start + duration) return 0;
  const u = (t - start) / duration;
  const envelope = Math.sin(Math.PI * u) ** 0.5;
  return amplitude * envelope * Math.sin(2 * Math.PI * hz * ((t - start) / 1000));
}

/** A knock: a spike decaying in ~100 ms while the case rings at 15 Hz. */
function knock(t: number, at: number, peak: number): number {
  if (t < at) return 0;
  const dt = (t - at) / 1000;
  return peak * Math.exp(-dt / 0.04) * Math.cos(2 * Math.PI * 15 * dt);
}

const add = (a: Vec, b: Vec): Vec => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];

const traces: Trace[] = [
  trace("deliberate-shake", "Held upright, shaken side to side at 4 Hz, ±20 m/s², for 1.2 s, then held still.", 1, 2600, (t) =>
    add(upright, [shake(t, 500, 1200, 4, 20), 0.3 * shake(t, 500, 1200, 4, 6), 0]),
  ),
  trace("vigorous-long-shake", "A hurried shake at 5 Hz, ±28 m/s², kept up for 2.5 s: still one request.", 1, 3500, (t) =>
    add(upright, [shake(t, 400, 2500, 5, 28), shake(t, 400, 2500, 5, 8), 0]),
  ),
  trace("second-shake-within-2s", "Two deliberate shakes, the second starting 1 s after the first ends: one request.", 1, 4400, (t) =>
    add(upright, [shake(t, 400, 1100, 4, 22) + shake(t, 2500, 1100, 4, 22), 0, 0]),
  ),
  trace("two-shakes-6s-apart", "Two deliberate shakes 6 s apart: two requests (the cooldown is over).", 2, 8600, (t) =>
    add(upright, [shake(t, 400, 1100, 4, 22) + shake(t, 7000, 1100, 4, 22), 0, 0]),
  ),
  trace("gentle-shake", "A gentle wiggle at 3 Hz, ±5 m/s², for 2 s: not a deliberate shake.", 0, 3000, (t) =>
    add(upright, [shake(t, 500, 2000, 3, 5), 0, 0]),
  ),
  trace("walking", "Walking with the phone in the hand: steps at 2 Hz, 2–5 m/s² vertical, sway at 1 Hz, for 10 s.", 0, 10_000, (t) => {
    const s = t / 1000;
    const step = 3.5 * Math.sin(2 * Math.PI * 2 * s) + 1.2 * Math.sin(2 * Math.PI * 4 * s + 0.6);
    const sway = 1.5 * Math.sin(2 * Math.PI * 1 * s);
    return add(upright, [sway, step, 0.8 * Math.sin(2 * Math.PI * 2 * s + 1)]);
  }),
  trace("single-bump", "Held upright, knocked once against the counter (a 25 m/s² spike that rings out).", 0, 1500, (t) =>
    add(upright, [knock(t, 600, 25), 0.4 * knock(t, 600, 25), 0]),
  ),
  trace("put-down-on-table", "Lowered from upright to flat over 0.5 s, then set down on a table with a small knock.", 0, 2500, (t) => {
    const u = Math.min(1, Math.max(0, (t - 500) / 500));
    const angle = (Math.PI / 2) * (0.5 - 0.5 * Math.cos(Math.PI * u));
    const g: Vec = [0, G * Math.cos(angle), G * Math.sin(angle)];
    return add(g, [0, 0, knock(t, 1050, 14)]);
  }),
];

// A trace as Chromium starts it: one event with null acceleration when the listener is added.
const withNull = {
  ...traces[0]!,
  label: "deliberate-shake-after-null",
  description: "The deliberate shake, preceded by Chromium's first event with null acceleration.",
};

const dir = join(process.cwd(), "src", "app", "_lib", "shake", "fixtures");
mkdirSync(dir, { recursive: true });
for (const t of traces) writeFileSync(join(dir, `${t.label}.json`), `${JSON.stringify(t)}\n`);
writeFileSync(
  join(dir, `${withNull.label}.json`),
  `${JSON.stringify({ ...withNull, samples: [{ t: 0, x: null, y: null, z: null }, ...withNull.samples.map((s) => ({ ...s, t: s.t + INTERVAL }))] })}\n`,
);
console.log(`${traces.length + 1} traces in ${dir}`);
