import "server-only";
import { env } from "../env";
import { locationFromEnv, openDatabase, type OpenDatabase } from "./db/client";
import type { ServerDeps } from "./deps";
import { type EventBus, InProcessEventBus } from "./events/bus";
import { RedisEventBus } from "./events/redis-bus";
import { startSweeper } from "./exchange/sweeper";

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
    const deps: ServerDeps = { db: database.db, bus, now: () => new Date() };
    // Closes expired requests and abandoned pairings even when nobody watches them, and purges after the retention window.
    const sweeper = startSweeper(deps, { pairingTimeoutSeconds: config.PAIRING_TIMEOUT_SECONDS, retentionHours: config.RETENTION_HOURS });
    return { database, bus, deps, sweeper };
  })();
  return store.__nearbyExchangeRuntime;
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
  const { bus, database, sweeper } = await runtime;
  await sweeper.stop();
  await bus.close();
  // Give the aborted streams a moment to flush before the database goes.
  await new Promise((resolve) => setTimeout(resolve, 250));
  await database.close();
}
