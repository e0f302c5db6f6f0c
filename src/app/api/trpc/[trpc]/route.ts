import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "~/server/api/root";
import { createRequestContext } from "~/server/api/context";
import { shutdownSignal } from "~/server/runtime";

export const dynamic = "force-dynamic";

/**
 * Ends an event stream by breaking the connection when the server shuts down.
 * A broken connection, unlike a clean end, makes the browser's EventSource
 * reconnect (to this server once restarted, or another instance) and resume
 * from its last event id.
 */
function breakOnShutdown(response: Response): Response {
  if (!response.body || !response.headers.get("content-type")?.startsWith("text/event-stream")) return response;
  const signal = shutdownSignal();
  let fail: ((reason: unknown) => void) | undefined;
  const relay = new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      fail = (reason) => controller.error(reason);
    },
  });
  const onShutdown = () => fail?.(new Error("server shutting down"));
  if (signal.aborted) onShutdown();
  else signal.addEventListener("abort", onShutdown, { once: true });
  response.body.pipeTo(relay.writable).catch(() => {}).finally(() => signal.removeEventListener("abort", onShutdown));
  return new Response(relay.readable, { status: response.status, headers: response.headers });
}

async function handler(req: Request) {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: createRequestContext,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
  return breakOnShutdown(response);
}

export { handler as GET, handler as POST };
