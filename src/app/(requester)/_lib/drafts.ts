import type { BusinessDataType } from "~/shared/business-data/schema";

/** What the requester types, per type, as raw text (validated by the shared schemas). */
export interface Drafts {
  BANK_ACCOUNT: { holderName: string; bankName: string; accountNumber: string };
  ORDER: { orderReference: string; items: string; amount: string; currency: string };
  PAYMENT_CONFIRMATION: { paymentReference: string; amount: string; currency: string; payer: string };
}

export const emptyDrafts: Drafts = {
  BANK_ACCOUNT: { holderName: "", bankName: "", accountNumber: "" },
  ORDER: { orderReference: "", items: "", amount: "", currency: "EUR" },
  PAYMENT_CONFIRMATION: { paymentReference: "", amount: "", currency: "EUR", payer: "" },
};

/** Items are typed one per line; blank lines are ignored. */
export function splitItems(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** The business data object the schemas and the API expect. */
export function toBusinessData(type: BusinessDataType, drafts: Drafts) {
  switch (type) {
    case "BANK_ACCOUNT":
      return { type, ...drafts.BANK_ACCOUNT };
    case "ORDER":
      return { type, ...drafts.ORDER, items: splitItems(drafts.ORDER.items) };
    case "PAYMENT_CONFIRMATION":
      return { type, ...drafts.PAYMENT_CONFIRMATION };
  }
}

const STORAGE_PREFIX = "nearby-exchange:drafts:";

/** The requester keeps the data on the phone (spec, step 1), per account. */
export function loadDrafts(userId: string): Drafts | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_PREFIX + userId);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Drafts>;
    return {
      BANK_ACCOUNT: { ...emptyDrafts.BANK_ACCOUNT, ...pickStrings(parsed.BANK_ACCOUNT) },
      ORDER: { ...emptyDrafts.ORDER, ...pickStrings(parsed.ORDER) },
      PAYMENT_CONFIRMATION: { ...emptyDrafts.PAYMENT_CONFIRMATION, ...pickStrings(parsed.PAYMENT_CONFIRMATION) },
    };
  } catch {
    return null;
  }
}

function pickStrings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
  }
  return out;
}

export function saveDrafts(userId: string, drafts: Drafts | null): void {
  try {
    if (drafts) window.localStorage.setItem(STORAGE_PREFIX + userId, JSON.stringify(drafts));
    else window.localStorage.removeItem(STORAGE_PREFIX + userId);
  } catch {
    // Private mode or a full quota: the form still works, it just is not remembered.
  }
}
