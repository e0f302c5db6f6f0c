import "server-only";
import { env } from "../../env";
import { errorFields, logger } from "../logging/logger";
import { RateLimitedError } from "../rate-limit/limits";
import { appRouter } from "./root";

/** What both tRPC adapters are given (the custom server's node:http one, and the Next.js route `npm run dev` serves). */
export function trpcHandlerOptions() {
  return {
    router: appRouter,
    // A batch is answered with 400 past this many calls; the browser's link sends at most as many.
    maxBatchSize: env().MAX_BATCH_CALLS,
    responseMeta({ errors }: { errors: { cause?: unknown }[] }) {
      // A refusal says when to come back (RFC 9110 Retry-After); the longest wait of the batch.
      const waits = errors.map((e) => (e.cause instanceof RateLimitedError ? e.cause.retryAfterSeconds : 0));
      const wait = Math.max(0, ...waits);
      return wait > 0 ? { headers: { "retry-after": String(wait) } } : {};
    },
    onError({ error, path }: { error: { code: string; cause?: unknown }; path?: string | undefined }) {
      // The request id comes with the line (logging/logger.ts); the input never does.
      if (error.code === "INTERNAL_SERVER_ERROR")
        logger().error({ procedure: path ?? null, error: errorFields(error.cause ?? error) }, "procedure failed");
    },
  };
}
