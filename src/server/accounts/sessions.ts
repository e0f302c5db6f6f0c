import "server-only";
import type { ServerDeps } from "../deps";
import type { EventBus } from "../events/bus";
import { topics } from "../events/topics";

/**
 * Sessions that end. Every session cookie carries the account's session
 * version from when it was issued; signing out raises the version, so every
 * cookie issued before is refused from then on, on any instance, and the
 * account's open streams hear it on the bus and end.
 */
export async function sessionVersionOf(deps: Pick<ServerDeps, "db">, userId: string): Promise<number | null> {
  const user = await deps.db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? null;
}

export async function endSessions(deps: Pick<ServerDeps, "db" | "bus">, userId: string): Promise<void> {
  await deps.db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  await deps.bus.publish(topics.signedOut, { userId } satisfies SignedOut);
}

interface SignedOut {
  userId: string;
}

/** Per bus, the open streams of each account: one subscription per instance ends them all, however many streams it holds. */
const openStreams = new WeakMap<EventBus, Promise<Map<string, Set<AbortController>>>>();

function streamsByAccount(bus: EventBus): Promise<Map<string, Set<AbortController>>> {
  let accounts = openStreams.get(bus);
  if (!accounts) {
    accounts = (async () => {
      const byAccount = new Map<string, Set<AbortController>>();
      // For the bus's lifetime: closing the bus ends it.
      const messages = await bus.subscribe<SignedOut>(topics.signedOut, new AbortController().signal);
      void (async () => {
        for await (const { userId } of messages) for (const stream of byAccount.get(userId) ?? []) stream.abort();
      })().catch(() => {
        // Sign-outs can no longer be heard: end every stream (the clients reconnect, and their sessions are checked
        // again) and let the next stream subscribe afresh, rather than keep streams a sign-out could not end.
        openStreams.delete(bus);
        for (const streams of byAccount.values()) for (const stream of streams) stream.abort();
      });
      return byAccount;
    })();
    openStreams.set(bus, accounts);
  }
  return accounts;
}

/**
 * A signal that aborts when the account signs out, or when any of `signals`
 * aborts: a stream opened under an ended session stops, on every instance.
 * It checks the version once more after subscribing, so a sign-out racing
 * the stream's open is not missed. Plain listeners rather than
 * AbortSignal.any, whose composite signals cost several objects per stream.
 */
export async function untilSignedOut(
  deps: Pick<ServerDeps, "db" | "bus">,
  userId: string,
  sessionVersion: number,
  signals: readonly AbortSignal[],
): Promise<AbortSignal> {
  const stream = new AbortController();
  const end = () => stream.abort();
  for (const signal of signals) {
    if (signal.aborted) end();
    else signal.addEventListener("abort", end, { once: true });
  }
  const byAccount = await streamsByAccount(deps.bus);
  const mine = byAccount.get(userId) ?? new Set();
  byAccount.set(userId, mine);
  mine.add(stream);
  const forget = () => {
    for (const signal of signals) signal.removeEventListener("abort", end);
    mine.delete(stream);
    if (mine.size === 0 && byAccount.get(userId) === mine) byAccount.delete(userId);
  };
  if (stream.signal.aborted) forget();
  else stream.signal.addEventListener("abort", forget, { once: true });
  if ((await sessionVersionOf(deps, userId)) !== sessionVersion) end();
  return stream.signal;
}
