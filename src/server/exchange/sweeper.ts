import "server-only";
import type { ServerDeps } from "../deps";
import { errorFields, logger } from "../logging/logger";
import { pairingEnded } from "../metrics/metrics";
import { unconfirmedExchangeStates } from "~/shared/exchange/state-machine";
import { pairingCutoff } from "./pairing-timeout";
import { expireRequestIfDue } from "./service";
import { appendSessionEvents, closeSessionData, notifySession } from "./session-log";

export interface Lifetimes {
  /** A pairing the requester has not confirmed this long after the select ends. */
  pairingTimeoutSeconds: number;
  /** How long a closed request keeps its preview, position and identification. */
  retentionHours: number;
}

/** How many rows one sweep handles of each kind; the next sweep takes the rest. */
const BATCH = 200;

/**
 * Ends a pairing left unconfirmed since before `cutoff`. Harmless to call
 * twice, from several instances at once: the conditional update decides.
 */
export async function abandonPairingIfDue(deps: ServerDeps, requestId: string, cutoff: Date): Promise<boolean> {
  const now = deps.now();
  const abandoned = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.exchange.updateMany({
      where: { requestId, state: { in: [...unconfirmedExchangeStates] }, createdAt: { lte: cutoff } },
      data: { state: "ABANDONED" },
    });
    if (count === 0) return false;
    await tx.request.update({ where: { id: requestId }, data: { status: "CANCELLED" } });
    await appendSessionEvents(tx, requestId, [
      { type: "abandoned", payload: {} },
      { type: "closed", payload: { reason: "abandoned" } },
    ]);
    await closeSessionData(tx, requestId, now);
    return true;
  });
  if (abandoned) {
    pairingEnded("abandoned");
    await notifySession(deps, requestId);
  }
  return abandoned;
}

/**
 * After the retention window only the audit record stays: ids, the two
 * account ids, type, trigger, times, the request's status and the exchange's
 * state (how it ended). The preview, position, identification, commitment and
 * the whole session log go.
 */
export async function purgeRequestIfDue(deps: ServerDeps, requestId: string, cutoff: Date): Promise<boolean> {
  const now = deps.now();
  return deps.db.$transaction(async (tx) => {
    const { count } = await tx.request.updateMany({
      where: { id: requestId, closedAt: { lte: cutoff }, purgedAt: null },
      data: { preview: null, latitude: null, longitude: null, accuracyMeters: null, identification: null, identificationHandle: null, purgedAt: now },
    });
    if (count === 0) return false;
    await tx.exchangeEvent.deleteMany({ where: { requestId } });
    await tx.exchange.updateMany({ where: { requestId }, data: { commitment: null } });
    return true;
  });
}

/**
 * One pass: closes requests whose deadline passed (watched or not), ends
 * pairings unconfirmed for too long, purges what outlived its retention. Every
 * change is a conditional update, so instances sweeping together agree.
 */
export async function sweepOnce(deps: ServerDeps, lifetimes: Lifetimes): Promise<{ expired: number; abandoned: number; purged: number }> {
  const now = deps.now();
  const pairingsDue = pairingCutoff(now, lifetimes.pairingTimeoutSeconds);
  const retentionCutoff = new Date(now.getTime() - lifetimes.retentionHours * 3_600_000);
  const [due, stale, old] = await Promise.all([
    deps.db.request.findMany({ where: { status: "OPEN", deadline: { lte: now } }, select: { id: true }, take: BATCH }),
    deps.db.exchange.findMany({
      where: { state: { in: [...unconfirmedExchangeStates] }, createdAt: { lte: pairingsDue } },
      select: { requestId: true },
      take: BATCH,
    }),
    deps.db.request.findMany({ where: { closedAt: { lte: retentionCutoff }, purgedAt: null }, select: { id: true }, take: BATCH }),
  ]);
  let expired = 0;
  let abandoned = 0;
  let purged = 0;
  for (const { id } of due) if (await expireRequestIfDue(deps, id)) expired++;
  for (const { requestId } of stale) if (await abandonPairingIfDue(deps, requestId, pairingsDue)) abandoned++;
  for (const { id } of old) if (await purgeRequestIfDue(deps, id, retentionCutoff)) purged++;
  return { expired, abandoned, purged };
}

/** Sweeps every `intervalMs` until stopped; `stop` waits for a sweep under way. */
export function startSweeper(deps: ServerDeps, lifetimes: Lifetimes, intervalMs = 5000) {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(() =>
      stopped
        ? undefined
        : sweepOnce(deps, lifetimes).catch((error: unknown) => {
            logger().error({ error: errorFields(error) }, "sweep failed");
          }),
    );
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
