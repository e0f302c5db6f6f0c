/** The cache in which the service worker keeps the requester's page for offline use (src/app/sw.ts). */
export const REQUESTER_PAGE_CACHE = "requester-page";

/**
 * Forgets the kept page, so that after signing out a shared phone opened
 * offline shows the offline page, never the last account's wallet.
 */
export async function forgetKeptRequesterPage(): Promise<void> {
  if (typeof caches === "undefined") return;
  await caches.delete(REQUESTER_PAGE_CACHE);
}
