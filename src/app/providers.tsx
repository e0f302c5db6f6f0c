"use client";

import { SessionProvider } from "next-auth/react";
import { z } from "zod";
import { TRPCReactProvider } from "~/trpc/react";
import type { Locale } from "./_i18n/locales";
import { I18nProvider } from "./_i18n/provider";

// Zod probes for eval (new Function) to compile its parsers; the CSP forbids eval, so
// the probe would be reported as a violation on every page. Its interpreter needs none.
z.config({ jitless: true });

export function Providers({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return (
    <I18nProvider initialLocale={locale}>
      <SessionProvider>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </SessionProvider>
    </I18nProvider>
  );
}
