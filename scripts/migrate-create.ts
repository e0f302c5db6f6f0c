// `npm run db:migrate:create -- <name>`: writes a new migration folder with
// the SQL that takes prisma/migrations to the current prisma/schema.prisma.
// It never touches the configured database: the diff runs on a throwaway
// in-memory PGlite, so it needs no DATABASE_URL.
import path from "node:path";
import { createMigration, migrationNameProblem } from "../src/server/db/migrate";

const USAGE = "Usage: npm run db:migrate:create -- <name>   (letters, digits and _; e.g. add_user_avatar)";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const name = args[0];
  if (args.length !== 1 || !name) {
    console.error(USAGE);
    return 2;
  }
  const problem = migrationNameProblem(name);
  if (problem) {
    console.error(`${problem}\n${USAGE}`);
    return 2;
  }
  const started = Date.now();
  const created = await createMigration(name, { log: (line) => console.log(line) });
  const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (!created) console.log(`No schema changes: prisma/schema.prisma matches the existing migrations (${took}).`);
  else console.log(`Created ${path.relative(process.cwd(), created.directory)}/migration.sql (${took}). Review it, then run \`npm run db:migrate\`.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\nCould not create the migration: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
