import type { Locale } from "./locales";

export type MessageVars = Record<string, string | number>;
/** A message: text with `{name}` placeholders, or a function for plurals and other grammar. */
export type Message = string | ((vars: MessageVars) => string);
export type Catalog = Record<string, Message>;

/**
 * One area's messages in every language. The Chinese catalog must have
 * exactly the English keys, so a missing translation fails the type check.
 */
export function defineMessages<T extends Catalog>(catalogs: {
  en: T;
  "zh-CN": { [K in keyof T]: Message };
}): Record<Locale, { [K in keyof T]: Message }> {
  return catalogs;
}

/** Fills `{name}` placeholders; a placeholder without a value stays visible rather than vanishing. */
export function format(message: Message, vars: MessageVars = {}): string {
  if (typeof message === "function") return message(vars);
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
