"use client";

import L from "leaflet";
import { useEffect, useId } from "react";
import { Circle, Marker, useMap, useMapEvents } from "react-leaflet";
import { useT } from "../_i18n/provider";
import { BaseMap } from "./base-map";
import type { LatLng } from "./config";
import { positionIcon } from "./icons";

export interface PositionPickerMapProps {
  /** The position shown (a marker), or null while none is known. */
  value: LatLng | null;
  /** Called with the position clicked on the map (or the map's centre, from the button). */
  onChange: (position: LatLng) => void;
  /** Drawn as a circle around the value, e.g. the geolocation accuracy. */
  accuracyMeters?: number | null;
  /** Names the map for assistive technology ("Your position on the map"). */
  label: string;
  /** Where to look while value is null. Defaults to a world view. */
  fallbackCenter?: LatLng;
  className?: string;
}

function toLatLng(point: L.LatLng): LatLng {
  const wrapped = point.wrap();
  return { latitude: Number(wrapped.lat.toFixed(6)), longitude: Number(wrapped.lng.toFixed(6)) };
}

function ClickToPick({ onChange }: { onChange: (position: LatLng) => void }) {
  useMapEvents({
    click: (event) => {
      // A click on our own control (the centre button) is not a pick.
      if (event.originalEvent.target instanceof Element && event.originalEvent.target.closest(".map-own-control")) return;
      onChange(toLatLng(event.latlng));
    },
  });
  return null;
}

/** Keeps the value in view when it changes from outside (geolocation, typed coordinates). */
function FollowValue({ value }: { value: LatLng | null }) {
  const map = useMap();
  const lat = value?.latitude;
  const lng = value?.longitude;
  useEffect(() => {
    if (lat === undefined || lng === undefined) return;
    const point = L.latLng(lat, lng);
    if (map.getZoom() < 10) map.setView(point, 15);
    else if (!map.getBounds().contains(point)) map.panTo(point);
  }, [map, lat, lng]);
  return null;
}

function CentreButton({ onChange }: { onChange: (position: LatLng) => void }) {
  const t = useT();
  const map = useMap();
  return (
    <button type="button" className="button secondary" data-testid="map-use-centre" onClick={() => onChange(toLatLng(map.getCenter()))}>
      {t("map.useCentre")}
    </button>
  );
}

/**
 * Click the map to set a position. The marker shows `value`; the circle its
 * accuracy. For keyboard users the map pans with the arrow keys and the
 * button under it takes the map's centre.
 */
export function PositionPickerMap({ value, onChange, accuracyMeters, label, fallbackCenter, className }: PositionPickerMapProps) {
  const t = useT();
  const hintId = useId();
  const center = value ?? fallbackCenter ?? { latitude: 20, longitude: 0 };
  return (
    <div className={`position-picker-wrap ${className ?? ""}`}>
      <p id={hintId} className="map-hint">
        {t("map.pickHint")}
      </p>
      <BaseMap
        center={center}
        zoom={value || fallbackCenter ? 15 : 2}
        label={label}
        describedBy={hintId}
        className="position-picker"
        testId="position-picker-map"
        data={value ? { "data-latitude": value.latitude, "data-longitude": value.longitude } : {}}
      >
        <ClickToPick onChange={onChange} />
        <FollowValue value={value} />
        {value ? <Marker position={[value.latitude, value.longitude]} icon={positionIcon} keyboard={false} alt={t("map.yourPosition")} /> : null}
        {value && accuracyMeters ? (
          <Circle
            center={[value.latitude, value.longitude]}
            radius={accuracyMeters}
            pathOptions={{ color: "#c2410c", weight: 1, fillOpacity: 0.08 }}
          />
        ) : null}
        <div className="leaflet-bottom leaflet-left">
          <div className="leaflet-control map-own-control">
            <CentreButton onChange={onChange} />
          </div>
        </div>
      </BaseMap>
    </div>
  );
}
