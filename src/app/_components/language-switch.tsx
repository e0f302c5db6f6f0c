"use client";

import { useId } from "react";
import { useLocale, useT } from "../_i18n/provider";
import { type Locale, locales } from "../_i18n/locales";

/** Each language named in itself, so anyone can find their own. */
const nativeNames: Record<Locale, string> = { en: "English", "zh-CN": "中文" };

/** The language switch: the app starts in the browser's language, this overrides it (kept in a cookie). */
export function LanguageSwitch() {
  const t = useT();
  const [locale, setLocale] = useLocale();
  const id = useId();
  return (
    <span className="language-switch">
      <label htmlFor={id} className="visually-hidden">
        {t("language.label")}
      </label>
      <select id={id} value={locale} onChange={(e) => setLocale(e.target.value as Locale)} data-testid="language-switch">
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {nativeNames[l]}
          </option>
        ))}
      </select>
    </span>
  );
}
