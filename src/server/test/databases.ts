// The databases every database test runs against: always an in-memory PGlite,
// plus a real PostgreSQL when DATABASE_URL names a server to test on.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type OpenDatabase } from "../db/client";
import { applyPendingMigrations } from "../db/migrate";

export type TestDatabaseKind = "pglite" | "postgres";

export const databaseKinds: TestDatabaseKind[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

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
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("openTestDatabase('postgres') needs DATABASE_URL (any database on the server to use).");
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
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
