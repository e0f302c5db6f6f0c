import "server-only";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { acquireDataDirLock } from "./data-dir-lock";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;

/** Where the data lives: a PostgreSQL URL, or a PGlite folder ("memory://" for tests). */
export type DatabaseLocation = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export interface OpenDatabase {
  db: Db;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  location: DatabaseLocation;
  close(): Promise<void>;
}

export function locationFromEnv(e: { DATABASE_URL?: string; DATA_DIR: string }): DatabaseLocation {
  return e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dataDir: `${e.DATA_DIR}/pglite` };
}

export async function openDatabase(location: DatabaseLocation): Promise<OpenDatabase> {
  if (location.kind === "postgres") {
    const adapterFactory = new PrismaPg({ connectionString: location.url, max: 20 });
    const db = new PrismaClient({ adapter: adapterFactory });
    return { db, adapterFactory, location, close: () => db.$disconnect() };
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
  const adapterFactory = new PrismaPGlite(pglite);
  const db = new PrismaClient({ adapter: adapterFactory });
  return {
    db,
    adapterFactory,
    location,
    async close() {
      await db.$disconnect();
      await pglite.close();
      lock?.release();
    },
  };
}
