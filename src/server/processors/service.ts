import "server-only";
import type { Prisma } from "../db/generated/client";
import type { BusinessDataType } from "~/shared/business-data";
import type { Actor, ServerDeps } from "../deps";
import { DomainError } from "../errors";
import type { Position } from "~/shared/geo/distance";

export const DEFAULT_RADIUS_METERS = 1000;
/** The widest radius a processor may register; searches for the processors near a point must cover it. */
export const MAX_RADIUS_METERS = 10_000;

export interface Registration extends Position {
  radiusMeters: number;
  types: BusinessDataType[];
}

/** A registration as the desk and the matching read it: its place, reach and types, nothing else of the row. */
const registrationSelect = { latitude: true, longitude: true, radiusMeters: true, types: true } satisfies Prisma.ProcessorRegistrationSelect;

export async function registerProcessor(deps: ServerDeps, processor: Actor, input: Registration): Promise<Registration> {
  const data = { latitude: input.latitude, longitude: input.longitude, radiusMeters: input.radiusMeters, types: input.types };
  return deps.db.processorRegistration.upsert({
    where: { userId: processor.userId },
    create: { userId: processor.userId, ...data },
    update: data,
    select: registrationSelect,
  });
}

export function findRegistration(deps: ServerDeps, processorId: string): Promise<Registration | null> {
  return deps.db.processorRegistration.findUnique({ where: { userId: processorId }, select: registrationSelect });
}

export async function requireRegistration(deps: ServerDeps, processorId: string): Promise<Registration> {
  const registration = await findRegistration(deps, processorId);
  if (!registration) {
    throw new DomainError(
      "PRECONDITION_FAILED",
      "PROCESSOR_NOT_REGISTERED",
      "Register your position as a processor first: requests are matched to the position you register.",
    );
  }
  return registration;
}
