/**
 * Issue 11's benchmarks, part of `npm run bench`: the app's API path (the
 * custom server, scripts/server.ts) beside a bare `node:http` floor
 * (bench/floor-server.ts) measured in the same run, on a fresh PostgreSQL
 * database, loopback only.
 *   1. Stream memory: RSS over idle of one instance holding `list.live`
 *      streams (BENCH_STREAM_STEPS, default 2,000, 10,000 and 19,000: the
 *      20,000 open files a process may have here, less the server's own),
 *      against the floor holding as many SSE streams. The streams come from
 *      BENCH_HOLDERS processes (default 4), each from its own 127.0.0.x.
 *      Both servers first open and close 200 streams (of accounts no step
 *      uses), so "idle" is a server that has served streams before. Each
 *      step is read BENCH_SETTLE_SECONDS (default 5) after its last stream
 *      opened, held rather than just opened; every reading follows a full
 *      collection in the server (bench/collect-on-signal.mjs), and readings
 *      repeat every 2 s until the lowest stops falling (settledRss), idle's
 *      included, so that a figure counts what is held, not garbage or heap
 *      the server has not given back yet. Goal: at most 3× the floor's
 *      per-stream cost.
 *   2. Submit over HTTP: `request.submit` with the session cookie at
 *      concurrency 32, against the floor running the same `nx_submit_request`
 *      through a pool of the same size; rounds alternate, after a warm-up of
 *      BENCH_SUBMIT_WARM_UP (default 5,000) on each side. Goal: at least
 *      0.5×. Each round also reports the CPU per submit of the server and of
 *      PostgreSQL, and the load generator's share of the cores.
 *   3. Submit → push with 1,000 streams connected, one instance and two
 *      through Redis, against the floor doing the same (its two instances
 *      relaying through Redis pub/sub). The crowd is held by a holder process
 *      per instance, the target's stream here, and both sides' submits go
 *      through the same plain HTTP client. Goals: p99 ≤ 15 ms and ≤ 25 ms.
 * Knobs: BENCH_PARTS (e.g. "1,3"), BENCH_STREAM_STEPS, BENCH_HOLDERS,
 * BENCH_SUBMITS (per round, default 1,000), BENCH_SUBMIT_WARM_UP, BENCH_PUSH_SAMPLES (default 1,000: a p99 read off 200 rests on 2 samples),
 * ports 3270–3279 (BENCH_API_PORT moves them).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import superjson from "superjson";
import { type RunningServer, startNext } from "../e2e/http/support";
import type { OpenDatabase } from "../src/server/db/client";
import { destinationPoint } from "../src/shared/geo/distance";
import { seededRandom } from "../src/shared/testing/random";
import { openTestDatabase } from "../src/server/test/databases";
import { sampleBankRequest } from "../src/server/test/samples";
import { percentile } from "./nearby";
import {
  benchPush,
  CITY,
  holdCrowd,
  liveListPath,
  makeAccounts,
  nodeArgs,
  openOnHolders,
  openStream,
  postJson,
  register,
  releaseHolders,
  rssBytes,
  startHolders,
  type Stream,
  type Target,
} from "./streams";

process.env.DATABASE_URL ||= "postgresql://postgres@127.0.0.1:5432/test";
const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379";
const PORT = Number(process.env.BENCH_API_PORT ?? 3270);
const parts = new Set((process.env.BENCH_PARTS ?? "1,2,3").split(","));
const STEPS = (process.env.BENCH_STREAM_STEPS ?? "2000,10000,19000").split(",").map(Number);
const HOLDERS = Number(process.env.BENCH_HOLDERS ?? 4);
const WARM_STREAMS = 200;
const SETTLE_MS = Number(process.env.BENCH_SETTLE_SECONDS ?? 5) * 1000;
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 1000);
const SUBMIT_ROUNDS = 3;
const WARM_UP = Number(process.env.BENCH_SUBMIT_WARM_UP ?? 5 * SUBMITS);
const CONCURRENCY = 32;
const PUSH_SAMPLES = Number(process.env.BENCH_PUSH_SAMPLES ?? 1000);
const GOALS = { streamRatio: 3, submitRatio: 0.5, pushOne: 15, pushTwo: 25 };

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const verdict = (met: boolean) => (met ? "met" : "NOT met");

/** A floor server process; resolves once it listens. */
async function startFloor(port: number, env: Record<string, string> = {}, args: string[] = []): Promise<RunningServer> {
  const child = spawn(process.execPath, [...nodeArgs(), ...args, "--import", "tsx", "bench/floor-server.ts"], {
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve());
    child.once("exit", (code) => reject(new Error(`the floor server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    output: () => "",
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

function appEnv(database: OpenDatabase, secret: string, extra: Record<string, string> = {}): Record<string, string> {
  if (database.location.kind !== "postgres") throw new Error("the API-path bench needs PostgreSQL");
  return {
    DATABASE_URL: database.location.url,
    AUTH_SECRET: secret,
    RATE_LIMIT_SUBMIT: "1000000/60",
    RATE_LIMIT_STREAM: "1000000/60",
    LOG_LEVEL: "warn",
    ...extra,
  };
}

// ---------------------------------------------------------------------------
// 1. Stream memory

/** Both servers of part 1 collect their garbage when told, before each reading. */
const COLLECTING = ["--expose-gc", "--import", "./bench/collect-on-signal.mjs"];

/** RSS of `pid` after a full collection there. */
async function collectedRss(pid: number): Promise<number> {
  process.kill(pid, "SIGUSR2");
  await sleep(2000);
  return rssBytes(pid);
}

/** Readings taken until the lowest has not fallen by more than this over SETTLED_READINGS in a row… */
const SETTLED_MIB = 1;
const SETTLED_READINGS = 6;
/** …or this many in all (a minute). */
const MAX_READINGS = 30;

/**
 * The lowest collected RSS of `pid` once it stops falling. A full collection
 * alone is not enough: the app's idle RSS read 334 MiB three times in a row,
 * then 292 MiB from the fifth reading on (V8 gives back the pages of a heap
 * that grew while streams opened only when it sees the process idle), so one
 * reading could land on either side of that and a step read below idle.
 */
async function settledRss(pid: number): Promise<{ bytes: number; readings: number }> {
  const readings = [await collectedRss(pid)];
  let lowest = readings[0]!;
  while (readings.length < MAX_READINGS) {
    const reading = await collectedRss(pid);
    readings.push(reading);
    lowest = Math.min(lowest, reading);
    const before = Math.min(...readings.slice(0, -SETTLED_READINGS));
    if (readings.length > SETTLED_READINGS && before - lowest <= SETTLED_MIB * 2 ** 20) break;
  }
  return { bytes: lowest, readings: readings.length };
}

interface HoldRow {
  server: string;
  streams: number;
  overIdleMiB: number;
  perStreamKiB: number;
  openSeconds: number;
}

async function holdStreams(label: string, server: RunningServer, target: (i: number) => Target): Promise<HoldRow[]> {
  // Streams past the largest step, opened and closed by holders of their own, warm the server up (code compiled,
  // modules loaded) before the idle figure, so that the rows measure what each stream costs, not what the first one does.
  const max = Math.max(...STEPS);
  const warmers = startHolders(HOLDERS);
  await openOnHolders(`${label} warm-up`, warmers, server.url, max, max + WARM_STREAMS, target, () => {});
  for (const holder of warmers) holder.send({ close: true });
  // The idle figure is read as settled as each step's.
  await sleep(SETTLE_MS);

  const holders = startHolders(HOLDERS);
  const rows: HoldRow[] = [];
  try {
    await sleep(1000);
    const idle = await settledRss(server.process.pid!);
    const base = idle.bytes;
    process.stderr.write(`  ${label}: idle ${fmt(base / 2 ** 20)} MiB (${idle.readings} readings)\n`);
    let opened = 0;
    for (const step of STEPS) {
      const started = performance.now();
      await openOnHolders(label, holders, server.url, opened, step, target, (n) =>
        process.stderr.write(`\r  ${label}: ${opened + n}/${step} streams`),
      );
      process.stderr.write("\n");
      opened = step;
      // Held, not just opened: the collector has run and given back what the opening left (the floor waits as long).
      await sleep(SETTLE_MS);
      const held = await settledRss(server.process.pid!);
      const over = held.bytes - base;
      rows.push({
        server: label,
        streams: step,
        overIdleMiB: over / 2 ** 20,
        perStreamKiB: over / step / 1024,
        openSeconds: (performance.now() - started) / 1000,
      });
      process.stderr.write(`  ${label}: ${step} streams, +${fmt(over / 2 ** 20)} MiB over idle (${held.readings} readings)\n`);
    }
  } finally {
    for (const holder of holders) holder.send({ close: true });
  }
  return rows;
}

/** KiB per stream of the streams opened between step i−1 and step i. */
function marginal(rows: HoldRow[], i: number): number {
  return ((rows[i]!.overIdleMiB - rows[i - 1]!.overIdleMiB) * 1024) / (rows[i]!.streams - rows[i - 1]!.streams);
}

async function streamMemory(database: OpenDatabase) {
  const secret = randomBytes(32).toString("hex");
  const random = seededRandom(11);
  const max = Math.max(...STEPS);
  process.stderr.write(`  making ${max} desk accounts…\n`);
  const desks = await makeAccounts(database, secret, `m${Date.now() % 1e6}-`, max + WARM_STREAMS);
  await register(database, desks, () => destinationPoint(CITY, random() * 360, 10_000 * Math.sqrt(random())), 1000);

  const floor = await startFloor(PORT, {}, COLLECTING);
  let floorRows: HoldRow[];
  try {
    floorRows = await holdStreams("floor", floor, (i) => ({ path: `/sse?id=${i}`, cookie: "" }));
  } finally {
    await floor.stop();
  }
  const app = await startNext(PORT + 1, appEnv(database, secret), [...nodeArgs(), ...COLLECTING]);
  let appRows: HoldRow[];
  try {
    appRows = await holdStreams("app", app, (i) => ({ path: liveListPath, cookie: desks[i]!.cookie }));
  } finally {
    await app.stop();
  }
  console.log(`\n1. Stream memory: RSS over idle, one instance, streams from ${HOLDERS} processes on 127.0.0.2–${1 + HOLDERS}`);
  console.table(
    STEPS.map((streams, i) => {
      const a = appRows[i]!;
      const f = floorRows[i]!;
      return {
        streams,
        "app MiB": fmt(a.overIdleMiB),
        "app KiB/stream": fmt(a.perStreamKiB),
        "floor MiB": fmt(f.overIdleMiB),
        "floor KiB/stream": fmt(f.perStreamKiB),
        ratio: `${fmt(a.perStreamKiB / f.perStreamKiB, 2)}×`,
        // Each stream past the previous step: what one more stream costs, beside the average.
        "ratio, streams since previous step": i === 0 ? "" : `${fmt(marginal(appRows, i) / marginal(floorRows, i), 2)}×`,
        "app open s": fmt(a.openSeconds),
      };
    }),
  );
  const worst = Math.max(...STEPS.map((_, i) => appRows[i]!.perStreamKiB / floorRows[i]!.perStreamKiB));
  console.log(`  worst ratio ${fmt(worst, 2)}× (goal ≤ ${GOALS.streamRatio}×) ${verdict(worst <= GOALS.streamRatio)}`);
}

// ---------------------------------------------------------------------------
// 2. Submit over HTTP

/** A submit's status: the app's and the floor's through the same client. */
const post = async (url: string, body: string, headers: Record<string, string>) => (await postJson(url, body, headers)).status;

/** CPU seconds (user and system) a process has used: /proc/PID/stat's utime and stime, in clock ticks of 10 ms. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds used by every PostgreSQL process on the machine (backends, WAL writer, checkpointer, autovacuum). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("postgres")) total += cpuSeconds(Number(pid));
    } catch {
      // the process ended while we read
    }
  }
  return total;
}

/**
 * Runs `count` calls of `send` at CONCURRENCY: submits per second, and the CPU
 * each submit cost the server (`serverPid`), PostgreSQL and this process over
 * the same wall time. On 2 shared cores the rate follows the CPU: the columns
 * say where a side's time went.
 */
async function drive(count: number, serverPid: number, send: (i: number) => Promise<number>) {
  let next = 0;
  let failed = 0;
  const cpu = process.cpuUsage();
  const server = cpuSeconds(serverPid);
  const postgres = postgresCpuSeconds();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const status = await send(next++);
        if (status !== 200) failed++;
      }
    }),
  );
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (failed) throw new Error(`${failed} of ${count} submits failed`);
  return {
    rate: (count / wallMs) * 1000,
    loadgenCpu: (used.user + used.system) / 1000 / wallMs,
    serverUs: ((cpuSeconds(serverPid) - server) * 1e6) / count,
    postgresUs: ((postgresCpuSeconds() - postgres) * 1e6) / count,
  };
}

async function submitOverHttp(database: OpenDatabase) {
  const secret = randomBytes(32).toString("hex");
  // Each requester sends 4 (below the cap of 5 open requests), on each side, over warm-up and rounds.
  const perSide = Math.ceil(((SUBMITS * SUBMIT_ROUNDS + WARM_UP + 100) / 4) * 1.1);
  const appRequesters = await makeAccounts(database, secret, `sa${Date.now() % 1e6}-`, perSide);
  const floorRequesters = await makeAccounts(database, secret, `sf${Date.now() % 1e6}-`, perSide);
  const position = (i: number) => ({ latitude: 45.7 + (i % 100) / 1000, longitude: 4.8 + (i % 97) / 1000 });
  let appNext = 0;
  let floorNext = 0;
  // Worker-disjoint: a requester's 4 submits are 32 apart, so it never has two in flight.
  const requesterOf = (list: typeof appRequesters, i: number) => list[Math.floor(i / CONCURRENCY / 4) * CONCURRENCY + (i % CONCURRENCY)]!;

  const app = await startNext(PORT + 2, appEnv(database, secret), nodeArgs());
  const floor = await startFloor(PORT + 3, { DATABASE_URL: database.location.kind === "postgres" ? database.location.url : "" });
  const appSubmit = () => {
    const i = appNext++;
    const requester = requesterOf(appRequesters, i);
    const body = JSON.stringify(superjson.serialize({ ...sampleBankRequest, position: position(i), trigger: "TAP" }));
    return post(`${app.url}/api/trpc/request.submit`, body, { cookie: requester.cookie, origin: app.url });
  };
  const floorSubmit = () => {
    const i = floorNext++;
    const requester = requesterOf(floorRequesters, i);
    const body = JSON.stringify({ requesterId: requester.id, identification: requester.identification, ...sampleBankRequest, ...position(i) });
    return post(`${floor.url}/submit`, body, {});
  };
  type Drive = Awaited<ReturnType<typeof drive>>;
  const rows: { round: number; app: Drive; floor: Drive }[] = [];
  try {
    // Both sides are measured once their JIT has settled, as a serving instance is: after a warm-up of 1,000 the app
    // still spent 740–880 µs of CPU per submit in the first round and 500 in the third; after 5,000, 410–460 in all three.
    // The same for the floor: 330–370 → 150–180, and 130–150 after 5,000.
    await drive(WARM_UP, app.process.pid!, appSubmit);
    await drive(WARM_UP, floor.process.pid!, floorSubmit);
    for (let round = 1; round <= SUBMIT_ROUNDS; round++) {
      const a = await drive(SUBMITS, app.process.pid!, appSubmit);
      const f = await drive(SUBMITS, floor.process.pid!, floorSubmit);
      rows.push({ round, app: a, floor: f });
      process.stderr.write(`  round ${round}: app ${fmt(a.rate, 0)}/s, floor ${fmt(f.rate, 0)}/s\n`);
    }
  } finally {
    await Promise.all([app.stop(), floor.stop()]);
  }
  const cores = os.cpus().length;
  console.log(`\n2. Submit over HTTP with the session cookie, PostgreSQL, concurrency ${CONCURRENCY}, ${SUBMITS} per round`);
  console.table(
    rows.map((r) => ({
      round: r.round,
      "app /s": fmt(r.app.rate, 0),
      "floor /s": fmt(r.floor.rate, 0),
      ratio: `${fmt(r.app.rate / r.floor.rate, 2)}×`,
      // CPU per submit (10 ms ticks over 1,000 submits: ±10 µs): the server's own, and PostgreSQL's for its calls.
      "µs/submit app, its PostgreSQL": `${fmt(r.app.serverUs, 0)}, ${fmt(r.app.postgresUs, 0)}`,
      "µs/submit floor, its PostgreSQL": `${fmt(r.floor.serverUs, 0)}, ${fmt(r.floor.postgresUs, 0)}`,
      "load generator CPU (app)": `${fmt((r.app.loadgenCpu / cores) * 100, 0)}% of ${cores} cores`,
      "load generator CPU (floor)": `${fmt((r.floor.loadgenCpu / cores) * 100, 0)}% of ${cores} cores`,
    })),
  );
  const ratio = percentile(
    rows.map((r) => r.app.rate / r.floor.rate),
    50,
  );
  console.log(`  median ratio ${fmt(ratio, 2)}× (goal ≥ ${GOALS.submitRatio}×) ${verdict(ratio >= GOALS.submitRatio)}`);
}

// ---------------------------------------------------------------------------
// 3. Submit → push

/** The floor's submit → push: 999 crowd streams and the target, submits on A, the target on B. */
async function floorPush(database: OpenDatabase, two: boolean) {
  const secret = randomBytes(32).toString("hex");
  const requesters = await makeAccounts(database, secret, `pf${two ? 2 : 1}${Date.now() % 1e6}-`, Math.ceil((PUSH_SAMPLES + 20) / 4) + 2);
  const env = { DATABASE_URL: database.location.kind === "postgres" ? database.location.url : "", ...(two ? { REDIS_URL } : {}) };
  const servers = [await startFloor(PORT + 4, env)];
  if (two) servers.push(await startFloor(PORT + 5, env));
  const a = servers[0]!;
  const b = servers[servers.length - 1]!;
  let crowd: ChildProcess[] = [];
  let targetStream: Stream | undefined;
  try {
    crowd = await holdCrowd(
      "floor crowd",
      servers.map((s) => s.url),
      999,
      (i) => ({ path: `/sse?id=c${i}`, cookie: "" }),
    );
    const target = (targetStream = await openStream(b.url, "/sse?id=target", "", "snapshot"));
    const samples: number[] = [];
    for (let i = 0; i < PUSH_SAMPLES + 20; i++) {
      const requester = requesters[Math.floor(i / 4)]!;
      const position = destinationPoint(CITY, (i * 37) % 360, 1000);
      const started = performance.now();
      const arrived = target.waitFor("added", 10_000);
      const body = JSON.stringify({
        requesterId: requester.id,
        identification: requester.identification,
        ...sampleBankRequest,
        ...position,
        notify: "target",
      });
      await post(`${a.url}/submit`, body, {});
      const at = await arrived;
      if (i >= 20) samples.push(at - started);
    }
    return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
  } finally {
    releaseHolders(crowd);
    targetStream?.close();
    await Promise.all(servers.map((s) => s.stop()));
  }
}

async function push(database: OpenDatabase) {
  const floorOne = await floorPush(database, false);
  const floorTwo = await floorPush(database, true);
  const [one, two] = await benchPush({ database, redisUrl: REDIS_URL, streams: 1000, samples: PUSH_SAMPLES, ports: [PORT + 6, PORT + 7] });
  console.log(`\n3. Submit → push with 1,000 streams connected, ${PUSH_SAMPLES} sequential samples`);
  const rows = [
    { setup: "one instance", app: one!, floor: floorOne, goal: GOALS.pushOne },
    { setup: "two instances via Redis", app: two!, floor: floorTwo, goal: GOALS.pushTwo },
  ];
  console.table(
    rows.map((r) => ({
      setup: r.setup,
      "app p50": `${fmt(r.app.p50)} ms`,
      "app p99": `${fmt(r.app.p99)} ms`,
      "floor p50": `${fmt(r.floor.p50)} ms`,
      "floor p99": `${fmt(r.floor.p99)} ms`,
      "p99 ratio": `${fmt(r.app.p99 / r.floor.p99, 2)}×`,
      goal: `p99 ≤ ${r.goal} ms: ${verdict(r.app.p99 <= r.goal)}`,
    })),
  );
}

async function main() {
  console.log(
    `API-path bench (issue 11): ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const database = await openTestDatabase("postgres");
  try {
    if (parts.has("1")) await streamMemory(database);
    if (parts.has("2")) await submitOverHttp(database);
    if (parts.has("3")) await push(database);
  } finally {
    await database.close();
  }
  console.log(
    `  load at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
}

await main();
