import "server-only";
import type { Prisma } from "../db/generated/client";
import type { ServerDeps } from "../deps";
import { topics } from "../events/topics";
import type { SessionEventType } from "~/shared/exchange/state-machine";

type Tx = Prisma.TransactionClient;

export interface SessionEvent {
  id: number;
  type: SessionEventType;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Appends events to a request's session log inside the caller's transaction.
 * Callers first change the request or exchange row conditionally, which locks
 * it: events of one request are therefore committed in id order, and a
 * reader resuming after id N can never miss a smaller id committed later.
 */
export async function appendSessionEvents(
  tx: Tx,
  requestId: string,
  events: Array<{ type: SessionEventType; payload?: Record<string, unknown> }>,
): Promise<void> {
  for (const event of events) {
    await tx.exchangeEvent.create({
      data: { requestId, type: event.type, payload: (event.payload ?? {}) as Prisma.InputJsonValue },
    });
  }
}

/** Tells live session streams to read the log again; call after the commit. */
export function notifySession(deps: Pick<ServerDeps, "bus">, requestId: string): Promise<void> {
  return deps.bus.publish(topics.session(requestId), { requestId });
}

const sessionEventSelect = { id: true, type: true, payload: true, createdAt: true } satisfies Prisma.ExchangeEventSelect;

export async function readSessionEvents(deps: Pick<ServerDeps, "db">, requestId: string, afterId: number): Promise<SessionEvent[]> {
  const rows = await deps.db.exchangeEvent.findMany({
    where: { requestId, id: { gt: afterId } },
    orderBy: { id: "asc" },
    select: sessionEventSelect,
  });
  return rows.map((row: Prisma.ExchangeEventGetPayload<{ select: typeof sessionEventSelect }>) => ({
    id: row.id,
    type: row.type as SessionEventType,
    payload: row.payload as Record<string, unknown>,
    createdAt: row.createdAt,
  }));
}
