import "server-only";
import { z } from "zod";

/** The largest event id: ExchangeEvent.id is a PostgreSQL integer (int4). */
export const MAX_EVENT_ID = 2_147_483_647;

/** Request ids are UUIDs (requests/service.ts): letters, digits and dashes. Anything else cannot name a request, so it never reaches the database. */
export const requestIdSchema = z
  .string()
  .trim()
  .min(1, "A request id is required.")
  .max(64, "That is not a request id.")
  .regex(/^[A-Za-z0-9-]+$/, "That is not a request id.");

/** A session event id as the SSE Last-Event-ID carries it: digits, within the id column's range. */
export const eventIdSchema = z
  .string()
  .regex(/^\d{1,10}$/, "lastEventId is an event number.")
  .transform(Number)
  .refine((id) => id <= MAX_EVENT_ID, "lastEventId is beyond any event.");
