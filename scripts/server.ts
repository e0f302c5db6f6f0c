/**
 * The server `npm start` runs (scripts/start.ts starts it once the database is migrated): `--port <n>`.
 * Next.js is prepared first: its server sets up the request storage that next-auth's modules expect at import.
 */
import next from "next";

const at = process.argv.indexOf("--port");
const port = Number(at > 0 ? process.argv[at + 1] : NaN);
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error("Usage: scripts/server.ts --port <1-65535>");
  process.exit(1);
}

try {
  const app = next({ dev: false, dir: process.cwd(), port });
  await app.prepare();
  const { startServer } = await import("../src/server/http/server");
  await startServer(port, app.getRequestHandler());
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
