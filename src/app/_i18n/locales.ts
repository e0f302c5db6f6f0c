/** The languages the app speaks, and how one is picked. Pure: shared by server and browser. */
export const locales = ["en", "zh-CN"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

/** Where an explicit choice from the language switch is kept (a year; read by the server on every page). */
export const localeCookie = "nx-locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * The locale for an Accept-Language header (or navigator.languages joined):
 * the first language by quality that we speak. Any Chinese variant gets
 * zh-CN, the only Chinese we have; anything else falls back to English.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((l) => l.tag && l.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return defaultLocale;
}

/** The currency most people of a region pay in; regions not listed fall back to the euro. */
const regionCurrency: Record<string, string> = {
  CN: "CNY",
  HK: "HKD",
  MO: "MOP",
  TW: "TWD",
  SG: "SGD",
  JP: "JPY",
  KR: "KRW",
  IN: "INR",
  US: "USD",
  CA: "CAD",
  MX: "MXN",
  BR: "BRL",
  AR: "ARS",
  GB: "GBP",
  IE: "EUR",
  CH: "CHF",
  NO: "NOK",
  SE: "SEK",
  DK: "DKK",
  PL: "PLN",
  CZ: "CZK",
  HU: "HUF",
  RO: "RON",
  TR: "TRY",
  RU: "RUB",
  UA: "UAH",
  IL: "ILS",
  AE: "AED",
  SA: "SAR",
  ZA: "ZAR",
  NG: "NGN",
  KE: "KES",
  EG: "EGP",
  AU: "AUD",
  NZ: "NZD",
  TH: "THB",
  VN: "VND",
  ID: "IDR",
  MY: "MYR",
  PH: "PHP",
};

/**
 * The currency a new amount starts in: CNY in Chinese; otherwise the region of
 * the browser's first language that names one ("en-US" → USD, "en-GB" → GBP);
 * else the euro. The person can always change it.
 */
export function defaultCurrency(locale: Locale, browserLanguages: readonly string[] = []): string {
  if (locale === "zh-CN") return "CNY";
  for (const tag of browserLanguages) {
    let region: string | undefined;
    try {
      region = new Intl.Locale(tag).maximize().region;
    } catch {
      continue;
    }
    const currency = region ? regionCurrency[region] : undefined;
    if (currency) return currency;
  }
  return "EUR";
}
