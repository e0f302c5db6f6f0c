export async function register() {
  // Read in place, not through src/env.ts: Next.js replaces this literal per runtime at build time,
  // which is what keeps the Node-only shutdown code out of the Edge bundle.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installShutdownHandlers } = await import("./server/shutdown");
    installShutdownHandlers();
    const { openAtStart } = await import("./server/runtime");
    await openAtStart();
  }
}
