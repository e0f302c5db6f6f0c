import { z } from "zod";
import { businessDataTypes } from "~/shared/business-data";
import type { SessionView } from "./exchange-session";

/**
 * Each device's own record of the exchanges it took part in: the type, who
 * the other side was (their display name), when, and how it ended. Never the
 * business data, a code or a key: this lives in localStorage, readable by
 * anyone holding the phone.
 */
export const HISTORY_LIMIT = 50;

export type HistorySide = "requester" | "processor";

export const historyOutcomes = ["completed", "refused", "expired", "released", "cancelled"] as const;
export type HistoryOutcome = (typeof historyOutcomes)[number];

const historyEntrySchema = z.object({
  requestId: z.string().min(1).max(64),
  type: z.enum(businessDataTypes),
  counterparty: z.string().max(100).nullable(),
  at: z.number().int().nonnegative(),
  outcome: z.enum(historyOutcomes),
});

export type HistoryEntry = z.infer<typeof historyEntrySchema>;

const KEY_PREFIX = "nx-history:";

/** One list per side and account, so two people sharing a browser never see each other's. */
export function historyKey(side: HistorySide, userId: string): string {
  return `${KEY_PREFIX}${side}:${userId}`;
}

/** Whether a storage key holds a history list (all of them go at sign-out). */
export function isHistoryKey(key: string): boolean {
  return key.startsWith(KEY_PREFIX);
}

/** The entry, when the value is one (a session log's type is a plain string until checked here). */
export function toHistoryEntry(value: unknown): HistoryEntry | null {
  const entry = historyEntrySchema.safeParse(value);
  return entry.success ? entry.data : null;
}

/** The stored list, newest first; whatever does not parse (a corrupt value, an entry of another shape) is dropped, never thrown. */
export function parseHistory(raw: string | null): HistoryEntry[] {
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => toHistoryEntry(item) ?? []);
}

/** One entry per request and ending: a desk that released a request and later completed it has two. */
export function historyEntryKey(entry: Pick<HistoryEntry, "requestId" | "outcome">): string {
  return `${entry.requestId}:${entry.outcome}`;
}

/**
 * The list with the entry added, newest first and at most `limit` long. An
 * ending already listed keeps its first entry: a closed session replayed
 * after a reload must not move or double it.
 */
export function addHistoryEntry(entries: readonly HistoryEntry[], entry: HistoryEntry, limit = HISTORY_LIMIT): HistoryEntry[] {
  if (entries.some((e) => historyEntryKey(e) === historyEntryKey(entry))) return [...entries];
  return [entry, ...entries].sort((a, b) => b.at - a.at).slice(0, limit);
}

/** How a closed session ended, as the history says it; null while it is still going. A pairing nobody confirmed in time expired. */
export function outcomeOf(view: Pick<SessionView, "closed" | "phase">): HistoryOutcome | null {
  if (!view.closed) return null;
  switch (view.phase) {
    case "done":
      return "completed";
    case "refused":
      return "refused";
    case "cancelled":
      return "cancelled";
    case "expired":
    case "abandoned":
      return "expired";
    default:
      return null;
  }
}
