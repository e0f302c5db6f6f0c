import { NextRequest } from "next/server";
import { env } from "~/env";
import { handlers } from "~/server/auth";
import { withCappedBody } from "~/server/rate-limit/body";
import { parseLockedCode } from "~/shared/sign-in-lock";

export const { GET } = handlers;

/** The wait a locked-out sign-in's answer names (next-auth puts the error code in its redirect URL), or null. */
function lockedSeconds(response: Response, body: unknown): number | null {
  const location = response.headers.get("location") ?? (body && typeof body === "object" && "url" in body ? String(body.url) : null);
  if (!location) return null;
  return parseLockedCode(new URL(location, "http://localhost").searchParams.get("code"));
}

/** next-auth's POST routes with a capped body; a sign-in refused during a lockout becomes a 429 with Retry-After. */
export async function POST(request: Request): Promise<Response> {
  const req = await withCappedBody(request, env().MAX_BODY_BYTES);
  if (req instanceof Response) return req;
  const response = await handlers.POST(new NextRequest(req));
  const json = response.headers.get("content-type")?.includes("application/json") ? ((await response.clone().json()) as unknown) : null;
  const seconds = lockedSeconds(response, json);
  if (seconds === null) return response;
  const headers = new Headers(response.headers);
  headers.delete("location");
  headers.set("retry-after", String(seconds));
  headers.set("content-type", "application/json");
  const url = json && typeof json === "object" && "url" in json ? String(json.url) : response.headers.get("location");
  return new Response(JSON.stringify({ url, message: `Too many failed sign-ins. Try again in ${seconds} s.` }), { status: 429, headers });
}
