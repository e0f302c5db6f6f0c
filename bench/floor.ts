/**
 * What a submit's HTTP round trip is made of: one `next start` (PostgreSQL,
 * no streams), sequential calls interleaved per sample:
 *   - GET /api/auth/csrf (Next.js routing, no tRPC, no session decode),
 *   - account.me (tRPC + session decode + one primary-key query),
 *   - request.submit (the measured operation of the push bench).
 *   tsx --conditions=react-server bench/floor.ts [samples=200] [port=3258]
 * BENCH_SERVER_PROFILE_DIR=dir: the server writes a CPU profile there when it stops.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { client as trpcClient, startNext } from "../e2e/http/support";
import { destinationPoint } from "../src/shared/geo/distance";
import { openTestDatabase } from "../src/server/test/databases";
import { percentile } from "./nearby";
import { CITY, makeAccounts } from "./streams";
import { sampleBankRequest } from "../src/server/test/samples";

process.env.DATABASE_URL ||= "postgresql://postgres@127.0.0.1:5432/test";
const samples = Number(process.argv[2] ?? 200);
const port = Number(process.argv[3] ?? 3258);

const database = await openTestDatabase("postgres");
const secret = randomBytes(32).toString("hex");
const requesters = await makeAccounts(database, secret, `f${Date.now() % 1e6}-`, Math.ceil((samples + 20) / 4) + 1);
const server = await startNext(
  port,
  { DATABASE_URL: (database.location as { url: string }).url, AUTH_SECRET: secret },
  process.env.BENCH_SERVER_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE_DIR}`] : [],
);
try {
  const times: Record<string, number[]> = { "GET /api/auth/csrf": [], "account.me": [], "request.submit": [] };
  for (let i = 0; i < samples + 20; i++) {
    const requester = requesters[Math.floor(i / 4)]!;
    const api = trpcClient(server.url, requester.cookie);
    const record = async (name: string, call: () => Promise<unknown>) => {
      const started = performance.now();
      await call();
      if (i >= 20) times[name]!.push(performance.now() - started);
    };
    await record("GET /api/auth/csrf", async () => (await fetch(`${server.url}/api/auth/csrf`)).text());
    await record("account.me", () => api.account.me.query());
    await record("request.submit", () =>
      api.request.submit.mutate({ ...sampleBankRequest, position: destinationPoint(CITY, (i * 37) % 360, 1000), trigger: "TAP" }),
    );
  }
  for (const [name, t] of Object.entries(times))
    console.log(
      `${name.padEnd(20)} p50 ${percentile(t, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(t, 99).toFixed(1).padStart(6)} ms  (${t.length})`,
    );
} finally {
  await server.stop();
  await database.close();
}
