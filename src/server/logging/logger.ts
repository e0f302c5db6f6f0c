import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { type Logger, pino } from "pino";
import { env } from "../../env";

/** Never logged, wherever such a field turns up (at the top of a line or two levels down). */
const redactedFields = [
  "authorization",
  "cookie",
  "password",
  "identification",
  "displayName",
  "token",
  "csrfToken",
  "query",
  "body",
  "input",
  "preview",
  "sealed",
];

/**
 * The server's one logger: JSON lines on stdout, at LOG_LEVEL. What is logged
 * is chosen field by field (method, path, status, durations, ids, error
 * types): never business data, identification, display names, cookies,
 * tokens, passwords, query strings or bodies. The redaction below is a
 * safety net for a field someone adds by mistake, not the rule.
 */
function createLogger(): Logger {
  return pino(
    {
      level: env().LOG_LEVEL,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Every line written while serving a request names it.
      mixin: () => {
        const requestId = store.__nearbyExchangeRequests?.getStore();
        return requestId ? { requestId } : {};
      },
      redact: {
        paths: redactedFields.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
        censor: "[redacted]",
      },
    },
    // Synchronous, so the lines of a shutdown are written before process.exit.
    pino.destination({ dest: 1, sync: true }),
  );
}

// On globalThis: Next.js loads server modules once per route bundle; one logger, and one request context, per process.
const store = globalThis as typeof globalThis & { __nearbyExchangeLogger?: Logger; __nearbyExchangeRequests?: AsyncLocalStorage<string> };

export function logger(): Logger {
  return (store.__nearbyExchangeLogger ??= createLogger());
}

/** Runs `work` (and everything it starts) as serving the request `requestId`: its log lines carry that id. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  store.__nearbyExchangeRequests ??= new AsyncLocalStorage<string>();
  return store.__nearbyExchangeRequests.run(requestId, work);
}

/** The code's own frames of a stack, without its message lines (a message may quote a query's values). */
function framesOf(stack: string): string[] {
  return stack
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("at "));
}

/**
 * What a log line says of an error: its type, a code when it has a short one
 * (PostgreSQL's, Prisma's, Node's), and where it happened, never its message:
 * a database error's message may quote the values of the row it refused, a
 * JSON error's a piece of the body.
 */
export function errorFields(error: unknown): { type: string; code?: string; frames?: string[] } {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    ...(typeof code === "string" && /^[A-Za-z0-9_]{1,40}$/.test(code) ? { code } : {}),
    ...(error.stack ? { frames: framesOf(error.stack).slice(0, 15) } : {}),
  };
}
