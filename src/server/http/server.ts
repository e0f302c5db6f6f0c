import "server-only";
import { readdirSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Redis } from "ioredis";
import { env } from "../../env";
import { defaultMigrationsDir } from "../db/migrate";
import { errorFields, logger, withRequestId } from "../logging/logger";
import { requestIdFrom } from "../logging/request-id";
import { metricsExposition } from "../metrics/metrics";
import { getRuntime } from "../runtime";
import { installShutdownHandlers } from "../shutdown";
import { serveApi } from "./api";
import { bearerMatches } from "./bearer";

const API = "/api/trpc/";

function answer(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
}

/** The procedure path, percent-decoded; null when it is not valid percent-encoding (decodeURIComponent would throw). */
function decodedPath(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/** /api/trpc/<procedure>: through ./api, once the procedure's name is known to decode. */
function routeApi(req: IncomingMessage, res: ServerResponse, encoded: string): Promise<void> {
  const path = decodedPath(encoded);
  if (path === null) {
    answer(res, 400, {
      error: { message: "The API path is not valid percent-encoding: check the procedure's name in the URL.", code: "BAD_REQUEST" },
    });
    return Promise.resolve();
  }
  return serveApi(req, res, path);
}

/** Readiness: the database answers and has every migration of this build, and Redis answers when configured. */
async function readiness(): Promise<Record<string, boolean>> {
  const checks: Record<string, boolean> = {};
  try {
    const { deps } = await getRuntime();
    const shipped = readdirSync(defaultMigrationsDir(), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    const rows = await deps.db.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    checks.database = true;
    checks.migrations = shipped.every((name) => applied.has(name));
  } catch {
    checks.database = false;
    checks.migrations = false;
  }
  const url = env().REDIS_URL;
  if (url) {
    const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000 });
    redis.on("error", () => {});
    try {
      await redis.connect();
      checks.redis = (await redis.ping()) === "PONG";
    } catch {
      checks.redis = false;
    } finally {
      redis.disconnect();
    }
  }
  return checks;
}

/** The Prometheus scrape: only with METRICS_TOKEN set (404 otherwise), and only for a scrape bearing it. */
async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const token = env().METRICS_TOKEN;
  if (!token) return answer(res, 404, { error: { message: "Not found.", code: "NOT_FOUND" } });
  if (!bearerMatches(req.headers.authorization, token)) {
    res.setHeader("www-authenticate", 'Bearer realm="metrics"');
    return answer(res, 401, { error: { message: "A bearer token is required.", code: "UNAUTHORIZED" } });
  }
  const { contentType, body } = await metricsExposition();
  res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" }).end(body);
}

/** One line per request when it ends (a stream's when it closes): never the query string, headers or body. */
function logWhenDone(req: IncomingMessage, res: ServerResponse, pathname: string, requestId: string): void {
  const started = performance.now();
  // close comes once: on, not once, which would wrap the listener in two more objects for a stream's lifetime.
  res.on("close", () => {
    logger().info(
      {
        method: req.method,
        path: pathname.slice(0, 200),
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        requestId,
        ...(res.writableFinished ? {} : { aborted: true }),
      },
      "request",
    );
  });
}

/**
 * The production server (`npm start`): the API and its event streams through
 * tRPC's node:http adapter, health and readiness for load balancers, and
 * everything else (pages, next-auth, the service worker) through Next.js.
 */
export async function startServer(port: number, handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<void> {
  await getRuntime();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const requestId = requestIdFrom(req.headers["x-request-id"]);
    res.setHeader("x-request-id", requestId);
    const pathname = (req.url ?? "/").split("?", 1)[0]!;
    logWhenDone(req, res, pathname, requestId);
    withRequestId(requestId, () => {
      const route = pathname.startsWith(API)
        ? routeApi(req, res, pathname.slice(API.length))
        : pathname === "/api/health"
          ? Promise.resolve(answer(res, 200, { status: "alive" }))
          : pathname === "/api/ready"
            ? readiness().then((checks) => answer(res, Object.values(checks).every(Boolean) ? 200 : 503, checks))
            : pathname === "/api/metrics"
              ? serveMetrics(req, res)
              : handle(req, res);
      route.catch((error: unknown) => {
        logger().error({ method: req.method, path: pathname.slice(0, 200), error: errorFields(error) }, "request failed");
        if (!res.headersSent) answer(res, 500, { error: { message: "Internal server error.", code: "INTERNAL_SERVER_ERROR" } });
        else res.destroy();
      });
    });
  });
  // Streams are pinged every 10 s; no request timeout may cut them.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000;
  installShutdownHandlers(async () => {
    server.closeIdleConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  logger().info({ port }, `Serving on http://localhost:${port}`);
}
