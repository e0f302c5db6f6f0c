"use client";

import "leaflet/dist/leaflet.css";
import "./map.css";
import type { LatLngBoundsExpression } from "leaflet";
import { MapContainer } from "react-leaflet";
import { Basemap } from "./basemap";
import type { LatLng } from "./config";

export interface BaseMapProps {
  /** Where the map opens (ignored when `bounds` is given). */
  center: LatLng;
  zoom?: number;
  /** Fit these bounds at first render instead of center/zoom. */
  bounds?: LatLngBoundsExpression;
  /** Names the map region for assistive technology. */
  label: string;
  /** Optional description id (instructions) for the region. */
  describedBy?: string;
  className?: string;
  testId?: string;
  /** Extra data-* attributes on the region, for status a test or a style can read. */
  data?: Record<`data-${string}`, string | number>;
  children?: React.ReactNode;
}

/**
 * A Leaflet map on the offline basemap (or the tiles from
 * NEXT_PUBLIC_MAP_TILE_URL). Browser-only: import it from a module that is
 * itself loaded with `dynamic(..., { ssr: false })`. Children are
 * react-leaflet layers; `useMap()` works inside them.
 */
export function BaseMap({ center, zoom = 14, bounds, label, describedBy, className, testId, data, children }: BaseMapProps) {
  return (
    <div role="region" aria-label={label} aria-describedby={describedBy} className={`base-map ${className ?? ""}`} data-testid={testId} {...data}>
      <MapContainer
        center={[center.latitude, center.longitude]}
        zoom={zoom}
        bounds={bounds}
        minZoom={2}
        maxZoom={19}
        worldCopyJump
        className="base-map-canvas"
      >
        <Basemap />
        {children}
      </MapContainer>
    </div>
  );
}
