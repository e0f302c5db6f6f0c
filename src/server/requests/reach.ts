import "server-only";
import type { Actor, ServerDeps } from "../deps";
import { DomainError } from "../errors";
import { boundingBox, distanceMeters } from "~/shared/geo/distance";
import { MAX_RADIUS_METERS } from "../processors/service";

/**
 * How many processors the request reached (claim 2, push): the registered
 * processors of its type whose own radius covers the requester's position.
 * Only the requester who owns the request may ask.
 */
export async function requestReach(deps: ServerDeps, requester: Actor, requestId: string): Promise<{ processorsInRange: number }> {
  const request = await deps.db.request.findUnique({
    where: { id: requestId },
    select: { requesterId: true, type: true, latitude: true, longitude: true, targetProcessorId: true },
  });
  if (!request || request.requesterId !== requester.userId) {
    throw new DomainError("NOT_FOUND", "REQUEST_NOT_FOUND", "No request of yours has that id.");
  }
  // Sent by desk code: it reached that desk alone.
  if (request.targetProcessorId !== null) return { processorsInRange: 1 };
  const { latitude, longitude } = request;
  // Purged after its retention window: it reaches no one any more.
  if (latitude === null || longitude === null) return { processorsInRange: 0 };
  const place = { latitude, longitude };
  // The box is a coarse, index-friendly prefilter; each processor's own radius decides.
  const box = boundingBox(place, MAX_RADIUS_METERS);
  const candidates = await deps.db.processorRegistration.findMany({
    where: {
      userId: { not: requester.userId },
      latitude: { gte: box.minLatitude, lte: box.maxLatitude },
      OR: box.longitudeRanges.map(([min, max]) => ({ longitude: { gte: min, lte: max } })),
    },
    select: { latitude: true, longitude: true, radiusMeters: true, types: true },
  });
  // The type is checked here: `types: { has }` on an enum array is refused by the PGlite driver adapter.
  const processorsInRange = candidates.filter((p) => p.types.includes(request.type) && distanceMeters(p, place) <= p.radiusMeters).length;
  return { processorsInRange };
}
