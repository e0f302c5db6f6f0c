import { hasMessage, type Translate } from "../_i18n/i18n";
import type { Locale } from "../_i18n/locales";

/** The one way a distance is written, on the phone and the desk: "120 m", "1.4 km"; "120 米", "1.4 公里". */
export function formatDistance(t: Translate, meters: number): string {
  if (meters < 1000) return t("distance.meters", { n: Math.max(0, Math.round(meters)) });
  return t("distance.kilometers", { n: (meters / 1000).toFixed(meters < 10_000 ? 1 : 0).replace(/\.0$/, "") });
}

/** "bank account, order and payment confirmation"; "银行账户、订单和付款确认". */
export function formatList(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items);
}

/** "4:05", "1:02:03"; never negative. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** Groups an IBAN or card number in fours for reading aloud and comparing. */
export function groupInFours(value: string): string {
  return value.replace(/\s+/g, "").replace(/(.{4})(?=.)/g, "$1 ");
}

export function formatTime(date: Date, locale: Locale): string {
  return date.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
}

/** "Bank account" / "银行账户"; the raw value for a type this build does not know. */
export function typeLabel(t: Translate, type: string): string {
  const key = `type.${type}`;
  return hasMessage(key) ? t(key) : type;
}

/** How long ago, in the screen's language: "5 seconds ago", "2 minutes ago", "1 hour ago"; "5秒钟前", "2分钟前". */
export function formatAge(locale: Locale, ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (seconds < 60) return relative.format(-seconds, "second");
  if (seconds < 3600) return relative.format(-Math.floor(seconds / 60), "minute");
  return relative.format(-Math.floor(seconds / 3600), "hour");
}
