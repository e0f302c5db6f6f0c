import "server-only";
import { createHash } from "node:crypto";
import { decode, type JWT } from "next-auth/jwt";
import { sessionVersionOf } from "../accounts/sessions";
import type { RequestSession, ServerDeps } from "../deps";
import { authSecret } from "./secret";
import { openSessionToken } from "./session-jwe";

const signedOut: RequestSession = { actor: null, sessionVersion: -1 };

/** next-auth's session cookie: its name (and the JWE's salt), `__Secure-` prefixed over HTTPS as next-auth sets it. */
export function sessionCookieName(https: boolean): string {
  return `${https ? "__Secure-" : ""}authjs.session-token`;
}

/** The cookie's value, joined from next-auth's chunks (`name.0`, `name.1`, …) when it was split. */
function cookieValue(cookieHeader: string, name: string): string | null {
  const cookies = new Map<string, string>();
  for (const part of cookieHeader.split(";")) {
    const at = part.indexOf("=");
    if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const whole = cookies.get(name);
  if (whole) return whole;
  const chunks: string[] = [];
  for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
  return chunks.length ? chunks.join("") : null;
}

/** Decrypted cookies by a hash of the cookie (no copy of it is kept); the oldest go first past this many. */
const MAX_DECODED = 5_000;
const decoded = new Map<string, JWT>();

/**
 * A phone sends the same cookie with every request, so each cookie is
 * decrypted once and then found by its hash, for as long as it has not
 * expired. A new one is opened by ./session-jwe (node:crypto), and only a
 * cookie of another shape goes through next-auth's decode (HKDF, then AES
 * and HMAC through WebCrypto, several times the CPU).
 */
async function decodeCookie(token: string, name: string): Promise<JWT | null> {
  const key = createHash("sha256").update(name).update("\0").update(token).digest("base64");
  const known = decoded.get(key);
  if (known && typeof known.exp === "number" && known.exp * 1000 > Date.now()) return known;
  const secret = authSecret();
  const payload = openSessionToken(token, secret, name) ?? (await decode({ token, secret, salt: name }).catch(() => null));
  if (payload) {
    if (decoded.size >= MAX_DECODED) decoded.delete(decoded.keys().next().value!);
    decoded.set(key, payload);
  }
  return payload;
}

/**
 * The session of a request on the custom server's API path, read once: the
 * JWT decoded (and its expiry checked) with next-auth's own secret and
 * cookie name, without re-encrypting it as auth() does, then the same
 * session-version check as next-auth's jwt callback (auth/index.ts), so a
 * cookie from before the account's last sign-out is refused.
 */
export async function sessionFromCookie(
  deps: Pick<ServerDeps, "sql" | "bus">,
  cookieHeader: string | undefined,
  https: boolean,
): Promise<RequestSession> {
  if (!cookieHeader) return signedOut;
  const name = sessionCookieName(https);
  const token = cookieValue(cookieHeader, name);
  if (!token) return signedOut;
  const payload = await decodeCookie(token, name);
  const userId = payload?.sub;
  const { identification, sessionVersion } = payload ?? {};
  if (!userId || typeof identification !== "string" || !identification || typeof sessionVersion !== "number") return signedOut;
  if ((await sessionVersionOf(deps, userId)) !== sessionVersion) return signedOut;
  return { actor: { userId, identification }, sessionVersion };
}
