import type { Metadata, Viewport } from "next";
import { requestLocale, serverTranslator } from "./_i18n/server";
import { Providers } from "./providers";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await serverTranslator();
  return {
    title: t("app.name"),
    description: t("app.description"),
    applicationName: t("app.name"),
    icons: { icon: [{ url: "/icons/icon.svg", type: "image/svg+xml" }] },
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
        <Providers locale={locale}>{children}</Providers>
      </body>
    </html>
  );
}
