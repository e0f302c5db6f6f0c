import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { fieldErrors, fieldProblems } from "~/shared/field-errors";
import { untilSignedOut } from "../accounts/sessions";
import type { Actor, ServerDeps } from "../deps";
import { DomainError } from "../errors";
import { countOutcome, type OutcomeCounter } from "../metrics/metrics";
import { type LimitName, limitKeys, RateLimitedError, type RateLimits } from "../rate-limit/limits";

export interface TRPCContext extends ServerDeps {
  /** The signed-in account, from the session cookie; null when signed out. */
  actor: Actor | null;
  /** Aborted on server shutdown: streams end so the process can exit. */
  shutdownSignal: AbortSignal;
  /** The process's rate limits (shared through Redis when REDIS_URL is set). */
  limits: RateLimits;
  /** The client's address, the key of the per-address limits. */
  clientAddress: string;
  /** The signed-in account's session version from its cookie (accounts/sessions.ts). */
  sessionVersion: number;
  /**
   * A subscription's own controller on node:http (http/subscriptions.ts): its signal is the procedure's, and a
   * sign-out aborts it, so that a held stream keeps one AbortController, not two (each costs about 1 KiB).
   */
  stream?: AbortController;
}

/** A procedure's `meta({ limit })` names the rate limit each call counts against. */
interface Meta {
  limit?: LimitName;
  /** The metric its calls are counted in, by outcome: ok, or the refusal's reason (or tRPC code). */
  outcomes?: OutcomeCounter;
}

const t = initTRPC
  .context<TRPCContext>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    sse: {
      // Keeps idle streams alive through proxies; the client reconnects when pings stop.
      ping: { enabled: true, intervalMs: 10_000 },
      client: { reconnectAfterInactivityMs: 25_000 },
    },
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      // A validation failure's message is a short sentence; the details are in fieldErrors.
      const message = cause instanceof ZodError ? (cause.issues[0]?.message ?? "Invalid input.") : shape.message;
      return {
        ...shape,
        message,
        data: {
          ...shape.data,
          reason: cause instanceof DomainError ? cause.reason : null,
          retryAfterSeconds: cause instanceof RateLimitedError ? cause.retryAfterSeconds : null,
          fieldErrors: cause instanceof ZodError ? fieldErrors(cause) : null,
          // The same problems as codes and parameters, for screens that speak another language.
          fieldProblems: cause instanceof ZodError ? fieldProblems(cause) : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain failures become tRPC errors with the matching HTTP status and their specific message. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.status, message: cause.message, cause });
  }
  return result;
});

/**
 * Operability (src/server/metrics): calls by outcome for procedures that name
 * a counter, refusals included (limits, sign-in, validation). Open streams
 * are counted by the SSE writer (http/subscriptions.ts), which holds them.
 */
const measured = t.middleware(async ({ meta, next }) => {
  const result = await next();
  if (meta?.outcomes) {
    const cause = result.ok ? null : result.error.cause;
    countOutcome(meta.outcomes, result.ok ? "ok" : cause instanceof DomainError ? cause.reason : result.error.code);
  }
  return result;
});

/**
 * The one place procedures are rate limited: each call of a procedure with a
 * `limit` counts against it, keyed by the account or the client's address.
 * Signed-out calls of account-keyed procedures are left to the sign-in check.
 */
const rateLimited = t.middleware(async ({ ctx, meta, next }) => {
  const name = meta?.limit;
  if (name) {
    const key = limitKeys[name] === "account" ? ctx.actor?.userId : ctx.clientAddress;
    if (key) await ctx.limits.consume(name, key);
  }
  return next();
});

export const publicProcedure = t.procedure.use(measured).use(domainErrors).use(rateLimited);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  // tRPC merges this into the context: only the narrowed actor, not a copy of the whole context to merge again.
  return next({ ctx: { actor: ctx.actor } });
});

/** The stream's own signal, ended also when the server shuts down and when the account signs out. */
export function streamSignal(ctx: TRPCContext & { actor: Actor }, signal: AbortSignal | undefined): Promise<AbortSignal> {
  return untilSignedOut(ctx, ctx.actor.userId, ctx.sessionVersion, signal ? [signal, ctx.shutdownSignal] : [ctx.shutdownSignal], ctx.stream);
}
