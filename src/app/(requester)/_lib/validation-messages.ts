import type { MessageKey, Translate } from "../../_i18n/i18n";

/**
 * The shared validators (src/server/business-data, src/server/geo) speak
 * English, because the server answers API clients in English. On the phone the
 * same problems are shown in the user's language: each known sentence is
 * recognised here and rebuilt from the catalog, with its numbers kept. An
 * unknown sentence is shown as it is (still precise, just in English).
 */
type Rule = [pattern: RegExp, key: MessageKey, names?: string[]];

const WHAT = "(account holder's name|bank name|order reference|item description|payment reference|payer's name)";

const rules: Rule[] = [
  [new RegExp(`^Enter the ${WHAT}$`), "validation.enter", ["what"]],
  [new RegExp(`^${WHAT} can be at most (\\d+) characters$`, "i"), "validation.tooLong", ["what", "max"]],
  [new RegExp(`^${WHAT} must be a single line without control characters$`, "i"), "validation.singleLine", ["what"]],
  [/^IBAN check digits do not match/, "validation.ibanChecksum"],
  [/^Card\/account number fails its check digit/, "validation.luhn"],
  [/^An IBAN contains only letters and digits/, "validation.ibanChars"],
  [/^"([A-Z]{2})" is not a country that uses IBANs/, "validation.ibanCountry", ["code"]],
  [/^The 3rd and 4th characters of an IBAN/, "validation.ibanCheckDigits"],
  [
    /^Wrong length for an IBAN from (.+): expected (\d+) characters, got (\d+) — check for a (missing|extra) character$/,
    "validation.ibanLength",
    ["country", "expected", "actual", "diff"],
  ],
  [/^Enter the account number/, "validation.accountNumberMissing"],
  [/^Enter an IBAN \(starting/, "validation.accountShape"],
  [/^A card\/account number has (\d+) to (\d+) digits, this one has (\d+)/, "validation.cardLength", ["min", "max", "actual"]],
  [/^Enter an amount/, "validation.amountMissing"],
  [/^Amount must be greater than zero/, "validation.amountPositive"],
  [/^Use a dot for decimals/, "validation.amountComma"],
  [/^Write the amount without spaces/, "validation.amountSpaces"],
  [/^Write the amount with digits/, "validation.amountPattern"],
  [/^Amount is too large: at most (\d+) digits/, "validation.amountTooLarge", ["digits"]],
  [/^Choose a currency/, "validation.currencyMissing"],
  [/^Currency must be a three-letter/, "validation.currencyCode"],
  [/^Order reference may contain only/, "validation.orderReferenceChars"],
  [/^Add at least one item/, "validation.itemsMissing"],
  [/^An order can list at most 50 items/, "validation.itemsTooMany"],
  [/^Latitude must be between/, "validation.latitudeRange"],
  [/^Longitude must be between/, "validation.longitudeRange"],
  [/^Latitude is missing/, "validation.latitudeMissing"],
  [/^Longitude is missing/, "validation.longitudeMissing"],
];

export function localizeValidation(t: Translate, message: string): string {
  for (const [pattern, key, names = []] of rules) {
    const match = pattern.exec(message);
    if (!match) continue;
    const vars: Record<string, string> = {};
    names.forEach((name, i) => {
      const value = match[i + 1] ?? "";
      if (name === "what") vars.what = t(`what.${value.toLowerCase()}` as MessageKey);
      else if (name === "diff") vars.diff = t(value === "missing" ? "validation.missing" : "validation.extra");
      else vars[name] = value;
    });
    const text = t(key, vars);
    // "{what} can be at most…" starts the sentence: capitalise in languages that have capitals.
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  return message;
}
