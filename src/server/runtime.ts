import "server-only";
import { Redis } from "ioredis";
import { env } from "../env";
import { logger } from "./logging/logger";
import { locationFromEnv, openDatabase, type OpenDatabase } from "./db/client";
import type { ServerDeps } from "./deps";
import { type EventBus, InProcessEventBus } from "./events/bus";
import { RedisEventBus } from "./events/redis-bus";
import { startSweeper } from "./exchange/sweeper";
import { createRateLimits, rateLimitConfig, type RateLimits } from "./rate-limit/limits";

/**
 * The process-wide database and event bus, opened on first use: never during
 * `next build`, and exactly once per process, since PGlite must have a single
 * owner. Kept on globalThis because Next.js may load this module once per
 * route bundle.
 */
interface Runtime {
  database: OpenDatabase;
  bus: EventBus;
  deps: ServerDeps;
  sweeper: ReturnType<typeof startSweeper>;
  limits: RateLimits;
  close(): Promise<void>;
}

const store = globalThis as typeof globalThis & {
  __nearbyExchangeRuntime?: Promise<Runtime>;
  __nearbyExchangeShutdown?: AbortController;
};

export function getRuntime(): Promise<Runtime> {
  store.__nearbyExchangeRuntime ??= (async () => {
    const config = env();
    const database = await openDatabase(locationFromEnv(config));
    // Redis when several instances must hear each other; else the in-process default.
    const bus: EventBus = config.REDIS_URL ? new RedisEventBus({ url: config.REDIS_URL, prefix: config.REDIS_PREFIX }) : new InProcessEventBus();
    const deps: ServerDeps = { db: database.db, sql: database.sql, bus, now: () => new Date() };
    // Closes expired requests and abandoned pairings even when nobody watches them, and purges after the retention window.
    const sweeper = startSweeper(deps, { pairingTimeoutSeconds: config.PAIRING_TIMEOUT_SECONDS, retentionHours: config.RETENTION_HOURS });
    // Limits count in Redis when instances share one, so they hold across instances; else in memory.
    const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
    redis?.on("error", () => {}); // the limiters fall back to memory while Redis is away
    const limits = createRateLimits(
      rateLimitConfig(config),
      redis ? { kind: "redis", client: redis, prefix: config.REDIS_PREFIX } : { kind: "memory" },
    );
    return {
      database,
      bus,
      limits,
      deps,
      sweeper,
      async close() {
        await sweeper.stop();
        await bus.close();
        redis?.disconnect();
        // Give the aborted streams a moment to flush before the database goes.
        await new Promise((resolve) => setTimeout(resolve, 250));
        await database.close();
      },
    };
  })();
  return store.__nearbyExchangeRuntime;
}

/**
 * At server start (instrumentation.ts): opens the embedded database at once,
 * so a second process on the same DATA_DIR exits with the lock's message
 * instead of failing on its first request.
 */
export async function openAtStart(): Promise<void> {
  const config = env();
  if (config.NEXT_PHASE === "phase-production-build" || config.DATABASE_URL) return;
  try {
    await getRuntime();
  } catch (error) {
    // The lock's message (folder and owner PID), for the operator.
    logger().fatal(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}

/** Aborted when the server begins to shut down: every open stream ends on it. */
export function shutdownSignal(): AbortSignal {
  store.__nearbyExchangeShutdown ??= new AbortController();
  return store.__nearbyExchangeShutdown.signal;
}

/** Ends every stream, then closes the bus and the database, if they were ever opened. */
export async function shutdownRuntime(): Promise<void> {
  shutdownSignal();
  store.__nearbyExchangeShutdown?.abort();
  const runtime = store.__nearbyExchangeRuntime;
  if (!runtime) return;
  await (await runtime).close();
}
