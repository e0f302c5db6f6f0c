/**
 * Where a held list.live stream's memory goes: one `next start` on PostgreSQL,
 * a V8 heap snapshot with no streams (after a warm-up stream) and another
 * with N streams, summed by constructor; the difference divided by N is each
 * stream's share of the JS heap. RSS and the snapshots' totals say how much
 * lies outside the JS heap (buffers, native).
 *   tsx --conditions=react-server bench/heap.ts [streams=1000] [port=3256]
 * Snapshots are written to $BENCH_HEAP_DIR (default: a fresh /tmp dir).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startNext } from "../e2e/http/support";
import { destinationPoint } from "../src/shared/geo/distance";
import { openTestDatabase } from "../src/server/test/databases";
import { seededRandom } from "../src/shared/testing/random";
import { CITY, makeAccounts, openLive, openMany, register, rssBytes, type Stream } from "./streams";

process.env.DATABASE_URL ||= "postgresql://postgres@127.0.0.1:5432/test";
const count = Number(process.argv[2] ?? 1000);
const port = Number(process.argv[3] ?? 3256);
const dir = process.env.BENCH_HEAP_DIR ?? mkdtempSync(join(tmpdir(), "nx-heap-"));

interface Totals {
  byName: Map<string, { count: number; size: number }>;
  total: number;
}

/** Self size per "type:constructor" of a .heapsnapshot file. */
export function summarise(file: string): Totals {
  const snapshot = JSON.parse(readFileSync(file, "utf8")) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const types = snapshot.snapshot.meta.node_types[0];
  const byName = new Map<string, { count: number; size: number }>();
  let total = 0;
  const { nodes, strings } = snapshot;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt]!]!;
    let name = type === "object" || type === "closure" || type === "native" || type === "hidden" ? strings[nodes[i + nameAt]!]! : "";
    if (type === "closure" || type === "hidden" || type === "native") name = name.slice(0, 60);
    if (type === "object") name = name.slice(0, 80);
    const key = `${type}:${name}`;
    const size = nodes[i + sizeAt]!;
    total += size;
    const entry = byName.get(key) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += size;
    byName.set(key, entry);
  }
  return { byName, total };
}

async function snapshotOf(pid: number): Promise<string> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, "SIGUSR2");
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const fresh = readdirSync(dir).filter((f) => f.endsWith(".heapsnapshot") && !before.has(f));
    if (fresh.length > 0) {
      const file = join(dir, fresh[0]!);
      // Written once its size has stopped growing for 3 s.
      let size = -1;
      let still = 0;
      for (let j = 0; j < 600 && still < 3; j++) {
        const now = statSync(file).size;
        still = now > 0 && now === size ? still + 1 : 0;
        size = now;
        await new Promise((r) => setTimeout(r, 1000));
      }
      return file;
    }
  }
  throw new Error("no heap snapshot within 300 s");
}

/** Preloaded into the server: on SIGWINCH it writes process.memoryUsage() next to the snapshots. */
const memReporter = join(dir, "mem-report.cjs");
writeFileSync(
  memReporter,
  `process.on("SIGWINCH", () => require("node:fs").writeFileSync(${JSON.stringify(join(dir, "mem.json"))}, JSON.stringify(process.memoryUsage())));\n`,
);

async function memoryUsage(pid: number): Promise<NodeJS.MemoryUsage> {
  const file = join(dir, "mem.json");
  if (existsSync(file)) unlinkSync(file);
  process.kill(pid, "SIGWINCH");
  for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
  return JSON.parse(readFileSync(file, "utf8")) as NodeJS.MemoryUsage;
}

async function main() {
  const database = await openTestDatabase("postgres");
  const secret = randomBytes(32).toString("hex");
  const random = seededRandom(6);
  const processors = await makeAccounts(database, secret, `hp${Date.now() % 1e6}-`, count + 1);
  await register(database, processors, () => destinationPoint(CITY, random() * 360, 10_000 * Math.sqrt(random())), 1000);
  const server = await startNext(port, { DATABASE_URL: (database.location as { url: string }).url, AUTH_SECRET: secret }, [
    "--heapsnapshot-signal=SIGUSR2",
    `--diagnostic-dir=${dir}`,
    "--require",
    memReporter,
    ...(process.env.BENCH_HEAP_NODE_ARGS ?? "").split(" ").filter(Boolean),
  ]);
  const pid = server.process.pid!;
  const streams: Stream[] = [];
  try {
    (await openLive(server.url, processors[count]!.cookie)).close();
    await new Promise((r) => setTimeout(r, 1000));
    // The idle snapshot first: writing one grows RSS by itself, so both RSS figures come after one.
    const empty = summarise(await snapshotOf(pid));
    await new Promise((r) => setTimeout(r, 1000));
    const rss0 = rssBytes(pid);
    const mem0 = await memoryUsage(pid);
    streams.push(...(await openMany(count, 100, (i) => openLive(server.url, processors[i]!.cookie), "streams")));
    await new Promise((r) => setTimeout(r, 2000));
    const rss1 = rssBytes(pid);
    const mem1 = await memoryUsage(pid);
    const full = summarise(await snapshotOf(pid));
    const mib = (b: number) => (b / 2 ** 20).toFixed(1);
    console.log(`RSS ${mib(rss0)} → ${mib(rss1)} MiB (+${((rss1 - rss0) / count / 1024).toFixed(1)} KiB/stream)`);
    for (const key of ["rss", "heapTotal", "heapUsed", "external", "arrayBuffers"] as const) {
      console.log(
        `memoryUsage.${key} ${mib(mem0[key])} → ${mib(mem1[key])} MiB (+${((mem1[key] - mem0[key]) / count / 1024).toFixed(1)} KiB/stream)`,
      );
    }
    console.log(
      `JS heap (snapshot) ${mib(empty.total)} → ${mib(full.total)} MiB (+${((full.total - empty.total) / count / 1024).toFixed(1)} KiB/stream)`,
    );
    const rows = [...full.byName].map(([name, f]) => {
      const e = empty.byName.get(name) ?? { count: 0, size: 0 };
      return { name, count: (f.count - e.count) / count, bytes: (f.size - e.size) / count };
    });
    rows.sort((a, b) => b.bytes - a.bytes);
    console.log("per stream: bytes  objects  type:constructor");
    for (const r of rows.slice(0, 60)) console.log(`${r.bytes.toFixed(0).padStart(8)} ${r.count.toFixed(2).padStart(8)}  ${r.name}`);
  } finally {
    for (const s of streams) s.close();
    await server.stop();
    await database.close();
  }
}

await main();
