import "server-only";
import { randomInt } from "node:crypto";

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
