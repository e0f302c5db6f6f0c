import { clientEnv } from "~/env";
import type { Position } from "~/shared/geo/distance";

/**
 * Where the map's background comes from. With NEXT_PUBLIC_MAP_TILE_URL set
 * (an XYZ template such as https://tiles.example.org/{z}/{x}/{y}.png) the map
 * uses those tiles; unset, it draws the offline basemap (Natural Earth
 * countries, bundled), so it works without any tile server. Both are read at
 * build time (Next inlines NEXT_PUBLIC_ variables into the browser bundle).
 */
export interface TileConfig {
  url: string;
  attribution: string;
}

export function tileConfig(): TileConfig | null {
  const url = clientEnv.NEXT_PUBLIC_MAP_TILE_URL;
  return url ? { url, attribution: clientEnv.NEXT_PUBLIC_MAP_TILE_ATTRIBUTION } : null;
}

export type LatLng = Position;
