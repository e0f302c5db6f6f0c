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
        onClick={() => {
          setSigningOut(true);
          void signOut({ redirectTo: "/sign-in" });
        }}
      >
        {signingOut ? "Signing out…" : "Sign out"}
      </button>
    </header>
  );
}
