import "server-only";
import { maskIdentification } from "../accounts/identification";
import type { Prisma } from "../db/generated/client";
import type { OpenRequestSummary } from "../events/topics";

/** The columns a listed request is read with: what a processor may see before pairing, and no more. */
export const summarySelect = {
  id: true,
  type: true,
  identification: true,
  identificationHandle: true,
  preview: true,
  latitude: true,
  longitude: true,
  deadline: true,
  createdAt: true,
  requester: { select: { displayName: true } },
} satisfies Prisma.RequestSelect;

export type SummaryRow = Prisma.RequestGetPayload<{ select: typeof summarySelect }>;

/**
 * The full identification is read only to mask it: it never leaves the server.
 * Null for a request already purged, which is never open and so never listed.
 */
export function toSummary(row: SummaryRow): OpenRequestSummary | null {
  const { requester, identification, identificationHandle, preview, latitude, longitude, ...rest } = row;
  if (identification === null || identificationHandle === null || preview === null || latitude === null || longitude === null) return null;
  return {
    ...rest,
    identificationHandle,
    preview,
    latitude,
    longitude,
    maskedIdentification: maskIdentification(identification),
    displayName: requester.displayName,
  };
}
