import "server-only";
import type { Prisma } from "../db/generated/client";
import type { ServerDeps } from "../deps";
import { topics } from "../events/topics";
import { type NewSessionEvent, parseSessionEvent, sealedEventTypes, type SessionEvent } from "~/shared/exchange/session-events";

type Tx = Prisma.TransactionClient;

export type { SessionEvent };

/**
 * Appends events to a request's session log inside the caller's transaction.
 * Callers first change the request or exchange row conditionally, which locks
 * it: events of one request are therefore committed in id order, and a
 * reader resuming after id N can never miss a smaller id committed later.
 */
export async function appendSessionEvents(tx: Tx, requestId: string, events: NewSessionEvent[]): Promise<void> {
  for (const event of events) {
    await tx.exchangeEvent.create({ data: { requestId, type: event.type, payload: event.payload } });
  }
}

/**
 * Called in the transaction that closes a session (done, refused, cancelled,
 * expired, abandoned): the ciphertext goes with it, so nobody can fetch the
 * data again, and the retention window starts.
 */
export async function closeSessionData(tx: Tx, requestId: string, now: Date): Promise<void> {
  await tx.exchangeEvent.updateMany({
    where: { requestId, type: { in: [...sealedEventTypes] } },
    data: { payload: { sealed: null } satisfies Prisma.InputJsonValue },
  });
  await tx.request.update({ where: { id: requestId }, data: { closedAt: now } });
}

/** Tells live session streams to read the log again; call after the commit. */
export function notifySession(deps: Pick<ServerDeps, "bus">, requestId: string): Promise<void> {
  return deps.bus.publish(topics.session(requestId), { requestId });
}

const sessionEventSelect = { id: true, type: true, payload: true, createdAt: true } satisfies Prisma.ExchangeEventSelect;

/** The log after `afterId`, each event checked against the shared contract (an event written by an older version that no longer fits is skipped). */
export async function readSessionEvents(deps: Pick<ServerDeps, "db">, requestId: string, afterId: number): Promise<SessionEvent[]> {
  const rows = await deps.db.exchangeEvent.findMany({
    where: { requestId, id: { gt: afterId } },
    orderBy: { id: "asc" },
    select: sessionEventSelect,
  });
  return rows
    .map((row: Prisma.ExchangeEventGetPayload<{ select: typeof sessionEventSelect }>) => parseSessionEvent(row))
    .filter((event): event is SessionEvent => event !== null);
}
