export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installShutdownHandlers } = await import("./server/shutdown");
    installShutdownHandlers();
  }
}
