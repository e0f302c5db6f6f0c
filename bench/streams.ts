/**
 * Streams over real HTTP, load from this process, servers in others
 * (`next start` on PostgreSQL, from the last `npm run build`), loopback only:
 *   - submit → push latency at a processor 1 km away while 1,000 processor
 *     list.live streams are connected; on one instance, and on two instances
 *     sharing Redis (submit on A, the processor streaming from B);
 *   - how many list.live streams one instance holds, and its RSS, up to 10,000.
 * Accounts, registrations and session cookies are made directly (a signed
 * session JWT with the server's AUTH_SECRET), not through sign-in: scrypt for
 * thousands of accounts would dominate the run and is not what is measured.
 */
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import { performance } from "node:perf_hooks";
import { encode } from "next-auth/jwt";
import superjson, { type SuperJSONResult } from "superjson";
import { type RunningServer, startNext } from "../e2e/http/support";
import type { OpenDatabase } from "../src/server/db/client";
import { destinationPoint, type Position } from "../src/shared/geo/distance";
import { seededRandom } from "../src/shared/testing/random";
import { percentile } from "./nearby";
import { sampleBankRequest } from "../src/server/test/samples";

const COOKIE = "authjs.session-token";
export const CITY: Position = { latitude: 45.764, longitude: 4.8357 };

interface Account {
  id: string;
  identification: string;
  cookie: string;
}

export async function makeAccounts(database: OpenDatabase, secret: string, tag: string, count: number): Promise<Account[]> {
  const accounts = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), identification: `b${tag}${i}` }));
  for (let i = 0; i < count; i += 1000) {
    await database.db.user.createMany({
      data: accounts.slice(i, i + 1000).map((a) => ({
        id: a.id,
        identification: a.identification,
        username: a.identification,
        displayName: `Bench ${a.identification}`,
        passwordHash: "x",
      })),
    });
  }
  return Promise.all(
    accounts.map(async (a) => {
      const token = await encode({
        // sessionVersion 0: a new account's, which the server checks on every request (issue 10's revocation).
        token: { sub: a.id, identification: a.identification, name: a.identification, sessionVersion: 0 },
        secret,
        salt: COOKIE,
        maxAge: 3600,
      });
      return { ...a, cookie: `${COOKIE}=${token}` };
    }),
  );
}

export async function register(database: OpenDatabase, accounts: Account[], place: (i: number) => Position, radiusMeters: number) {
  for (let i = 0; i < accounts.length; i += 1000) {
    await database.db.processorRegistration.createMany({
      data: accounts.slice(i, i + 1000).map((a, j) => ({ userId: a.id, ...place(i + j), radiusMeters, types: ["BANK_ACCOUNT"] })),
    });
  }
}

export interface Stream {
  close(): void;
  /** Resolves with performance.now() when a chunk containing `text` arrives. */
  waitFor(text: string, ms: number): Promise<number>;
  /**
   * When the chunk containing `text` arrived (performance.now()), if it is among the last chunks, or when it
   * arrives: for a push named by an id the sender learns only once its call returned.
   */
  arrivalOf(text: string, ms: number): Promise<number>;
}

/** BENCH_SERVER_PROFILE_DIR=dir: each server writes a V8 CPU profile there when it stops (bench/profile-summary.ts reads it). */
export function nodeArgs(): string[] {
  const dir = process.env.BENCH_SERVER_PROFILE_DIR;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 32 });

/**
 * A JSON POST on a kept-alive connection: the load generator's client for the
 * app's calls and the floor's alike, so a ratio of the two compares servers,
 * not clients (tRPC's fetch-based client, interleaved with this one on the same
 * server, added about 2 ms at p50 and 10 ms at p99 of its own).
 */
