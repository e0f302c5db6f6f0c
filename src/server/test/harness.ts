import "server-only";
import { createCaller } from "../api/root";
import type { TRPCContext } from "../api/trpc";
import { signUp } from "../accounts/service";
import type { Actor, ServerDeps } from "../deps";
import { env } from "~/env";
import { InProcessEventBus } from "../events/bus";
import { createRateLimits, rateLimitConfig, type RateLimits } from "../rate-limit/limits";
import { openTestDatabase, type TestDatabaseKind } from "./databases";

/**
 * A real database and a real in-process bus behind the real routers, with a
 * clock the test can move. Nothing is mocked.
 */
export async function openHarness(kind: TestDatabaseKind, opts: { limits?: RateLimits } = {}) {
  const database = await openTestDatabase(kind);
  const bus = new InProcessEventBus();
  const clock = { offsetMs: 0 };
  const deps: ServerDeps = { db: database.db, sql: database.sql, bus, now: () => new Date(Date.now() + clock.offsetMs) };
  const shutdown = new AbortController();
  // The configured limits, as in production, unless the test brings its own.
  const limits = opts.limits ?? createRateLimits(rateLimitConfig(env()));
  let accounts = 0;

  function callerFor(actor: Actor | null, signal?: AbortSignal, clientAddress = "127.0.0.1", sessionVersion = 0) {
    const ctx: TRPCContext = { ...deps, actor, shutdownSignal: shutdown.signal, limits, clientAddress, sessionVersion };
    return createCaller(ctx, signal ? { signal } : undefined);
  }

  /** A new account, signed in. */
  async function account(name = `user${++accounts}`) {
    const created = await signUp(deps, {
      identification: `${name}-${Math.random().toString(36).slice(2, 8)}`,
      displayName: name,
      password: "correct horse battery",
    });
    const actor: Actor = { userId: created.id, identification: created.identification };
    return { ...created, actor, caller: callerFor(actor) };
  }

  return {
    deps,
    bus,
    clock,
    callerFor,
    account,
    async close() {
      shutdown.abort();
      await bus.close();
      await database.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof openHarness>>;

/** A point `meters` north of `from` (one degree of latitude is about 111.2 km). */
export function north(from: { latitude: number; longitude: number }, meters: number) {
  return { latitude: from.latitude + meters / 111_194.93, longitude: from.longitude };
}

/** tRPC's caller yields tracked events as [id, data] tuples. */
export function untrack<T>(value: unknown): { id: string; data: T } {
  const [id, data] = value as [string, T];
  return { id, data };
}

/** Reads from an async iterator with a time limit, so a missing event fails the test instead of hanging it. */
export async function nextWithin<T>(iterator: AsyncIterator<T>, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms);
  });
  try {
    const result = await Promise.race([iterator.next(), timeout]);
    if (result.done) throw new Error("stream ended");
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}
