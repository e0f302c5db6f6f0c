"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { useT } from "../_i18n/provider";
import { forgetKeptRequesterPage } from "../_lib/kept-page";
import { LanguageSwitch } from "./language-switch";

/** Brand, the link between the two views, who is signed in, the language, and sign-out. */
export function AppHeader({ displayName, identification }: { displayName: string; identification: string }) {
  const t = useT();
  const pathname = usePathname();
  const [signingOut, setSigningOut] = useState(false);
  async function leave() {
    setSigningOut(true);
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
      <Link href="/" className="app-brand">
        {t("app.name")}
      </Link>
      <nav className="app-nav" aria-label={t("nav.label")}>
        <Link href="/" aria-current={pathname === "/" ? "page" : undefined}>
          {t("nav.send")}
        </Link>
        <Link href="/processor" aria-current={pathname?.startsWith("/processor") ? "page" : undefined}>
          {t("nav.processor")}
        </Link>
      </nav>
      <span className="app-user" data-testid="signed-in-as">
        {displayName} <span aria-hidden="true">·</span> <span className="visually-hidden">{t("header.signedInAs")}</span> {identification}
      </span>
      <LanguageSwitch />
      <button type="button" className="button" disabled={signingOut} onClick={() => void leave()}>
        {signingOut ? t("header.signingOut") : t("header.signOut")}
      </button>
    </header>
  );
}
