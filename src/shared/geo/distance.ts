import { z } from "zod";
import { problem, problemIssue } from "../problem";

/** A point on Earth in WGS 84 degrees, as the browser Geolocation API reports it. */
export interface Position {
  latitude: number;
  longitude: number;
}

/** IUGG mean Earth radius R1; the same radius everywhere keeps distance and box consistent. */
export const EARTH_RADIUS_METERS = 6_371_008.8;

const DEG = Math.PI / 180;

/** Degrees within ±limit. Checked by hand rather than with z.number() so even "missing" carries its code for the screens. */
function degrees(name: "Latitude" | "Longitude", limit: number) {
  const code = name.toLowerCase();
  return z.unknown().transform((value, ctx): number => {
    if (value === undefined || value === null) {
      ctx.issues.push(problemIssue(problem(`${code}Missing`, `${name} is missing — allow location access or enter your position`), value));
    } else if (typeof value !== "number" || !Number.isFinite(value)) {
      ctx.issues.push(problemIssue(problem(`${code}Number`, `${name} must be a finite number of degrees`), value));
    } else if (value < -limit || value > limit) {
      ctx.issues.push(problemIssue(problem(`${code}Range`, `${name} must be between -${limit} and ${limit} degrees`), value));
    } else {
      return value;
    }
    return z.NEVER;
  });
}

export const positionSchema = z.object({ latitude: degrees("Latitude", 90), longitude: degrees("Longitude", 180) });

/** Central angle in radians between two points (haversine). */
function centralAngle(a: Position, b: Position): number {
  const phi1 = a.latitude * DEG;
  const phi2 = b.latitude * DEG;
  // Subtract in degrees before converting: nearby coordinates subtract exactly,
  // whereas subtracting two rounded radian values loses the tiny difference.
  const sinHalfDPhi = Math.sin(((b.latitude - a.latitude) * DEG) / 2);
  // sin² is 2π-periodic in Δλ, so points either side of the antimeridian need no unwrapping.
  const sinHalfDLambda = Math.sin(((b.longitude - a.longitude) * DEG) / 2);
  const h = sinHalfDPhi * sinHalfDPhi + Math.cos(phi1) * Math.cos(phi2) * sinHalfDLambda * sinHalfDLambda;
  // Rounding can push h a hair outside [0, 1]; clamp so sqrt never sees a negative.
  const hc = Math.min(1, Math.max(0, h));
  // atan2 rather than asin: asin(√h) loses precision as h → 1 (antipodal points).
  return 2 * Math.atan2(Math.sqrt(hc), Math.sqrt(1 - hc));
}

/** Great-circle distance in metres on a sphere of the mean Earth radius. */
export function distanceMeters(a: Position, b: Position): number {
  return EARTH_RADIUS_METERS * centralAngle(a, b);
}

/** True when `point` lies within `radiusMeters` of `center`, boundary included. */
export function isWithinRadius(center: Position, point: Position, radiusMeters: number): boolean {
  return distanceMeters(center, point) <= radiusMeters;
}

/**
 * The point reached by travelling `distance` metres from `start` along the
 * initial bearing (degrees clockwise from north). Longitude is normalised to
 * [-180, 180]. Used to place points at a known distance (tests, map circles).
 */
export function destinationPoint(start: Position, bearingDegrees: number, distance: number): Position {
  const delta = distance / EARTH_RADIUS_METERS;
  const theta = bearingDegrees * DEG;
  const phi1 = start.latitude * DEG;
  const lambda1 = start.longitude * DEG;
  const sinPhi2 = Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta);
  const phi2 = Math.asin(Math.min(1, Math.max(-1, sinPhi2)));
  const lambda2 = lambda1 + Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi1), Math.cos(delta) - Math.sin(phi1) * sinPhi2);
  return { latitude: phi2 / DEG, longitude: normalizeLongitude(lambda2 / DEG) };
}

/** Wraps any longitude into [-180, 180]. */
export function normalizeLongitude(longitude: number): number {
  const wrapped = ((((longitude + 180) % 360) + 360) % 360) - 180;
  // Keep +180 as given rather than flipping it to -180.
  return wrapped === -180 && longitude > 0 ? 180 : wrapped;
}

export interface BoundingBox {
  minLatitude: number;
  maxLatitude: number;
  /** One range, or two when the box crosses the antimeridian; each [min, max] with min <= max. */
  longitudeRanges: Array<[number, number]>;
}

/**
 * Widens the angular radius by about a millimetre so that floating-point
 * rounding can never put a point that `isWithinRadius` accepts just outside
 * the SQL prefilter. A prefilter may include extra rows, never miss one.
 */
const SAFETY_RADIANS = 1e-10;

/**
 * A latitude/longitude box that contains every point within `radiusMeters`
 * of `center`, for an indexed SQL prefilter; the exact check is
 * `isWithinRadius`. Longitude half-width is the exact tangent-meridian bound
 * asin(sin δ / cos φ), so the box is tight, not just safe.
 */
export function boundingBox(center: Position, radiusMeters: number): BoundingBox {
  if (!Number.isFinite(radiusMeters) || radiusMeters < 0) {
    throw new RangeError(`radiusMeters must be a finite number >= 0, got ${radiusMeters}`);
  }
  if (!Number.isFinite(center.latitude) || !Number.isFinite(center.longitude) || Math.abs(center.latitude) > 90) {
    throw new RangeError(`center must be a valid position, got ${center.latitude}, ${center.longitude}`);
  }
  const delta = radiusMeters / EARTH_RADIUS_METERS + SAFETY_RADIANS;
  const phi = center.latitude * DEG;
  const minPhi = phi - delta;
  const maxPhi = phi + delta;

  // The circle contains a pole: every meridian passes through it.
  if (maxPhi >= Math.PI / 2 || minPhi <= -Math.PI / 2) {
    return {
      minLatitude: Math.max(-90, minPhi / DEG),
      maxLatitude: Math.min(90, maxPhi / DEG),
      longitudeRanges: [[-180, 180]],
    };
  }

  // Below the pole check sin δ < cos φ, so the ratio is < 1; min() guards rounding.
  const dLambda = Math.asin(Math.min(1, Math.sin(delta) / Math.cos(phi))) / DEG;
  const minLatitude = minPhi / DEG;
  const maxLatitude = maxPhi / DEG;
  const lon = normalizeLongitude(center.longitude);
  const west = lon - dLambda;
  const east = lon + dLambda;

  let longitudeRanges: Array<[number, number]>;
  if (dLambda >= 180) {
    longitudeRanges = [[-180, 180]];
  } else if (west < -180) {
    longitudeRanges = [
      [-180, east],
      [west + 360, 180],
    ];
  } else if (east > 180) {
    longitudeRanges = [
      [-180, east - 360],
      [west, 180],
    ];
  } else {
    longitudeRanges = [[west, east]];
  }
  return { minLatitude, maxLatitude, longitudeRanges };
}

/** True when the point falls inside the box (what the SQL prefilter tests). */
export function isInBoundingBox(box: BoundingBox, point: Position): boolean {
  if (point.latitude < box.minLatitude || point.latitude > box.maxLatitude) return false;
  return box.longitudeRanges.some(([min, max]) => point.longitude >= min && point.longitude <= max);
}
