"use client";

import "leaflet/dist/leaflet.css";
import "./map.css";
import type { LatLngBoundsExpression } from "leaflet";
import { useEffect, useRef } from "react";
import { MapContainer, useMap, ZoomControl } from "react-leaflet";
import { useT } from "../_i18n/provider";
import { BackgroundLayer, MAX_ZOOM } from "./background-layer";
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
 * A Leaflet map on the street tiles of MAP_TILE_URL (from ./tiles-context),
 * or the bundled basemap when tiles are off or fail. Browser-only: import it from a module that is
 * itself loaded with `dynamic(..., { ssr: false })`. Children are
 * react-leaflet layers; `useMap()` works inside them.
 */
export function BaseMap({ center, zoom = 14, bounds, label, describedBy, className, testId, data, children }: BaseMapProps) {
  const t = useT();
  return (
    <div role="region" aria-label={label} aria-describedby={describedBy} className={`base-map ${className ?? ""}`} data-testid={testId} {...data}>
      <MapContainer
        // react-leaflet prefers center/zoom over bounds when both are given.
        {...(bounds ? { bounds } : { center: [center.latitude, center.longitude] as [number, number], zoom })}
        minZoom={2}
        maxZoom={MAX_ZOOM}
        worldCopyJump
        // Leaflet's own zoom buttons are titled in English; these speak the user's language.
        zoomControl={false}
        className="base-map-canvas"
      >
        <ZoomControl position="topleft" zoomInTitle={t("map.zoomIn")} zoomOutTitle={t("map.zoomOut")} />
        <LeafletPrefix />
        <BackgroundLayer />
        <KeepSized bounds={bounds} />
        {children}
      </MapContainer>
    </div>
  );
}

/** Leaflet's credit without its English link title ("A JavaScript library for interactive maps"). */
function LeafletPrefix() {
  const map = useMap();
  useEffect(() => {
    map.attributionControl?.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  }, [map]);
  return null;
}

/**
 * Leaflet measures its container once, at creation; our container may get its
 * size later (styles arriving with the lazy chunk, a grid settling). Re-measure
 * on every resize, and fit the first bounds again once there is a size to fit.
 */
function KeepSized({ bounds }: { bounds: LatLngBoundsExpression | undefined }) {
  const map = useMap();
  const initialBounds = useRef(bounds);
  useEffect(() => {
    const container = map.getContainer();
    let fitted = container.clientWidth > 0 && container.clientHeight > 0;
    const observer = new ResizeObserver(() => {
      if (container.clientWidth === 0 || container.clientHeight === 0) return;
      map.invalidateSize();
      if (!fitted) {
        fitted = true;
        if (initialBounds.current) map.fitBounds(initialBounds.current);
      }
    });
    observer.observe(container);
    return () => observer.disconnect();
  }, [map]);
  return null;
}
