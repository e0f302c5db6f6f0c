import "server-only";
import type { BusinessDataType } from "~/shared/business-data";

/** The bus's topics. Messages are hints; the database stays the record. */
export const topics = {
  /** Every change to the set of open requests, for processors' live lists. */
  requestFeed: "requests",
  /** New events in one request's exchange session. */
  session: (requestId: string) => `session:${requestId}`,
  /** An account signed out ({ userId }): its open streams end. One topic for all accounts, so an instance subscribes once. */
  signedOut: "signed-out",
} as const;

/** What processors may know of an open request before they win it: never the full business data. */
export interface OpenRequestSummary {
  id: string;
  type: BusinessDataType;
  /**
   * Opaque and random per request: the desk selects by it, so a desk never holds
   * a full phone number or username, and cannot link one requester's requests.
   */
  identificationHandle: string;
  /** The identification as shown on a desk's screen before pairing ("+44 •••• •••• 58", "jo•••"). */
  maskedIdentification: string;
  displayName: string;
  preview: string;
  latitude: number;
  longitude: number;
  deadline: Date | null;
  createdAt: Date;
}

/** Messages on the request feed topic. */
export type RequestFeedMessage =
  // `reopened`: a desk released its pairing, so the request comes back after its close.
  // targetProcessorId: sent by desk code, for that desk alone (position matching does not apply).
  // committedAt: the wall-clock ms its submit committed, for the submit-to-push latency metric (not on a reopen).
  | { kind: "opened"; request: OpenRequestSummary; requesterId: string; reopened?: boolean; targetProcessorId?: string; committedAt?: number }
  // The place lets each instance hand the close only to the live lists that can show it.
  | { kind: "closed"; requestId: string; reason: "paired" | "cancelled" | "refused"; latitude?: number; longitude?: number };
