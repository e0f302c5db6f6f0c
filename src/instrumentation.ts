import { isNodeRuntime } from "./env";

export async function register() {
  if (isNodeRuntime()) {
    const { installShutdownHandlers } = await import("./server/shutdown");
    installShutdownHandlers();
  }
}
