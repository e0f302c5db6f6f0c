import { createSerwistRoute } from "@serwist/turbopack";
import { env } from "~/env";

// Each build gets its own revision for the offline page (its HTML names that build's chunks).
const revision = env().NEXT_BUILD_REVISION ?? crypto.randomUUID();

/** Serves the bundled service worker at /serwist/sw.js (Turbopack has no webpack plugin to emit it). */
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "src/app/sw.ts",
  useNativeEsbuild: true,
  additionalPrecacheEntries: [{ url: "/offline", revision }],
  // The source maps stay on the server; the app shell is the static chunks, the icons and the offline page.
  globIgnores: ["**/*.map"],
});
