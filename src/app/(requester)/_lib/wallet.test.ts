import { describe, expect, it } from "vitest";
import { emptyWallet, itemBusinessData, loadWallet, removeItem, saveWallet, upsertItem, type WalletItem } from "./wallet";

class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

const bank: WalletItem = {
  id: "a",
  type: "BANK_ACCOUNT",
  fields: { holderName: "Alice Martin", bankName: "West Bank", accountNumber: "GB82 WEST 1234 5698 7654 32" },
  updatedAt: "2026-11-30T00:00:00.000Z",
};
const order: WalletItem = {
  id: "b",
  type: "ORDER",
  fields: { orderReference: "A-1", items: "Tea\nCake", amount: "4.50", currency: "EUR" },
  updatedAt: "2026-11-30T00:00:00.000Z",
};

describe("wallet", () => {
  it("saves, reads back, edits and deletes items per account", () => {
    const storage = new MemoryStorage();
    let wallet = upsertItem(upsertItem(emptyWallet, bank), order);
    expect(wallet.selectedId).toBe("b");
    saveWallet("u1", wallet, storage);
    expect(loadWallet("u1", storage)).toEqual(wallet);
    expect(loadWallet("u2", storage)).toEqual(emptyWallet);

    wallet = upsertItem(wallet, { ...bank, fields: { ...bank.fields, bankName: "East Bank" } });
    expect(wallet.items).toHaveLength(2);
    expect(wallet.items[0]?.fields).toMatchObject({ bankName: "East Bank" });
    wallet = removeItem(wallet, "a");
    expect(wallet).toEqual({ items: [order], selectedId: "b" });
    expect(removeItem(wallet, "b")).toEqual({ items: [], selectedId: null });
  });

  it("drops damaged entries instead of failing", () => {
    const storage = new MemoryStorage();
    storage.setItem(
      "nearby-exchange:wallet:u1",
      JSON.stringify({ version: 1, items: [bank, { id: "x", type: "CAR" }, { ...order, fields: { amount: 5 } }], selectedId: "x" }),
    );
    expect(loadWallet("u1", storage)).toEqual({ items: [bank], selectedId: "a" });
    storage.setItem("nearby-exchange:wallet:u1", "{not json");
    expect(loadWallet("u1", storage)).toEqual(emptyWallet);
  });

  it("validates an item with the server's schemas", () => {
    expect(itemBusinessData(bank).parsed.success).toBe(true);
    expect(itemBusinessData(order).data).toMatchObject({ items: ["Tea", "Cake"] });
    const typo = itemBusinessData({ ...bank, fields: { ...bank.fields, accountNumber: "GB82 WEST 1234 5698 7654 33" } });
    expect(typo.parsed.success).toBe(false);
  });
});
