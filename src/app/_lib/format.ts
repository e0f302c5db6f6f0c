import { hasMessage, type Translate } from "../_i18n/i18n";
import type { Locale } from "../_i18n/locales";

/** "120 m", "1.4 km". */
export function formatDistance(meters: number): string {
  if (meters < 1000) return `${Math.max(0, Math.round(meters))} m`;
  return `${(meters / 1000).toFixed(meters < 10_000 ? 1 : 0).replace(/\.0$/, "")} km`;
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
