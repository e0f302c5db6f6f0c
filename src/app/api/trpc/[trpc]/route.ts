import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createRequestContext } from "~/server/api/context";
import { trpcHandlerOptions } from "~/server/api/handler-options";
import { env } from "~/env";
import { withCappedBody } from "~/server/rate-limit/body";
import { shutdownSignal } from "~/server/runtime";

export const dynamic = "force-dynamic";

/** True when `chunk` ends an SSE message (a blank line). */
function endsMessage(chunk: Uint8Array): boolean {
  return chunk.length >= 2 && chunk[chunk.length - 1] === 10 && chunk[chunk.length - 2] === 10;
}

/** One SSE message is written as separate chunks ("event:", "data:", "id:", blank line); hand it on as one. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * Relays an event stream so that (1) the server's shutdown breaks the
 * connection: a broken connection, unlike a clean end, makes the browser's
 * EventSource reconnect (to this server once restarted, or another instance)
 * and resume from its last event id; and (2) each SSE message goes out as one
 * chunk, i.e. one write to the socket instead of one per line.
 * A plain pull-based ReadableStream over the body's reader: lighter per
 * stream than a TransformStream and pipeTo (bench/RESULTS.md, section 3).
 */
function breakOnShutdown(response: Response): Response {
  const body = response.body;
  if (!body || !response.headers.get("content-type")?.startsWith("text/event-stream")) return response;
  const signal = shutdownSignal();
  const reader = body.getReader();
  let finished = false;
  let onShutdown: (() => void) | null = null;
  const finish = () => {
    finished = true;
    if (onShutdown) signal.removeEventListener("abort", onShutdown);
    onShutdown = null;
  };
  const relay = new ReadableStream<Uint8Array>({
    start(controller) {
      onShutdown = () => {
        finish();
        controller.error(new Error("server shutting down"));
        reader.cancel().catch(() => {});
      };
      if (signal.aborted) onShutdown();
      else signal.addEventListener("abort", onShutdown, { once: true });
    },
    async pull(controller) {
      const parts: Uint8Array[] = [];
      let size = 0;
      let done = false;
      while (!done) {
        const result = await reader.read();
        if (result.done) done = true;
        else {
          parts.push(result.value);
          size += result.value.length;
          if (endsMessage(result.value) || size >= MAX_MESSAGE_BYTES) break;
        }
      }
      if (finished) return;
      if (parts.length === 1) controller.enqueue(parts[0]);
      else if (parts.length > 1) {
        const message = new Uint8Array(size);
        let at = 0;
        for (const part of parts) {
          message.set(part, at);
          at += part.length;
        }
        controller.enqueue(message);
      }
      if (done) {
        finish();
        controller.close();
      }
    },
    cancel(reason) {
      finish();
      return reader.cancel(reason);
    },
  });
  return new Response(relay, { status: response.status, headers: response.headers });
}

async function handler(request: Request) {
  const req = await withCappedBody(request, env().MAX_BODY_BYTES);
  if (req instanceof Response) return req;
  const response = await fetchRequestHandler({ ...trpcHandlerOptions(), endpoint: "/api/trpc", req, createContext: createRequestContext });
  return breakOnShutdown(response);
}

export { handler as GET, handler as POST };
