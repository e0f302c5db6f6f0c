import "server-only";
import { auth } from "../auth";
import { clientAddress } from "../rate-limit/client-address";
import { getRuntime, shutdownSignal } from "../runtime";
import type { TRPCContext } from "./trpc";

/** The context of one HTTP request: the process's database, bus and limits, and the account from the session cookie. */
export async function createRequestContext({ req }: { req: Request }): Promise<TRPCContext> {
  const [session, runtime] = await Promise.all([auth(), getRuntime()]);
  const user = session?.user;
  return {
    ...runtime.deps,
    actor: user?.id && user.identification ? { userId: user.id, identification: user.identification } : null,
    shutdownSignal: shutdownSignal(),
    limits: runtime.limits,
    clientAddress: clientAddress(req.headers),
    sessionVersion: user?.sessionVersion ?? -1,
  };
}
