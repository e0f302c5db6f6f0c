import "server-only";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { z } from "zod";
import { type Problem, problem, problemIssue } from "~/shared/problem";
import { CONTROL_CHARACTERS } from "~/shared/text";
import { parseUsername } from "~/shared/username";

/**
 * An account is identified by a phone number (E.164) or a unique username.
 * Requests carry it from the signed-in account, and processors select a
 * requester by it, so it must have exactly one spelling.
 */
export type Identification = { kind: "phone"; phoneNumber: string } | { kind: "username"; username: string };
export type IdentificationResult = Identification | { kind: "invalid"; problem: Problem; message: string };

function invalid(p: Problem): IdentificationResult {
  return { kind: "invalid", problem: p, message: p.message };
}

const PHONE_EXAMPLE = "+44 20 7946 0958";

/**
 * Phone-like: starts with "+", or does not start with a letter and is mostly
 * digits, spaces, dashes, dots and parentheses. Strings starting with a letter
 * go to the username rules so usernames such as "a1234567" stay possible.
 */
function looksLikePhone(s: string): boolean {
  if (s.startsWith("+")) return true;
  if (/^\p{L}/u.test(s)) return false;
  const phoneChars = s.match(/[0-9\s\-().]/g)?.length ?? 0;
  return /[0-9]/.test(s) && phoneChars * 2 >= s.length;
}

function parsePhone(s: string): IdentificationResult {
  // "00" is the international call prefix in most of the world: 0044 … means +44 ….
  const international = s.startsWith("+") ? s : s.startsWith("00") ? `+${s.slice(2)}` : null;
  if (international === null) {
    return invalid(problem("phoneCountryCode", `Include the country code, starting with + (e.g. ${PHONE_EXAMPLE})`));
  }
  if (/\p{L}/u.test(international.replace(/\b(ext|x)\b.*$/i, ""))) {
    return invalid(problem("phoneDigits", `A phone number contains only digits after the +, e.g. ${PHONE_EXAMPLE}`));
  }
  const phone = parsePhoneNumberFromString(international);
  if (!phone || !phone.isValid()) {
    return invalid(problem("phoneInvalid", `That is not a valid phone number — check the digits and the country code (e.g. ${PHONE_EXAMPLE})`));
  }
  if (phone.ext) {
    return invalid(problem("phoneExtension", "Leave out the extension: enter the number that reaches your phone directly"));
  }
  return { kind: "phone", phoneNumber: phone.number };
}

/** Classifies and normalises what someone typed as their identification; never throws. */
export function parseIdentification(raw: string): IdentificationResult {
  if (typeof raw !== "string") return invalid(problem("identificationMissing", "Enter your phone number or username"));
  const s = raw.trim();
  if (s.length === 0) {
    return invalid(problem("identificationMissing", `Enter your phone number (with country code, e.g. ${PHONE_EXAMPLE}) or a username`));
  }
  if (looksLikePhone(s)) return parsePhone(s);
  const { username, problem: found } = parseUsername(s);
  return found ? invalid(found) : { kind: "username", username };
}

/** The single string stored as User.identification and carried on requests. */
export function identificationKey(identification: Identification): string {
  return identification.kind === "phone" ? identification.phoneNumber : identification.username;
}

export const identificationSchema = z.string({ error: "Enter your phone number or username" }).transform((raw, ctx): Identification => {
  const result = parseIdentification(raw);
  if (result.kind === "invalid") {
    ctx.issues.push(problemIssue(result.problem, raw));
    return z.NEVER;
  }
  return result;
});

const PASSWORD = { min: 8, max: 128 };
const DISPLAY_NAME_MAX = 60;

/** Length limits only: long passphrases are welcome, composition rules are not (NIST SP 800-63B). */
function passwordProblem(password: string): Problem | null {
  if (password.length === 0) return problem("passwordMissing", "Enter a password");
  if (password.length < PASSWORD.min) return problem("passwordShort", `Password must be at least ${PASSWORD.min} characters`, { min: PASSWORD.min });
  if (password.length > PASSWORD.max) return problem("passwordLong", `Password can be at most ${PASSWORD.max} characters`, { max: PASSWORD.max });
  return null;
}

function displayNameProblem(name: string): Problem | null {
  if (name.length === 0) return problem("displayNameMissing", "Enter the name others will see");
  if (name.length > DISPLAY_NAME_MAX) {
    return problem("displayNameLong", `Display name can be at most ${DISPLAY_NAME_MAX} characters`, { max: DISPLAY_NAME_MAX });
  }
  if (CONTROL_CHARACTERS.test(name)) return problem("displayNameControl", "Display name must be a single line without control characters");
  return null;
}

// Each refusal carries its problem code, so the sign-up screen says it in the user's language.
export const passwordSchema = z.string({ error: "Enter a password" }).check((ctx) => {
  const found = passwordProblem(ctx.value);
  if (found) ctx.issues.push(problemIssue(found, ctx.value));
});

export const displayNameSchema = z
  .string({ error: "Enter the name others will see" })
  .trim()
  .check((ctx) => {
    const found = displayNameProblem(ctx.value);
    if (found) ctx.issues.push(problemIssue(found, ctx.value));
  });

/**
 * A form of the identification safe to show to third parties:
 * "+44 •••• •••• 58" or "jo•••". Accepts the parsed form or the stored string.
 */
export function maskIdentification(identification: Identification | string): string {
  const parsed: Identification =
    typeof identification === "string"
      ? identification.startsWith("+")
        ? { kind: "phone", phoneNumber: identification }
        : { kind: "username", username: identification }
      : identification;
  if (parsed.kind === "username") {
    return `${Array.from(parsed.username).slice(0, 2).join("")}•••`;
  }
  const phone = parsePhoneNumberFromString(parsed.phoneNumber);
  const countryCode = phone ? `+${phone.countryCallingCode}` : "+";
  const national = phone ? String(phone.nationalNumber) : parsed.phoneNumber.replace(/\D/g, "");
  const hidden = Math.max(national.length - 2, 1);
  const bullets = "•".repeat(hidden).replace(/(.{4})(?=.)/g, "$1 ");
  return `${countryCode} ${bullets} ${national.slice(-2)}`;
}
