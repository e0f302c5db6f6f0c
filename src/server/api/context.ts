import "server-only";
import type { RequestSession } from "../deps";
import { auth } from "../auth";
import { clientAddress } from "../rate-limit/client-address";
import { getRuntime, shutdownSignal } from "../runtime";
import type { TRPCContext } from "./trpc";

/** The context of one HTTP request: the process's database, bus and limits, and the account from the session. */
export async function contextFor(session: RequestSession, address: string): Promise<TRPCContext> {
  const runtime = await getRuntime();
  return { ...runtime.deps, ...session, shutdownSignal: shutdownSignal(), limits: runtime.limits, clientAddress: address };
}

/** The Next.js route's context (`npm run dev`): the session through next-auth's auth(). */
export async function createRequestContext({ req }: { req: Request }): Promise<TRPCContext> {
  const user = (await auth())?.user;
  const actor = user?.id && user.identification ? { userId: user.id, identification: user.identification } : null;
  return contextFor({ actor, sessionVersion: user?.sessionVersion ?? -1 }, clientAddress(req.headers));
}
