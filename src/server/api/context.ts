import "server-only";
import { auth } from "../auth";
import { getRuntime, shutdownSignal } from "../runtime";
import type { TRPCContext } from "./trpc";

/** The context of one HTTP request: the process's database and bus, and the account from the session cookie. */
export async function createRequestContext(): Promise<TRPCContext> {
  const [session, runtime] = await Promise.all([auth(), getRuntime()]);
  const user = session?.user;
  return {
    ...runtime.deps,
    actor: user?.id && user.identification ? { userId: user.id, identification: user.identification } : null,
    shutdownSignal: shutdownSignal(),
  };
}
