import "server-only";
import type { AnyProcedure } from "@trpc/server";
import { appRouter } from "../api/root";

/**
 * What the two paths that serve tRPC calls without its adapter (./calls and
 * ./subscriptions) read of the app router: its configuration (transformer,
 * SSE options, error formatter), its procedures by path, and an input as the
 * adapter decodes it.
 */
export const routerConfig = appRouter._def._config;

const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure | undefined>;

export function procedureAt(path: string): AnyProcedure | undefined {
  return procedures[path];
}

/** A call's input from its JSON text (the body, or the `input` query parameter): throws when that is not JSON or not the transformer's. */
export function inputFromJson(text: string): unknown {
  return routerConfig.transformer.input.deserialize(JSON.parse(text));
}
