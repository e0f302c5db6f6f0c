import { SerwistProvider } from "@serwist/turbopack/react";
import { clientEnv } from "~/env";
import type { Metadata, Viewport } from "next";
import { requestLocale, serverTranslator } from "./_i18n/server";
import { tileConfig } from "./_map/server-config";
import { Providers } from "./providers";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await serverTranslator();
  return {
    title: t("app.name"),
    description: t("app.description"),
    applicationName: t("app.name"),
    icons: {
      icon: [
        { url: "/icons/icon.svg", type: "image/svg+xml" },
        { url: "/icons/icon-192.png", type: "image/png", sizes: "192x192" },
      ],
      apple: [{ url: "/icons/apple-touch-icon.png", sizes: "180x180" }],
    },
    appleWebApp: { capable: true, title: "Nearby", statusBarStyle: "default" },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#0f766e",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await requestLocale();
  return (
    <html lang={locale}>
      <body>
        {/* The service worker makes the requester's screen open offline; never in development, where it would cache stale code. */}
        <SerwistProvider swUrl="/serwist/sw.js" disable={clientEnv.NODE_ENV !== "production"} cacheOnNavigation={false} reloadOnOnline={false}>
          {/* The map's tiles are read per request, so changing them needs a restart, not a rebuild. */}
          <Providers locale={locale} tiles={tileConfig()}>
            {children}
          </Providers>
        </SerwistProvider>
      </body>
    </html>
  );
}
