/**
 * The scale-out benchmark (issue 5), part of `npm run bench`; figures go to
 * stdout as tables and to bench/RESULTS.md with the machine they came from.
 *   1. nearby query p50/p99 vs Redis GEOSEARCH (bench/nearby.ts)
 *   2. submit → push latency with 1,000 streams, one and two instances (bench/streams.ts)
 *   3. list.live streams held by one instance and its RSS (bench/streams.ts)
 *   4. submit throughput on PGlite and PostgreSQL (bench/submit.ts)
 * Knobs: BENCH_SIZES (e.g. "10000,100000"), BENCH_HOLD (max streams), BENCH_PUSH_STREAMS, BENCH_QUICK=1,
 * BENCH_PARTS (e.g. "2,3": only those parts).
 */
import { execSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { openTestDatabase } from "../src/server/test/databases";
import { benchNearby, type NearbyRow } from "./nearby";
import { benchHold, benchPush, type HoldRow, type PushRow } from "./streams";
import { submitThroughput } from "./submit";

process.env.DATABASE_URL ||= "postgresql://postgres@127.0.0.1:5432/test";
const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
const quick = process.env.BENCH_QUICK === "1";
const sizes = (process.env.BENCH_SIZES ?? (quick ? "10000" : "10000,100000,1000000")).split(",").map(Number);
const holdMax = Number(process.env.BENCH_HOLD ?? (quick ? 1000 : 10_000));
const parts = new Set((process.env.BENCH_PARTS ?? "1,2,3,4").split(","));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

function machine(): string {
  const cpus = os.cpus();
  const pgVersion = (() => {
    try {
      return execSync("psql --version", { encoding: "utf8" }).trim();
    } catch {
      return "psql not found";
    }
  })();
  return [
    `${cpus.length} cores (${cpus[0]?.model.replace(/\s+/g, " ").trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
    `node ${process.version}, ${os.platform()} ${os.arch()}, ${pgVersion}, \`ulimit -n\` ${execSync("ulimit -n", { encoding: "utf8", shell: "/bin/bash" }).trim()}`,
  ].join("; ");
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

async function withDatabase<T>(
  run: (db: Awaited<ReturnType<typeof openTestDatabase>>) => Promise<T>,
  kind: "postgres" | "pglite" = "postgres",
): Promise<T> {
  const database = await openTestDatabase(kind);
  try {
    return await run(database);
  } finally {
    await database.close();
  }
}

async function main() {
  const started = performance.now();
  const loads: string[] = [`start: ${load()}`];
  const sections: string[] = [];
  const problems: string[] = [];

  async function part<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
    if (!parts.has(name[0]!)) return undefined;
    process.stderr.write(`\n== ${name} ==\n`);
    try {
      const result = await run();
      loads.push(`after ${name}: ${load()}`);
      return result;
    } catch (error) {
      const line = `${name} failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
      console.error(line);
      problems.push(line);
      return undefined;
    }
  }

  const nearby = await part("1. nearby query", () =>
    withDatabase((db) => benchNearby({ databaseUrl: (db.location as { url: string }).url, redisUrl, sizes, samples: quick ? 100 : 200 })),
  );
  if (nearby) {
    const anchor = (r: NearbyRow) => nearby.find((a) => a.size === r.size && a.distribution === r.distribution && a.index === "redis")!;
    sections.push(
      "### 1. Nearby query: nearest 100 within 1 km, ratio to Redis GEOSEARCH on the same points\n\n" +
        table(
          ["open requests", "distribution", "index", "p50 ms", "p99 ms", "p50 ÷ redis", "p99 ÷ redis", "found (mean)"],
          nearby.map((r) => [
            r.size.toLocaleString("en"),
            r.distribution === "spread" ? "1,000 km square" : "20 km city",
            r.index,
            r.p50.toFixed(3),
            r.p99.toFixed(3),
            (r.p50 / anchor(r).p50).toFixed(2),
            (r.p99 / anchor(r).p99).toFixed(2),
            r.found.toFixed(1),
          ]),
        ),
    );
  }

  const push = await part("2. submit → push", () =>
    withDatabase((database) =>
      benchPush({
        database,
        redisUrl,
        streams: Number(process.env.BENCH_PUSH_STREAMS ?? (quick ? 200 : 1000)),
        samples: quick ? 50 : 200,
        ports: [3253, 3254],
      }),
    ),
  );
  if (push) {
    sections.push(
      "### 2. Submit → push latency at a processor 1 km away (HTTP submit to A, SSE push from B)\n\n" +
        table(
          ["setup", "p50 ms", "p99 ms", "submit round trip p50 / p99 ms", "samples", "goal"],
          push.map((r: PushRow) => [
            r.setup,
            r.p50.toFixed(1),
            r.p99.toFixed(1),
            `${r.submitP50.toFixed(1)} / ${r.submitP99.toFixed(1)}`,
            String(r.samples),
            r.setup.startsWith("one") ? "p99 < 25 ms" : "p99 < 50 ms",
          ]),
        ),
    );
  }

  const steps = [1000, 2500, 5000, 10_000].filter((s) => s < holdMax).concat(holdMax);
  const hold = await part("3. streams held", () => withDatabase((database) => benchHold({ database, steps, port: 3255 })));
  if (hold) {
    sections.push(
      "### 3. list.live SSE streams held by one instance (PostgreSQL), server RSS\n\n" +
        table(
          ["streams", "RSS MiB", "idle RSS MiB", "KiB per stream", "seconds to open the step"],
          hold.map((r: HoldRow) => [
            String(r.streams),
            r.rssMiB.toFixed(0),
            r.rssBaseMiB.toFixed(0),
            (((r.rssMiB - r.rssBaseMiB) * 1024) / r.streams).toFixed(1),
            r.openSeconds.toFixed(1),
          ]),
        ),
    );
  }

  const throughput: string[][] = [];
  for (const kind of ["pglite", "postgres"] as const) {
    await part(`4. submit throughput (${kind})`, () =>
      withDatabase(async (database) => {
        const count = kind === "pglite" ? 1000 : 3000;
        await submitThroughput(database, 200, 32, "warm");
        const rate = await submitThroughput(database, count, 32);
        throughput.push([kind, rate.toFixed(0), String(count), "32", kind === "postgres" ? ">= 1,000/s" : ""]);
        process.stderr.write(`  ${kind}: ${rate.toFixed(0)} submits/s\n`);
      }, kind),
    );
  }
  if (throughput.length)
    sections.push(
      "### 4. Submit throughput, in-process through the tRPC routers (no HTTP)\n\n" +
        table(["database", "submits/s", "submits", "concurrency", "goal"], throughput),
    );

  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const report = [
    `Machine: ${machine()}`,
    `Load average (1, 5, 15 min): ${loads.join("; ")}`,
    `Total ${seconds} s.`,
    "",
    ...sections.flatMap((s) => [s, ""]),
    ...problems.map((p) => `Problem: ${p}`),
  ].join("\n");
  console.log(`\n${report}`);
  if (!process.env.BENCH_NO_WRITE) {
    writeFileSync(
      new URL("./RESULTS.generated.md", import.meta.url),
      `<!-- written by bench/scale.ts on ${new Date().toISOString()} -->\n${report}\n`,
    );
    process.stderr.write("wrote bench/RESULTS.generated.md (bench/RESULTS.md quotes it with the analysis)\n");
  }
  return problems.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    setTimeout(() => process.exit(code), 3000).unref();
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
