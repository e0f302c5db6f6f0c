import { z } from "zod";

/**
 * A desk's short code, printed at the counter and read aloud: 8 characters of
 * Crockford's base-32 alphabet (no I, L, O, U), shown as two groups of four.
 * 32^8 ≈ 1.1 × 10^12 codes: at the lookup limit (RATE_LIMIT_DESK_CODE, 20 a
 * minute per account) even 10^4 desks leave one guess in 10^8 of hitting any.
 */
export const DESK_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const DESK_CODE_LENGTH = 8;

/** Upper case, no spaces or dashes, and the look-alikes read as Crockford says: O → 0, I and L → 1. */
export function normalizeDeskCode(typed: string): string {
  return typed
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-_.·]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

/** "7K3M-Q9TB": how a code is shown and printed. */
export function formatDeskCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A fresh code from `randomBytes` (the caller's CSPRNG): 5 bits of each byte, no modulo bias since 256 is a multiple of 32. */
export function makeDeskCode(randomBytes: (length: number) => Uint8Array): string {
  return Array.from(randomBytes(DESK_CODE_LENGTH), (byte) => DESK_CODE_ALPHABET[byte % 32]).join("");
}

const codePattern = new RegExp(`^[${DESK_CODE_ALPHABET}]{${DESK_CODE_LENGTH}}$`);

/** A typed or scanned code, normalised; its errors are keys the screens translate (desk-code catalog). */
export const deskCodeSchema = z
  .string({ error: "DESK_CODE_EMPTY" })
  .max(64, "DESK_CODE_SHAPE")
  .transform(normalizeDeskCode)
  .pipe(z.string().min(1, "DESK_CODE_EMPTY").length(DESK_CODE_LENGTH, "DESK_CODE_LENGTH").regex(codePattern, "DESK_CODE_SHAPE"));

/** The link a desk's QR code carries; opening it prefills the code on the phone. */
export function deskLink(origin: string, code: string): string {
  return `${origin}/?desk=${code}`;
}

/** The code in a scanned text: a link to `/?desk=CODE` or the bare code. Null when it holds none. */
export function deskCodeFromScan(text: string): string | null {
  let candidate = text.trim();
  try {
    const url = new URL(candidate);
    candidate = url.searchParams.get("desk") ?? "";
  } catch {
    // Not a link: the bare code.
  }
  const parsed = deskCodeSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}
