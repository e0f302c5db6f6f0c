import "server-only";
import type { ServerDeps } from "../deps";
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
  await deps.bus.publish(topics.signedOut(userId), { kind: "signed_out" });
}

/**
 * A signal that aborts when the account signs out (or `signal` aborts): a
 * stream opened under an ended session stops, on every instance. It checks
 * the version once more after subscribing, so a sign-out racing the stream's
 * open is not missed.
 */
export async function untilSignedOut(
  deps: Pick<ServerDeps, "db" | "bus">,
  userId: string,
  sessionVersion: number,
  signal: AbortSignal,
): Promise<AbortSignal> {
  const ended = new AbortController();
  const both = AbortSignal.any([signal, ended.signal]);
  const messages = await deps.bus.subscribe(topics.signedOut(userId), both);
  void (async () => {
    for await (const _ of messages) {
      ended.abort();
      break;
    }
  })().catch(() => ended.abort());
  if ((await sessionVersionOf(deps, userId)) !== sessionVersion) ended.abort();
  return both;
}
