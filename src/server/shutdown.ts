import "server-only";
import { errorFields, logger } from "./logging/logger";
import { shutdownRuntime } from "./runtime";

const GRACE_MS = 4000;

// Next.js may load this module twice in one process (its bundle and the custom server): one handler only.
const store = globalThis as typeof globalThis & { __nearbyExchangeShutdownInstalled?: boolean };

/**
 * On SIGTERM, end the event streams (they never finish by themselves), then
 * close the database; `closeServer`, the custom server's, waits for the
 * remaining responses and the process exits then. A timer guarantees the
 * exit even if something hangs.
 */
export function installShutdownHandlers(closeServer?: () => Promise<void>): void {
  if (store.__nearbyExchangeShutdownInstalled) return;
  store.__nearbyExchangeShutdownInstalled = true;
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    logger().info({ signal }, "Shutting down: ending open streams and closing the database");
    setTimeout(() => process.exit(0), GRACE_MS).unref();
    const closing = closeServer?.();
    shutdownRuntime()
      .then(() => closing)
      .then(() => closeServer && process.exit(0))
      .catch((error: unknown) => logger().error({ error: errorFields(error) }, "shutdown failed"));
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
