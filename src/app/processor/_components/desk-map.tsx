"use client";

import "leaflet.markercluster/dist/MarkerCluster.css";
import "leaflet.markercluster/dist/MarkerCluster.Default.css";
import L from "leaflet";
import "leaflet.markercluster";
import { useEffect, useRef } from "react";
import { Circle, Marker, Pane, useMap, useMapEvents } from "react-leaflet";
import { millisecondsLeft } from "~/shared/deadline/deadline";
import type { Translate } from "../../_i18n/i18n";
import type { Locale } from "../../_i18n/locales";
import { useLocale, useT } from "../../_i18n/provider";
import { formatAge, formatDistance, formatDuration, typeLabel } from "../../_lib/format";
import type { ListedRequest } from "../../_lib/types";
import { BaseMap } from "../../_map/base-map";
import { escapeHtml } from "../../_map/escape-html";
import { deskIcon, requestIcon } from "../../_map/icons";
import { diffMarkers } from "../../_map/marker-diff";

export interface DeskMapProps {
  desk: { latitude: number; longitude: number; radiusMeters: number };
  entries: ListedRequest[];
  onSelect: (entry: ListedRequest) => void;
  busy: boolean;
}

/** The processor's map: the desk, its radius, and a clustered marker per open request in range. */
export function DeskMap({ desk, entries, onSelect, busy }: DeskMapProps) {
  const t = useT();
  const center = L.latLng(desk.latitude, desk.longitude);
  return (
    <BaseMap
      center={desk}
      bounds={center.toBounds(desk.radiusMeters * 2.3)}
      label={t("map.deskLabel")}
      className="desk-map"
      testId="desk-map"
      data={{ "data-markers": 0, "data-moves": 0 }}
    >
      <Circle center={center} radius={desk.radiusMeters} pathOptions={{ color: "#1d4ed8", weight: 2, fillOpacity: 0.06 }} interactive={false} />
      {/* Its own pane under the markers (Leaflet's marker pane is at 600): the desk never covers a requester beside it. */}
      <Pane name="desk" style={{ zIndex: 590 }}>
        <Marker position={center} icon={deskIcon} keyboard={false} title={t("map.deskMarker")} alt={t("map.deskMarker")} pane="desk" />
      </Pane>
      <RequestMarkers entries={entries} onSelect={onSelect} busy={busy} />
      <MoveCounter />
    </BaseMap>
  );
}

function regionOf(map: L.Map): HTMLElement | null {
  return map.getContainer().closest(".base-map");
}

/** Counts finished pans and zooms on the region (data-moves, data-zoom): something a test can wait for. */
function MoveCounter() {
  const moves = useRef(0);
  const map = useMapEvents({
    moveend() {
      moves.current += 1;
      const region = regionOf(map);
      region?.setAttribute("data-moves", String(moves.current));
      region?.setAttribute("data-zoom", String(map.getZoom()));
    },
  });
  return null;
}

function RequestMarkers({ entries, onSelect, busy }: { entries: ListedRequest[]; onSelect: (entry: ListedRequest) => void; busy: boolean }) {
  const t = useT();
  const [locale] = useLocale();
  const map = useMap();
  const group = useRef<L.MarkerClusterGroup | null>(null);
  const markers = useRef(new Map<string, L.Marker>());
  // Popups are built when opened, from the latest callbacks and language.
  const latest = useRef<PopupContext>({ t, locale, onSelect, busy });
  latest.current = { t, locale, onSelect, busy };

  useEffect(() => {
    const layer = L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      maxClusterRadius: 48,
      // Requests at (nearly) one spot stay a cluster down to the map's deepest zoom (MAX_ZOOM): there a click fans them out.
      spiderfyOnMaxZoom: true,
      iconCreateFunction(cluster) {
        const count = cluster.getChildCount();
        const size = count < 10 ? "small" : count < 100 ? "medium" : "large";
        const title = latest.current.t("map.cluster", { count });
        return L.divIcon({
          html: `<div title="${escapeHtml(title)}"><span>${escapeHtml(count)}</span></div>`,
          className: `marker-cluster marker-cluster-${size}`,
          iconSize: L.point(40, 40),
        });
      },
      chunkProgress(processed, total, elapsed) {
        if (processed !== total) return;
        const region = regionOf(map);
        region?.setAttribute("data-markers", String(layer.getLayers().length));
        // How long clustering the last batch took (ms), for the 1,000-marker measurement.
        region?.setAttribute("data-cluster-ms", String(Math.round(elapsed)));
      },
    });
    map.addLayer(layer);
    group.current = layer;
    const shown = markers.current;
    return () => {
      map.removeLayer(layer);
      group.current = null;
      shown.clear();
    };
  }, [map]);

  useEffect(() => {
    const layer = group.current;
    if (!layer) return;
    const shown = markers.current;
    const diff = diffMarkers(shown.keys(), entries);
    if (diff.removed.length) {
      layer.removeLayers(diff.removed.map((id) => shown.get(id)!));
      for (const id of diff.removed) shown.delete(id);
    }
    if (diff.added.length) {
      const created = diff.added.map((entry) => {
        const marker = requestMarker(entry, () => latest.current);
        shown.set(entry.id, marker);
        return marker;
      });
      layer.addLayers(created);
    }
    regionOf(map)?.setAttribute("data-markers", String(shown.size));
  }, [entries, map]);

  return null;
}

