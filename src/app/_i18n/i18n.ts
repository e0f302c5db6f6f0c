import { type Locale } from "./locales";
import { catalogs, type MessageKey } from "./messages";
import { format, type MessageVars } from "./translate";

export type { MessageKey };
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

/** The translate function for one locale (server components, metadata, tests). */
export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, vars) => format(catalog[key] ?? catalogs.en[key] ?? key, vars);
}

/** Whether a key exists, for codes that come from the server (error reasons). */
export function hasMessage(key: string): key is MessageKey {
  return key in catalogs.en;
}
