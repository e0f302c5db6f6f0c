import { createHash, randomInt, timingSafeEqual } from "node:crypto";

export const SHORT_CODE_LENGTH = 6;

/**
 * A 6-digit code both screens show so the requester can check they are
 * paired with the processor in front of them. randomInt is unbiased over
 * [0, 10^6), and padding keeps leading zeros ("004211").
 */
export function generateShortCode(): string {
  return randomInt(0, 10 ** SHORT_CODE_LENGTH)
    .toString()
    .padStart(SHORT_CODE_LENGTH, "0");
}

/** True for a well-formed code: exactly 6 ASCII digits. */
export function isShortCode(value: unknown): value is string {
  return typeof value === "string" && /^[0-9]{6}$/.test(value);
}

/**
 * Constant-time equality. Hashing first gives equal-length buffers, so
 * neither the content nor the length of the expected code leaks via timing.
 */
export function shortCodesEqual(a: string, b: string): boolean {
  if (typeof a !== "string" || typeof b !== "string") return false;
  const digestA = createHash("sha256").update(a, "utf8").digest();
  const digestB = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(digestA, digestB);
}
