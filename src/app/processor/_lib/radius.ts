/** The radii a desk can choose: 0.5, 1, 2 and 5 km. */
export const radiusChoices = ["500", "1000", "2000", "5000"] as const;
export type RadiusChoice = (typeof radiusChoices)[number];

/** The choice closest to a stored radius (a desk registered through the API may have any). */
export function nearestRadius(meters: number | undefined | null): RadiusChoice {
  if (!meters) return "1000";
  return radiusChoices.reduce((best, o) => (Math.abs(Number(o) - meters) < Math.abs(Number(best) - meters) ? o : best));
}
