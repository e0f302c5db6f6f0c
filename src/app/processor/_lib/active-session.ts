import type { ListedRequest } from "../../_lib/types";

/** The exchange the desk has open. */
export interface ActiveSession {
  requestId: string;
  /** The list entry picked, when the session started from the list (not after a reload). */
  entry: ListedRequest | null;
}
