import "server-only";
import { openRequestAt } from "../db/filters";
import type { BusinessDataType } from "~/shared/business-data";
import type { Actor, ServerDeps } from "../deps";
import { distanceMeters, type Position } from "~/shared/geo/distance";
import { nextOrTimeout } from "../events/timing";
import { type Registration, requireRegistration } from "../processors/service";
import { submitPushed } from "../metrics/metrics";
import { liveHub } from "./live-hub";
import { RecentlyClosed, ShownRequests } from "./shown-requests";
import { openRequestIndex } from "./open-index";
import type { OpenRequestSummary, RequestFeedMessage } from "../events/topics";
import { summarySelect, toSummary } from "./summary";

export interface ListedRequest extends OpenRequestSummary {
  distanceMeters: number;
}

export type LiveListEvent =
  | { kind: "snapshot"; requests: ListedRequest[] }
  | { kind: "added"; request: ListedRequest }
  | { kind: "removed"; requestId: string; reason: "paired" | "cancelled" | "refused" | "expired" };

/** More than anyone can choose from on one screen; the nearest win. */
export const LIST_LIMIT = 500;

/** How long a live list remembers a close, against its open arriving late from another instance. */
const CLOSED_REMEMBERED_MS = 5 * 60_000;

interface Area extends Position {
  radiusMeters: number;
}

/** Pull (claim 4): open requests of one type within the processor's radius, nearest first. */
export async function listByType(deps: ServerDeps, processor: Actor, type: BusinessDataType): Promise<ListedRequest[]> {
  const registration = await requireRegistration(deps, processor.userId);
  return openRequestsNear(deps, registration, [type], processor.userId);
}

/** The open requests sent to this desk by its code: listed wherever the requester is. */
async function openRequestsSentTo(deps: ServerDeps, processorId: string, area: Area, types: BusinessDataType[]): Promise<ListedRequest[]> {
  const rows = await deps.db.request.findMany({
    where: { targetProcessorId: processorId, ...openRequestAt(deps.now()) },
    orderBy: { createdAt: "asc" },
    take: LIST_LIMIT,
    select: summarySelect,
  });
  const listed: ListedRequest[] = [];
  for (const row of rows) {
    const summary = types.includes(row.type) ? toSummary(row) : null;
    if (summary) listed.push({ ...summary, distanceMeters: distanceMeters(area, summary) });
  }
  return listed;
}

/** The desk's list: what was sent to it by its code, and the requests in its radius (which never include another desk's). */
async function openRequestsNear(deps: ServerDeps, area: Area, types: BusinessDataType[], processorId: string): Promise<ListedRequest[]> {
  const now = deps.now();
  const sentTo = await openRequestsSentTo(deps, processorId, area, types);
  // The in-memory index finds the nearest candidates, exactly by great-circle distance;
  // the database confirms they are still open (it is the record) and supplies what is shown.
  const candidates = await openRequestIndex(deps).nearest({ ...area, types, excludeRequesterId: processorId, now, limit: LIST_LIMIT });
  if (candidates.length === 0) return sentTo;
  const rows = await deps.db.request.findMany({
    where: { id: { in: candidates.map((c) => c.item.id) }, targetProcessorId: null, ...openRequestAt(now) },
    select: summarySelect,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const listed: ListedRequest[] = [...sentTo];
  for (const { item, distanceMeters } of candidates) {
    const row = byId.get(item.id);
    const summary = row ? toSummary(row) : null;
    if (summary) listed.push({ ...summary, distanceMeters });
  }
  // Equal distances: the older request first, as before.
  listed.sort((a, b) => a.distanceMeters - b.distanceMeters || a.createdAt.getTime() - b.createdAt.getTime());
  return listed;
}

/**
 * Push (claim 2): a snapshot of the open requests in range, then each arrival
 * and removal as it happens. A reconnecting client gets a fresh snapshot,
 * which is the complete state, so nothing is lost across a reconnect.
 */
export async function openLiveList(deps: ServerDeps, processor: Actor, signal: AbortSignal): Promise<AsyncGenerator<LiveListEvent>> {
  const registration = await requireRegistration(deps, processor.userId);
  // Join the feed (the part of it within the radius) before the snapshot query so nothing slips between the two.
  const feed = await liveHub(deps).join({ ...registration, processorId: processor.userId }, signal);
  return streamLiveList(deps, processor, registration, feed, signal);
}

async function* streamLiveList(
  deps: ServerDeps,
  processor: Actor,
  registration: Registration,
  feed: AsyncIterableIterator<RequestFeedMessage>,
  signal: AbortSignal,
): AsyncGenerator<LiveListEvent> {
  try {
    const snapshot = await openRequestsNear(deps, registration, registration.types, processor.userId);
    const shown = new ShownRequests();
    for (const request of snapshot) shown.add(request.id, request.deadline);
    const closed = new RecentlyClosed(CLOSED_REMEMBERED_MS);
    yield { kind: "snapshot", requests: snapshot };

    let pending = feed.next();
    while (!signal.aborted) {
      const expiresInMs = shown.nextExpiryIn(deps.now().getTime());
      const result = await nextOrTimeout(pending, expiresInMs, signal);
      if (result === "timeout") {
        for (const id of shown.takeExpired(deps.now().getTime())) yield { kind: "removed", requestId: id, reason: "expired" };
        continue;
      }
      if (result.done) return;
      pending = feed.next();
      const message = result.value;
      const now = deps.now();
      if (message.kind === "closed") {
        closed.add(message.requestId, now.getTime());
        if (shown.delete(message.requestId)) yield { kind: "removed", requestId: message.requestId, reason: message.reason };
        continue;
      }
      const request = message.request;
      if (message.reopened) closed.delete(request.id);
      // A close can overtake its own open on the bus; never resurrect it (unless a desk released it since).
      if (closed.has(request.id, now.getTime()) || shown.has(request.id)) continue;
      if (!registration.types.includes(request.type) || message.requesterId === processor.userId) continue;
      if (request.deadline && request.deadline <= now) continue;
      if (message.targetProcessorId !== undefined && message.targetProcessorId !== processor.userId) continue;
      const distance = distanceMeters(registration, request);
      if (message.targetProcessorId === undefined && distance > registration.radiusMeters) continue;
      shown.add(request.id, request.deadline);
      if (message.committedAt !== undefined) submitPushed(message.committedAt);
      yield { kind: "added", request: { ...request, distanceMeters: distance } };
    }
  } finally {
    await feed.return?.();
  }
}
