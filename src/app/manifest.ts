import type { MetadataRoute } from "next";

/** Installable on the phone (the requester's side is a PWA). */
export default function manifest(): MetadataRoute.Manifest {
  return {
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
      { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: "/icons/maskable.svg", sizes: "any", type: "image/svg+xml", purpose: "maskable" },
    ],
  };
}
