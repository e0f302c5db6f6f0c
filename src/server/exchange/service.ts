import "server-only";
import { openRequestAt } from "../db/filters";
import { maskIdentification } from "../accounts/identification";
import { effectiveStatus, type RequestStatus } from "~/shared/deadline/deadline";
import type { Prisma } from "../db/generated/client";
import type { Actor, ServerDeps } from "../deps";
import { DomainError } from "../errors";
import { topics } from "../events/topics";
import { nextOrTimeout } from "../events/timing";
import { distanceMeters } from "~/shared/geo/distance";
import { requireRegistration } from "../processors/service";
import type { RequestFeedMessage } from "../events/topics";
import { summarySelect, toSummary } from "../listing/summary";
import { pairingEnded } from "../metrics/metrics";
import { pairingEndsAt } from "./pairing-timeout";
import { appendSessionEvents, closeSessionData, notifySession, readSessionEvents, type SessionEvent } from "./session-log";
import type { NewSessionEvent } from "~/shared/exchange/session-events";
import { HandoverError, verifyCommitment, type SealedMessage } from "~/shared/handover/protocol";
import { type ExchangeActionKind, openExchangeStates, type StoredExchangeState, type Party, transition } from "~/shared/exchange/state-machine";

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
 * Claims 1 and 6: the processor picks one requester by identification, as
 * the opaque handle its list gave for it, and commits to its handover key.
 * The conditional update is the only arbiter: of any number of concurrent
 * selects, in any number of processes, exactly one changes the row.
 */
export async function selectRequest(
  deps: ServerDeps,
  processor: Actor,
  input: { requestId: string; identificationHandle: string; commitment: string },
  pairingTimeoutSeconds: number,
) {
  const registration = await requireRegistration(deps, processor.userId);
  const request = await deps.db.request.findUnique({
    where: { id: input.requestId },
    select: {
      id: true,
      requesterId: true,
      identification: true,
      identificationHandle: true,
      latitude: true,
      longitude: true,
      status: true,
      deadline: true,
      targetProcessorId: true,
      requester: { select: { displayName: true } },
    },
  });
  if (!request) throw new DomainError("NOT_FOUND", "REQUEST_NOT_FOUND", "No request has that id; refresh your list.");
  if (request.identificationHandle === null || request.identificationHandle !== input.identificationHandle) {
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
  const { latitude, longitude, targetProcessorId } = request;
  if (targetProcessorId !== null && targetProcessorId !== processor.userId) {
    throw new DomainError("FORBIDDEN", "SENT_TO_ANOTHER_DESK", "This request was sent to another desk by its code.");
  }
  // Sent to this desk by its code: the position does not matter.
  const inRange =
    targetProcessorId !== null ||
    (latitude !== null && longitude !== null && distanceMeters(registration, { latitude, longitude }) <= registration.radiusMeters);
  if (!inRange) {
    throw new DomainError("FORBIDDEN", "OUT_OF_RADIUS", "This requester is outside your radius; move closer or widen your radius.");
  }

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
      data: { requestId: request.id, processorId: processor.userId, state: "AWAITING_REQUESTER_KEY", commitment: input.commitment },
      select: { id: true, createdAt: true, processor: { select: { displayName: true } } },
    });
    await appendSessionEvents(tx, request.id, [
      {
        type: "paired",
        // Both parties' names, so either screen can show whom it is dealing with, even after a reload; the
        // requester's identification masked: the desk learns it in full inside the sealed handover.
        payload: {
          exchangeId: created.id,
          processorName: created.processor.displayName,
          requesterName: request.requester.displayName,
          requesterMaskedIdentification: maskIdentification(request.identification ?? ""),
          commitment: input.commitment,
          endsAt: pairingEndsAt(created.createdAt, pairingTimeoutSeconds).toISOString(),
        },
      },
    ]);
    return created;
  });
  await deps.bus.publish(topics.requestFeed, {
    kind: "closed",
    requestId: request.id,
    reason: "paired",
    latitude: latitude ?? undefined,
    longitude: longitude ?? undefined,
  } satisfies RequestFeedMessage);
  await notifySession(deps, request.id);
  return { exchangeId: exchange.id, requestId: request.id };
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
    requesterMaskedIdentification: maskIdentification(request.identification ?? ""),
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
      exchange: { select: { id: true, processorId: true, state: true, commitment: true } },
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

/** One step of the paired session with what it carries: public protocol messages and ciphertext, never plaintext. */
export type SessionStep =
  | { kind: "sendKey"; publicKey: string }
  | { kind: "revealKey"; publicKey: string; nonce: string }
  | { kind: "confirm"; sealed: SealedMessage }
  | { kind: "refuse" }
  | { kind: "release" }
  | { kind: "sendPaymentConfirmation"; sealed: SealedMessage }
  | { kind: "acknowledge" };

function stepEvents(step: SessionStep): NewSessionEvent[] {
  switch (step.kind) {
    case "sendKey":
      return [{ type: "requester_key", payload: { publicKey: step.publicKey } }];
    case "revealKey":
      return [{ type: "processor_key", payload: { publicKey: step.publicKey, nonce: step.nonce } }];
    case "confirm":
      return [
        { type: "confirmed", payload: {} },
        { type: "data_handed_over", payload: { sealed: step.sealed } },
      ];
    case "refuse":
      return [
        { type: "refused", payload: {} },
        { type: "closed", payload: { reason: "refused" } },
      ];
    case "release":
      return [{ type: "released", payload: {} }];
    case "sendPaymentConfirmation":
      return [{ type: "payment_confirmation", payload: { sealed: step.sealed } }];
    case "acknowledge":
      return [
        { type: "acknowledged", payload: {} },
        { type: "closed", payload: { reason: "done" } },
      ];
  }
}

