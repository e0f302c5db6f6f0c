import { z } from "zod";
import { type BusinessDataType, businessDataSchema, businessDataTypes } from "~/shared/business-data/schema";
import { type Drafts, emptyDrafts, toBusinessData } from "./drafts";

/**
 * The requester's wallet: business data saved once on the phone (spec, step 1),
 * per account, in localStorage. What is read back is checked with zod, so a
 * damaged or foreign entry is dropped rather than crashing the screen.
 */

export interface WalletItem<T extends BusinessDataType = BusinessDataType> {
  id: string;
  type: T;
  /** The raw text as typed (validated by the shared schemas before sending). */
  fields: Drafts[T];
  updatedAt: string;
}

const text = z.string().max(2000);
const itemSchema = z.discriminatedUnion("type", [
  z.object({
    id: z.string().min(1).max(64),
    type: z.literal("BANK_ACCOUNT"),
    fields: z.object({ holderName: text, bankName: text, accountNumber: text }),
    updatedAt: z.string(),
  }),
  z.object({
    id: z.string().min(1).max(64),
    type: z.literal("ORDER"),
    fields: z.object({ orderReference: text, items: text, amount: text, currency: text }),
    updatedAt: z.string(),
  }),
  z.object({
    id: z.string().min(1).max(64),
    type: z.literal("PAYMENT_CONFIRMATION"),
    fields: z.object({ paymentReference: text, amount: text, currency: text, payer: text }),
    updatedAt: z.string(),
  }),
]);

const storedSchema = z.object({ version: z.literal(1), items: z.array(z.unknown()), selectedId: z.string().nullable().optional() });

export interface Wallet {
  items: WalletItem[];
  selectedId: string | null;
}

export const emptyWallet: Wallet = { items: [], selectedId: null };

const PREFIX = "nearby-exchange:wallet:";

export function loadWallet(userId: string, storage: Storage = window.localStorage): Wallet {
  try {
    const raw = storage.getItem(PREFIX + userId);
    if (!raw) return emptyWallet;
    const stored = storedSchema.safeParse(JSON.parse(raw));
    if (!stored.success) return emptyWallet;
    const items = stored.data.items.flatMap((entry) => {
      const parsed = itemSchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
    const selectedId = items.some((i) => i.id === stored.data.selectedId) ? (stored.data.selectedId ?? null) : (items[0]?.id ?? null);
    return { items, selectedId };
  } catch {
    return emptyWallet;
  }
}

export function saveWallet(userId: string, wallet: Wallet, storage: Storage = window.localStorage): boolean {
  try {
    storage.setItem(PREFIX + userId, JSON.stringify({ version: 1, ...wallet }));
    return true;
  } catch {
    // Private mode or a full quota: the screen still works, it just is not remembered.
    return false;
  }
}

export function newItemId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}

/** Adds or replaces an item (matched by id) and selects it. */
export function upsertItem(wallet: Wallet, item: WalletItem): Wallet {
  const exists = wallet.items.some((i) => i.id === item.id);
  return { items: exists ? wallet.items.map((i) => (i.id === item.id ? item : i)) : [...wallet.items, item], selectedId: item.id };
}

export function removeItem(wallet: Wallet, id: string): Wallet {
  const items = wallet.items.filter((i) => i.id !== id);
  return { items, selectedId: wallet.selectedId === id ? (items[0]?.id ?? null) : wallet.selectedId };
}

/** Blank fields of a type; an amount starts in `currency` (the locale's, see defaultCurrency). */
export function emptyFields<T extends BusinessDataType>(type: T, currency?: string): Drafts[T] {
  const fields = { ...emptyDrafts[type] };
  return currency && "currency" in fields ? { ...fields, currency } : fields;
}

/** The item as the API expects it, and whether it passes the shared validation. */
export function itemBusinessData(item: Pick<WalletItem, "type" | "fields">) {
  const drafts = { ...emptyDrafts, [item.type]: item.fields };
  const data = toBusinessData(item.type, drafts);
  return { data, parsed: businessDataSchema.safeParse(data) };
}

export const walletTypes = businessDataTypes;
