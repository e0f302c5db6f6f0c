"use client";

import { SessionProvider } from "next-auth/react";
import { z } from "zod";
import { TRPCReactProvider } from "~/trpc/react";
import type { Locale } from "./_i18n/locales";
import { I18nProvider } from "./_i18n/provider";
import type { TileConfig } from "./_map/config";
import { MapTilesProvider } from "./_map/tiles-context";

// Zod probes for eval (new Function) to compile its parsers; the CSP forbids eval, so
// the probe would be reported as a violation on every page. Its interpreter needs none.
z.config({ jitless: true });

export function Providers({ locale, tiles, children }: { locale: Locale; tiles: TileConfig | null; children: React.ReactNode }) {
  return (
    <I18nProvider initialLocale={locale}>
      <MapTilesProvider tiles={tiles}>
        <SessionProvider>
          <TRPCReactProvider>{children}</TRPCReactProvider>
        </SessionProvider>
      </MapTilesProvider>
    </I18nProvider>
  );
}
