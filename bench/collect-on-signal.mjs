// Bench only (bench/api-path.ts, part 1): a full collection on SIGUSR2, with `--expose-gc`, so that an RSS
// reading counts what the server holds, not garbage the collector has not reached yet.
process.on("SIGUSR2", () => globalThis.gc?.());
