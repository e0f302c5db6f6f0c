import type { BusinessData } from "./schema";

/**
 * The most of a reference a preview may show: 4 characters, but never more
 * than half, so a short reference ("A12") is never shown in full.
 */
function visibleTail(value: string, max = 4): string {
  const chars = Array.from(value);
  const count = Math.min(max, Math.floor(chars.length / 2));
  return count > 0 ? chars.slice(-count).join("") : "";
}

/** "John Ronald Smith" → "J. R. S."; at most four initials. */
export function initials(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, 4)
    .map((word) => `${(Array.from(word)[0] ?? "").toLocaleUpperCase()}.`)
    .join(" ");
}

/** The longest preview `maskedPreview` can make (bank and holder names are at most 100 characters). */
export const MAX_PREVIEW_LENGTH = 240;

const AMOUNT = String.raw`\d{1,15}(?:\.\d{1,4})? [A-Z]{3}`;
const TAIL = String.raw`[^\s•]{0,4}`;
// The type word in front ("Order ••…") is what phones of an earlier release still send: accepted, never made.
const PREVIEW_SHAPES: Readonly<Record<BusinessData["type"], RegExp>> = {
  BANK_ACCOUNT: new RegExp(String.raw`^[^\n]{1,100} · ••••${TAIL} · (?:\S{1,2}\.(?: \S{1,2}\.){0,3})?$`, "u"),
  ORDER: new RegExp(String.raw`^(?:Order )?••${TAIL} · \d{1,2} items? · ${AMOUNT}$`, "u"),
  PAYMENT_CONFIRMATION: new RegExp(String.raw`^(?:Payment )?••${TAIL} · ${AMOUNT}$`, "u"),
};

/**
 * The server's only check of a preview, which the phone computes: its shape
 * and length, so a preview shows at most the last 4 characters of a reference.
 */
export function isPreviewShape(type: BusinessData["type"], preview: string): boolean {
  return preview.length <= MAX_PREVIEW_LENGTH && PREVIEW_SHAPES[type].test(preview);
}

/**
 * What processors see before they win a request: enough to choose, never the
 * secret itself (full account number, full reference, holder's full name).
 * It names no type: every screen puts the localized type in front of it
 * ("Order · ••7781 · …"), so a type word here would be said twice.
 */
export function maskedPreview(data: BusinessData): string {
  switch (data.type) {
    case "BANK_ACCOUNT":
      return `${data.bankName} · ••••${visibleTail(data.accountNumber)} · ${initials(data.holderName)}`;
    case "ORDER": {
      const n = data.items.length;
      return `••${visibleTail(data.orderReference)} · ${n} ${n === 1 ? "item" : "items"} · ${data.amount} ${data.currency}`;
    }
    case "PAYMENT_CONFIRMATION":
      return `••${visibleTail(data.paymentReference)} · ${data.amount} ${data.currency}`;
  }
}
