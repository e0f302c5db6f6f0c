import { maskIdentification } from "../accounts/identification";
import type { BusinessDataType } from "../business-data";

/** What processors may know of an open request before they win it: never the full business data. */
export interface OpenRequestSummary {
  id: string;
  type: BusinessDataType;
  identification: string;
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
  | { kind: "opened"; request: OpenRequestSummary; requesterId: string }
  // The place lets each instance hand the close only to the live lists that can show it.
  | { kind: "closed"; requestId: string; reason: "paired" | "cancelled" | "refused"; latitude?: number; longitude?: number };

export const summarySelect = {
  id: true,
  type: true,
  identification: true,
  preview: true,
  latitude: true,
  longitude: true,
  deadline: true,
  createdAt: true,
  requester: { select: { displayName: true } },
} as const;

export function toSummary(row: {
  id: string;
  type: BusinessDataType;
  identification: string;
  preview: string;
  latitude: number;
  longitude: number;
  deadline: Date | null;
  createdAt: Date;
  requester: { displayName: string };
}): OpenRequestSummary {
  const { requester, ...rest } = row;
  return { ...rest, maskedIdentification: maskIdentification(rest.identification), displayName: requester.displayName };
}
