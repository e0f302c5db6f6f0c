import { z } from "zod";

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

/** What is wrong with an amount's text (trimmed), or null when its shape is valid. */
export function amountFormatProblem(amount: string): string | null {
  if (amount.length === 0) return "Enter an amount, e.g. 12.50";
  if (amount.startsWith("-")) return "Amount must be greater than zero";
  if (amount.includes(",")) return "Use a dot for decimals and no thousands separators, e.g. 1250.50";
  if (/[\s'_\u00a0\u202f]/.test(amount)) return "Write the amount without spaces or separators, e.g. 1250.50";
  if (!AMOUNT_PATTERN.test(amount)) return "Write the amount with digits and an optional decimal point, e.g. 12.50";
  const integerPart = (amount.split(".")[0] ?? "").replace(/^0+(?=\d)/, "");
  if (integerPart.length > MAX_AMOUNT_INTEGER_DIGITS) {
    return `Amount is too large: at most ${MAX_AMOUNT_INTEGER_DIGITS} digits before the decimal point`;
  }
  if (/^[0.]+$/.test(amount)) return "Amount must be greater than zero";
  return null;
}

/** Drops redundant leading zeros ("007.50" → "7.50", "0.5" stays); keeps the decimals as written. */
export function normalizeAmount(amount: string): string {
  return amount.replace(/^0+(?=\d)/, "");
}

/** The amount's decimal places exceed what the currency allows: the message, else null. */
export function amountCurrencyProblem(amount: string, currency: string): string | null {
  if (!AMOUNT_PATTERN.test(amount) || !isSupportedCurrency(currency)) return null;
  const decimals = amount.split(".")[1]?.length ?? 0;
  const allowed = currencyMinorUnits(currency);
  if (decimals <= allowed) return null;
  if (allowed === 0) return `${currency} has no decimal places — enter a whole amount, e.g. 1500`;
  return `${currency} allows at most ${allowed} decimal places, e.g. ${allowed === 3 ? "12.500" : "12.50"}`;
}

/**
 * The amount in the currency's minor unit as an exact integer ("12.5" EUR →
 * 1250n), for comparing amounts written differently. Throws on invalid input.
 */
export function toMinorUnits(amount: string, currency: string): bigint {
  const problem = amountFormatProblem(amount) ?? amountCurrencyProblem(amount, currency);
  if (problem) throw new RangeError(problem);
  const [integer = "0", fraction = ""] = amount.split(".");
  const units = currencyMinorUnits(currency);
  return BigInt(integer + fraction.padEnd(units, "0"));
}

/** Amount: a decimal string > 0 with at most 12 integer digits; output without leading zeros. */
export const amountSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined || issue.input === null
        ? "Enter an amount, e.g. 12.50"
        : typeof issue.input === "number"
          ? 'Send the amount as text, e.g. "12.50", not as a number'
          : "Amount must be text such as 12.50",
  })
  .trim()
  .transform((amount, ctx) => {
    const problem = amountFormatProblem(amount);
    if (problem) {
      ctx.issues.push({ code: "custom", message: problem, input: amount });
      return z.NEVER;
    }
    return normalizeAmount(amount);
  });

/** Currency: an ISO 4217 code, any case on input, uppercase on output. */
export const currencySchema = z
  .string({ error: "Choose a currency, e.g. EUR or USD" })
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    if (code.length === 0) {
      ctx.addIssue({ code: "custom", message: "Choose a currency, e.g. EUR or USD" });
    } else if (!/^[A-Z]{3}$/.test(code)) {
      ctx.addIssue({ code: "custom", message: "Currency must be a three-letter ISO 4217 code such as EUR or USD" });
    } else if (!isSupportedCurrency(code)) {
      ctx.addIssue({
        code: "custom",
        message: `"${code}" is not a currency code we recognise — use an ISO 4217 code such as EUR or USD`,
      });
    }
  });

/**
 * Cross-field check for objects with `amount` and `currency`: the number of
 * decimals depends on the currency, and the error belongs next to the amount.
 */
export function checkAmountForCurrency(value: { amount: unknown; currency: unknown }, ctx: z.RefinementCtx): void {
  // Object refinements also run when a field already failed; only judge valid fields.
  if (typeof value.amount !== "string" || typeof value.currency !== "string") return;
  const problem = amountCurrencyProblem(value.amount, value.currency);
  if (problem) ctx.addIssue({ code: "custom", path: ["amount"], message: problem });
}
