import { isExpired } from "~/shared/deadline/deadline";

/** Pure helpers for the processor's list and map: ordering and visibility. */

export interface EntryLike {
  id: string;
  distanceMeters: number;
  deadline: Date | null;
  createdAt: Date;
}

/** Nearest first; equally near, the one waiting longest first; then by id so the order is stable. */
export function nearestFirst<T extends EntryLike>(entries: readonly T[]): T[] {
  return [...entries].sort(
    (a, b) => a.distanceMeters - b.distanceMeters || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** What the desk shows: not dropped by a failed select, not past its deadline, nearest first. */
export function visibleEntries<T extends EntryLike>(entries: readonly T[], dropped: ReadonlySet<string>, now: number): T[] {
  return nearestFirst(entries.filter((r) => !dropped.has(r.id) && !isExpired(r.deadline, new Date(now))));
}
