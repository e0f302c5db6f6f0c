import { z } from "zod";
import { businessDataTypes } from "../business-data/schema";
import { commitmentSchema, nonceSchema, publicKeySchema, sealedMessageSchema } from "../handover/messages";
import type { SessionEventType } from "./state-machine";

/**
 * The session log's contract: one payload per event type. The server writes
 * these, and both screens read them back through the same schemas, so
 * neither re-parses untyped payloads field by field.
 */

export const closeReasons = ["done", "refused", "cancelled", "expired", "abandoned"] as const;
export type CloseReason = (typeof closeReasons)[number];

const empty = z.object({});

export const sessionPayloadSchemas = {
  submitted: z.object({
    type: z.enum(businessDataTypes),
    preview: z.string(),
    deadline: z.string().nullable(),
    trigger: z.enum(["SHAKE", "TAP"]),
  }),
  /**
   * Names both parties (the requester's identification masked), carries the desk's commitment to its key, and
   * when the pairing ends by itself unless the requester confirms (absent in logs written before it was added).
   */
  paired: z.object({
    exchangeId: z.string(),
    processorName: z.string(),
    requesterName: z.string(),
    requesterMaskedIdentification: z.string(),
    commitment: commitmentSchema,
    endsAt: z.string().optional(),
  }),
  requester_key: z.object({ publicKey: publicKeySchema }),
  processor_key: z.object({ publicKey: publicKeySchema, nonce: nonceSchema }),
  confirmed: empty,
  /** The business data and the requester's identification, sealed to the desk; null once the session closed. */
  data_handed_over: z.object({ sealed: sealedMessageSchema.nullable() }),
  /** The desk's answer sealed to the phone; null once the session closed. */
  payment_confirmation: z.object({ sealed: sealedMessageSchema.nullable() }),
  acknowledged: empty,
  refused: empty,
  cancelled: empty,
  expired: empty,
  abandoned: empty,
  released: empty,
  closed: z.object({ reason: z.enum(closeReasons) }),
} satisfies Record<SessionEventType, z.ZodType>;

export type SessionPayloads = { [K in SessionEventType]: z.output<(typeof sessionPayloadSchemas)[K]> };

/** One event of the session log, typed by its type. */
export type SessionEvent = { [K in SessionEventType]: { id: number; type: K; payload: SessionPayloads[K]; createdAt: Date } }[SessionEventType];

/** What a writer appends: a type and its payload. */
export type NewSessionEvent = { [K in SessionEventType]: { type: K; payload: SessionPayloads[K] } }[SessionEventType];

/** The event types whose payload holds ciphertext: emptied in the transaction that closes the session. */
export const sealedEventTypes = ["data_handed_over", "payment_confirmation"] as const satisfies readonly SessionEventType[];

function isEventType(type: string): type is SessionEventType {
  return Object.hasOwn(sessionPayloadSchemas, type);
}

/** Checks one event as read from the log or the stream; null for anything that does not fit the contract. */
export function parseSessionEvent(raw: { id: number; type: string; payload: unknown; createdAt: Date }): SessionEvent | null {
  if (!isEventType(raw.type)) return null;
  const parsed = sessionPayloadSchemas[raw.type].safeParse(raw.payload);
  if (!parsed.success) return null;
  return { id: raw.id, type: raw.type, payload: parsed.data, createdAt: raw.createdAt } as SessionEvent;
}
