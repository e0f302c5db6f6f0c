import type { MetadataRoute } from "next";

/** Installable on the phone (the requester's side is a PWA). Chromium wants PNG icons of 192 and 512 px. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Nearby Exchange",
    short_name: "Nearby",
    description: "Hand over bank accounts, orders and payment confirmations to the person in front of you, without typing an address.",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: "#f6f7f9",
    theme_color: "#0f766e",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
  };
}
