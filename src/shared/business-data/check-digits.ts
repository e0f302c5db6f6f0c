import { type Problem, problem } from "../problem";

/**
 * Check-digit validation for account numbers: IBAN (ISO 13616, mod-97) and
 * card/account numbers (Luhn). These catch the typing errors the product
 * exists to prevent, before the number travels.
 */

/**
 * IBAN length per country code, from the SWIFT IBAN Registry (release 100,
 * 2025: 89 countries). Territories that share a parent's prefix (e.g. Åland
 * → FI, Jersey → GB, Réunion → FR) have no entry of their own because their
 * IBANs start with the parent's code.
 */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = Object.freeze({
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
});

/** Expected IBAN length for a country code, or undefined if it has no IBAN. */
export function ibanLength(countryCode: string): number | undefined {
  return Object.hasOwn(IBAN_LENGTHS, countryCode) ? IBAN_LENGTHS[countryCode] : undefined;
}

/**
 * Removes what people type between groups (spaces, hyphens, dashes, NBSP)
 * and uppercases, so "de89 3704-0044 0532 0130 00" compares as one IBAN.
 */
export function normalizeAccountNumber(s: string): string {
  return s.replace(/[\s\u00a0\u2007\u202f\-\u2010-\u2015\u2212]/g, "").toUpperCase();
}

/**
 * ISO 7064 MOD 97-10 remainder of an IBAN (already normalised, A–Z 0–9 only).
 * Folds digit by digit so no big integers are needed.
 */
export function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    if (code >= 48 && code <= 57) {
      remainder = (remainder * 10 + (code - 48)) % 97;
    } else {
      // Letters count as two digits: A = 10 … Z = 35.
      remainder = (remainder * 100 + (code - 55)) % 97;
    }
  }
  return remainder;
}

export type IbanProblem =
  | { kind: "format" }
  | { kind: "unknown_country"; countryCode: string }
  | { kind: "check_digits_format" }
  | { kind: "length"; countryCode: string; expected: number; actual: number }
  | { kind: "checksum" };

/** What is wrong with an already-normalised IBAN, or null when it is valid. */
export function ibanProblem(iban: string): IbanProblem | null {
  if (!/^[A-Z]{2}/.test(iban)) return { kind: "format" };
  const countryCode = iban.slice(0, 2);
  if (!/^[A-Z0-9]+$/.test(iban)) return { kind: "format" };
  const expected = ibanLength(countryCode);
  if (expected === undefined) return { kind: "unknown_country", countryCode };
  if (!/^[0-9]{2}$/.test(iban.slice(2, 4))) return { kind: "check_digits_format" };
  if (iban.length !== expected) return { kind: "length", countryCode, expected, actual: iban.length };
  // 00, 01 and 99 can never be issued (ISO 13616) yet 01 and 99 can satisfy mod-97.
  const check = iban.slice(2, 4);
  if (check === "00" || check === "01" || check === "99") return { kind: "checksum" };
  return ibanMod97(iban) === 1 ? null : { kind: "checksum" };
}

/** True for a valid IBAN in any common spelling (spaces, hyphens, lower case). */
export function isValidIban(s: string): boolean {
  return typeof s === "string" && ibanProblem(normalizeAccountNumber(s)) === null;
}

/** Luhn (mod 10) check over a string of ASCII digits; false for anything else. */
export function luhnValid(digits: string): boolean {
  if (typeof digits !== "string" || !/^[0-9]{2,}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export const CARD_NUMBER_MIN_DIGITS = 12;
export const CARD_NUMBER_MAX_DIGITS = 19;

const regionNames = (() => {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" });
  } catch {
    return null;
  }
})();

/** "Germany (DE)", or just "DE" when the runtime has no region names. */
function countryLabel(countryCode: string): string {
  let name: string | undefined;
  try {
    name = regionNames?.of(countryCode);
  } catch {
    name = undefined;
  }
  return name && name !== countryCode && name !== "Unknown Region" ? `${name} (${countryCode})` : countryCode;
}

export const IBAN_CHECKSUM_MESSAGE = "IBAN check digits do not match — check for a typing error";
export const LUHN_MESSAGE = "Card/account number fails its check digit (Luhn) — check for a typing error";

/** The user-facing message for an IBAN problem. */
export function ibanProblemMessage(problem: IbanProblem): string {
  switch (problem.kind) {
    case "format":
      return "An IBAN contains only letters and digits — remove any other characters";
    case "unknown_country":
      return `"${problem.countryCode}" is not a country that uses IBANs — check the first two letters, or enter a card/account number of digits only`;
    case "check_digits_format":
      return "The 3rd and 4th characters of an IBAN are its check digits and must be digits — check for a typing error";
    case "length": {
      const diff = problem.actual < problem.expected ? "missing" : "extra";
      return `Wrong length for an IBAN from ${countryLabel(problem.countryCode)}: expected ${problem.expected} characters, got ${problem.actual} — check for a ${diff} character`;
    }
    case "checksum":
      return IBAN_CHECKSUM_MESSAGE;
  }
}

/** An IBAN problem with its code, for the screens to say in their language. */
function ibanProblemOf(found: IbanProblem): Problem {
  const message = ibanProblemMessage(found);
  switch (found.kind) {
    case "format":
      return problem("ibanChars", message);
    case "unknown_country":
      return problem("ibanCountry", message, { code: found.countryCode });
    case "check_digits_format":
      return problem("ibanCheckDigits", message);
    case "length":
      return problem("ibanLength", message, {
        country: found.countryCode,
        expected: found.expected,
        actual: found.actual,
        diff: found.actual < found.expected ? "missing" : "extra",
      });
    case "checksum":
      return problem("ibanChecksum", message);
  }
}

/**
 * Validates an already-normalised account number: an IBAN when it starts with
 * two letters, otherwise a 12–19 digit card/account number with a Luhn check
 * digit. Returns the problem, or null when valid.
 */
export function accountNumberProblem(normalized: string): Problem | null {
  if (normalized.length === 0) return problem("accountNumberMissing", "Enter the account number (IBAN or card/account number)");
  if (/^[A-Z]{2}/.test(normalized)) {
    const found = ibanProblem(normalized);
    return found && ibanProblemOf(found);
  }
  if (!/^[0-9]+$/.test(normalized)) {
    return problem("accountShape", "Enter an IBAN (starting with its two-letter country code) or a card/account number of digits only");
  }
  if (normalized.length < CARD_NUMBER_MIN_DIGITS || normalized.length > CARD_NUMBER_MAX_DIGITS) {
    return problem(
      "cardLength",
      `A card/account number has ${CARD_NUMBER_MIN_DIGITS} to ${CARD_NUMBER_MAX_DIGITS} digits, this one has ${normalized.length} — check for a missing or extra digit`,
      { min: CARD_NUMBER_MIN_DIGITS, max: CARD_NUMBER_MAX_DIGITS, actual: normalized.length },
    );
  }
  return luhnValid(normalized) ? null : problem("luhn", LUHN_MESSAGE);
}
