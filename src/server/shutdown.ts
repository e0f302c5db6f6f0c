import "server-only";
import { shutdownRuntime } from "./runtime";

const GRACE_MS = 4000;

/**
 * `next start` closes its HTTP server on SIGTERM and waits for every open
 * response; event streams never finish by themselves, so end them here.
 * A timer guarantees the exit even if something hangs.
 */
export function installShutdownHandlers(): void {
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    console.log(`${signal}: ending open streams and closing the database`);
    setTimeout(() => process.exit(0), GRACE_MS).unref();
    shutdownRuntime().catch((error: unknown) => console.error("shutdown failed:", error));
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
