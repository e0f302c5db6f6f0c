import { z } from "zod";
import { type Problem, problem, problemIssue } from "../problem";

/**
 * Money is carried as a decimal string ("12.50"), never a float: 0.1 + 0.2
 * style rounding must not change an amount someone is about to pay.
 */

/** ISO 4217 currencies with no minor unit. */
const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set([
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "ISK",
  "JPY",
  "KMF",
  "KRW",
  "PYG",
  "RWF",
  "UGX",
  "UYI",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
]);

/** ISO 4217 currencies with three decimal places (fils, baisa, millime, dirham). */
const THREE_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);

/**
 * Decimal places a currency allows, per ISO 4217. Deliberately not taken from
 * Intl.NumberFormat: CLDR formats some currencies (HUF, IQD, …) with display
 * digits that differ from their legal minor unit.
 */
export function currencyMinorUnits(currency: string): number {
  if (ZERO_DECIMAL_CURRENCIES.has(currency)) return 0;
  if (THREE_DECIMAL_CURRENCIES.has(currency)) return 3;
  return 2;
}

const supportedCurrencies: ReadonlySet<string> | null = (() => {
  try {
    return typeof Intl.supportedValuesOf === "function" ? new Set(Intl.supportedValuesOf("currency")) : null;
  } catch {
    return null;
  }
})();

/** True for an ISO 4217 code the runtime knows (uppercase expected). */
export function isSupportedCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  // A runtime without the list (old browsers) accepts the shape; the server, which has it, decides.
  return supportedCurrencies === null || supportedCurrencies.has(code);
}

export const MAX_AMOUNT_INTEGER_DIGITS = 12;

const AMOUNT_PATTERN = /^[0-9]+(\.[0-9]+)?$/;

/**
 * What is wrong with an amount as typed (trimmed), or null when it reads as an
 * amount. A comma is a decimal separator like the dot ("12,50" is 12.50), as
 * it is in most of the world. Thousands separators are refused rather than
 * guessed: "1.234" means 1.234 in London and 1234 in Berlin, so an amount
 * with more than one separator, or any space or apostrophe, is sent back with
 * a message asking for the digits alone.
 */
export function amountFormatProblem(amount: string): Problem | null {
  if (amount.length === 0) return problem("amountMissing", "Enter an amount, e.g. 12.50");
  if (amount.startsWith("-")) return problem("amountPositive", "Amount must be greater than zero");
  if (/[\s'_\u00a0\u202f\u2019]/.test(amount) || (amount.match(/[.,]/g)?.length ?? 0) > 1) {
    return problem("amountGrouping", "Write the amount without thousands separators: digits and one decimal point or comma, e.g. 1250.50 or 1250,50");
  }
  const canonical = amount.replace(",", ".");
  if (!AMOUNT_PATTERN.test(canonical)) {
    return problem("amountPattern", "Write the amount with digits and an optional decimal point or comma, e.g. 12.50 or 12,50");
  }
  const integerPart = (canonical.split(".")[0] ?? "").replace(/^0+(?=\d)/, "");
  if (integerPart.length > MAX_AMOUNT_INTEGER_DIGITS) {
    return problem("amountTooLarge", `Amount is too large: at most ${MAX_AMOUNT_INTEGER_DIGITS} digits before the decimal point`, {
      digits: MAX_AMOUNT_INTEGER_DIGITS,
    });
  }
  if (/^[0.]+$/.test(canonical)) return problem("amountPositive", "Amount must be greater than zero");
  return null;
}

/**
 * The one reading of a typed amount, for the forms and the server schema:
 * the decimal comma becomes a dot and redundant leading zeros go
 * ("007,50" → "7.50", "0.5" stays); the decimals stay as written.
 */
export function parseAmount(amount: string): { amount: string; problem: null } | { amount: null; problem: Problem } {
  const trimmed = amount.trim();
  const found = amountFormatProblem(trimmed);
  if (found) return { amount: null, problem: found };
  return { amount: trimmed.replace(",", ".").replace(/^0+(?=\d)/, ""), problem: null };
}

/** The decimal places of a parsed amount exceed what the currency allows: the problem, else null. */
export function amountCurrencyProblem(amount: string, currency: string): Problem | null {
  if (!AMOUNT_PATTERN.test(amount) || !isSupportedCurrency(currency)) return null;
  const decimals = amount.split(".")[1]?.length ?? 0;
  const allowed = currencyMinorUnits(currency);
  if (decimals <= allowed) return null;
  if (allowed === 0) return problem("amountWhole", `${currency} has no decimal places — enter a whole amount, e.g. 1500`, { currency });
  const example = allowed === 3 ? "12.500" : "12.50";
  return problem("amountDecimals", `${currency} allows at most ${allowed} decimal places, e.g. ${example}`, { currency, allowed, example });
}

/**
 * The amount in the currency's minor unit as an exact integer ("12.5" EUR →
 * 1250n), for comparing amounts written differently. Throws on invalid input.
 */
export function toMinorUnits(amount: string, currency: string): bigint {
  const parsed = parseAmount(amount);
  const found = parsed.problem ?? amountCurrencyProblem(parsed.amount ?? "", currency);
  if (found || parsed.amount === null) throw new RangeError(found?.message ?? "Invalid amount");
  const [integer = "0", fraction = ""] = parsed.amount.split(".");
  const units = currencyMinorUnits(currency);
  return BigInt(integer + fraction.padEnd(units, "0"));
}

/** Amount: a decimal string > 0 with at most 12 integer digits, dot or comma; output with a dot, without leading zeros. */
export const amountSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined || issue.input === null
        ? "Enter an amount, e.g. 12.50"
        : typeof issue.input === "number"
          ? 'Send the amount as text, e.g. "12.50", not as a number'
          : "Amount must be text such as 12.50",
  })
  .transform((typed, ctx) => {
    const { amount, problem: found } = parseAmount(typed);
    if (found) {
      ctx.issues.push(problemIssue(found, typed));
      return z.NEVER;
    }
    return amount;
  });

/** Currency: an ISO 4217 code, any case on input, uppercase on output. */
export const currencySchema = z
  .string({ error: "Choose a currency, e.g. EUR or USD" })
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    if (code.length === 0) {
      ctx.issues.push(problemIssue(problem("currencyMissing", "Choose a currency, e.g. EUR or USD"), code));
    } else if (!/^[A-Z]{3}$/.test(code)) {
      ctx.issues.push(problemIssue(problem("currencyCode", "Currency must be a three-letter ISO 4217 code such as EUR or USD"), code));
    } else if (!isSupportedCurrency(code)) {
      const message = `"${code}" is not a currency code we recognise — use an ISO 4217 code such as EUR or USD`;
      ctx.issues.push(problemIssue(problem("currencyUnknown", message, { code }), code));
    }
  });

/**
 * Cross-field check for objects with `amount` and `currency`: the number of
 * decimals depends on the currency, and the error belongs next to the amount.
 */
export function checkAmountForCurrency(value: { amount: unknown; currency: unknown }, ctx: z.RefinementCtx): void {
  // Object refinements also run when a field already failed; only judge valid fields.
  if (typeof value.amount !== "string" || typeof value.currency !== "string") return;
  const found = amountCurrencyProblem(value.amount, value.currency);
  if (found) ctx.issues.push(problemIssue(found, value.amount, ["amount"]));
}