export function postJson(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent: keepAlive, headers: { "content-type": "application/json", ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** `request.submit` as httpLink sends it, with the session cookie; the new request's id. */
export async function submitOverHttp(url: string, cookie: string, input: unknown): Promise<string> {
  const { status, body } = await postJson(`${url}/api/trpc/request.submit`, JSON.stringify(superjson.serialize(input)), { cookie, origin: url });
  if (status !== 200) throw new Error(`request.submit answered ${status}: ${body.slice(0, 200)}`);
  return superjson.deserialize<{ id: string }>((JSON.parse(body) as { result: { data: SuperJSONResult } }).result.data).id;
}

/** An SSE stream at `path` held open with a bare HTTP request: cheap enough to hold thousands. Resolves once `first` arrived. */
export function openStream(url: string, path: string, cookie: string, first: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    let waiting: { text: string; resolve: (t: number) => void } | null = null;
    let buffer = "";
    const recent: { chunk: string; at: number }[] = [];
    const req = http.get(`${url}${path}`, { agent, headers: { cookie, accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`${path.split("?")[0]} answered ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding("utf8");
      let opened = false;
      res.on("data", (chunk: string) => {
        const now = performance.now();
        recent.push({ chunk, at: now });
        if (recent.length > 64) recent.shift();
        // Resolve once the first event arrived: the stream is live.
        if (!opened && chunk.includes(first)) {
          opened = true;
          resolve(stream);
        }
        if (waiting) {
          buffer = (buffer + chunk).slice(-4096);
          if (buffer.includes(waiting.text)) {
            const w = waiting;
            waiting = null;
            buffer = "";
            w.resolve(now);
          }
        }
      });
      res.on("error", () => {});
    });
    req.on("error", reject);
    const stream: Stream = {
      close: () => req.destroy(),
      arrivalOf: (text, ms) => {
        const seen = recent.find((r) => r.chunk.includes(text));
        return seen ? Promise.resolve(seen.at) : stream.waitFor(text, ms);
      },
      waitFor: (text, ms) =>
        new Promise((resolveWait, rejectWait) => {
          const timer = setTimeout(() => rejectWait(new Error(`no push of ${text} within ${ms} ms`)), ms);
          waiting = {
            text,
            resolve: (t) => {
              clearTimeout(timer);
              resolveWait(t);
            },
          };
        }),
    };
  });
}

/** The query string of a list.live subscription (no input), as tRPC's client sends it. */
export const liveListPath = `/api/trpc/list.live?${new URLSearchParams({ input: JSON.stringify(superjson.serialize(undefined)) })}`;

/** A list.live SSE stream held open with a bare HTTP request. */
export function openLive(url: string, cookie: string): Promise<Stream> {
  return openStream(url, liveListPath, cookie, "snapshot");
}

export async function openMany(count: number, concurrency: number, open: (i: number) => Promise<Stream>, label: string): Promise<Stream[]> {
  const streams: Stream[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        streams.push(await open(i));
        if (streams.length % 500 === 0)
          process.stderr.write(`\r  ${label}: ${streams.length}/${count} streams (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      }
    }),
  );
  process.stderr.write("\n");
  return streams;
}

/** Holder processes, each opening streams from its own loopback address. */
export function startHolders(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => fork("bench/stream-holder.ts", [], { execArgv: ["--import", "tsx"], stdio: "inherit" }));
}

function holderOpen(
  holder: ChildProcess,
  command: unknown,
  onProgress: (n: number) => void,
): Promise<{ opened: number; failed: number; error?: string }> {
  return new Promise((resolve) => {
    const listener = (message: { progress?: number; opened?: number; failed?: number; error?: string }) => {
      if (message.progress !== undefined) return onProgress(message.progress);
      holder.off("message", listener);
      resolve(message as { opened: number; failed: number; error?: string });
    };
    holder.on("message", listener);
    holder.send({ open: command });
  });
}

export type Target = { path: string; cookie: string };

/**
 * Opens the streams `target(from)` … `target(to - 1)`, dealt round the holders, each from its own address;
 * `onProgress` hears the total opened so far. Throws when any failed to open.
 */
export async function openOnHolders(
  label: string,
  holders: ChildProcess[],
  url: string,
  from: number,
  to: number,
  target: (i: number) => Target,
  onProgress: (n: number) => void,
) {
  const progress = new Array<number>(holders.length).fill(0);
  const results = await Promise.all(
    holders.map((holder, h) => {
      const targets: Target[] = [];
      for (let i = from + h; i < to; i += holders.length) targets.push(target(i));
      return holderOpen(holder, { url, targets, localAddress: `127.0.0.${2 + h}`, concurrency: 25 }, (n) => {
        progress[h] = n;
        onProgress(progress.reduce((a, b) => a + b, 0));
      });
    }),
  );
  const failed = results.reduce((n, r) => n + r.failed, 0);
  if (failed) throw new Error(`${label}: ${failed} of ${to - from} streams failed to open (${results.find((r) => r.error)?.error})`);
}

/**
 * A push bench's crowd in holder processes of its own, one per server, stream
 * `i` on server `i % urls.length`: the other desks are other devices, so the
 * measuring process holds only the target's stream and parses no one else's
 * events (with the crowd in it, that parsing added about 0.5 ms at p50).
 */
export async function holdCrowd(label: string, urls: string[], count: number, target: (i: number) => Target): Promise<ChildProcess[]> {
  const holders = startHolders(urls.length);
  try {
    await Promise.all(
      urls.map((url, s) =>
        openOnHolders(
          label,
          [holders[s]!],
          url,
          0,
          Math.ceil((count - s) / urls.length),
          (k) => target(k * urls.length + s),
          () => {},
        ),
      ),
    );
  } catch (error) {
    releaseHolders(holders);
    throw error;
  }
  return holders;
}

/** Tells holders to close their streams and exit. */
export function releaseHolders(holders: ChildProcess[]): void {
  for (const holder of holders) holder.send({ close: true });
}

/** Resident memory of a process and its children, from /proc. */
export function rssBytes(pid: number): number {
  const own = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  let children = 0;
  try {
    for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean))
      children += rssBytes(Number(child));
  } catch {
    // no children
  }
  return own + children;
}

