import { readdir } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { databaseKinds, openTestDatabase } from "~/server/test/databases";
import type { OpenDatabase } from "./client";
import { applyPendingMigrations, createMigration, defaultMigrationsDir } from "./migrate";

const TABLES = ["Exchange", "ExchangeEvent", "ProcessorRegistration", "Request", "User", "_prisma_migrations"];

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(defaultMigrationsDir(), { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function tableNames(database: OpenDatabase): Promise<string[]> {
  const rows = await database.db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`;
  return rows.map((r) => r.name);
}

describe.each(databaseKinds)("migrations on %s", (kind) => {
  const opened: OpenDatabase[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((d) => d.close()));
  });

  it("apply every migration to an empty database and create the tables", async () => {
    const empty = await openTestDatabase(kind, { migrate: false });
    opened.push(empty);
    expect(await tableNames(empty)).toEqual([]);

    const { applied } = await applyPendingMigrations(empty.adapterFactory);

    expect(applied).toEqual(await migrationNames());
    expect(await tableNames(empty)).toEqual(expect.arrayContaining(TABLES));
    const recorded = await empty.db.$queryRaw<{ migration_name: string; finished: boolean }[]>`
      SELECT migration_name, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(recorded).toEqual(applied.map((migration_name) => ({ migration_name, finished: true })));
    // The client generated from the schema works against the migrated tables.
    await expect(empty.db.user.count()).resolves.toBe(0);
  });

  it("apply nothing the second time", async () => {
    const database = await openTestDatabase(kind);
    opened.push(database);
    const lines: string[] = [];

    const { applied } = await applyPendingMigrations(database.adapterFactory, { log: (l) => lines.push(l) });

    expect(applied).toEqual([]);
    expect(lines.some((l) => l.startsWith("Applying"))).toBe(false);
  });
});

describe("createMigration", () => {
  it("returns null when the schema matches the migrations", { timeout: 120_000 }, async () => {
    const before = await migrationNames();

    await expect(createMigration("unchanged")).resolves.toBeNull();

    expect(await migrationNames()).toEqual(before);
  });
});
