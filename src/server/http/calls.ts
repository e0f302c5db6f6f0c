import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AnyProcedure } from "@trpc/server";
import { getErrorShape, getHTTPStatusCode, getTRPCErrorFromUnknown, transformTRPCResponse } from "@trpc/server/unstable-core-do-not-import";
import type { TRPCContext } from "../api/trpc";
import { trpcHandlerOptions } from "../api/handler-options";
import { inputFromJson, procedureAt, routerConfig as config } from "./router-wire";

/**
 * A single query or mutation (what httpLink sends, and every submit and
 * select) answered straight on node:http, in the wire format of tRPC's own
 * resolveResponse: `{ result: { data } }` or `{ error }` with its HTTP status,
 * `vary: trpc-accept, accept`, and the handler options' responseMeta and
 * onError. The procedure runs with every middleware, as on any path.
 *
 * Why not tRPC's node:http adapter for these: it builds a fetch Request from
 * the IncomingMessage and pipes a fetch Response back through web streams,
 * about a quarter of a submit's CPU on the custom server (bench/api-path.ts,
 * part 2). Anything else (batches, HEAD, another content type, a body that
 * is not JSON, a method the procedure does not take, an unknown path) is
 * left to the adapter, whose answers, errors included, stay tRPC's own.
 */

/**
 * The call's input as the adapter would decode it: undefined for a query
 * without one; null, leaving the call to the adapter, for a body that is
 * empty or not the transformer's JSON.
 */
function rawInputOf(req: IncomingMessage, body: string | undefined, query: URLSearchParams): { input: unknown } | null {
  const text = req.method === "GET" ? query.get("input") : body;
  // The adapter reads a query's empty or missing input parameter as no input (httpLink sends "{}" for a mutation's).
  if (!text) return req.method === "GET" ? { input: undefined } : null;
  try {
    return { input: inputFromJson(text) };
  } catch {
    return null;
  }
}

/** The call `path` names when it is one this module answers as the adapter would; null otherwise. */
function directCall(req: IncomingMessage, path: string, query: URLSearchParams): AnyProcedure | null {
  if (query.has("batch") || req.headers["trpc-accept"] !== undefined) return null;
  const procedure = procedureAt(path);
  if (!procedure) return null;
  const { type } = procedure._def;
  if (type === "query") return req.method === "GET" ? procedure : null;
  if (type !== "mutation" || req.method !== "POST") return null;
  return req.headers["content-type"]?.startsWith("application/json") ? procedure : null;
}

/**
 * Answers the call at `path` when it is a single query or mutation this
 * module serves, and returns false, having written nothing, when the
 * adapter must. `headers` are the response's security headers; `body` the
 * request's, already read under the size cap.
 */
export async function serveCall(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: string | undefined,
  createContext: () => Promise<TRPCContext>,
  headers: Readonly<Record<string, string>>,
): Promise<boolean> {
  const at = req.url?.indexOf("?") ?? -1;
  const query = new URLSearchParams(at >= 0 ? req.url!.slice(at + 1) : "");
  const procedure = directCall(req, path, query);
  const raw = procedure && rawInputOf(req, body, query);
  if (!procedure || !raw) return false;
  const type = procedure._def.type;
  const { input } = raw;

  const options = trpcHandlerOptions();
  let ctx: TRPCContext | undefined;
  let response: { result: { data: unknown } } | { error: ReturnType<typeof getErrorShape> };
  let errors: ReturnType<typeof getTRPCErrorFromUnknown>[] = [];
  try {
    ctx = await createContext();
    // No signal: only subscriptions read one (the adapter's is the request's), and they are served by ./subscriptions.
    const data: unknown = await procedure({ path, getRawInput: () => Promise.resolve(input), ctx, type, signal: undefined, batchIndex: 0 });
    response = { result: { data } };
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    errors = [error];
    options.onError({ error, path });
    response = { error: getErrorShape({ config, ctx, error, input, path, type }) };
  }
  const meta = options.responseMeta({ errors });
  res
    .writeHead(getHTTPStatusCode(response), {
      ...headers,
      vary: "trpc-accept, accept",
      "content-type": "application/json",
      ...meta.headers,
    })
    .end(JSON.stringify(transformTRPCResponse(config, response)));
  return true;
}
