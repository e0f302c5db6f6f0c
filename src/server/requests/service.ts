import "server-only";
import type { Prisma } from "../db/generated/client";
import { openRequestAt } from "../db/filters";
import { randomUUID } from "node:crypto";
import { maskIdentification } from "../accounts/identification";
import type { BusinessDataType } from "~/shared/business-data";
import { deadlineSecondsOrDefault, effectiveStatus, resolveDeadline } from "~/shared/deadline/deadline";
import type { Actor, ServerDeps } from "../deps";
import { DomainError } from "../errors";
import { topics } from "../events/topics";
import { appendSessionEvents, closeSessionData, notifySession } from "../exchange/session-log";
import type { Position } from "~/shared/geo/distance";
import { findDeskByCode } from "../processors/service";
import { randomString } from "../random";
import type { OpenRequestSummary, RequestFeedMessage } from "../events/topics";

/** A requester may have this many requests waiting at once; more is a flood, not a need. */
export const MAX_OPEN_REQUESTS_PER_REQUESTER = 5;

/**
 * The business data itself stays on the phone, which seals it to the paired
 * desk later: a request carries only its type and the masked preview the
 * phone computed (the router checks its shape).
 */
export interface SubmitInput {
  type: BusinessDataType;
  preview: string;
  /** Where the requester is; absent only when sent to a desk by code, which then places the request at the desk. */
  position?: (Position & { accuracyMeters?: number | null }) | undefined;
  /** Sent by desk code (already normalised by deskCodeSchema): that desk alone lists it, whatever the position. */
  deskCode?: string | undefined;
  deadlineSeconds?: number | null;
  trigger: "SHAKE" | "TAP";
}

interface SubmitResult {
  openCount: number;
  accepted: boolean;
  displayName: string | null;
}

const SUBMIT_SQL = `SELECT * FROM "nx_submit_request"($1, $2, $3, $4, $5::"BusinessDataType", $6, $7::float8, $8::float8, $9::float8,
  $10::"SendTrigger", $11::timestamp(3), $12::timestamp(3), $13::int, $14::jsonb, $15)`;

export async function submitRequest(deps: ServerDeps, requester: Actor, input: SubmitInput) {
  const target = input.deskCode === undefined ? null : await findDeskByCode(deps, requester, input.deskCode);
  if (target && !target.registration.types.includes(input.type)) {
    throw new DomainError(
      "PRECONDITION_FAILED",
      "DESK_TYPE_REFUSED",
      "This desk does not take this type of data. Choose another type, or ask the desk.",
    );
  }
  // A targeted request sits at its desk: the desk's map and distance read it there, and no other desk matches it anyway.
  const position = target ? { ...target.registration, accuracyMeters: null } : input.position;
  if (!position) throw new DomainError("BAD_REQUEST", "POSITION_REQUIRED", "Place yourself on the map, or send to a desk by its code.");
  const now = deps.now();
  const deadline = resolveDeadline(now, deadlineSecondsOrDefault(input.deadlineSeconds));
  const preview = input.preview;
  const id = randomUUID();
  const identificationHandle = randomString(18, "base64url");
  const submitted = { type: input.type, preview, deadline: deadline?.toISOString() ?? null, trigger: input.trigger };
  // One round trip: lock the requester, count, insert the request and its first
  // event (prisma/migrations/*_submit_request_function). Four Prisma queries in
  // an interactive transaction spent most of a submit in Prisma's own code, and
  // even $queryRaw spent a sixth of it there: deps.sql runs it on the same pool.
  const [result] = await deps.sql<SubmitResult>(SUBMIT_SQL, [
    id,
    requester.userId,
    requester.identification,
    identificationHandle,
    input.type,
    preview,
    position.latitude,
    position.longitude,
    position.accuracyMeters ?? null,
    input.trigger,
    // As UTC ISO strings: pg would send a Date in the server's local time, and the columns have no zone.
    deadline?.toISOString() ?? null,
    now.toISOString(),
    MAX_OPEN_REQUESTS_PER_REQUESTER,
    JSON.stringify(submitted),
    target?.processorId ?? null,
  ]);
  if (!result || result.displayName === null)
    throw new DomainError("UNAUTHORIZED", "ACCOUNT_NOT_FOUND", "Your account no longer exists; sign in again.");
  if (!result.accepted) {
    throw new DomainError(
      "TOO_MANY_REQUESTS",
      "TOO_MANY_OPEN_REQUESTS",
      `You already have ${result.openCount} requests waiting. Cancel one or wait for a processor before sending another.`,
    );
  }
  const summary: OpenRequestSummary = {
    id,
    type: input.type,
    identificationHandle,
    maskedIdentification: maskIdentification(requester.identification),
    displayName: result.displayName,
    preview,
    latitude: position.latitude,
    longitude: position.longitude,
    deadline,
    createdAt: now,
  };
  // The real clock, not deps.now(): the latency metric measures time as it passes.
  const message: RequestFeedMessage = { kind: "opened", request: summary, requesterId: requester.userId, committedAt: Date.now() };
  if (target) message.targetProcessorId = target.processorId;
  await deps.bus.publish(topics.requestFeed, message);
  return { ...summary, desk: target ? { displayName: target.displayName } : null };
}

export async function cancelRequest(deps: ServerDeps, requester: Actor, requestId: string) {
  const now = deps.now();
  const place = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.request.updateMany({
      where: { id: requestId, requesterId: requester.userId, ...openRequestAt(now) },
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
    await appendSessionEvents(tx, requestId, [
      { type: "cancelled", payload: {} },
      { type: "closed", payload: { reason: "cancelled" } },
    ]);
    await closeSessionData(tx, requestId, now);
    return tx.request.findUniqueOrThrow({ where: { id: requestId }, select: { latitude: true, longitude: true } });
  });
  await deps.bus.publish(topics.requestFeed, {
    kind: "closed",
    requestId,
    reason: "cancelled",
    latitude: place.latitude ?? undefined,
    longitude: place.longitude ?? undefined,
  } satisfies RequestFeedMessage);
  await notifySession(deps, requestId);
}

/** What the requester's own list shows of each request: never the business data itself. */
const myRequestSelect = {
  id: true,
  type: true,
  preview: true,
  deadline: true,
  status: true,
  trigger: true,
  createdAt: true,
  exchange: { select: { id: true, state: true, processor: { select: { displayName: true, identification: true } } } },
} satisfies Prisma.RequestSelect;

/** The requester's own recent requests, newest first, with their status as of now. */
export async function myRequests(deps: ServerDeps, requester: Actor) {
  const now = deps.now();
  const rows = await deps.db.request.findMany({
    where: { requesterId: requester.userId },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: myRequestSelect,
  });
  return rows.map(({ status, ...row }: Prisma.RequestGetPayload<{ select: typeof myRequestSelect }>) => ({
    ...row,
    status: effectiveStatus(status, row.deadline, now),
  }));
}
