// The databases every database test runs against: an in-memory PGlite and a
// real PostgreSQL, the one DATABASE_URL names or else the local server (see
// scripts/test-setup.ts, which starts it). A missing server fails, not skips.
import "server-only";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { env } from "~/env";
import { openDatabase, type OpenDatabase } from "../db/client";
import { applyPendingMigrations } from "../db/migrate";

export type TestDatabaseKind = "pglite" | "postgres";

export const databaseKinds: TestDatabaseKind[] = ["pglite", "postgres"];

const LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test";

export interface TestDatabaseOptions {
  /** Apply prisma/migrations (default). False gives a database without any tables, for migration tests. */
  migrate?: boolean;
}

/**
 * A fresh, empty, fully migrated database of the given kind; `close()`
 * disposes of it. The migrations are the real prisma/migrations, so tests
 * also prove they match the schema the client was generated from.
 */
export async function openTestDatabase(kind: TestDatabaseKind, opts: TestDatabaseOptions = {}): Promise<OpenDatabase> {
  const migrate = opts.migrate ?? true;
  return kind === "pglite" ? openPGlite(migrate) : openPostgres(migrate);
}

async function openPGlite(migrate: boolean): Promise<OpenDatabase> {
  const database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  return prepared(database, migrate, () => database.close());
}

/**
 * A new database on the server DATABASE_URL names, so test files can run in
 * parallel without seeing each other's rows; dropped again on close.
 */
async function openPostgres(migrate: boolean): Promise<OpenDatabase> {
  const serverUrl = env().DATABASE_URL ?? LOCAL_POSTGRES;
  // Lowercase and unquoted-safe; pid and time make leftovers of crashed runs recognisable.
  const name = `nx_test_${process.pid}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await admin(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = () => admin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  let database: OpenDatabase;
  try {
    database = await openDatabase({ kind: "postgres", url: url.toString() });
  } catch (e) {
    await drop();
    throw e;
  }
  return prepared(database, migrate, async () => {
    try {
      await database.close();
    } finally {
      await drop();
    }
  });
}

/** Applies the migrations, and makes `close` idempotent; a failure closes (and drops) what was opened. */
async function prepared(database: OpenDatabase, migrate: boolean, dispose: () => Promise<void>): Promise<OpenDatabase> {
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= dispose());
  try {
    if (migrate) await applyPendingMigrations(database.adapterFactory);
  } catch (e) {
    await close();
    throw e;
  }
  return { ...database, close };
}

/** One statement on its own short-lived connection: CREATE/DROP DATABASE cannot share the test's pool. */
async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(serverUrl).host;
    throw new Error(
      `The router tests run on PostgreSQL too, and none answers at ${where} (${String(error)}). Start it (npm test's set-up step does), or set DATABASE_URL to a server to test on.`,
      { cause: error },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
