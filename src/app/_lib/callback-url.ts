import type { AccountRole } from "~/shared/account-role";

/** Only local paths, so a crafted link cannot send people elsewhere after signing in; null when none was given. */
export function safeCallback(value: string | string[] | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : null;
}

/** Arriving from the desk's screen (its sign-in link, or `?from=processor`) means a desk is being set up. */
export function roleSuggestedBy(callbackUrl: string | null, from: string | string[] | undefined): AccountRole {
  const origin = Array.isArray(from) ? from[0] : from;
  return origin === "processor" || callbackUrl?.startsWith("/processor") ? "DESK" : "CUSTOMER";
}

/** The auth pages' link to each other, carrying where to go afterwards. */
export function withCallback(path: "/sign-in" | "/sign-up", callbackUrl: string | null): string {
  return callbackUrl ? `${path}?callbackUrl=${encodeURIComponent(callbackUrl)}` : path;
}