/** What a popup is built from when it opens. */
interface PopupContext {
  t: Translate;
  locale: Locale;
  onSelect: (entry: ListedRequest) => void;
  busy: boolean;
}

function requestMarker(entry: ListedRequest, current: () => PopupContext): L.Marker {
  const who = entry.maskedIdentification;
  // title and alt are set as attributes (never parsed as HTML).
  const marker = L.marker([entry.latitude, entry.longitude], {
    icon: requestIcon,
    title: `${who} · ${entry.displayName}`,
    alt: `${who} · ${entry.displayName}`,
    keyboard: true,
  });
  marker.on("add", () => {
    const element = marker.getElement();
    element?.setAttribute("data-testid", "map-marker");
    element?.setAttribute("data-request-id", entry.id);
  });
  marker.bindPopup(() => popupContent(entry, current(), () => marker.closePopup()), { minWidth: 200 });
  marker.on("popupopen", (event) => {
    const element = event.popup.getElement();
    // Leaflet names its close button in English only.
    element?.querySelector(".leaflet-popup-close-button")?.setAttribute("aria-label", current().t("map.closePopup"));
    // Opened from the keyboard (Enter on a focused marker) or by a click: the next key press can select.
    element?.querySelector<HTMLButtonElement>('[data-testid="popup-select"]')?.focus({ preventScroll: true });
  });
  return marker;
}

/** The popup as DOM nodes filled with textContent: a display name like `<img onerror=…>` stays text. */
function popupContent(entry: ListedRequest, { t, locale, onSelect, busy }: PopupContext, close: () => void): HTMLElement {
  const root = document.createElement("div");
  root.className = "map-popup";
  root.setAttribute("data-testid", "map-popup");
  root.setAttribute("data-request-id", entry.id);

  const line = (...parts: Array<string | HTMLElement>) => {
    const p = document.createElement("p");
    p.append(...parts);
    root.append(p);
    return p;
  };
  const mono = (text: string) => {
    const span = document.createElement("span");
    span.className = "mono";
    span.textContent = text;
    return span;
  };
  const name = document.createElement("strong");
  name.textContent = entry.displayName;
  name.setAttribute("data-testid", "popup-name");
  line(name);
  line(mono(entry.maskedIdentification));
  line(`${typeLabel(t, entry.type)} · `, mono(entry.preview));
  // The age as the popup opens (text, like every line here).
  line(t("list.sentAgo", { age: formatAge(locale, Date.now() - entry.createdAt.getTime()) })).setAttribute("data-testid", "popup-age");
  const left = millisecondsLeft(entry.deadline, new Date());
  line(
    left === null
      ? t("list.away", { distance: formatDistance(t, entry.distanceMeters) })
      : `${t("list.away", { distance: formatDistance(t, entry.distanceMeters) })} · ${t("list.expiresIn", { time: formatDuration(left) })}`,
  );

  const button = document.createElement("button");
  button.type = "button";
  button.className = "button";
  button.textContent = t("list.select");
  button.disabled = busy;
  button.setAttribute("data-testid", "popup-select");
  button.setAttribute("aria-label", t("list.selectLabel", { who: entry.maskedIdentification, name: entry.displayName }));
  button.addEventListener("click", () => {
    close();
    onSelect(entry);
  });
  root.append(button);
  return root;
}
