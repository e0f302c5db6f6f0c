import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { fieldErrors } from "~/shared/field-errors";
import type { Actor, ServerDeps } from "../deps";
import { DomainError } from "../errors";

export interface TRPCContext extends ServerDeps {
  /** The signed-in account, from the session cookie; null when signed out. */
  actor: Actor | null;
  /** Aborted on server shutdown: streams end so the process can exit. */
  shutdownSignal: AbortSignal;
}

const t = initTRPC.context<TRPCContext>().create({
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
        fieldErrors: cause instanceof ZodError ? fieldErrors(cause) : null,
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

export const publicProcedure = t.procedure.use(domainErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/** The stream's own signal, ended also when the server shuts down. */
export function streamSignal(ctx: TRPCContext, signal: AbortSignal | undefined): AbortSignal {
  return signal ? AbortSignal.any([signal, ctx.shutdownSignal]) : ctx.shutdownSignal;
}
