"use client";

import { useEffect, useRef, useState } from "react";
import { accountNumberSchema, type BusinessDataType } from "~/shared/business-data/schema";
import { useDefaultCurrency, useT } from "../../_i18n/provider";
import { localizedFieldErrors } from "../../_i18n/problems";
import type { FieldErrors } from "~/shared/field-errors";
import { typeLabel } from "../../_lib/format";
import { BusinessDataFields, visibleErrors } from "./business-data-fields";
import type { Drafts } from "../_lib/drafts";
import { emptyFields, itemBusinessData, walletTypes } from "../_lib/wallet";

export interface EditorValue {
  /** The wallet item being edited; null for a new one. */
  id: string | null;
  type: BusinessDataType;
  fields: Drafts[BusinessDataType];
}

export function newEditorValue(type: BusinessDataType = "BANK_ACCOUNT"): EditorValue {
  return { id: null, type, fields: emptyFields(type) };
}

const TYPING_PAUSE_MS = 700;

/**
 * Enters or edits one item of business data. Each field is checked with the
 * server's own validators as it is typed: its message appears once typing
 * pauses (or on leaving the field), in the user's language.
 */
export function ItemEditor({
  value,
  onChange,
  onSave,
  onCancel,
  showAllErrors,
  serverErrors,
}: {
  value: EditorValue;
  onChange: (value: EditorValue) => void;
  onSave: () => void;
  onCancel: (() => void) | null;
  /** After a send or save attempt every problem shows, typed or not. */
  showAllErrors: boolean;
  serverErrors: FieldErrors;
}) {
  const t = useT();
  const currency = useDefaultCurrency();
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const typingTimers = useRef(new Map<string, number>());
  useEffect(() => {
    const timers = typingTimers.current;
    return () => timers.forEach((timer) => window.clearTimeout(timer));
  }, []);

  const { parsed } = itemBusinessData(value);
  const clientErrors = parsed.success ? {} : localizedFieldErrors(t, parsed.error);
  const shownErrors = {
    ...visibleErrors(clientErrors, (field) => showAllErrors || touched.has(field), t),
    ...visibleErrors(serverErrors, () => true, t),
  };
  const accountNumberValid =
    value.type === "BANK_ACCOUNT" && accountNumberSchema.safeParse((value.fields as Drafts["BANK_ACCOUNT"]).accountNumber).success;

  function blur(field: string) {
    setTouched((s) => (s.has(field) ? s : new Set(s).add(field)));
  }

  function change(next: Drafts[BusinessDataType]) {
    const before = value.fields as Record<string, string>;
    const changed = Object.keys(next).filter((k) => (next as Record<string, string>)[k] !== before[k]);
    for (const field of changed) {
      const timers = typingTimers.current;
      window.clearTimeout(timers.get(field));
      timers.set(
        field,
        window.setTimeout(() => blur(field), TYPING_PAUSE_MS),
      );
    }
    onChange({ ...value, fields: next });
  }

  return (
    <div className="wallet-editor" data-testid="item-editor">
      <h3>{value.id ? t("wallet.editHeading") : t("wallet.newHeading")}</h3>
      {value.id === null ? (
        <fieldset>
          <legend>{t("wallet.typeLegend")}</legend>
          <div className="choices" role="radiogroup" aria-label={t("wallet.typeGroup")}>
            {walletTypes.map((dataType) => (
              <label key={dataType} className="choice">
                <input
                  type="radio"
                  name="type"
                  value={dataType}
                  checked={value.type === dataType}
                  onChange={() => {
                    setTouched(new Set());
                    onChange({ id: null, type: dataType, fields: emptyFields(dataType, currency) });
                  }}
                  data-testid={`type-${dataType}`}
                />
                {typeLabel(t, dataType)}
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <p className="muted">{typeLabel(t, value.type)}</p>
      )}
      <BusinessDataFields
        type={value.type}
        draft={value.fields}
        onChange={change}
        onBlur={blur}
        errors={shownErrors}
        accountNumberValid={accountNumberValid}
      />
      <div className="row">
        <button type="button" className="button secondary" onClick={onSave} data-testid="wallet-save">
          {t("wallet.save")}
        </button>
        {onCancel ? (
          <button type="button" className="button secondary" onClick={onCancel} data-testid="wallet-cancel">
            {t("wallet.cancel")}
          </button>
        ) : null}
      </div>
    </div>
  );
}
