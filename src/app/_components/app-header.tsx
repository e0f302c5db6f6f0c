"use client";

import "../onboarding.css";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState } from "react";
import type { AccountRole } from "~/shared/account-role";
import { useT } from "../_i18n/provider";
import { forgetKeptRequesterPage } from "../_lib/kept-page";
import { clearExchangeHistories } from "../_lib/use-exchange-history";
import { LanguageSwitch } from "./language-switch";

/**
 * Brand, the views, who is signed in, the language, and sign-out. The desk's
 * tab is a desk account's; a customer is not steered there, but a quiet link
 * still opens it.
 */
export function AppHeader({ displayName, identification, role }: { displayName: string; identification: string; role: AccountRole }) {
  const t = useT();
  const pathname = usePathname();
  const [signingOut, setSigningOut] = useState(false);
  async function leave() {
    setSigningOut(true);
    // This device's record of whom the account dealt with goes with the account.
    clearExchangeHistories();
    try {
      // No redirect from next-auth: it builds an absolute URL from its own idea of the host,
      // which may differ from the one in the address bar (127.0.0.1 vs localhost).
      await signOut({ redirect: false });
    } finally {
      // Signed out, the phone must not show this account's page offline (the worker would, from its cache).
      await forgetKeptRequesterPage().catch(() => undefined);
      // A full page load on purpose: nothing of the signed-in page's state survives it.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/sign-in");
    }
  }

  return (
    <header className="app-header">
      <Link href={role === "DESK" ? "/processor" : "/"} className="app-brand">
        {t("app.name")}
      </Link>
      <nav className="app-nav" aria-label={t("nav.label")}>
        <Link href="/" aria-current={pathname === "/" ? "page" : undefined}>
          {t("nav.send")}
        </Link>
        {role === "DESK" ? (
          <Link href="/processor" aria-current={pathname?.startsWith("/processor") ? "page" : undefined} data-testid="nav-desk">
            {t("nav.processor")}
          </Link>
        ) : null}
        <Link href="/history" aria-current={pathname === "/history" ? "page" : undefined} data-testid="nav-history">
          {t("nav.history")}
        </Link>
      </nav>
      <span className="app-user">
        <span data-testid="signed-in-as">
          {displayName} <span aria-hidden="true">·</span> <span className="visually-hidden">{t("header.signedInAs")}</span> {identification}
        </span>
        {role === "CUSTOMER" && !pathname?.startsWith("/processor") ? (
          <Link href="/processor" className="app-quiet-link" data-testid="open-desk">
            {t("header.openDesk")}
          </Link>
        ) : null}
      </span>
      <LanguageSwitch />
      <button type="button" className="button" disabled={signingOut} onClick={() => void leave()}>
        {signingOut ? t("header.signingOut") : t("header.signOut")}
      </button>
    </header>
  );
}
