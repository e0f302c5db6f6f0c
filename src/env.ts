import { z } from "zod";

/**
 * The one place that reads process.env, in two parts as create-t3-app's
 * src/env.js: `env()` for the server, parsed on first use, not at import, so
 * `next build` never needs runtime configuration; and `clientEnv`, what
 * Next.js inlines into the browser bundle (each variable named in full below
 * for the inlining to happen). Run-time settings the browser needs (the map's
 * tiles) are not inlined: the root layout passes them down per request.
 */
/** A rate limit written `<count>/<seconds>`: at most count in any window of that many seconds. */
const rateLimit = (fallback: string) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,8}\/[1-9][0-9]{0,8}$/, "a rate limit is <count>/<seconds>, e.g. 5/900")
    .default(fallback)
    .transform((value) => {
      const [points = 0, durationSeconds = 0] = value.split("/").map(Number);
      return { points, durationSeconds };
    });

const seconds = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400 * 30)
    .default(fallback);

/** OpenStreetMap's standard tiles (its tile usage policy asks for the attribution below, linked to its copyright page). */
export const DEFAULT_MAP_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

// An XYZ template of http(s) tiles; "none" turns tiles off (the bundled basemap only).
const tileTemplate = z
  .string()
  .trim()
  .max(500)
  .refine(
    (value) => value === "none" || (/^https?:\/\/[^/?#\s]+\/\S*$/i.test(value) && ["{z}", "{x}", "{y}"].every((part) => value.includes(part))),
    'MAP_TILE_URL is an http(s) URL template with {z}, {x} and {y} (e.g. https://tiles.example.org/{z}/{x}/{y}.png), or "none"',
  )
  .default(DEFAULT_MAP_TILE_URL)
  .transform((value) => (value === "none" ? null : value));

const serverSchema = z.object({
  // A PostgreSQL URL selects the server database; without it the embedded
  // PGlite database lives in DATA_DIR. The router tests also run on this server.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  // With it the event bus runs on Redis pub/sub, so several instances behind a
  // load balancer share one stream of events; without it, one process's bus.
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "REDIS_URL must be a redis:// or rediss:// URL")
    .optional(),
  // Put before every Redis channel name: deployments or test runs sharing one Redis stay apart.
  REDIS_PREFIX: z.string().max(100).default("nearby-exchange:"),
  // Without it a random secret is created once in DATA_DIR (see auth/secret.ts).
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  // A pairing the requester has not confirmed within this many seconds ends (the sweeper).
  PAIRING_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(86_400).default(180),
  // A closed request keeps its preview, position and identification this long; then only the audit record stays.
  RETENTION_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 366)
    .default(24),
  // Abuse resistance (see the README's "Abuse resistance"). Sign-in failures per
  // account and per client address, then a lockout that doubles with each one.
  RATE_LIMIT_SIGN_IN_ACCOUNT: rateLimit("5/900"),
  RATE_LIMIT_SIGN_IN_IP: rateLimit("50/900"),
  SIGN_IN_LOCKOUT_SECONDS: seconds(60),
  SIGN_IN_LOCKOUT_MAX_SECONDS: seconds(3600),
  RATE_LIMIT_SIGN_UP_IP: rateLimit("20/3600"),
  // Per signed-in account.
  RATE_LIMIT_SUBMIT: rateLimit("30/60"),
  RATE_LIMIT_SELECT: rateLimit("60/60"),
  RATE_LIMIT_LIST: rateLimit("120/60"),
  RATE_LIMIT_STREAM: rateLimit("60/60"),
  // The unlimited-looking reads (account.me, request.mine and reach, exchange.mine): generous, screens poll them.
  RATE_LIMIT_READ: rateLimit("600/60"),
  // Desk codes looked up (typed, scanned, or sent to) per account: guessing one stays hopeless (src/shared/desk-code).
  RATE_LIMIT_DESK_CODE: rateLimit("20/60"),
  // scrypt takes 32 MiB and a core's worth of time per hash: at most this many at once.
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  // Request bodies of the API and the sign-in routes, and calls per tRPC batch.
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
  MAX_BATCH_CALLS: z.coerce.number().int().min(1).max(100).default(10),
  // Operability (README "Metrics and logs"): /api/metrics answers only a scrape bearing this token (404 while unset).
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").max(512).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // The map's street tiles, read at each start (the pages get them per request; the CSP's img-src allows their origin).
  MAP_TILE_URL: tileTemplate,
  // Shown on the map with the tiles, as text, linked to MAP_TILE_ATTRIBUTION_URL. Unset: "© OpenStreetMap contributors", in the user's language.
  MAP_TILE_ATTRIBUTION: z.string().trim().min(1).max(120).optional(),
  MAP_TILE_ATTRIBUTION_URL: z
    .string()
    .trim()
    .regex(/^https?:\/\/\S+$/i, "MAP_TILE_ATTRIBUTION_URL must be an http(s) URL")
    .default("https://www.openstreetmap.org/copyright"),
  // Set by Next.js: "phase-production-build" while `next build` runs.
  NEXT_PHASE: z.string().optional(),
  // The offline page's precache revision; a fresh one per build when unset.
  NEXT_BUILD_REVISION: z.string().min(1).optional(),
});

export type Env = z.infer<typeof serverSchema>;

let parsed: Env | undefined;

/** Empty strings count as unset, so `VAR= command` turns a variable off. */
function withoutEmpty(source: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""));
}

/** The server's settings from these variables, or an error naming each bad one. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = serverSchema.safeParse(withoutEmpty(source));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment; fix these variables and restart:\n${problems}`);
  }
  return result.data;
}

export function env(): Env {
  parsed ??= parseEnv(process.env);
  return parsed;
}

const clientSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

/** Read by the browser and the server alike; fixed at build time. */
export const clientEnv = clientSchema.parse(
  withoutEmpty({
    NODE_ENV: process.env.NODE_ENV,
  }),
);
