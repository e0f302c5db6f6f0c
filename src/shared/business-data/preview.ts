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

/**
 * What processors see before they win a request: enough to choose, never the
 * secret itself (full account number, full reference, holder's full name).
 */
export function maskedPreview(data: BusinessData): string {
  switch (data.type) {
    case "BANK_ACCOUNT":
      return `${data.bankName} · ••••${visibleTail(data.accountNumber)} · ${initials(data.holderName)}`;
    case "ORDER": {
      const n = data.items.length;
      return `Order ••${visibleTail(data.orderReference)} · ${n} ${n === 1 ? "item" : "items"} · ${data.amount} ${data.currency}`;
    }
    case "PAYMENT_CONFIRMATION":
      return `Payment ••${visibleTail(data.paymentReference)} · ${data.amount} ${data.currency}`;
  }
}
