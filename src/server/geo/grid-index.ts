import "server-only";
import { boundingBox, distanceMeters, EARTH_RADIUS_METERS, type Position } from "~/shared/geo/distance";

/**
 * An in-memory index of points in fixed latitude/longitude cells, for "the
 * nearest N within R metres" without a database round trip. The cells only
 * narrow the candidates (via the same antimeridian- and pole-aware bounding
 * box the SQL prefilter uses); the great-circle distance decides, so answers
 * are exact: 999 m is in a 1 km radius, 1,001 m is out.
 */

/** 0.0025° is ~280 m of latitude: a 1 km radius touches ~100 cells, of which a dense city reads the nearest few. */
export const DEFAULT_CELL_DEGREES = 0.0025;

/** The cell row or column of a coordinate; cells are half-open [k·size, (k+1)·size). */
export function cellOf(degrees: number, cellDegrees: number): number {
  return Math.floor(degrees / cellDegrees);
}

/** One map key per cell. */
export function cellKey(row: number, column: number): string {
  return `${row}:${column}`;
}

/** Calls `visit` with every cell that a bounding box of the circle touches: the candidates to look at. */
function forEachCellCovering(center: Position, radiusMeters: number, cellDegrees: number, visit: (row: number, column: number) => void): void {
  const box = boundingBox(center, radiusMeters);
  const firstRow = cellOf(box.minLatitude, cellDegrees);
  const lastRow = cellOf(box.maxLatitude, cellDegrees);
  for (const [west, east] of box.longitudeRanges) {
    const firstColumn = cellOf(west, cellDegrees);
    const lastColumn = cellOf(east, cellDegrees);
    for (let row = firstRow; row <= lastRow; row++) for (let column = firstColumn; column <= lastColumn; column++) visit(row, column);
  }
}

/** Every cell that a bounding box of the circle touches. */
export function cellsCovering(center: Position, radiusMeters: number, cellDegrees: number): Array<[number, number]> {
  const cells: Array<[number, number]> = [];
  forEachCellCovering(center, radiusMeters, cellDegrees, (row, column) => cells.push([row, column]));
  return cells;
}

export interface Found<T> {
  item: T;
  distanceMeters: number;
}

export class GridIndex<T extends Position & { id: string }> {
  private readonly cells = new Map<string, Map<string, T>>();
  private readonly where = new Map<string, string>();

  constructor(private readonly cellDegrees = DEFAULT_CELL_DEGREES) {}

  get size(): number {
    return this.where.size;
  }

  *items(): IterableIterator<T> {
    for (const cell of [...this.cells.values()]) yield* [...cell.values()];
  }

  /** Adds the item, or moves it if its id is already indexed. */
  add(item: T): void {
    this.remove(item.id);
    const key = cellKey(cellOf(item.latitude, this.cellDegrees), cellOf(item.longitude, this.cellDegrees));
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = new Map<string, T>()));
    cell.set(item.id, item);
    this.where.set(item.id, key);
  }

  remove(id: string): boolean {
    const key = this.where.get(id);
    if (key === undefined) return false;
    const cell = this.cells.get(key)!;
    cell.delete(id);
    if (cell.size === 0) this.cells.delete(key);
    this.where.delete(id);
    return true;
  }

  /**
   * Calls `visit` with every item within `radiusMeters` of `center` (boundary
   * included), in no order. For a fan-out, which takes them all: nothing is
   * ranked, sorted or kept, where nearest() builds and sorts its cells first.
   */
  forEachWithin(center: Position, radiusMeters: number, visit: (item: T, distanceMeters: number) => void): void {
    forEachCellCovering(center, radiusMeters, this.cellDegrees, (row, column) => {
      const cell = this.cells.get(cellKey(row, column));
      if (!cell) return;
      for (const item of cell.values()) {
        const distance = distanceMeters(center, item);
        if (distance <= radiusMeters) visit(item, distance);
      }
    });
  }

  /** The nearest `limit` items within `radiusMeters` of `center` (boundary included) that pass `accept`, nearest first. */
  nearest(center: Position, radiusMeters: number, limit: number, accept: (item: T) => boolean = () => true): Array<Found<T>> {
    // A max-heap of the best `limit` so far: in a dense city thousands of points
    // are in range, and sorting them all to keep a hundred was most of the query.
    const heap = new NearestHeap<T>(limit);
    // Nearest cells first; once the heap is full, a cell that cannot hold anything
    // nearer than its farthest member ends the search (in a city, after a few cells).
    const cells = cellsCovering(center, radiusMeters, this.cellDegrees)
      .map(([row, column]) => ({ row, column, near: cellLowerBound(center, row, column, this.cellDegrees) }))
      .filter((c) => c.near <= radiusMeters)
      .sort((a, b) => a.near - b.near);
    for (const { row, column, near } of cells) {
      if (!heap.admits(near)) break;
      const cell = this.cells.get(cellKey(row, column));
      if (!cell) continue;
      for (const item of cell.values()) {
        const distance = distanceMeters(center, item);
        if (distance <= radiusMeters && heap.admits(distance) && accept(item)) heap.push(item, distance);
      }
    }
    return heap.sorted();
  }
}

/**
 * A lower bound of the distance from `center` to any point of a cell, from
 * two facts of the sphere: a point is at least as far as its latitude gap,
 * and a point whose longitude differs by at least δ (< 90°) is at least
 * asin(cos φ · sin δ) away, the distance from the centre to the great circle
 * of that meridian.
 */
export function cellLowerBound(center: Position, row: number, column: number, cellDegrees: number): number {
  const south = row * cellDegrees;
  const latitudeGap = Math.max(0, south - center.latitude, center.latitude - (south + cellDegrees));
  // The cell's west edge relative to the centre, unwrapped across the antimeridian.
  const offset = ((((column * cellDegrees - center.longitude + 180) % 360) + 360) % 360) - 180;
  const longitudeGap = offset <= 0 && offset + cellDegrees >= 0 ? 0 : Math.min(Math.abs(offset), Math.abs(offset + cellDegrees));
  // Past 90° the meridian's great circle comes back over the pole: no bound from longitude there.
  const fromMeridian = longitudeGap >= 90 ? 0 : Math.asin(Math.cos(center.latitude * DEG) * Math.sin(longitudeGap * DEG));
  return EARTH_RADIUS_METERS * Math.max(latitudeGap * DEG, fromMeridian);
}

const DEG = Math.PI / 180;

/** The `limit` smallest distances seen, as a binary max-heap (the farthest kept on top). */
export class NearestHeap<T> {
  private readonly items: Array<Found<T>> = [];

  constructor(private readonly limit: number) {}

  admits(distance: number): boolean {
    return this.items.length < this.limit || distance < this.items[0]!.distanceMeters;
  }

  push(item: T, distance: number): void {
    const heap = this.items;
    if (heap.length < this.limit) {
      heap.push({ item, distanceMeters: distance });
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heap[parent]!.distanceMeters >= heap[i]!.distanceMeters) break;
        [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
        i = parent;
      }
      return;
    }
    if (!(distance < heap[0]!.distanceMeters)) return;
    heap[0] = { item, distanceMeters: distance };
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < heap.length && heap[left]!.distanceMeters > heap[largest]!.distanceMeters) largest = left;
      if (right < heap.length && heap[right]!.distanceMeters > heap[largest]!.distanceMeters) largest = right;
      if (largest === i) return;
      [heap[largest], heap[i]] = [heap[i]!, heap[largest]!];
      i = largest;
    }
  }

  sorted(): Array<Found<T>> {
    return [...this.items].sort((a, b) => a.distanceMeters - b.distanceMeters);
  }
}
