import type { Metadata, Viewport } from "next";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Nearby Exchange",
  description: "Hand over bank accounts, orders and payment confirmations to the person in front of you, without typing an address.",
  applicationName: "Nearby Exchange",
  icons: { icon: [{ url: "/icons/icon.svg", type: "image/svg+xml" }] },
  appleWebApp: { capable: true, title: "Nearby", statusBarStyle: "default" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#0f766e",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
