import "server-only";
import { openRequestAt } from "../db/filters";
import type { PaymentAnswer } from "~/shared/business-data";
import { effectiveStatus, type RequestStatus } from "~/shared/deadline/deadline";
import type { Prisma } from "../db/generated/client";
import type { Actor, ServerDeps } from "../deps";
import { DomainError } from "../errors";
import { topics } from "../events/topics";
import { nextOrTimeout } from "../events/timing";
import { distanceMeters } from "~/shared/geo/distance";
import { requireRegistration } from "../processors/service";
import type { RequestFeedMessage } from "../events/topics";
import { appendSessionEvents, notifySession, readSessionEvents, type SessionEvent } from "./session-log";
import { generateShortCode } from "./short-code";
import {
  type ExchangeAction,
  type ExchangeState,
  openExchangeStates,
  type Party,
  type SessionEventType,
  transition,
} from "~/shared/exchange/state-machine";

type EffectiveStatus = RequestStatus | "EXPIRED";

function unavailable(status: EffectiveStatus): DomainError {
  switch (status) {
    case "EXPIRED":
      return new DomainError("CONFLICT", "REQUEST_EXPIRED", "This request's agreed processing time has passed; it can no longer be selected.");
    case "CANCELLED":
      return new DomainError("CONFLICT", "REQUEST_CANCELLED", "The requester cancelled this request.");
    default:
      return new DomainError("CONFLICT", "REQUEST_TAKEN", "Another processor already selected this request.");
  }
}

/**
 * Claims 1 and 6: the processor picks one requester by identification. The
 * conditional update is the only arbiter: of any number of concurrent
 * selects, in any number of processes, exactly one changes the row.
 */
export async function selectRequest(deps: ServerDeps, processor: Actor, input: { requestId: string; requesterIdentification: string }) {
  const registration = await requireRegistration(deps, processor.userId);
  const request = await deps.db.request.findUnique({
    where: { id: input.requestId },
    select: {
      id: true,
      requesterId: true,
      identification: true,
      latitude: true,
      longitude: true,
      status: true,
      deadline: true,
      requester: { select: { displayName: true } },
    },
  });
  if (!request) throw new DomainError("NOT_FOUND", "REQUEST_NOT_FOUND", "No request has that id; refresh your list.");
  if (request.identification !== input.requesterIdentification) {
    throw new DomainError(
      "BAD_REQUEST",
      "IDENTIFICATION_MISMATCH",
      "That request belongs to another requester: check the identification you picked.",
    );
  }
  if (request.requesterId === processor.userId) {
    throw new DomainError("BAD_REQUEST", "OWN_REQUEST", "You cannot process your own request.");
  }
  const now = deps.now();
  const status = effectiveStatus(request.status, request.deadline, now);
  if (status !== "OPEN") throw unavailable(status);
  if (distanceMeters(registration, request) > registration.radiusMeters) {
    throw new DomainError("FORBIDDEN", "OUT_OF_RADIUS", "This requester is outside your radius; move closer or widen your radius.");
  }

  const shortCode = generateShortCode();
  const exchange = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.request.updateMany({
      where: { id: request.id, ...openRequestAt(now) },
      data: { status: "PAIRED" },
    });
    if (count === 0) {
      const current = await tx.request.findUniqueOrThrow({ where: { id: request.id }, select: { status: true, deadline: true } });
      throw unavailable(effectiveStatus(current.status, current.deadline, now));
    }
    const created = await tx.exchange.create({
      data: { requestId: request.id, processorId: processor.userId, shortCode },
      select: { id: true, processor: { select: { displayName: true, identification: true } } },
    });
    await appendSessionEvents(tx, request.id, [
      {
        type: "paired",
        // Both parties' names, so either screen can show whom it is dealing with, even after a reload.
        payload: {
          exchangeId: created.id,
          processorName: created.processor.displayName,
          processorIdentification: created.processor.identification,
          requesterName: request.requester.displayName,
          requesterIdentification: request.identification,
        },
      },
      { type: "code_shown", payload: { code: shortCode } },
    ]);
    return created;
  });
  await deps.bus.publish(topics.requestFeed, {
    kind: "closed",
    requestId: request.id,
    reason: "paired",
    latitude: request.latitude,
    longitude: request.longitude,
  } satisfies RequestFeedMessage);
  await notifySession(deps, request.id);
  return { exchangeId: exchange.id, requestId: request.id, shortCode };
}

/** What a desk's list of its open exchanges shows of each. */
const openExchangeSelect = {
  requestId: true,
  state: true,
  createdAt: true,
  request: { select: { type: true, preview: true, identification: true, requester: { select: { displayName: true } } } },
} satisfies Prisma.ExchangeSelect;

/** The processor's exchanges still in progress, newest first, so a desk can resume any of them. */
export async function openExchangesOf(deps: ServerDeps, processor: Actor) {
  const rows = await deps.db.exchange.findMany({
    where: { processorId: processor.userId, state: { in: [...openExchangeStates] } },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: openExchangeSelect,
  });
  return rows.map(({ request, ...exchange }: Prisma.ExchangeGetPayload<{ select: typeof openExchangeSelect }>) => ({
    ...exchange,
    type: request.type,
    preview: request.preview,
    requesterIdentification: request.identification,
    requesterName: request.requester.displayName,
  }));
}

