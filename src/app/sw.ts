/// <reference lib="webworker" />
/**
 * The service worker (bundled by @serwist/turbopack, served at /serwist/sw.js).
 * It precaches the app shell (Next's static chunks, the icons, the offline
 * page) so the requester's screen opens without a connection, and keeps the
 * page `/` itself (network first, so a connected phone always gets a fresh
 * one). No route matches /api/: data, sign-in and the live session streams
 * bypass the worker entirely (never cached, and a long event stream is never
 * held open by a worker the browser may stop).
 */
import { type PrecacheEntry, type SerwistGlobalConfig, NetworkFirst, NetworkOnly, Serwist } from "serwist";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

/** The requester's page, kept from the last time it was opened online. */
export const REQUESTER_PAGE_CACHE = "requester-page";

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === "navigate" && url.pathname === "/",
      handler: new NetworkFirst({
        cacheName: REQUESTER_PAGE_CACHE,
        // `/?request=…` and `/` are the same screen.
        matchOptions: { ignoreSearch: true },
        plugins: [
          {
            // A signed-out visit is redirected to the sign-in page: never keep that as the requester's page.
            cacheWillUpdate: async ({ response }) => (response.status === 200 && !response.redirected ? response : null),
          },
        ],
      }),
    },
    {
      // Other pages are not kept: without a connection they get the offline page (the fallback below).
      matcher: ({ request, url }) => request.mode === "navigate" && !url.pathname.startsWith("/api/"),
      handler: new NetworkOnly(),
    },
  ],
  fallbacks: {
    entries: [{ url: "/offline", matcher: ({ request }) => request.destination === "document" }],
  },
});

serwist.addEventListeners();
