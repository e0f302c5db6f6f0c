/**
 * `npm start`: builds the app when the build is missing or older than the
 * sources, applies pending migrations, creates demo accounts on an empty
 * database, then runs the server (scripts/server.ts: the API through tRPC's
 * node:http adapter, the pages through Next.js) on PORT, default 3000.
 * `--no-build` skips the build check (tests build once, then start many).
 */
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { env } from "../src/env";
import { seedDemoAccounts } from "../src/server/accounts/service";
import { locationFromEnv, openDatabase } from "../src/server/db/client";
import { acquireDataDirLock, DataDirLockedError } from "../src/server/db/data-dir-lock";
import { applyPendingMigrations } from "../src/server/db/migrate";

const nextBin = join("node_modules", "next", "dist", "bin", "next");

function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "generated" || entry.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function buildIfStale(): void {
  const built = statSync(join(".next", "BUILD_ID"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(...["src", "public", "next.config.js", "package-lock.json", "prisma/schema.prisma"].map(newestMtime));
  if (built > sources) return;
  console.log(built ? "Sources changed since the last build: rebuilding…" : "Building the app (the first start takes a minute or two)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  if (result.status !== 0) {
    console.error("The build failed (see above). Fix the error, then run `npm start` again.");
    process.exit(result.status ?? 1);
  }
}

async function prepareDatabase(): Promise<void> {
  const location = locationFromEnv(env());
  console.log(location.kind === "postgres" ? "Database: PostgreSQL from DATABASE_URL" : `Database: embedded PGlite in ${location.dataDir}`);
  const database = await openDatabase(location);
  try {
    const { applied } = await applyPendingMigrations(database.adapterFactory, { log: (line) => console.log(`  ${line}`) });
    console.log(applied.length ? `Applied ${applied.length} migration(s).` : "Database schema is up to date.");
    // PGlite runs no autovacuum: refresh the planner's statistics at each start.
    if (location.kind === "pglite") await database.db.$executeRawUnsafe("ANALYZE");
    const demo = await seedDemoAccounts(database);
    if (demo) {
      console.log("\nEmpty database: created two demo accounts to sign in with:");
      for (const account of demo) {
        const lands = account.role === "DESK" ? "shop desk, opens /processor" : "customer, opens /";
        console.log(`  ${account.displayName.padEnd(20)} ${account.identification} / ${account.password}   (${lands})`);
      }
      console.log("");
    }
  } finally {
    // PGlite allows one owner: release it before the server opens it.
    await database.close();
  }
}

async function main() {
  if (!process.argv.includes("--no-build")) buildIfStale();
  // The embedded database's lock is taken before migrating and handed to the server it starts,
  // so no second process can slip in between the two.
  const location = locationFromEnv(env());
  const lock = location.kind === "pglite" ? acquireDataDirLock(location.dataDir) : null;
  await prepareDatabase();
  const port = String(env().PORT);
  console.log(`Starting Nearby Exchange on http://localhost:${port} (requester: /, processor: /processor)`);
  const server = spawn(
    process.execPath,
    ["--import", "./scripts/server-only-hook.mjs", "--import", "tsx", join("scripts", "server.ts"), "--port", port],
    {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  if (server.pid) lock?.handOver(server.pid);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => {
    lock?.release();
    process.exit(code ?? (signal ? 0 : 1));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof DataDirLockedError ? 2 : 1);
});
