import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The Prometheus metrics, in one place: domain and API code call the small
 * functions below and never prom-client itself. Served at /api/metrics by the
 * custom server (src/server/http/server.ts) when METRICS_TOKEN is set.
 */
function createMetrics() {
  const registry = new Registry();
  // Process metrics, among them nodejs_eventloop_lag_seconds.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    openStreams: new Gauge({
      name: "nx_open_streams",
      help: "Event streams open on this instance, by subscription procedure",
      labelNames: ["kind"],
      registers,
    }),
    submits: new Counter({
      name: "nx_submits_total",
      help: "request.submit calls, by outcome (ok or the refusal's reason)",
      labelNames: ["outcome"],
      registers,
    }),
    selects: new Counter({
      name: "nx_selects_total",
      help: "exchange.select calls, by outcome (ok or the refusal's reason)",
      labelNames: ["outcome"],
      registers,
    }),
    pairings: new Counter({
      name: "nx_pairings_total",
      help: "Pairings ended, by outcome: done, refused, released, abandoned",
      labelNames: ["outcome"],
      registers,
    }),
    pushLatency: new Histogram({
      name: "nx_submit_push_latency_seconds",
      help: "From a submit's commit to its live event handed to a desk's stream",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    rateLimitRefusals: new Counter({
      name: "nx_rate_limit_refusals_total",
      help: "Calls refused by a rate limit, by limit",
      labelNames: ["limit"],
      registers,
    }),
  };
}

type Metrics = ReturnType<typeof createMetrics>;

// On globalThis: Next.js loads server modules once per route bundle (next-auth's sign-in counts its limits there),
// and prom-client refuses a second metric of one name; every copy counts into the one registry.
const store = globalThis as typeof globalThis & { __nearbyExchangeMetrics?: Metrics };

function metrics(): Metrics {
  return (store.__nearbyExchangeMetrics ??= createMetrics());
}

/** Procedures whose calls are counted by outcome (their `meta({ outcomes })`). */
export type OutcomeCounter = "submits" | "selects";

export function countOutcome(counter: OutcomeCounter, outcome: string): void {
  metrics()[counter].inc({ outcome });
}

export type PairingOutcome = "done" | "refused" | "released" | "abandoned";

export function pairingEnded(outcome: PairingOutcome): void {
  metrics().pairings.inc({ outcome });
}

/** A submitted request's live event reached a desk's stream; `committedAtMs` is the wall-clock time its submit committed. */
export function submitPushed(committedAtMs: number): void {
  metrics().pushLatency.observe(Math.max(0, Date.now() - committedAtMs) / 1000);
}

export function rateLimitRefused(limit: string): void {
  metrics().rateLimitRefusals.inc({ limit });
}

/**
 * An event stream opened (the SSE writer calls it once the subscription has
 * started): it counts as open until the returned function is called, once.
 */
export function streamOpened(kind: string): () => void {
  const { openStreams } = metrics();
  const labels = { kind };
  openStreams.inc(labels);
  let open = true;
  return () => {
    if (open) openStreams.dec(labels);
    open = false;
  };
}

/** The exposition text and its content type, for the scrape. */
export async function metricsExposition(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
