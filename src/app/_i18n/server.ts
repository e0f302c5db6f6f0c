import { cookies, headers } from "next/headers";
import { translator } from "./i18n";
import { isLocale, type Locale, localeCookie, negotiateLocale } from "./locales";

/** The switch's choice if made, else the browser's languages. */
export async function requestLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(localeCookie)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
}

export async function serverTranslator() {
  return translator(await requestLocale());
}
