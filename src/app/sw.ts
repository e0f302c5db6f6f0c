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
import { type PrecacheEntry, type SerwistGlobalConfig, NetworkOnly, Serwist, Strategy, type StrategyHandler } from "serwist";
// The requester's page, kept from the last time it was opened online; sign-out forgets it.
import { REQUESTER_PAGE_CACHE } from "./_lib/kept-page";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

/**
 * The page `/`, network first. Kept only when it is the signed-in requester's
 * page (200, not redirected); any other answer (signed out: a redirect to the
 * sign-in page) forgets the kept page, so a shared phone never shows the last
 * account's screen. Offline, the kept page; without one, the offline page.
 */
class RequesterPage extends Strategy {
  protected async _handle(request: Request, handler: StrategyHandler): Promise<Response> {
    const cache = await caches.open(this.cacheName);
    let response: Response;
    try {
      response = await handler.fetch(request);
    } catch (error) {
      const kept = await cache.match("/", { ignoreSearch: true });
      if (kept) return kept;
      throw error;
    }
    if (response.status === 200 && response.type === "basic" && !response.redirected) await cache.put("/", response.clone());
    else await cache.delete("/", { ignoreSearch: true });
    return response;
  }
}

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === "navigate" && url.pathname === "/",
      handler: new RequesterPage({ cacheName: REQUESTER_PAGE_CACHE }),
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
