import { type NextRequest, NextResponse } from "next/server";
import { clientEnv, env } from "./env";
import { foreignRequestRefusal, isForeignRequest, requestOrigin, securityHeaders } from "./shared/security-headers";

/**
 * In front of every request (Next.js 16's proxy, formerly middleware):
 * refuses state-changing requests from other sites with 403, and puts the
 * security headers on every response, with a fresh CSP nonce that Next.js
 * reads from the request's policy and adds to its own scripts (pages are
 * rendered per request, which nonces need).
 */
export function proxy(request: NextRequest) {
  const { https, origin } = requestOrigin(request.headers, { protocol: request.nextUrl.protocol.replace(/:$/, ""), host: request.nextUrl.host });
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders({ nonce, https, tileUrl: env().MAP_TILE_URL, development: clientEnv.NODE_ENV === "development" });

  let response: NextResponse;
  if (isForeignRequest(request.method, request.headers, origin)) {
    response = NextResponse.json(foreignRequestRefusal, { status: 403 });
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
