/** What the map draws: the street tiles, or the bundled basemap because they did not come. */
export type Background = "tiles" | "fallback";

export interface TileProgress {
  /** Tiles drawn so far. */
  loaded: number;
  /** tileerror events so far. */
  failed: number;
  /** Since the tile layer was added. */
  elapsedMs: number;
  /** navigator.onLine. */
  online: boolean;
}

/** This many errors before any tile arrived: the tile server is down or refuses us. */
export const FAILURES_BEFORE_FALLBACK = 3;
/** An error and still no tile after this long: give up waiting. */
export const ERROR_GRACE_MS = 4000;
/** Nothing at all after this long (a server that never answers): give up too. */
export const SILENCE_MS = 10_000;

/**
 * Whether the map should give up on its tiles. Once one tile has loaded the
 * server works: a few later errors (a missing tile at sea) never switch a map
 * the user is reading. Offline, with nothing loaded, there is no point waiting.
 */
export function chooseBackground({ loaded, failed, elapsedMs, online }: TileProgress): Background {
  if (loaded > 0) return "tiles";
  if (!online) return "fallback";
  if (failed >= FAILURES_BEFORE_FALLBACK) return "fallback";
  if (failed > 0 && elapsedMs >= ERROR_GRACE_MS) return "fallback";
  return elapsedMs >= SILENCE_MS ? "fallback" : "tiles";
}
