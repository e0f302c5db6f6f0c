"use client";

import type { BusinessData } from "~/shared/business-data";
import type { DeskKeys, PhoneKeys } from "~/shared/handover/parties";

/**
 * The handover keys of this device, in IndexedDB under the request id, so a
 * reload resumes the session. Private keys are non-extractable CryptoKeys:
 * IndexedDB keeps them as they are and nothing can read their bytes. Another
 * device signed into the same account has none of them, so it cannot decrypt.
 * Deleted when the session closes.
 */

/** The phone's record: its key pair, and the data it will seal once the codes match (the wallet keeps it on the phone anyway). */
export interface PhoneRecord {
  role: "requester";
  keys: PhoneKeys;
  businessData: BusinessData;
  identification: string;
}

export interface DeskRecord {
  role: "processor";
  keys: DeskKeys;
  /** The preview the desk chose from, to compare with the data received. */
  preview: string | null;
}

export type HandoverRecord = PhoneRecord | DeskRecord;

const DB_NAME = "nearby-exchange-handover";
const STORE = "keys";

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB did not open"));
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
      tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
    });
  } finally {
    db.close();
  }
}

/** One record per request and role: one account may be both sides of two different requests, never of one. */
const keyOf = (requestId: string, role: HandoverRecord["role"]) => `${role}:${requestId}`;

export async function saveHandover(record: HandoverRecord): Promise<void> {
  await run("readwrite", (store) => store.put(record, keyOf(record.keys.requestId, record.role)));
}

export async function loadHandover<R extends HandoverRecord["role"]>(
  requestId: string,
  role: R,
): Promise<Extract<HandoverRecord, { role: R }> | null> {
  const found = (await run("readonly", (store) => store.get(keyOf(requestId, role)))) as HandoverRecord | undefined;
  return found && found.role === role ? (found as Extract<HandoverRecord, { role: R }>) : null;
}

export async function deleteHandover(requestId: string, role: HandoverRecord["role"]): Promise<void> {
  await run("readwrite", (store) => store.delete(keyOf(requestId, role)));
}
