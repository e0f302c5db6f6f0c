import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { type DestinationStream, type Logger, pino } from "pino";
import { env } from "../../env";

/** Never logged, wherever such a field turns up (at the top of a line or two levels down). */
const redactedFields = new Set([
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
]);
const REDACTED = "[redacted]";
/** The top of a line and two levels down, as pino's paths `field`, `*.field` and `*.*.field` reached. */
const REDACTED_DEPTH = 3;

/**
 * A log line's fields with every redacted field's value replaced, in one walk
 * that copies only what it changes (the line as given when nothing is). Not
 * pino's redact option: with wildcard paths it ran every path over every
 * field of every line: about 80 KB of garbage and 0.15 ms of CPU per request
 * line (bench/api-path.ts, part 3).
 */
export function redactFields<T>(value: T, depth = REDACTED_DEPTH): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // pino's `*` matched an index as it matched a key: an array is a level, its items are not fields.
      const redacted = depth > 1 ? redactFields(item, depth - 1) : item;
      if (redacted !== item) (copy ??= [...value])[i] = redacted;
    }
    return (copy ?? value) as T;
  }
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(value)) {
    const field: unknown = (value as Record<string, unknown>)[key];
    const redacted = redactedFields.has(key) ? REDACTED : depth > 1 ? redactFields(field, depth - 1) : field;
    if (redacted !== field) (copy ??= { ...(value as Record<string, unknown>) })[key] = redacted;
  }
  return (copy ?? value) as T;
}

/**
 * The server's one logger: JSON lines on stdout, at LOG_LEVEL. What is logged
 * is chosen field by field (method, path, status, durations, ids, error
 * types): never business data, identification, display names, cookies,
 * tokens, passwords, query strings or bodies. The redaction (redactFields) is a
 * safety net for a field someone adds by mistake, not the rule. `destination`
 * is stdout, synchronous, so the lines of a shutdown are written before
 * process.exit; tests pass their own.
 */
export function createLogger(destination: DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  return pino(
    {
      level: env().LOG_LEVEL,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Every line's fields, the mixin's included, pass through the redaction.
      formatters: { level: (label) => ({ level: label }), log: (fields) => redactFields(fields) },
      // Every line written while serving a request names it.
      mixin: () => {
        const requestId = store.__nearbyExchangeRequests?.getStore();
        return requestId ? { requestId } : {};
      },
    },
    destination,
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
