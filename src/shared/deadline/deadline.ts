import { z } from "zod";

/**
 * The agreed processing time: after the deadline a request disappears from
 * every list and can no longer be selected. Expiry is derived from the
 * deadline at read time (no sweeper), so these functions take `now`
 * explicitly and the caller's clock decides.
 */

export const MIN_DEADLINE_SECONDS = 30;
export const MAX_DEADLINE_SECONDS = 86_400;
/** The system default when the requester chose nothing: 10 minutes. The form preselects it; the server applies it to a request that names none. */
export const DEFAULT_DEADLINE_SECONDS = 600;

/** Seconds of processing time for a request: the default when none was given (undefined), none at all for an explicit null. */
export function deadlineSecondsOrDefault(seconds: number | null | undefined): number | null {
  return seconds === undefined ? DEFAULT_DEADLINE_SECONDS : seconds;
}

/** Optional processing time in whole seconds, 30 s to 24 h; null/undefined means no deadline. */
export const deadlineSecondsSchema = z
  .number({ error: "Processing time must be a number of seconds" })
  .int("Processing time must be a whole number of seconds")
  .min(MIN_DEADLINE_SECONDS, `Processing time must be at least ${MIN_DEADLINE_SECONDS} seconds — leave it empty for no deadline`)
  .max(MAX_DEADLINE_SECONDS, "Processing time can be at most 24 hours (86400 seconds) — leave it empty for no deadline")
  .nullable()
  .optional();

export type RequestStatus = "OPEN" | "PAIRED" | "DONE" | "CANCELLED";
export type EffectiveStatus = RequestStatus | "EXPIRED";

/** The deadline `seconds` after `now`, or null for a request without one. */
export function resolveDeadline(now: Date, seconds: number | null | undefined): Date | null {
  if (seconds === null || seconds === undefined) return null;
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(`Deadline seconds must be a finite number >= 0, got ${seconds}`);
  }
  const start = now.getTime();
  if (Number.isNaN(start)) throw new RangeError("now is an invalid Date");
  return new Date(start + seconds * 1000);
}

/** Expired once the clock reaches the deadline: at the deadline itself it can no longer be selected. */
export function isExpired(deadline: Date | null, now: Date): boolean {
  return deadline !== null && deadline.getTime() <= now.getTime();
}

/**
 * The status as users see it: an OPEN request past its deadline is EXPIRED.
 * Other statuses are final or taken. Also accepts a stored EXPIRED (written
 * later to close the session log) and returns it unchanged.
 */
export function effectiveStatus(status: RequestStatus | "EXPIRED", deadline: Date | null, now: Date): EffectiveStatus {
  return status === "OPEN" && isExpired(deadline, now) ? "EXPIRED" : status;
}

/** Time left until the deadline, clamped at 0; null when there is no deadline. */
export function millisecondsLeft(deadline: Date | null, now: Date): number | null {
  if (deadline === null) return null;
  return Math.max(0, deadline.getTime() - now.getTime());
}
