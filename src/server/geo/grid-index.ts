import { boundingBox, distanceMeters, type Position } from "./distance";

/**
 * An in-memory index of points in fixed latitude/longitude cells, for "the
 * nearest N within R metres" without a database round trip. The cells only
 * narrow the candidates (via the same antimeridian- and pole-aware bounding
 * box the SQL prefilter uses); the great-circle distance decides, so answers
 * are exact: 999 m is in a 1 km radius, 1,001 m is out.
 */

/** 0.01° is ~1.1 km of latitude: a 1 km radius touches about a dozen cells. */
export const DEFAULT_CELL_DEGREES = 0.01;

/** The cell row or column of a coordinate; cells are half-open [k·size, (k+1)·size). */
export function cellOf(degrees: number, cellDegrees: number): number {
  return Math.floor(degrees / cellDegrees);
}

/** One map key per cell. */
export function cellKey(row: number, column: number): string {
  return `${row}:${column}`;
}

/** Every cell that a bounding box of the circle touches: the candidates to look at. */
export function cellsCovering(center: Position, radiusMeters: number, cellDegrees: number): Array<[number, number]> {
  const box = boundingBox(center, radiusMeters);
  const cells: Array<[number, number]> = [];
  const firstRow = cellOf(box.minLatitude, cellDegrees);
  const lastRow = cellOf(box.maxLatitude, cellDegrees);
  for (const [west, east] of box.longitudeRanges) {
    const firstColumn = cellOf(west, cellDegrees);
    const lastColumn = cellOf(east, cellDegrees);
    for (let row = firstRow; row <= lastRow; row++) for (let column = firstColumn; column <= lastColumn; column++) cells.push([row, column]);
  }
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
    if (!cell) this.cells.set(key, (cell = new Map()));
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

  /** The nearest `limit` items within `radiusMeters` of `center` (boundary included) that pass `accept`, nearest first. */
  nearest(center: Position, radiusMeters: number, limit: number, accept: (item: T) => boolean = () => true): Array<Found<T>> {
    const found: Array<Found<T>> = [];
    for (const [row, column] of cellsCovering(center, radiusMeters, this.cellDegrees)) {
      const cell = this.cells.get(cellKey(row, column));
      if (!cell) continue;
      for (const item of cell.values()) {
        const distance = distanceMeters(center, item);
        if (distance <= radiusMeters && accept(item)) found.push({ item, distanceMeters: distance });
      }
    }
    found.sort((a, b) => a.distanceMeters - b.distanceMeters);
    if (found.length > limit) found.length = limit;
    return found;
  }
}
