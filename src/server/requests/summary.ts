import "server-only";
import { maskIdentification } from "../accounts/identification";
import type { Prisma } from "../db/generated/client";
import type { OpenRequestSummary } from "../events/topics";

/** The columns a listed request is read with: what a processor may see before pairing, and no more. */
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
} satisfies Prisma.RequestSelect;

export type SummaryRow = Prisma.RequestGetPayload<{ select: typeof summarySelect }>;

export function toSummary(row: SummaryRow): OpenRequestSummary {
  const { requester, ...rest } = row;
  return { ...rest, maskedIdentification: maskIdentification(rest.identification), displayName: requester.displayName };
}
