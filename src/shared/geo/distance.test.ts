import { describe, expect, it } from "vitest";
import {
  EARTH_RADIUS_METERS,
  boundingBox,
  destinationPoint,
  distanceMeters,
  isInBoundingBox,
  isWithinRadius,
  normalizeLongitude,
  positionSchema,
  type Position,
} from "./distance";
import { seededRandom } from "../testing/random";

const BEARINGS = Array.from({ length: 24 }, (_, i) => i * 15);

const CENTERS: Array<[string, Position]> = [
  ["London", { latitude: 51.5074, longitude: -0.1278 }],
  ["equator / prime meridian", { latitude: 0, longitude: 0 }],
  ["east of the antimeridian", { latitude: 0, longitude: 179.9995 }],
  ["west of the antimeridian", { latitude: -16.5, longitude: -179.9995 }],
  ["on the antimeridian", { latitude: 65.0, longitude: 180 }],
  ["near the north pole", { latitude: 89.999, longitude: 10 }],
  ["near the south pole", { latitude: -89.999, longitude: -170 }],
  ["on the north pole", { latitude: 90, longitude: 0 }],
  ["high latitude, not reaching the pole", { latitude: 89.9, longitude: 179.99 }],
];

describe("positionSchema", () => {
  it("accepts valid positions including the extremes", () => {
    expect(positionSchema.parse({ latitude: 90, longitude: -180 })).toEqual({ latitude: 90, longitude: -180 });
    expect(positionSchema.parse({ latitude: -90, longitude: 180 })).toEqual({ latitude: -90, longitude: 180 });
    expect(positionSchema.parse({ latitude: 51.5, longitude: -0.12 })).toEqual({ latitude: 51.5, longitude: -0.12 });
  });

  it.each([
    [{ latitude: 90.0001, longitude: 0 }, "latitude", "Latitude must be between -90 and 90 degrees"],
    [{ latitude: -91, longitude: 0 }, "latitude", "Latitude must be between -90 and 90 degrees"],
    [{ latitude: 0, longitude: 180.5 }, "longitude", "Longitude must be between -180 and 180 degrees"],
    [{ latitude: 0, longitude: -181 }, "longitude", "Longitude must be between -180 and 180 degrees"],
    [{ latitude: Number.NaN, longitude: 0 }, "latitude", "Latitude must be a finite number of degrees"],
    [{ latitude: 0, longitude: Number.POSITIVE_INFINITY }, "longitude", "Longitude must be a finite number of degrees"],
    [{ latitude: "51.5", longitude: 0 }, "latitude", "Latitude must be a finite number of degrees"],
    [{ longitude: 0 }, "latitude", "Latitude is missing — allow location access or enter your position"],
  ])("rejects %j on %s", (input, field, message) => {
    const result = positionSchema.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual([field]);
    expect(issue?.message).toBe(message);
  });
});

