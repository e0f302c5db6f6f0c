import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { nodeHTTPRequestHandler } from "@trpc/server/adapters/node-http";
import { env } from "../../env";
import { eventStreamSecurityHeaders, foreignRequestRefusal, isForeignRequest, requestOrigin, securityHeaders } from "../../shared/security-headers";
import { contextFor } from "../api/context";
import { trpcHandlerOptions } from "../api/handler-options";
import { sessionFromCookie } from "../auth/session-token";
import { readCappedBody, tooLargeBody } from "../rate-limit/body";
import { clientAddress } from "../rate-limit/client-address";
import { randomString } from "../random";
import { getRuntime } from "../runtime";
import { serveCall } from "./calls";
import { isSubscription, serveSubscription } from "./subscriptions";

/** A node:http request's headers as the shared rules read them. */
export function headerReader(req: IncomingMessage) {
  return {
    get(name: string): string | null {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : (value ?? null);
    },
  };
}

function answerJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

/**
 * /api/trpc on the custom server, off the Next.js request path (so
 * src/proxy.ts does not run): the same headers, origin check, body cap, batch
 * cap and limits, from the same modules. Single queries and mutations go
 * through ./calls, subscriptions through ./subscriptions, and the rest
 * (batches above all) through tRPC's node:http adapter.
 */
export async function serveApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const headers = headerReader(req);
  const encrypted = "encrypted" in req.socket && req.socket.encrypted === true;
  const { https, origin } = requestOrigin(headers, { protocol: encrypted ? "https" : "http", host: "localhost" });
  // Next.js keys the per-address limits on X-Forwarded-For, set from the socket when absent: the same here.
  req.headers["x-forwarded-for"] ??= req.socket.remoteAddress;
  const createContext = async () => {
    const { deps } = await getRuntime();
    return contextFor(await sessionFromCookie(deps, req.headers.cookie, https), clientAddress(headers));
  };
  // Subscriptions are GETs, which the origin check passes and which carry no body.
  if (req.method === "GET" && isSubscription(path)) {
    return serveSubscription(req, res, path, createContext, eventStreamSecurityHeaders(https));
  }

  const policy = securityHeaders({
    nonce: randomString(16, "base64"),
    https,
    tileUrl: env().MAP_TILE_URL,
    development: false,
  });
  if (isForeignRequest(req.method ?? "GET", headers, origin)) return answerJson(res, 403, foreignRequestRefusal, policy);

  const { MAX_BODY_BYTES } = env();
  let body: string | undefined;
  if (req.method !== "GET" && req.method !== "HEAD") {
    const bytes = await readCappedBody(req, MAX_BODY_BYTES);
    if (!bytes) return answerJson(res, 413, tooLargeBody(MAX_BODY_BYTES), { ...policy, connection: "close" });
    body = bytes.toString("utf8");
  }
  if (await serveCall(req, res, path, body, createContext, policy)) return;
  for (const [name, value] of Object.entries(policy)) res.setHeader(name, value);
  (req as IncomingMessage & { body?: string }).body = body;
  await nodeHTTPRequestHandler({ ...trpcHandlerOptions(), req, res, path, createContext });
}
