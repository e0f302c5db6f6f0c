// `npm run db:migrate`: applies pending migrations from prisma/migrations to
// the configured database (DATABASE_URL, else the PGlite folder in DATA_DIR).
import { mkdir } from "node:fs/promises";
import { openDatabase, locationFromEnv, type DatabaseLocation } from "../src/server/db/client";
import { applyPendingMigrations } from "../src/server/db/migrate";
import { env } from "../src/env";

/** Where we are migrating, without the password a URL may carry. */
function describeLocation(location: DatabaseLocation): string {
  if (location.kind === "pglite") return `PGlite database in ${location.dataDir}`;
  const url = new URL(location.url);
  if (url.password) url.password = "***";
  return `PostgreSQL ${url.toString()}`;
}

async function main(): Promise<void> {
  const location = locationFromEnv(env());
  console.log(`Migrating ${describeLocation(location)}`);
  const started = Date.now();
  // PGlite creates its own folder but not missing parents (a fresh DATA_DIR).
  if (location.kind === "pglite") await mkdir(location.dataDir, { recursive: true });
  const database = await openDatabase(location);
  try {
    const { applied } = await applyPendingMigrations(database.adapterFactory, { log: (line) => console.log(`  ${line}`) });
    const took = `${Date.now() - started} ms`;
    if (applied.length === 0) console.log(`Database is up to date; nothing to apply (${took}).`);
    else console.log(`Applied ${applied.length} migration(s) in ${took}:\n${applied.map((name) => `  - ${name}`).join("\n")}`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`\nMigration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