describe("distanceMeters", () => {
  it("is zero for the same point and symmetric", () => {
    const a = { latitude: 48.8566, longitude: 2.3522 };
    const b = { latitude: 51.5074, longitude: -0.1278 };
    expect(distanceMeters(a, a)).toBe(0);
    expect(distanceMeters(a, b)).toBeCloseTo(distanceMeters(b, a), 6);
  });

  it("matches a known city distance (Paris–London ≈ 343.9 km on the mean sphere)", () => {
    const d = distanceMeters({ latitude: 48.8566, longitude: 2.3522 }, { latitude: 51.5074, longitude: -0.1278 });
    expect(d).toBeGreaterThan(343_000);
    expect(d).toBeLessThan(345_000);
  });

  it("is exact for one degree of latitude along a meridian", () => {
    const d = distanceMeters({ latitude: 10, longitude: 20 }, { latitude: 11, longitude: 20 });
    expect(d).toBeCloseTo((EARTH_RADIUS_METERS * Math.PI) / 180, 4);
  });

  it("stays accurate for tiny distances (sub-millimetre)", () => {
    // 1e-9 degrees of latitude ≈ 0.111 mm.
    const other = 45 + 1e-9;
    const d = distanceMeters({ latitude: 45, longitude: 7 }, { latitude: other, longitude: 7 });
    // Use the difference as actually stored: 45 + 1e-9 is not exactly 1e-9 above 45 in binary.
    const expected = EARTH_RADIUS_METERS * (other - 45) * (Math.PI / 180);
    expect(Math.abs(d - expected) / expected).toBeLessThan(1e-6);
  });

  it("stays accurate for antipodal and nearly antipodal points", () => {
    const half = Math.PI * EARTH_RADIUS_METERS;
    expect(distanceMeters({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(half, 3);
    expect(distanceMeters({ latitude: 90, longitude: 0 }, { latitude: -90, longitude: 0 })).toBeCloseTo(half, 3);
    expect(distanceMeters({ latitude: 30, longitude: 40 }, { latitude: -30, longitude: -140 })).toBeCloseTo(half, 3);
    // 1 m short of antipodal: asin-based haversine loses this, atan2 keeps it.
    const nearly = destinationPoint({ latitude: 0, longitude: 0 }, 90, half - 1);
    expect(distanceMeters({ latitude: 0, longitude: 0 }, nearly)).toBeCloseTo(half - 1, 2);
  });

  it("takes the short way across the antimeridian", () => {
    const d = distanceMeters({ latitude: 0, longitude: 179.9995 }, { latitude: 0, longitude: -179.9995 });
    expect(d).toBeCloseTo(EARTH_RADIUS_METERS * 0.001 * (Math.PI / 180), 3);
  });

  it("never returns NaN for points a rounding error past antipodal", () => {
    const d = distanceMeters({ latitude: 45, longitude: 0 }, { latitude: -45, longitude: 180 });
    expect(Number.isNaN(d)).toBe(false);
    expect(d).toBeLessThanOrEqual(Math.PI * EARTH_RADIUS_METERS + 1e-6);
  });
});

describe("destinationPoint", () => {
  it("lands at the requested distance", () => {
    const start = { latitude: 51.5, longitude: -0.12 };
    for (const bearing of BEARINGS) {
      expect(distanceMeters(start, destinationPoint(start, bearing, 1234))).toBeCloseTo(1234, 6);
    }
  });
});

describe("normalizeLongitude", () => {
  it.each([
    [0, 0],
    [180, 180],
    [-180, -180],
    [181, -179],
    [-181, 179],
    [540, 180],
    [359, -1],
  ])("%d → %d", (input, expected) => {
    expect(normalizeLongitude(input)).toBeCloseTo(expected, 9);
  });
});

describe("isWithinRadius", () => {
  it("includes the boundary", () => {
    const a = { latitude: 10, longitude: 10 };
    const b = { latitude: 10.01, longitude: 10 };
    expect(isWithinRadius(a, b, distanceMeters(a, b))).toBe(true);
  });

  it("is false for a negative or NaN radius", () => {
    const a = { latitude: 10, longitude: 10 };
    expect(isWithinRadius(a, a, -1)).toBe(false);
    expect(isWithinRadius(a, a, Number.NaN)).toBe(false);
    expect(isWithinRadius(a, a, 0)).toBe(true);
  });

  describe.each(CENTERS)("around %s", (_name, center) => {
    it("has points at 999 m inside and 1001 m outside in every direction, all 999 m points inside the box", () => {
      const box = boundingBox(center, 1000);
      for (const bearing of BEARINGS) {
        const inside = destinationPoint(center, bearing, 999);
        const outside = destinationPoint(center, bearing, 1001);
        expect(isWithinRadius(center, inside, 1000), `999 m at ${bearing}°`).toBe(true);
        expect(isWithinRadius(center, outside, 1000), `1001 m at ${bearing}°`).toBe(false);
        expect(isInBoundingBox(box, inside), `999 m at ${bearing}° in box`).toBe(true);
        // A point exactly on the circle must also pass the prefilter.
        expect(isInBoundingBox(box, destinationPoint(center, bearing, 1000)), `1000 m at ${bearing}° in box`).toBe(true);
      }
    });
  });
});

describe("boundingBox", () => {
  it("is a single tight range away from the poles and the antimeridian", () => {
    const center = { latitude: 0, longitude: 0 };
    const box = boundingBox(center, 1000);
    const degrees = (1000 / EARTH_RADIUS_METERS) * (180 / Math.PI);
    expect(box.minLatitude).toBeCloseTo(-degrees, 6);
    expect(box.maxLatitude).toBeCloseTo(degrees, 6);
    expect(box.longitudeRanges).toHaveLength(1);
    const [range] = box.longitudeRanges;
    expect(range?.[0]).toBeCloseTo(-degrees, 6);
    expect(range?.[1]).toBeCloseTo(degrees, 6);
    // Tight: 1.01 km east or north is outside the box.
    expect(isInBoundingBox(box, destinationPoint(center, 0, 1010))).toBe(false);
    expect(isInBoundingBox(box, destinationPoint(center, 90, 1010))).toBe(false);
  });

  it("widens in longitude with latitude (1 km at 60° spans twice the degrees)", () => {
    const atEquator = boundingBox({ latitude: 0, longitude: 0 }, 1000).longitudeRanges[0];
    const at60 = boundingBox({ latitude: 60, longitude: 0 }, 1000).longitudeRanges[0];
    expect(at60?.[1]).toBeCloseTo(2 * (atEquator?.[1] ?? 0), 5);
  });

  it("splits into two ranges across the antimeridian (east side)", () => {
    const box = boundingBox({ latitude: 0, longitude: 179.9995 }, 1000);
    expect(box.longitudeRanges).toHaveLength(2);
    const [west, east] = box.longitudeRanges;
    expect(west?.[0]).toBe(-180);
    expect(west?.[1]).toBeGreaterThan(-180);
    expect(west?.[1]).toBeLessThan(-179.99);
    expect(east?.[1]).toBe(180);
    expect(east?.[0]).toBeLessThan(179.9995);
    // Across the line, 500 m away.
    expect(isInBoundingBox(box, { latitude: 0, longitude: -179.996 })).toBe(true);
    // Far away on the other side of the world is not in the box.
    expect(isInBoundingBox(box, { latitude: 0, longitude: 0 })).toBe(false);
  });

  it("splits into two ranges across the antimeridian (west side)", () => {
    const box = boundingBox({ latitude: 10, longitude: -179.9995 }, 1000);
    expect(box.longitudeRanges).toHaveLength(2);
    expect(isInBoundingBox(box, { latitude: 10, longitude: 179.998 })).toBe(true);
    expect(isInBoundingBox(box, { latitude: 10, longitude: 179 })).toBe(false);
  });

  it("covers all longitudes when the circle reaches a pole", () => {
    const north = boundingBox({ latitude: 89.999, longitude: 10 }, 1000);
    expect(north.longitudeRanges).toEqual([[-180, 180]]);
    expect(north.maxLatitude).toBe(90);
    expect(north.minLatitude).toBeLessThan(89.999);
    const south = boundingBox({ latitude: -89.999, longitude: 10 }, 1000);
    expect(south.longitudeRanges).toEqual([[-180, 180]]);
    expect(south.minLatitude).toBe(-90);
    // Just across the pole, at the opposite meridian.
    expect(isInBoundingBox(north, { latitude: 89.9995, longitude: -170 })).toBe(true);
  });

  it("covers the whole Earth for a radius of half the circumference", () => {
    const box = boundingBox({ latitude: 12, longitude: 34 }, Math.PI * EARTH_RADIUS_METERS);
    expect(box).toEqual({ minLatitude: -90, maxLatitude: 90, longitudeRanges: [[-180, 180]] });
  });

  it("contains the center for radius 0", () => {
    const center = { latitude: 45, longitude: 179.99 };
    expect(isInBoundingBox(boundingBox(center, 0), center)).toBe(true);
  });

  it("rejects a negative or non-finite radius and an invalid center", () => {
    expect(() => boundingBox({ latitude: 0, longitude: 0 }, -1)).toThrow(RangeError);
    expect(() => boundingBox({ latitude: 0, longitude: 0 }, Number.NaN)).toThrow(RangeError);
    expect(() => boundingBox({ latitude: 91, longitude: 0 }, 10)).toThrow(RangeError);
  });

  it("property: random points within the radius are always inside the box", () => {
    const random = seededRandom(20240611);
    const radii = [1, 50, 1000, 2000, 25_000, 500_000, 3_000_000];
    let checked = 0;
    for (let i = 0; i < 400; i++) {
      // Bias a third of centers towards the poles and the antimeridian, where boxes go wrong.
      const kind = i % 3;
      const latitude = kind === 1 ? (random() < 0.5 ? -1 : 1) * (89 + random()) : Math.asin(2 * random() - 1) * (180 / Math.PI);
      const longitude = kind === 2 ? (random() < 0.5 ? -180 : 180) + (random() - 0.5) * 0.2 : random() * 360 - 180;
      const center = { latitude, longitude: normalizeLongitude(longitude) };
      const radius = radii[i % radii.length] ?? 1000;
      const box = boundingBox(center, radius);
      for (let j = 0; j < 25; j++) {
        // sqrt spreads points evenly over the disc; 1 in 5 sits right on the edge.
        const distance = j % 5 === 0 ? radius : radius * Math.sqrt(random());
        const point = destinationPoint(center, random() * 360, distance);
        if (!isWithinRadius(center, point, radius)) continue;
        checked++;
        expect(isInBoundingBox(box, point), JSON.stringify({ center, radius, point })).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(8000);
  });

  it("property: every range is ordered and inside [-180, 180]", () => {
    const random = seededRandom(7);
    for (let i = 0; i < 500; i++) {
      const center = { latitude: random() * 180 - 90, longitude: random() * 360 - 180 };
      const box = boundingBox(center, random() * 200_000);
      expect(box.minLatitude).toBeGreaterThanOrEqual(-90);
      expect(box.maxLatitude).toBeLessThanOrEqual(90);
      expect(box.minLatitude).toBeLessThanOrEqual(box.maxLatitude);
      for (const [min, max] of box.longitudeRanges) {
        expect(min).toBeGreaterThanOrEqual(-180);
        expect(max).toBeLessThanOrEqual(180);
        expect(min).toBeLessThanOrEqual(max);
      }
    }
  });
});
