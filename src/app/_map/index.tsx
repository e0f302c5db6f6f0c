"use client";

/**
 * The shared map module. Leaflet needs `window`, so everything here reaches
 * the page through `dynamic(..., { ssr: false })`.
 *
 * - `PositionPickerMap` ({ value, onChange, accuracyMeters?, label, fallbackCenter?, className? }):
 *   click the map (or use its "centre" button) to set a position.
 * - For a map of your own, write a client module that renders `BaseMap`
 *   (./base-map) with react-leaflet layers as children, use the icons from
 *   ./icons, and load that module with `dynamic(..., { ssr: false })`.
 * - Never give Leaflet (popups, tooltips, divIcons) an HTML string built from
 *   user input: build DOM nodes with textContent, or escape with ./escape-html.
 *
 * Basemap: the street tiles of MAP_TILE_URL (+ MAP_TILE_ATTRIBUTION), read
 * at run time and given by the root layout (./tiles-context); "none", or
 * tiles that fail to load, and the bundled Natural Earth countries.
 */
// The styles come with the page, so the map has its size when Leaflet first measures it.
import "leaflet/dist/leaflet.css";
import "./map.css";
import dynamic from "next/dynamic";
import { useT } from "../_i18n/provider";

function MapLoading() {
  const t = useT();
  return (
    <p className="map-loading muted" role="status">
      {t("map.loading")}
    </p>
  );
}

export const PositionPickerMap = dynamic(() => import("./position-picker-map").then((m) => m.PositionPickerMap), {
  ssr: false,
  loading: () => <MapLoading />,
});

export { MapLoading };
