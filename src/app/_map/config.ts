import type { Position } from "~/shared/geo/distance";

/**
 * Where the map's street tiles come from (MAP_TILE_URL, MAP_TILE_ATTRIBUTION,
 * MAP_TILE_ATTRIBUTION_URL), read by the server at run time and handed to the
 * browser by the root layout (./tiles-context), so a restart changes them, no
 * rebuild. Null: tiles are off and the map draws its bundled basemap (Natural
 * Earth countries), which it also falls back to when the tiles do not load.
 */
export interface TileConfig {
  /** An XYZ template such as https://tile.openstreetmap.org/{z}/{x}/{y}.png. */
  url: string;
  /** Plain text, escaped before Leaflet shows it; null: OpenStreetMap's credit in the user's language. */
  attribution: string | null;
  attributionUrl: string;
}

export type LatLng = Position;
