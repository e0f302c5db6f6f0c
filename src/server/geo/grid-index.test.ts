import { describe, expect, it } from "vitest";
import { seededRandom } from "~/shared/testing/random";
import { destinationPoint, distanceMeters, type Position } from "~/shared/geo/distance";
import { cellLowerBound, cellOf, cellsCovering, GridIndex, NearestHeap } from "./grid-index";

type Point = Position & { id: string };

/** The answer without any index: every point, exact distance, sorted. */
function bruteForce(points: Point[], center: Position, radius: number, limit: number) {
  return points
    .map((p) => ({ id: p.id, d: distanceMeters(center, p) }))
    .filter((p) => p.d <= radius)
    .sort((a, b) => a.d - b.d)
    .slice(0, limit)
    .map((p) => p.id);
}

describe("cell math", () => {
  it("puts a coordinate in the half-open cell below it, negatives included", () => {
    expect(cellOf(0, 0.01)).toBe(0);
    expect(cellOf(0.0099, 0.01)).toBe(0);
    expect(cellOf(-0.0001, 0.01)).toBe(-1);
    expect(cellOf(180, 0.01)).toBe(18_000);
    expect(cellOf(-180, 0.01)).toBe(-18_000);
  });

  it("covers both sides of the antimeridian", () => {
    const columns = new Set(cellsCovering({ latitude: 0, longitude: 179.999 }, 1000, 0.01).map(([, c]) => c));
    expect(columns.has(cellOf(179.999, 0.01))).toBe(true);
    expect(columns.has(cellOf(-179.995, 0.01))).toBe(true);
  });
});

describe("GridIndex", () => {
  it("is exact at the boundary: 999 m in, 1,001 m out, across the antimeridian both ways", () => {
    for (const [center, bearing] of [
      [{ latitude: 0.2, longitude: 179.9995 }, 90],
      [{ latitude: -65.3, longitude: -179.9998 }, 270],
      [{ latitude: 52.52, longitude: 13.405 }, 45],
    ] as const) {
      const index = new GridIndex<Point>();
      index.add({ id: "in", ...destinationPoint(center, bearing, 999) });
      index.add({ id: "out", ...destinationPoint(center, bearing, 1001) });
      expect(index.nearest(center, 1000, 100).map((f) => f.item.id)).toEqual(["in"]);
    }
  });

  it("nearest and forEachWithin give the brute-force answer on random points, in a city, near a pole and on the antimeridian", () => {
    const random = seededRandom(7);
    for (const base of [
      { latitude: 48.85, longitude: 2.35 },
      { latitude: 89.995, longitude: 10 },
      { latitude: -12, longitude: 180 },
    ]) {
      const points: Point[] = Array.from({ length: 3000 }, (_, i) => ({
        id: String(i),
        ...destinationPoint(base, random() * 360, 3000 * Math.sqrt(random())),
      }));
      const index = new GridIndex<Point>(0.005);
      for (const p of points) index.add(p);
      for (let q = 0; q < 20; q++) {
        const center = destinationPoint(base, random() * 360, 2000 * random());
        const expected = bruteForce(points, center, 1000, 50);
        expect(index.nearest(center, 1000, 50).map((f) => f.item.id)).toEqual(expected);
        // forEachWithin: every point in range, once each, in no order, with its distance.
        const visited: string[] = [];
        index.forEachWithin(center, 1000, (item, distance) => {
          expect(distance).toBe(distanceMeters(center, item));
          visited.push(item.id);
        });
        expect(visited.sort()).toEqual(bruteForce(points, center, 1000, Infinity).sort());
      }
    }
  });

  it("moves, removes and filters items", () => {
    const index = new GridIndex<Point & { type: string }>();
    const here = { latitude: 10, longitude: 20 };
    index.add({ id: "a", type: "x", ...here });
    index.add({ id: "b", type: "y", ...here });
    index.add({ id: "a", type: "x", ...destinationPoint(here, 0, 5000) });
    expect(index.size).toBe(2);
    expect(index.nearest(here, 1000, 10).map((f) => f.item.id)).toEqual(["b"]);
    expect(index.nearest(here, 1000, 10, (i) => i.type === "x")).toEqual([]);
    expect(index.remove("b")).toBe(true);
    expect(index.remove("b")).toBe(false);
    expect(index.nearest(here, 10_000, 10).map((f) => f.item.id)).toEqual(["a"]);
  });
});

describe("NearestHeap", () => {
  it("keeps the k smallest distances of any sequence, nearest first", () => {
    const random = seededRandom(11);
    for (const k of [1, 3, 100]) {
      const distances = Array.from({ length: 500 }, () => Math.floor(random() * 1000));
      const heap = new NearestHeap<number>(k);
      distances.forEach((d, i) => heap.admits(d) && heap.push(i, d));
      expect(heap.sorted().map((f) => f.distanceMeters)).toEqual([...distances].sort((a, b) => a - b).slice(0, k));
    }
  });
});

describe("cellLowerBound", () => {
  it("never exceeds the distance to any point of the cell, across the antimeridian too", () => {
    const random = seededRandom(13);
    for (let n = 0; n < 2000; n++) {
      const center = { latitude: (random() * 2 - 1) * 89.99, longitude: (random() * 2 - 1) * 180 };
      const size = 0.0025;
      const point = destinationPoint(center, random() * 360, random() * 3000);
      const bound = cellLowerBound(center, cellOf(point.latitude, size), cellOf(point.longitude, size), size);
      expect(bound).toBeLessThanOrEqual(distanceMeters(center, point));
    }
  });
});
