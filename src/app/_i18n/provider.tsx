"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { translator, type Translate } from "./i18n";
import { defaultCurrency, type Locale, localeCookie } from "./locales";

interface I18nValue {
  locale: Locale;
  t: Translate;
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

/** Holds the language; the server picks the first one, the switch changes it in place. */
export function I18nProvider({ initialLocale, children }: { initialLocale: Locale; children: React.ReactNode }) {
  const router = useRouter();
  const [locale, setLocaleState] = useState(initialLocale);
  const setLocale = useCallback(
    (next: Locale) => {
      setLocaleState(next);
      document.documentElement.lang = next;
      document.cookie = `${localeCookie}=${next}; path=/; max-age=31536000; samesite=lax`;
      // Server-rendered parts (page titles) follow on the next render.
      router.refresh();
    },
    [router],
  );
  const value = useMemo(() => ({ locale, t: translator(locale), setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useT() needs an <I18nProvider> above it (see src/app/providers.tsx).");
  return value;
}

/** The translate function of the current language. */
export function useT(): Translate {
  return useI18n().t;
}

export function useLocale(): [Locale, (locale: Locale) => void] {
  const { locale, setLocale } = useI18n();
  return [locale, setLocale];
}

/** The currency a new amount starts in, from the language and the browser's region. */
export function useDefaultCurrency(): string {
  const { locale } = useI18n();
  return defaultCurrency(locale, typeof navigator === "undefined" ? [] : navigator.languages);
}
