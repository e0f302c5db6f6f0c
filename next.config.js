import { withSerwist } from "@serwist/turbopack";

/** @type {import("next").NextConfig} */
const config = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Loaded from node_modules at run time: PGlite reads its wasm and data files
  // from disk, and the database drivers must not be bundled twice.
  // prom-client too: its registry is one per process (src/server/metrics), whichever bundle counts.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg", "ioredis", "prom-client"],
  async headers() {
    return [
      {
        // The service worker must never be served stale, or a fixed build would not reach phones.
        source: "/serwist/:path*",
        headers: [{ key: "Cache-Control", value: "no-cache, no-store, must-revalidate" }],
      },
    ];
  },
};

// Serwist bundles the service worker with esbuild from a route handler (see src/app/serwist/[path]/route.ts).
export default withSerwist(config);
