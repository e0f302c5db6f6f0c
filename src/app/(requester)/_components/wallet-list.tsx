"use client";

import { useT } from "../../_i18n/provider";
import type { Translate } from "../../_i18n/i18n";
import { typeLabel } from "../../_lib/format";
import type { Drafts } from "../_lib/drafts";
import { itemBusinessData, type WalletItem } from "../_lib/wallet";

/** A short name the owner recognises (it is their own phone: the tail of the number is enough). */
export function itemName(t: Translate, item: WalletItem): string {
  const tail = (s: string) => s.replace(/\s+/g, "").slice(-4);
  switch (item.type) {
    case "BANK_ACCOUNT": {
      const f = item.fields as Drafts["BANK_ACCOUNT"];
      return [f.bankName || typeLabel(t, item.type), f.accountNumber ? `••••${tail(f.accountNumber)}` : "", f.holderName].filter(Boolean).join(" · ");
    }
    case "ORDER": {
      const f = item.fields as Drafts["ORDER"];
      return [f.orderReference || typeLabel(t, item.type), [f.amount, f.currency].filter(Boolean).join(" ")].filter(Boolean).join(" · ");
    }
    case "PAYMENT_CONFIRMATION": {
      const f = item.fields as Drafts["PAYMENT_CONFIRMATION"];
      return [f.paymentReference || typeLabel(t, item.type), [f.amount, f.currency].filter(Boolean).join(" ")].filter(Boolean).join(" · ");
    }
  }
}

/** The saved items: pick one to send, edit it, delete it. */
export function WalletList({
  items,
  selectedId,
  editingId,
  onSelect,
  onEdit,
  onDelete,
}: {
  items: WalletItem[];
  selectedId: string | null;
  editingId: string | null;
  onSelect: (id: string) => void;
  onEdit: (id: string) => void;
  onDelete: (id: string) => void;
}) {
  const t = useT();
  return (
    <ul className="wallet-items" role="radiogroup" aria-label={t("wallet.heading")} data-testid="wallet-items">
      {items.map((item) => {
        const name = itemName(t, item);
        const valid = itemBusinessData(item).parsed.success;
        const selected = item.id === selectedId;
        return (
          <li
            key={item.id}
            className={selected ? "wallet-item selected" : "wallet-item"}
            data-testid="wallet-item"
            data-selected={selected}
            data-type={item.type}
          >
            <label className="wallet-pick">
              <input type="radio" name="wallet-item" checked={selected} onChange={() => onSelect(item.id)} data-testid="wallet-pick" />
              <span className="wallet-name">
                <span className="wallet-type">{typeLabel(t, item.type)}</span>
                <span className="mono">{name}</span>
                {!valid ? <span className="field-error small">{t("wallet.incomplete")}</span> : null}
              </span>
            </label>
            <div className="wallet-actions">
              <button
                type="button"
                className="button secondary"
                aria-label={t("wallet.editLabel", { name })}
                onClick={() => onEdit(item.id)}
                disabled={editingId === item.id}
                data-testid="wallet-edit"
              >
                {t("wallet.edit")}
              </button>
              <button
                type="button"
                className="button secondary danger-text"
                aria-label={t("wallet.deleteLabel", { name })}
                onClick={() => onDelete(item.id)}
                data-testid="wallet-delete"
              >
                {t("wallet.delete")}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