/** Claims 1 and 7: one step of the paired session, by the party whose turn it is. */
export async function actInSession(deps: ServerDeps, actor: Actor, requestId: string, step: SessionStep) {
  const { request, party } = await loadParticipation(deps, actor, requestId);
  const exchange = request.exchange;
  if (!exchange) throw new DomainError("CONFLICT", "NOT_PAIRED", "No processor has selected this request yet.");
  const kind: ExchangeActionKind = step.kind;
  const result = transition(exchange.state, { kind }, party);
  if (!result.ok) throw new DomainError("CONFLICT", result.code, result.message);
  if ((step.kind === "confirm" || step.kind === "sendPaymentConfirmation") && step.sealed.requestId !== requestId) {
    throw new DomainError("BAD_REQUEST", "WRONG_REQUEST", "That sealed message names another request.");
  }
  // The reveal is public: checking it here refuses a desk's mistake at once (the phone checks it again, trusting no server).
  if (step.kind === "revealKey") await checkReveal(requestId, exchange.commitment, step.publicKey, step.nonce);

  const now = deps.now();
  const next = result.next;
  if (next === "RELEASED") {
    await releasePairing(deps, requestId, exchange, stepEvents(step));
    pairingEnded("released");
    return { state: next };
  }
  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.exchange.updateMany({ where: { id: exchange.id, state: exchange.state }, data: { state: next } });
    if (count === 0) throw new DomainError("CONFLICT", "SESSION_CHANGED", "The session moved on meanwhile; it has been refreshed, try again.");
    await appendSessionEvents(tx, requestId, stepEvents(step));
    if (next === "REFUSED" || next === "ACKNOWLEDGED") {
      await tx.request.update({ where: { id: requestId }, data: { status: next === "REFUSED" ? "CANCELLED" : "DONE" } });
      await closeSessionData(tx, requestId, now);
    }
  });
  if (next === "REFUSED" || next === "ACKNOWLEDGED") pairingEnded(next === "REFUSED" ? "refused" : "done");
  await notifySession(deps, requestId);
  return { state: next };
}

/** What a reopened request shows in the lists again (the summary it had when it was sent), and whom it goes to. */
const reopenedSelect = { ...summarySelect, requesterId: true, targetProcessorId: true } satisfies Prisma.RequestSelect;

/**
 * The desk lets the requester go before the code was confirmed: the pairing
 * and its key material (commitment, both public keys) are dropped, and the
 * request is open again, live and in the pulled lists, with its own deadline.
 */
async function releasePairing(deps: ServerDeps, requestId: string, exchange: { id: string; state: StoredExchangeState }, events: NewSessionEvent[]) {
  const request = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.exchange.deleteMany({ where: { id: exchange.id, state: exchange.state } });
    if (count === 0) throw new DomainError("CONFLICT", "SESSION_CHANGED", "The session moved on meanwhile; it has been refreshed, try again.");
    await tx.exchangeEvent.deleteMany({ where: { requestId, type: { in: ["paired", "requester_key", "processor_key"] } } });
    await appendSessionEvents(tx, requestId, events);
    return tx.request.update({ where: { id: requestId }, data: { status: "OPEN" }, select: reopenedSelect });
  });
  // The routing fields stay out of the summary: desks never see who sent it.
  const { requesterId, targetProcessorId, ...row } = request;
  const summary = toSummary(row);
  if (summary) {
    // A request sent by desk code goes back to that desk alone.
    const message: RequestFeedMessage = { kind: "opened", request: summary, requesterId, reopened: true };
    if (targetProcessorId !== null) message.targetProcessorId = targetProcessorId;
    await deps.bus.publish(topics.requestFeed, message);
  }
  await notifySession(deps, requestId);
}

async function checkReveal(requestId: string, commitment: string | null, publicKey: string, nonce: string): Promise<void> {
  try {
    if (!commitment) throw new HandoverError("COMMITMENT_MISMATCH", "No commitment was made for this pairing.");
    await verifyCommitment(requestId, commitment, publicKey, nonce);
  } catch (error) {
    if (!(error instanceof HandoverError)) throw error;
    throw new DomainError("BAD_REQUEST", error.code, error.message);
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
    if (count === 1) {
      await appendSessionEvents(tx, requestId, [
        { type: "expired", payload: {} },
        { type: "closed", payload: { reason: "expired" } },
      ]);
      await closeSessionData(tx, requestId, now);
    }
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
  return streamSession(deps, requestId, lastEventId, deadline, closed, party, nudges, signal);
}

async function* streamSession(
  deps: ServerDeps,
  requestId: string,
  lastEventId: number,
  expiresAt: Date | null,
  closed: boolean,
  party: Party,
  nudges: AsyncIterableIterator<unknown>,
  signal: AbortSignal,
): AsyncGenerator<SessionEvent> {
  try {
    let last = lastEventId;
    let deadline = expiresAt;
    let pending = nudges.next();
    while (!signal.aborted) {
      const events = await readSessionEvents(deps, requestId, last);
      for (const [i, event] of events.entries()) {
        last = event.id;
        yield event;
        if (event.type === "closed") return;
        // A released desk is no party any more: its stream ends; the requester's goes on waiting for another desk.
        // A release replayed before a later pairing was an earlier desk's (or this desk's before it picked the request again).
        if (event.type === "released" && party === "processor" && !events.slice(i + 1).some((e) => e.type === "paired")) return;
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
