import pg from "pg";
import { describe, expect, it } from "vitest";
import { databaseKinds, openTestDatabase } from "../test/databases";
import { type DatabaseLocation, openDatabase } from "./client";

describe.each(databaseKinds)("the database client on %s", (kind) => {
  it("runs raw SQL beside Prisma, on the same data", async () => {
    const database = await openTestDatabase(kind);
    try {
      await database.db.user.create({ data: { id: "u-raw", identification: "raw", username: "raw", displayName: "Raw", passwordHash: "x" } });
      const rows = await database.sql<{ sessionVersion: number; displayName: string }>(
        `SELECT "sessionVersion", "displayName" FROM "User" WHERE "id" = $1`,
        ["u-raw"],
      );
      expect(rows).toEqual([{ sessionVersion: 0, displayName: "Raw" }]);
      expect(await database.sql(`SELECT 1 FROM "User" WHERE "id" = $1`, ["nobody"])).toEqual([]);
    } finally {
      await database.close();
    }
  });
});

/** What a PostgreSQL restart does to a pool: every backend of the database terminated, from another connection. */
async function terminateConnections(location: DatabaseLocation): Promise<void> {
  if (location.kind !== "postgres") throw new Error("expected PostgreSQL");
  const url = new URL(location.url);
  const name = url.pathname.slice(1);
  url.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [name]);
    expect(rowCount).toBeGreaterThan(0);
  } finally {
    await admin.end();
  }
}

describe("the database client on PostgreSQL", () => {
  it("opens while PostgreSQL does not answer, so the server starts and reports not ready; each query then says so", async () => {
    // Opening loads Prisma's query compiler ($connect) but must not need the database: nothing listens on port 1.
    const database = await openDatabase({ kind: "postgres", url: "postgresql://postgres@127.0.0.1:1/nowhere" });
    try {
      await expect(database.sql("SELECT 1", [])).rejects.toThrow(/ECONNREFUSED/);
      await expect(database.db.user.count()).rejects.toThrow();
    } finally {
      await database.close();
    }
  });

  it("outlives its idle connections being terminated: nothing is thrown, the next queries reconnect", async () => {
    const database = await openTestDatabase("postgres");
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      // Idle connections in the pool, from both paths.
      await Promise.all([database.sql("SELECT 1", []), database.db.user.count(), database.sql("SELECT pg_sleep(0.05)", [])]);
      await terminateConnections(database.location);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(uncaught).toEqual([]);
      expect(await database.sql<{ one: number }>("SELECT 1 AS one", [])).toEqual([{ one: 1 }]);
      expect(await database.db.user.count()).toBe(0);
      // Once Prisma has let go of the pool (closing), its listener is gone too: the pool's own must remain.
      await database.db.$disconnect();
      await database.sql("SELECT 1", []);
      await terminateConnections(database.location);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(uncaught).toEqual([]);
    } finally {
      process.off("uncaughtException", onUncaught);
      await database.close();
    }
  });
});
