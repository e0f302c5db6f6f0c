import { type NextRequest, NextResponse } from "next/server";
import { clientEnv } from "./env";
import { isForeignRequest, securityHeaders } from "./shared/security-headers";

/**
 * In front of every request (Next.js 16's proxy, formerly middleware):
 * refuses state-changing requests from other sites with 403, and puts the
 * security headers on every response, with a fresh CSP nonce that Next.js
 * reads from the request's policy and adds to its own scripts (pages are
 * rendered per request, which nonces need).
 */
export function proxy(request: NextRequest) {
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? request.nextUrl.protocol.replace(/:$/, "");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? request.nextUrl.host;
  const https = proto === "https";
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders({ nonce, https, tileUrl: clientEnv.NEXT_PUBLIC_MAP_TILE_URL, development: clientEnv.NODE_ENV === "development" });

  let response: NextResponse;
  if (isForeignRequest(request.method, request.headers, `${proto}://${host}`)) {
    response = NextResponse.json(
      { error: { message: "This request came from another site and was refused.", code: "FORBIDDEN_ORIGIN" } },
      { status: 403 },
    );
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
