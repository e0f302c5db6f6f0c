/**
 * During a sign-in lockout next-auth answers with an error code in its
 * redirect URL; the code carries the seconds to wait, so the sign-in route can
 * answer 429 with Retry-After and the form can say when to try again.
 */
const PREFIX = "locked-";

export function lockedCode(retryAfterSeconds: number): string {
  return `${PREFIX}${retryAfterSeconds}`;
}

/** The seconds a lockout code names, or null for any other code. */
export function parseLockedCode(code: string | null | undefined): number | null {
  if (!code?.startsWith(PREFIX)) return null;
  const digits = code.slice(PREFIX.length);
  if (!/^[1-9][0-9]{0,7}$/.test(digits)) return null;
  return Number(digits);
}