export interface PushRow {
  setup: string;
  p50: number;
  p99: number;
  samples: number;
  /** The submit's own HTTP round trip (request.submit until its response), measured alongside. */
  submitP50: number;
  submitP99: number;
}

export interface HoldRow {
  streams: number;
  rssMiB: number;
  rssBaseMiB: number;
  openSeconds: number;
}

function serverEnv(database: OpenDatabase, secret: string, redis?: { url: string; prefix: string }): Record<string, string> {
  if (database.location.kind !== "postgres") throw new Error("streams bench needs PostgreSQL");
  return { DATABASE_URL: database.location.url, AUTH_SECRET: secret, ...(redis ? { REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix } : {}) };
}

/** Submit → push at a processor 1 km away with `streams` processor streams connected. */
export async function benchPush(options: {
  database: OpenDatabase;
  redisUrl: string;
  streams: number;
  samples: number;
  ports: [number, number];
}): Promise<PushRow[]> {
  const { database } = options;
  const secret = randomBytes(32).toString("hex");
  const random = seededRandom(5);
  const others = await makeAccounts(database, secret, `o${Date.now() % 1e6}-`, options.streams - 1);
  await register(database, others, () => destinationPoint(CITY, random() * 360, 10_000 * Math.sqrt(random())), 1000);
  const [target] = await makeAccounts(database, secret, `t${Date.now() % 1e6}-`, 1);
  await register(database, [target!], () => CITY, 1500);
  const requesters = await makeAccounts(database, secret, `r${Date.now() % 1e6}-`, Math.ceil(((options.samples + 20) * 2) / 4) + 2);
  const rows: PushRow[] = [];
  let requesterIndex = 0;
  let submits = 0;

  for (const setup of ["one instance", "two instances via Redis"] as const) {
    const two = setup !== "one instance";
    const redis = two ? { url: options.redisUrl, prefix: `nx-bench-${process.pid}-${randomBytes(2).toString("hex")}:` } : undefined;
    const env = serverEnv(database, secret, redis);
    const servers: RunningServer[] = [];
    try {
      servers.push(await startNext(options.ports[0], env, nodeArgs()));
      if (two) servers.push(await startNext(options.ports[1], env, nodeArgs()));
      const a = servers[0]!;
      const b = servers[servers.length - 1]!;
      // Half the crowd on each instance; the target on B; submits go to A.
      const samples: number[] = [];
      const submitSamples: number[] = [];
      let crowd: ChildProcess[] = [];
      let opened: Stream | undefined;
      try {
        crowd = await holdCrowd(
          `${setup}: the crowd`,
          servers.map((s) => s.url),
          others.length,
          (i) => ({ path: liveListPath, cookie: others[i]!.cookie }),
        );
        const targetStream = (opened = await openLive(b.url, target!.cookie));
        for (let i = 0; i < options.samples + 20; i++) {
          const requester = requesters[Math.floor(requesterIndex++ / 4)]!;
          const position = destinationPoint(CITY, (i * 37) % 360, 1000);
          const started = performance.now();
          const requestId = await submitOverHttp(a.url, requester.cookie, { ...sampleBankRequest, position, trigger: "TAP" });
          const returned = performance.now();
          submits++;
          // This submit's own event, by its id: a match on the type alone could take another request's.
          const at = await targetStream.arrivalOf(requestId, 10_000);
          if (i >= 20) {
            samples.push(at - started);
            submitSamples.push(returned - started);
          }
        }
      } finally {
        releaseHolders(crowd);
        opened?.close();
      }
      const row = {
        setup: `${setup}, ${options.streams} streams`,
        p50: percentile(samples, 50),
        p99: percentile(samples, 99),
        samples: samples.length,
        submitP50: percentile(submitSamples, 50),
        submitP99: percentile(submitSamples, 99),
      };
      rows.push(row);
      process.stderr.write(
        `  push ${setup}: p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms; submit round trip p50 ${row.submitP50.toFixed(1)} ms, p99 ${row.submitP99.toFixed(1)} ms (${submits} submits so far)\n`,
      );
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  }
  return rows;
}

/** Opens up to `target` list.live streams on one instance, RSS at each step. */
export async function benchHold(options: { database: OpenDatabase; steps: number[]; port: number }): Promise<HoldRow[]> {
  const { database } = options;
  const secret = randomBytes(32).toString("hex");
  const random = seededRandom(6);
  const max = Math.max(...options.steps);
  const processors = await makeAccounts(database, secret, `h${Date.now() % 1e6}-`, max);
  await register(database, processors, () => destinationPoint(CITY, random() * 360, 10_000 * Math.sqrt(random())), 1000);
  const server = await startNext(options.port, serverEnv(database, secret), nodeArgs());
  const rows: HoldRow[] = [];
  const streams: Stream[] = [];
  try {
    // Warm the routes once, then take the idle figure.
    (await openLive(server.url, processors[0]!.cookie)).close();
    await new Promise((r) => setTimeout(r, 500));
    const base = rssBytes(server.process.pid!);
    let opened = 0;
    for (const step of options.steps) {
      const started = performance.now();
      streams.push(...(await openMany(step - opened, 100, (i) => openLive(server.url, processors[opened + i]!.cookie), `holding ${step}`)));
      opened = step;
      await new Promise((r) => setTimeout(r, 1000));
      rows.push({
        streams: step,
        rssMiB: rssBytes(server.process.pid!) / 2 ** 20,
        rssBaseMiB: base / 2 ** 20,
        openSeconds: (performance.now() - started) / 1000,
      });
      process.stderr.write(`  ${step} streams: RSS ${(rssBytes(server.process.pid!) / 2 ** 20).toFixed(0)} MiB\n`);
    }
  } finally {
    for (const s of streams) s.close();
    await server.stop();
  }
  return rows;
}
