/**
 * `npm run bench`: latency and throughput of the app's hot paths, through the
 * real tRPC routers, on an on-disk PGlite and on PostgreSQL, each against a
 * baseline measured in the same run on the same database (the machine is
 * shared and noisy, so the ratios are the figures to compare across runs).
 *
 *   1. list.byType p50/p99 with 10,000 open requests in a ~20 km city.
 *   2. submit → list.live "added" event p50/p99, processor 900 m away.
 *   3. submit throughput at concurrency 16.
 *
 * Baselines: `SELECT 1` through the same Prisma client (latencies), sampled
 * interleaved with the metric; a bare single-row `request.create` of the same
 * data at the same concurrency (throughput), run in alternating rounds.
 *
 * Every loop is bounded; everything runs in-process or over loopback. See
 * bench/README.md for the figures of a run.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createCaller } from "../src/server/api/root";
import type { TRPCContext } from "../src/server/api/trpc";
import { type BusinessData, businessDataSchema, maskedPreview } from "../src/shared/business-data";
import { openDatabase, type OpenDatabase } from "../src/server/db/client";
import type { Prisma } from "../src/server/db/generated/client";
import { applyPendingMigrations } from "../src/server/db/migrate";
import type { Actor, ServerDeps } from "../src/server/deps";
import { InProcessEventBus } from "../src/server/events/bus";
import { noRateLimits } from "../src/server/rate-limit/limits";
import { destinationPoint, type Position } from "../src/shared/geo/distance";
import { MAX_OPEN_REQUESTS_PER_REQUESTER } from "../src/server/requests/service";
import { openTestDatabase } from "../src/server/test/databases";
import { seededRandom } from "../src/shared/testing/random";

// ---------------------------------------------------------------------------
// What is measured, and how much.

/** BENCH_QUICK=1: a fifth of the samples, for a quick before/after check (the ratios, not the absolute figures). */
const QUICK = process.env.BENCH_QUICK === "1";

const CONFIG = {
  /** Open requests seeded before list.byType is measured. */
  seedRequests: 10_000,
  seedBatch: 1_000,
  /** The city: a disc of this radius around the processor (~20 km across). */
  cityRadiusMeters: 10_000,
  processorRadiusMeters: 1_000,
  listWarmup: 50,
  listSamples: QUICK ? 60 : 300,
  liveWarmup: 20,
  liveSamples: QUICK ? 50 : 250,
  /** Where live-latency requests are submitted, from the processor. */
  liveDistanceMeters: 900,
  submitCount: QUICK ? 400 : 2_000,
  concurrency: 16,
  /** Submit and baseline-insert rounds alternate, so noise hits both alike. */
  throughputRounds: 4,
  /** Time limit for one live event; a missing event fails the run instead of hanging it. */
  eventTimeoutMs: 10_000,
} as const;

/** Requests per requester stay below the app's cap, as a real crowd's would. */
const PER_REQUESTER = Math.min(4, MAX_OPEN_REQUESTS_PER_REQUESTER - 1);
const CITY_CENTER: Position = { latitude: 45.764, longitude: 4.8357 }; // Lyon
const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/test";

// Valid sample data of each type, normalised as the app stores it.
const SAMPLES: BusinessData[] = [
  { type: "BANK_ACCOUNT", holderName: "Jane Smith", bankName: "West Bank", accountNumber: "GB82 WEST 1234 5698 7654 32" },
  { type: "ORDER", orderReference: "A-1042", items: ["tea", "scones"], amount: "7.50", currency: "EUR" },
  { type: "PAYMENT_CONFIRMATION", paymentReference: "PAY-778899", amount: "120.00", currency: "EUR", payer: "Desk 4" },
].map((raw) => businessDataSchema.parse(raw));
const BANK_ACCOUNT = SAMPLES[0]!;

// ---------------------------------------------------------------------------
// Small tools.

/** A uniformly random point in the city disc. */
function cityPoint(random: () => number): Position {
  return destinationPoint(CITY_CENTER, random() * 360, CONFIG.cityRadiusMeters * Math.sqrt(random()));
}

/** Nearest-rank percentile of unsorted samples. */
function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function log(line: string): void {
  console.log(`  ${line}`);
}

