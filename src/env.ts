import { z } from "zod";

// The one place that reads process.env. Parsed on first use, not at import,
// so `next build` never needs runtime configuration.
const schema = z.object({
  // A PostgreSQL URL selects the server database; without it the embedded
  // PGlite database lives in DATA_DIR.
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
});

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

export function env(): Env {
  if (parsed) return parsed;
  const result = schema.safeParse({
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    AUTH_SECRET: process.env.AUTH_SECRET || undefined,
    REDIS_URL: process.env.REDIS_URL || undefined,
  });
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment; fix these variables and restart:\n${problems}`);
  }
  parsed = result.data;
  return parsed;
}
