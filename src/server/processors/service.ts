import "server-only";
import { Prisma } from "../db/generated/client";
import type { BusinessDataType } from "~/shared/business-data";
import type { Actor, ServerDeps } from "../deps";
import { DomainError } from "../errors";
import type { Position } from "~/shared/geo/distance";
import { randomBytes } from "node:crypto";
import { makeDeskCode } from "~/shared/desk-code/desk-code";

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
  if (!registration) throw notRegistered();
  return registration;
}

/** How often a fresh code may collide with a taken one before we give up: at 32^8 codes, never in practice. */
const DESK_CODE_ATTEMPTS = 5;

/** The desk's code, made on first ask; it stays until the desk renews it, so it can be printed. */
export async function deskCodeOf(deps: ServerDeps, processor: Actor): Promise<{ code: string }> {
  const registration = await deps.db.processorRegistration.findUnique({ where: { userId: processor.userId }, select: { deskCode: true } });
  if (!registration) throw notRegistered();
  return registration.deskCode ? { code: registration.deskCode } : renewDeskCode(deps, processor);
}

/** A new code for the desk; the old one stops working at once (a request sent to it is refused with DESK_CODE_UNKNOWN). */
export async function renewDeskCode(deps: ServerDeps, processor: Actor): Promise<{ code: string }> {
  for (let attempt = 0; attempt < DESK_CODE_ATTEMPTS; attempt++) {
    const code = makeDeskCode((length) => randomBytes(length));
    try {
      const { count } = await deps.db.processorRegistration.updateMany({ where: { userId: processor.userId }, data: { deskCode: code } });
      if (count === 0) throw notRegistered();
      return { code };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new DomainError("CONFLICT", "DESK_CODE_EXHAUSTED", "Could not make a new desk code; try again.");
}

export interface Desk {
  processorId: string;
  displayName: string;
  registration: Registration;
}

/** The desk a code names, for a requester sending to it. Callers count the lookup against RATE_LIMIT_DESK_CODE (the routers do). */
export async function findDeskByCode(deps: ServerDeps, requester: Actor, code: string): Promise<Desk> {
  const row = await deps.db.processorRegistration.findUnique({
    where: { deskCode: code },
    select: { userId: true, ...registrationSelect, user: { select: { displayName: true } } },
  });
  if (!row) throw new DomainError("NOT_FOUND", "DESK_CODE_UNKNOWN", "No desk has this code. Check it with the desk, or scan its QR code.");
  if (row.userId === requester.userId) throw new DomainError("BAD_REQUEST", "DESK_CODE_OWN", "This is your own desk's code.");
  const { userId, user, ...registration } = row;
  return { processorId: userId, displayName: user.displayName, registration };
}

function notRegistered(): DomainError {
  return new DomainError(
    "PRECONDITION_FAILED",
    "PROCESSOR_NOT_REGISTERED",
    "Register your position as a processor first: requests are matched to the position you register.",
  );
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
