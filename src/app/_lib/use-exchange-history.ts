"use client";

import { useEffect, useMemo, useSyncExternalStore } from "react";
import {
  addHistoryEntry,
  type HistoryEntry,
  type HistoryOutcome,
  type HistorySide,
  historyKey,
  isHistoryKey,
  outcomeOf,
  parseHistory,
  toHistoryEntry,
} from "./exchange-history";
import type { SessionView } from "./exchange-session";

// Tells this tab's history views that a list changed ("storage" events reach only the other tabs).
const CHANGED = "nx-history-changed";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/** What a screen knows of a finished exchange; checked before it is kept. */
interface Finished {
  requestId: string;
  type: string | null;
  counterparty: string | null;
  outcome: HistoryOutcome;
}

/** Adds a finished exchange to this device's list; storage that is full or blocked loses the entry, never the exchange. */
export function recordExchange(side: HistorySide, userId: string, finished: Finished): void {
  const entry = toHistoryEntry({ ...finished, counterparty: finished.counterparty?.slice(0, 100) ?? null, at: Date.now() });
  if (!entry) return;
  try {
    const key = historyKey(side, userId);
    localStorage.setItem(key, JSON.stringify(addHistoryEntry(parseHistory(localStorage.getItem(key)), entry)));
    window.dispatchEvent(new Event(CHANGED));
  } catch {
    // History is a convenience: nothing else depends on it.
  }
}

/** Signing out forgets every account's history on this device. */
export function clearExchangeHistories(): void {
  try {
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter((key) => key !== null && isHistoryKey(key));
    for (const key of keys) if (key) localStorage.removeItem(key);
  } catch {
    // Blocked storage holds nothing to clear.
  }
}

/** This device's list for one side of the account, newest first, following changes from this and other tabs. */
export function useExchangeHistory(side: HistorySide, userId: string): HistoryEntry[] {
  const key = historyKey(side, userId);
  const raw = useSyncExternalStore(
    subscribe,
    () => localStorage.getItem(key),
    () => null,
  );
  return useMemo(() => parseHistory(raw), [raw]);
}

/** Records the session once it closed: how it ended, and the other side's display name as the session log gave it. */
export function useRecordOnClose(side: HistorySide, userId: string, requestId: string, view: SessionView, counterparty: string | null): void {
  const outcome = outcomeOf(view);
  const type = view.type;
  useEffect(() => {
    if (outcome) recordExchange(side, userId, { requestId, type, counterparty, outcome });
  }, [side, userId, requestId, outcome, type, counterparty]);
}
