/** What to do to a layer of markers keyed by id so it shows exactly `next`. */
export interface MarkerDiff<T> {
  added: T[];
  removed: string[];
  kept: number;
}

/**
 * Diffs the ids on the map against the entries that should be there: only the
 * difference touches Leaflet, so a live list of 1,000 requests does not
 * rebuild its markers on every arrival.
 */
export function diffMarkers<T extends { id: string }>(shown: Iterable<string>, next: readonly T[]): MarkerDiff<T> {
  const wanted = new Map<string, T>();
  for (const entry of next) if (!wanted.has(entry.id)) wanted.set(entry.id, entry);
  const removed: string[] = [];
  let kept = 0;
  const present = new Set<string>();
  for (const id of shown) {
    present.add(id);
    if (wanted.has(id)) kept++;
    else removed.push(id);
  }
  const added = [...wanted.values()].filter((entry) => !present.has(entry.id));
  return { added, removed, kept };
}
