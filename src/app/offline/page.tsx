import type { Metadata } from "next";
import { LanguageSwitch } from "../_components/language-switch";
import { serverTranslator } from "../_i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await serverTranslator();
  return { title: `${t("offline.title")} · ${t("app.name")}` };
}

/**
 * What the service worker shows for a page it has never kept while there is no
 * connection (the requester's own page `/` is kept and opens offline itself).
 */
export default async function OfflinePage() {
  const t = await serverTranslator();
  return (
    <main className="auth-page" data-testid="offline-page">
      <LanguageSwitch />
      <h1>{t("offline.title")}</h1>
      <p role="status">{t("offline.body")}</p>
      <p>
        {/* A full page load, not a client-side one: it is what reaches the network to find out whether it is back. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a className="button" href="/">
          {t("offline.open")}
        </a>
      </p>
    </main>
  );
}
