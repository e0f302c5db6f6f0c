import "server-only";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { errorFields, logger } from "../logging/logger";
import { acquireDataDirLock } from "./data-dir-lock";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;

/**
 * One SQL statement with positional parameters ($1, $2, …), run on the same
 * connections as Prisma (its pg pool, or PGlite, whose queries wait for
 * Prisma's transactions), for the hot paths whose cost was Prisma's own code
 * (the submit and the session check: bench/api-path.ts, part 2). Rows come typed by the driver:
 * pass dates as ISO strings, since pg would send a Date in local time.
 */
export type SqlQuery = <Row>(text: string, values: readonly unknown[]) => Promise<Row[]>;

/** Where the data lives: a PostgreSQL URL, or a PGlite folder ("memory://" for tests). */
export type DatabaseLocation = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export interface OpenDatabase {
  db: Db;
  sql: SqlQuery;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  location: DatabaseLocation;
  close(): Promise<void>;
}

export function locationFromEnv(e: { DATABASE_URL?: string; DATA_DIR: string }): DatabaseLocation {
  return e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dataDir: `${e.DATA_DIR}/pglite` };
}

export async function openDatabase(location: DatabaseLocation): Promise<OpenDatabase> {
  const database = await openDriver(location);
  // Prisma loads its query compiler (WebAssembly) on the client's first query: ~100 ms of one core, in which the
  // event loop serves nothing. Connecting loads it here, before the server listens; it does not touch the database.
  try {
    await database.db.$connect();
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

async function openDriver(location: DatabaseLocation): Promise<OpenDatabase> {
  if (location.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: location.url, max: 20 });
    // A connection that drops while idle (a restart, a terminated backend) is replaced on the next query:
    // logged, never an uncaught error. Prisma listens on a pool it owns; this one is ours.
    pool.on("error", (error) => logger().warn({ error: errorFields(error) }, "database: an idle connection was lost"));
    const sql: SqlQuery = async <Row>(text: string, values: readonly unknown[]) =>
      (await pool.query<Row & pg.QueryResultRow>(text, [...values])).rows;
    return opened(location, new PrismaPg(pool), sql, () => pool.end());
  }
  const onDisk = !location.dataDir.includes("://");
  // One process per data folder: refused here, before PGlite touches a file.
  const lock = onDisk ? acquireDataDirLock(location.dataDir) : null;
  if (onDisk) mkdirSync(location.dataDir, { recursive: true });
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(location.dataDir);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const sql: SqlQuery = async <Row>(text: string, values: readonly unknown[]) => (await pglite.query<Row>(text, [...values])).rows;
  return opened(location, new PrismaPGlite(pglite), sql, async () => {
    await pglite.close();
    lock?.release();
  });
}

/** The Prisma client over the driver; closing disconnects it, then the driver. */
function opened(
  location: DatabaseLocation,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  sql: SqlQuery,
  closeDriver: () => Promise<void>,
): OpenDatabase {
  const db = new PrismaClient({ adapter: adapterFactory });
  return {
    db,
    sql,
    adapterFactory,
    location,
    async close() {
      await db.$disconnect();
      await closeDriver();
    },
  };
}
