import "server-only";
import { env } from "~/env";
import type { TileConfig } from "./config";

/** The tiles this server is configured with now, for the root layout to pass to the maps. */
export function tileConfig(): TileConfig | null {
  const { MAP_TILE_URL, MAP_TILE_ATTRIBUTION, MAP_TILE_ATTRIBUTION_URL } = env();
  return MAP_TILE_URL ? { url: MAP_TILE_URL, attribution: MAP_TILE_ATTRIBUTION ?? null, attributionUrl: MAP_TILE_ATTRIBUTION_URL } : null;
}
