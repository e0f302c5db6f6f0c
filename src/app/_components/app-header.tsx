"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState } from "react";

/** Brand, the link between the two views, who is signed in, and sign-out. */
export function AppHeader({ displayName, identification }: { displayName: string; identification: string }) {
  const pathname = usePathname();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <header className="app-header">
      <Link href="/" className="app-brand">
        Nearby Exchange
      </Link>
      <nav className="app-nav" aria-label="Views">
        <Link href="/" aria-current={pathname === "/" ? "page" : undefined}>
          Send data
        </Link>
        <Link href="/processor" aria-current={pathname?.startsWith("/processor") ? "page" : undefined}>
          Processor desk
        </Link>
      </nav>
      <span className="app-user" data-testid="signed-in-as">
        {displayName} <span aria-hidden="true">·</span> <span className="visually-hidden">signed in as</span> {identification}
      </span>
      <button
        type="button"
        className="button"
        disabled={signingOut}
        onClick={async () => {
          setSigningOut(true);
          try {
            // No redirect from next-auth: it builds an absolute URL from its own idea of the host,
            // which may differ from the one in the address bar (127.0.0.1 vs localhost).
            await signOut({ redirect: false });
          } finally {
            window.location.assign("/sign-in");
          }
        }}
      >
        {signingOut ? "Signing out…" : "Sign out"}
      </button>
    </header>
  );
}