/** A progress line that rewrites itself on a terminal; in a log, one line each time. */
function progress(line: string, last: boolean): void {
  if (process.stdout.isTTY) process.stdout.write(`\r  ${line}${last ? "\n" : ""}`);
  else console.log(`  ${line}`);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `task(0..count-1)` with `concurrency` workers; returns elapsed ms and failures. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<unknown>) {
  let next = 0;
  const failures: unknown[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        try {
          await task(i);
        } catch (error) {
          failures.push(error);
        }
      }
    }),
  );
  return { ms: performance.now() - started, failures };
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : String(error);
}

// ---------------------------------------------------------------------------
// Results.

interface Row {
  metric: string;
  database: string;
  /** Latencies in ms. */
  p50?: number;
  p99?: number;
  /** Operations per second. */
  rate?: number;
  ratio: string;
  samples: number;
}

const rows: Row[] = [];
const notes: string[] = [];

function latencyRows(metric: string, database: string, samples: number[], baseline: number[]): void {
  const p50 = percentile(samples, 50);
  const p99 = percentile(samples, 99);
  const b50 = percentile(baseline, 50);
  const b99 = percentile(baseline, 99);
  rows.push({ metric, database, p50, p99, ratio: `p50 ×${(p50 / b50).toFixed(1)}, p99 ×${(p99 / b99).toFixed(1)}`, samples: samples.length });
  rows.push({ metric: "  baseline SELECT 1 (interleaved)", database, p50: b50, p99: b99, ratio: "1 (baseline)", samples: baseline.length });
}

function printTable(): void {
  const header = ["metric", "database", "p50 ms", "p99 ms", "rate /s", "ratio vs baseline", "n"];
  const cells = rows.map((r) => [
    r.metric,
    r.database,
    r.p50 === undefined ? "" : r.p50.toFixed(2),
    r.p99 === undefined ? "" : r.p99.toFixed(2),
    r.rate === undefined ? "" : r.rate.toFixed(0),
    r.ratio,
    String(r.samples),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const numeric = new Set([2, 3, 4, 6]);
  const line = (row: string[]) => row.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of cells) console.log(line(row));
}

function machineLine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, " ").trim() ?? "unknown CPU";
  const gib = (bytes: number) => (bytes / 2 ** 30).toFixed(1);
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  return `machine: ${cpus.length} cores (${model}), ${gib(os.totalmem())} GiB memory (${gib(os.freemem())} free), node ${process.version}, ${os.platform()} ${os.arch()}, load average ${load}`;
}

// ---------------------------------------------------------------------------
// Cleanup, also on Ctrl-C.

const cleanups = new Set<() => Promise<void>>();

process.once("SIGINT", () => {
  console.error("\nInterrupted: closing databases and removing temporary data…");
  void Promise.allSettled([...cleanups].map((c) => c())).finally(() => process.exit(130));
});

// ---------------------------------------------------------------------------
// One database.

interface Users {
  processor: Actor;
  seedRequesters: Actor[];
  liveRequesters: Actor[];
  throughputRequesters: Actor[];
  baseline: Actor;
}

async function createUsers(db: OpenDatabase["db"], tag: string): Promise<Users> {
  const all: Prisma.UserCreateManyInput[] = [];
  const make = (role: string, count: number): Actor[] =>
    Array.from({ length: count }, (_, i) => {
      const id = randomUUID();
      // Usernames as the app spells them: lowercase, starting with a letter, at most 32 characters.
      const identification = `b${tag}-${role}-${i}`;
      all.push({ id, identification, username: identification, displayName: `Bench ${role} ${i}`, passwordHash: "bench-not-a-real-hash" });
      return { userId: id, identification };
    });
  const users: Users = {
    processor: make("p", 1)[0]!,
    seedRequesters: make("s", Math.ceil(CONFIG.seedRequests / MAX_OPEN_REQUESTS_PER_REQUESTER)),
    liveRequesters: make("l", Math.ceil((CONFIG.liveWarmup + CONFIG.liveSamples) / PER_REQUESTER)),
    throughputRequesters: make("t", Math.ceil(CONFIG.submitCount / PER_REQUESTER)),
    baseline: make("b", 1)[0]!,
  };
  for (let i = 0; i < all.length; i += CONFIG.seedBatch) {
    await db.user.createMany({ data: all.slice(i, i + CONFIG.seedBatch) });
  }
  log(`users: ${all.length} inserted`);
  return users;
}

