import "server-only";
import type { Prisma } from "./generated/client";

/**
 * A request that can still be listed, selected or cancelled at `now`: OPEN
 * and before its deadline, if it has one (the rule `effectiveStatus` in
 * ~/shared/deadline applies to a row already read).
 */
export function openRequestAt(now: Date) {
  return { status: "OPEN", OR: [{ deadline: null }, { deadline: { gt: now } }] } satisfies Prisma.RequestWhereInput;
}
