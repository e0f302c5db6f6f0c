import "server-only";

/**
 * The one reckoning of PAIRING_TIMEOUT_SECONDS: the sweeper ends a pairing
 * the requester has not confirmed by then, and the paired event tells both
 * screens the same moment, so they count down to what the server will do.
 */
export function pairingEndsAt(pairedAt: Date, timeoutSeconds: number): Date {
  return new Date(pairedAt.getTime() + timeoutSeconds * 1000);
}

/** Pairings made at or before this moment have reached their end at `now`. */
export function pairingCutoff(now: Date, timeoutSeconds: number): Date {
  return new Date(now.getTime() - timeoutSeconds * 1000);
}