async function seedRequests(db: OpenDatabase["db"], users: Users): Promise<void> {
  const random = seededRandom(20_261_130);
  const now = Date.now();
  const started = performance.now();
  for (let start = 0; start < CONFIG.seedRequests; start += CONFIG.seedBatch) {
    const data: Prisma.RequestCreateManyInput[] = [];
    for (let i = start; i < Math.min(CONFIG.seedRequests, start + CONFIG.seedBatch); i++) {
      // Every seed requester has exactly MAX_OPEN_REQUESTS_PER_REQUESTER open requests.
      const requester = users.seedRequesters[i % users.seedRequesters.length]!;
      const businessData = SAMPLES[i % SAMPLES.length]!;
      const position = cityPoint(random);
      data.push({
        requesterId: requester.userId,
        identification: requester.identification,
        type: businessData.type,
        identificationHandle: `seed-${i}`,
        preview: maskedPreview(businessData),
        latitude: position.latitude,
        longitude: position.longitude,
        accuracyMeters: 5 + random() * 30,
        trigger: i % 2 ? "TAP" : "SHAKE",
        // A quarter carry an agreed processing time that is still hours away.
        deadline: i % 4 === 0 ? new Date(now + 2 * 3600_000 + i * 1000) : null,
      });
    }
    await db.request.createMany({ data });
    const done = start + data.length;
    progress(
      `seeding requests: ${done}/${CONFIG.seedRequests} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
      done === CONFIG.seedRequests,
    );
  }
}

async function benchDatabase(label: string, database: OpenDatabase): Promise<void> {
  const db = database.db;
  const bus = new InProcessEventBus();
  const deps: ServerDeps = { db, sql: database.sql, bus, now: () => new Date() };
  const shutdown = new AbortController();
  const callers = new Map<string, ReturnType<typeof createCaller>>();
  const callerFor = (actor: Actor, signal?: AbortSignal) => {
    const ctx: TRPCContext = { ...deps, actor, shutdownSignal: shutdown.signal, limits: noRateLimits, clientAddress: "127.0.0.1", sessionVersion: 0 };
    if (signal) return createCaller(ctx, { signal });
    let caller = callers.get(actor.userId);
    if (!caller) callers.set(actor.userId, (caller = createCaller(ctx)));
    return caller;
  };
  const select1 = async () => {
    const t0 = performance.now();
    await db.$queryRaw`SELECT 1`;
    return performance.now() - t0;
  };

  try {
    // --- Seed -------------------------------------------------------------
    const tag = Math.random().toString(36).slice(2, 6);
    const users = await createUsers(db, tag);
    await seedRequests(db, users);
    // PostgreSQL's autovacuum would analyze the freshly filled tables within a
    // minute; PGlite runs no autovacuum, so it is left as the app would leave it.
    // (Either way the planner uses Request_status_type_latitude_idx.)
    if (database.location.kind === "postgres") await db.$executeRawUnsafe(`ANALYZE "User", "Request"`);
    const processor = callerFor(users.processor);
    await processor.processor.register({
      ...CITY_CENTER,
      radiusMeters: CONFIG.processorRadiusMeters,
      types: ["BANK_ACCOUNT", "ORDER", "PAYMENT_CONFIRMATION"],
    });

    // --- 1. list.byType ---------------------------------------------------
    let listed = 0;
    for (let i = 0; i < CONFIG.listWarmup; i++) {
      listed = (await processor.list.byType({ type: "BANK_ACCOUNT" })).length;
      await select1();
    }
    const listMs: number[] = [];
    const listBaseline: number[] = [];
    for (let i = 0; i < CONFIG.listSamples; i++) {
      // Alternate which goes first, so neither always follows the other.
      if (i % 2) listBaseline.push(await select1());
      const t0 = performance.now();
      listed = (await processor.list.byType({ type: "BANK_ACCOUNT" })).length;
      listMs.push(performance.now() - t0);
      if (i % 2 === 0) listBaseline.push(await select1());
    }
    const open = await db.request.count({ where: { status: "OPEN" } });
    log(
      `list.byType: ${CONFIG.listSamples} samples after ${CONFIG.listWarmup} warm-up; ${open} open requests, ${listed} BANK_ACCOUNT listed within ${CONFIG.processorRadiusMeters} m`,
    );
    latencyRows(`list.byType (${open} open, ${listed} listed)`, label, listMs, listBaseline);

    // --- 2. submit → list.live --------------------------------------------
    const liveAbort = new AbortController();
    const live = (await callerFor(users.processor, liveAbort.signal).list.live())[Symbol.asyncIterator]();
    const liveMs: number[] = [];
    const liveBaseline: number[] = [];
    try {
      const first = await withTimeout(live.next(), CONFIG.eventTimeoutMs, "list.live snapshot");
      if (first.done || first.value.kind !== "snapshot") throw new Error(`list.live began with ${JSON.stringify(first.value)}`);
      log(`list.live: snapshot of ${first.value.requests.length} requests`);
      const total = CONFIG.liveWarmup + CONFIG.liveSamples;
      for (let k = 0; k < total; k++) {
        const requester = callerFor(users.liveRequesters[Math.floor(k / PER_REQUESTER)]!);
        // Spread round the processor at 900 m, golden-angle steps.
        const position = destinationPoint(CITY_CENTER, (k * 137.508) % 360, CONFIG.liveDistanceMeters);
        // Timestamp the event when it arrives, even if that is before submit() returns.
        const arrived = live.next().then((result) => ({ result, at: performance.now() }));
        const t0 = performance.now();
        const submitted = await requester.request.submit({
          type: BANK_ACCOUNT.type,
          preview: maskedPreview(BANK_ACCOUNT),
          position: { ...position, accuracyMeters: 12 },
          trigger: k % 2 ? "TAP" : "SHAKE",
        });
        const { result, at } = await withTimeout(arrived, CONFIG.eventTimeoutMs, `list.live event for submit ${k}`);
        if (result.done) throw new Error("list.live ended early");
        const event = result.value;
        if (event.kind !== "added" || event.request.id !== submitted.id) {
          throw new Error(`expected "added" for ${submitted.id}, got ${JSON.stringify(event).slice(0, 200)}`);
        }
        if (k >= CONFIG.liveWarmup) {
          liveMs.push(at - t0);
          liveBaseline.push(await select1());
        }
      }
    } finally {
      liveAbort.abort();
      await live.return?.();
    }
    log(`list.live: ${CONFIG.liveSamples} samples after ${CONFIG.liveWarmup} warm-up, sequential`);
    latencyRows(`submit → list.live added (${CONFIG.liveDistanceMeters} m)`, label, liveMs, liveBaseline);

    // --- 3. submit throughput ---------------------------------------------
    const random = seededRandom(7);
    const perRound = Math.ceil(CONFIG.submitCount / CONFIG.throughputRounds);
    let submitMs = 0;
    let submitOk = 0;
    let insertMs = 0;
    let insertOk = 0;
    const failures: unknown[] = [];
    let submitted = 0;
    let inserted = 0;
    const submitRound = async (count: number) => {
      const base = submitted;
      submitted += count;
      const r = await pool(count, CONFIG.concurrency, (j) => {
        const i = base + j;
        // Consecutive indices belong to different requesters, so no requester
        // has two submits in flight, and none exceeds PER_REQUESTER.
        const requester = users.throughputRequesters[i % users.throughputRequesters.length]!;
        const businessData = SAMPLES[i % SAMPLES.length]!;
        return callerFor(requester).request.submit({
          type: businessData.type,
          preview: maskedPreview(businessData),
          position: { ...cityPoint(random), accuracyMeters: 20 },
          trigger: "TAP",
        });
      });
      submitMs += r.ms;
      submitOk += count - r.failures.length;
      failures.push(...r.failures);
    };
    const insertRound = async (count: number) => {
      const base = inserted;
      inserted += count;
      const r = await pool(count, CONFIG.concurrency, (j) => {
        const businessData = SAMPLES[(base + j) % SAMPLES.length]!;
        const position = cityPoint(random);
        return db.request.create({
          data: {
            requesterId: users.baseline.userId,
            identification: users.baseline.identification,
            type: businessData.type,
            preview: maskedPreview(businessData),
            latitude: position.latitude,
            longitude: position.longitude,
            accuracyMeters: 20,
            trigger: "TAP",
          },
          select: { id: true },
        });
      });
      insertMs += r.ms;
      insertOk += count - r.failures.length;
      failures.push(...r.failures);
    };
    // A short warm-up of both paths, not counted.
    await pool(CONFIG.concurrency, CONFIG.concurrency, (j) =>
      callerFor(users.baseline)
        .request.mine()
        .then(() => db.request.findFirst({ where: { id: String(j) } })),
    );
    for (let round = 0; round < CONFIG.throughputRounds; round++) {
      const count = Math.min(perRound, CONFIG.submitCount - submitted);
      if (round % 2 === 0) {
        await submitRound(count);
        await insertRound(count);
      } else {
        await insertRound(count);
        await submitRound(count);
      }
      progress(
        `throughput: round ${round + 1}/${CONFIG.throughputRounds}, ${submitted} submits + ${inserted} baseline inserts`,
        round === CONFIG.throughputRounds - 1,
      );
    }
    if (failures.length > 0) {
      const first = describeError(failures[0]);
      notes.push(`${label}: ${failures.length} of ${submitted + inserted} throughput operations failed (first: ${first})`);
      log(`FAILURES: ${failures.length} (first: ${first})`);
    }
    const submitRate = (submitOk / submitMs) * 1000;
    const insertRate = (insertOk / insertMs) * 1000;
    rows.push({
      metric: `submit throughput (c=${CONFIG.concurrency})`,
      database: label,
      rate: submitRate,
      ratio: `×${(submitRate / insertRate).toFixed(2)}`,
      samples: submitOk,
    });
    rows.push({ metric: "  baseline bare request.create (c=16)", database: label, rate: insertRate, ratio: "1 (baseline)", samples: insertOk });
  } finally {
    shutdown.abort();
    await bus.close();
  }
}

// ---------------------------------------------------------------------------
// The two databases.

async function benchPGlite(): Promise<void> {
  console.log("\n== PGlite (on-disk, fresh data dir) ==");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "nx-bench-pglite-"));
  let database: OpenDatabase | undefined;
  const cleanup = async () => {
    await database?.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  };
  cleanups.add(cleanup);
  try {
    const t0 = performance.now();
    database = await openDatabase({ kind: "pglite", dataDir });
    await applyPendingMigrations(database.adapterFactory);
    log(`opened and migrated ${dataDir} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await benchDatabase("pglite", database);
  } finally {
    await cleanup();
    cleanups.delete(cleanup);
    log(`closed; removed ${dataDir}`);
  }
}

function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

async function reachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return describeError(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function benchPostgres(): Promise<void> {
  process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;
  const url = process.env.DATABASE_URL;
  console.log(`\n== PostgreSQL (${redacted(url)}, fresh database) ==`);
  const problem = await reachable(url);
  if (problem) {
    const line = `PostgreSQL skipped: cannot reach ${redacted(url)} (${problem}). Set DATABASE_URL to a server to include it.`;
    log(line);
    notes.push(line);
    return;
  }
  const t0 = performance.now();
  const database = await openTestDatabase("postgres");
  const cleanup = () => database.close();
  cleanups.add(cleanup);
  try {
    const version = await database.db.$queryRaw<Array<{ server_version: string }>>`SHOW server_version`;
    log(`created and migrated a fresh database (PostgreSQL ${version[0]?.server_version}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await benchDatabase("postgres", database);
  } finally {
    await cleanup();
    cleanups.delete(cleanup);
    log("closed; dropped the database");
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  console.log("Nearby Exchange benchmark");
  console.log(machineLine());
  let failed = false;
  for (const [name, run] of [
    ["PGlite", benchPGlite],
    ["PostgreSQL", benchPostgres],
  ] as const) {
    try {
      await run();
    } catch (error) {
      failed = true;
      const line = `${name} run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
      console.error(line);
      notes.push(line.split("\n")[0]!);
    }
  }
  console.log(`\n== Results (${((performance.now() - started) / 1000).toFixed(0)} s) ==`);
  console.log(machineLine());
  console.log(
    `latency ratios: metric ÷ SELECT 1 through the same Prisma client, interleaved; throughput ratio: submits/s ÷ bare request.create/s, alternating rounds of ${Math.ceil(CONFIG.submitCount / CONFIG.throughputRounds)}`,
  );
  printTable();
  for (const note of notes) console.log(`note: ${note}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; if a handle still holds the process open, say so and leave anyway.
    setTimeout(() => {
      console.error("bench: something still held the process open after all databases were closed; exiting.");
      process.exit(code || 1);
    }, 5000).unref();
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