async function loadParticipation(deps: ServerDeps, viewer: Actor, requestId: string) {
  const request = await deps.db.request.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      requesterId: true,
      status: true,
      deadline: true,
      businessData: true,
      exchange: { select: { id: true, processorId: true, state: true } },
    },
  });
  const party: Party | null = !request
    ? null
    : request.requesterId === viewer.userId
      ? "requester"
      : request.exchange?.processorId === viewer.userId
        ? "processor"
        : null;
  // Same answer for "no such request" and "not yours": ids are not to be probed.
  if (!request || !party) throw new DomainError("NOT_FOUND", "SESSION_NOT_FOUND", "No exchange session of yours has that id.");
  return { request, party };
}

/** Claims 1 and 7: one step of the paired session, by the party whose turn it is. */
export async function actInSession(deps: ServerDeps, actor: Actor, requestId: string, action: ExchangeAction, answer?: PaymentAnswer) {
  const { request, party } = await loadParticipation(deps, actor, requestId);
  const exchange = request.exchange;
  if (!exchange) throw new DomainError("CONFLICT", "NOT_PAIRED", "No processor has selected this request yet.");
  const step = transition(exchange.state, action, party);
  if (!step.ok) throw new DomainError("CONFLICT", step.code, step.message);

  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.exchange.updateMany({ where: { id: exchange.id, state: exchange.state }, data: { state: step.next } });
    if (count === 0) throw new DomainError("CONFLICT", "SESSION_CHANGED", "The session moved on meanwhile; it has been refreshed, try again.");
    if (step.next === "REFUSED" || step.next === "ACKNOWLEDGED") {
      await tx.request.update({ where: { id: requestId }, data: { status: step.next === "REFUSED" ? "CANCELLED" : "DONE" } });
    }
    await appendSessionEvents(
      tx,
      requestId,
      step.events.map((type) => ({ type, payload: eventPayload(type, step.next, request.businessData, answer) })),
    );
  });
  await notifySession(deps, requestId);
  return { state: step.next };
}

function eventPayload(type: SessionEventType, next: ExchangeState, businessData: Prisma.JsonValue, answer?: PaymentAnswer): Record<string, unknown> {
  switch (type) {
    case "data_handed_over":
      return { businessData };
    case "payment_confirmation":
      return { answer };
    case "closed":
      return { reason: next === "REFUSED" ? "refused" : "done" };
    default:
      return {};
  }
}

/**
 * Closes the log of a request whose deadline passed unselected. Harmless to
 * call twice or too early: the conditional update decides.
 */
export async function expireRequestIfDue(deps: ServerDeps, requestId: string): Promise<boolean> {
  const now = deps.now();
  const expired = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.request.updateMany({ where: { id: requestId, status: "OPEN", deadline: { lte: now } }, data: { status: "EXPIRED" } });
    if (count === 1) await appendSessionEvents(tx, requestId, [{ type: "expired" }, { type: "closed", payload: { reason: "expired" } }]);
    return count === 1;
  });
  if (expired) await notifySession(deps, requestId);
  return expired;
}

/**
 * The session stream for its two parties only. Authorizes before it returns,
 * so a refusal is an ordinary error, not a broken stream. Resumes after
 * `lastEventId` with nothing lost or repeated: it subscribes first, then
 * reads the log, and on every nudge reads the log again from the last id sent.
 */
export async function openSessionStream(
  deps: ServerDeps,
  viewer: Actor,
  requestId: string,
  lastEventId: number,
  signal: AbortSignal,
): Promise<AsyncGenerator<SessionEvent>> {
  const { request, party } = await loadParticipation(deps, viewer, requestId);
  const nudges = await deps.bus.subscribe(topics.session(requestId), signal);
  // Only the requester's stream closes an expired log, once its deadline passes.
  const deadline = party === "requester" && request.status === "OPEN" ? request.deadline : null;
  // A closed log has nothing more to come: a client resuming after its end gets an empty stream.
  const closed = request.status !== "OPEN" && request.status !== "PAIRED";
  return streamSession(deps, requestId, lastEventId, deadline, closed, nudges, signal);
}

async function* streamSession(
  deps: ServerDeps,
  requestId: string,
  lastEventId: number,
  expiresAt: Date | null,
  closed: boolean,
  nudges: AsyncIterableIterator<unknown>,
  signal: AbortSignal,
): AsyncGenerator<SessionEvent> {
  try {
    let last = lastEventId;
    let deadline = expiresAt;
    let pending = nudges.next();
    while (!signal.aborted) {
      for (const event of await readSessionEvents(deps, requestId, last)) {
        last = event.id;
        yield event;
        if (event.type === "closed") return;
      }
      if (closed) return;
      const wait = deadline ? Math.max(0, deadline.getTime() - deps.now().getTime()) : null;
      const result = await nextOrTimeout(pending, wait, signal);
      if (result === "timeout") {
        deadline = null;
        await expireRequestIfDue(deps, requestId);
        continue;
      }
      if (result.done) return;
      pending = nudges.next();
    }
  } finally {
    await nudges.return?.();
  }
}
