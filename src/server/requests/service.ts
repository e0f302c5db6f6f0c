import type { BusinessData } from "../business-data";
import { maskedPreview } from "../business-data";
import { effectiveStatus, resolveDeadline } from "../deadline/deadline";
import type { Prisma } from "../db/generated/client";
import type { Actor, ServerDeps } from "../deps";
import { DomainError } from "../errors";
import { topics } from "../events/bus";
import { appendSessionEvents, notifySession } from "../exchange/session-log";
import type { Position } from "../geo/distance";
import { type RequestFeedMessage, summarySelect, toSummary } from "./summary";

/** A requester may have this many requests waiting at once; more is a flood, not a need. */
export const MAX_OPEN_REQUESTS_PER_REQUESTER = 5;

export interface SubmitInput {
  businessData: BusinessData;
  position: Position & { accuracyMeters?: number | null };
  deadlineSeconds?: number | null;
  trigger: "SHAKE" | "TAP";
}

export async function submitRequest(deps: ServerDeps, requester: Actor, input: SubmitInput) {
  const now = deps.now();
  const deadline = resolveDeadline(now, input.deadlineSeconds);
  const preview = maskedPreview(input.businessData);
  const created = await deps.db.$transaction(async (tx) => {
    // Lock the requester's row so concurrent submits count one after another;
    // otherwise each sees the same count and the cap is bypassed.
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ${requester.userId} FOR UPDATE`;
    const open = await tx.request.count({
      where: { requesterId: requester.userId, status: "OPEN", OR: [{ deadline: null }, { deadline: { gt: now } }] },
    });
    if (open >= MAX_OPEN_REQUESTS_PER_REQUESTER) {
      throw new DomainError(
        "TOO_MANY_REQUESTS",
        "TOO_MANY_OPEN_REQUESTS",
        `You already have ${open} requests waiting. Cancel one or wait for a processor before sending another.`,
      );
    }
    const request = await tx.request.create({
      data: {
        requesterId: requester.userId,
        identification: requester.identification,
        type: input.businessData.type,
        businessData: input.businessData as unknown as Prisma.InputJsonValue,
        preview,
        latitude: input.position.latitude,
        longitude: input.position.longitude,
        accuracyMeters: input.position.accuracyMeters ?? null,
        trigger: input.trigger,
        deadline,
      },
      select: summarySelect,
    });
    // The log never carries the full data before the requester confirms a processor.
    await appendSessionEvents(tx, request.id, [
      { type: "submitted", payload: { type: request.type, preview, deadline: deadline?.toISOString() ?? null, trigger: input.trigger } },
    ]);
    return request;
  });
  const summary = toSummary(created);
  await deps.bus.publish(topics.requestFeed, { kind: "opened", request: summary, requesterId: requester.userId } satisfies RequestFeedMessage);
  return summary;
}

export async function cancelRequest(deps: ServerDeps, requester: Actor, requestId: string) {
  const now = deps.now();
  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.request.updateMany({
      where: { id: requestId, requesterId: requester.userId, status: "OPEN", OR: [{ deadline: null }, { deadline: { gt: now } }] },
      data: { status: "CANCELLED" },
    });
    if (count === 0) {
      const request = await tx.request.findUnique({ where: { id: requestId }, select: { requesterId: true, status: true, deadline: true } });
      if (!request || request.requesterId !== requester.userId) {
        throw new DomainError("NOT_FOUND", "REQUEST_NOT_FOUND", "No request of yours has that id.");
      }
      const status = effectiveStatus(request.status, request.deadline, now);
      throw new DomainError(
        "CONFLICT",
        `REQUEST_${status}`,
        status === "PAIRED"
          ? "A processor has already selected this request; refuse the pairing instead if the code does not match."
          : `This request is ${status.toLowerCase()} and can no longer be cancelled.`,
      );
    }
    await appendSessionEvents(tx, requestId, [{ type: "cancelled" }, { type: "closed", payload: { reason: "cancelled" } }]);
  });
  await deps.bus.publish(topics.requestFeed, { kind: "closed", requestId, reason: "cancelled" } satisfies RequestFeedMessage);
  await notifySession(deps, requestId);
}

/** The requester's own recent requests, newest first, with their status as of now. */
export async function myRequests(deps: ServerDeps, requester: Actor) {
  const now = deps.now();
  const rows = await deps.db.request.findMany({
    where: { requesterId: requester.userId },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: {
      id: true,
      type: true,
      preview: true,
      deadline: true,
      status: true,
      trigger: true,
      createdAt: true,
      exchange: { select: { id: true, state: true, processor: { select: { displayName: true, identification: true } } } },
    },
  });
  return rows.map(({ status, ...row }) => ({ ...row, status: effectiveStatus(status, row.deadline, now) }));
}
