"use client";

import type { FeatureCollection } from "geojson";
import { useEffect, useRef, useState } from "react";
import { GeoJSON, Pane, TileLayer, useMap } from "react-leaflet";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { useT } from "../_i18n/provider";
import type { TileConfig } from "./config";
import { escapeHtml } from "./escape-html";
import { type Background, chooseBackground } from "./tile-fallback";
import { useTileConfig } from "./tiles-context";

let countries: Promise<FeatureCollection> | null = null;

/** Natural Earth 1:110m countries, converted once per page from TopoJSON (a separate chunk, about 100 kB). */
function loadCountries(): Promise<FeatureCollection> {
  countries ??= import("world-atlas/countries-110m.json").then((module) => {
    const topology = module.default as unknown as Topology<{ countries: GeometryCollection }>;
    return feature(topology, topology.objects.countries);
  });
  return countries;
}

const countryStyle = { color: "#a8a294", weight: 1, fillColor: "#f4f1e8", fillOpacity: 1 } as const;

/** The deepest zoom of the map and its tiles (OpenStreetMap's standard tiles go to 19). */
export const MAX_ZOOM = 19;

/**
 * The map's background: the configured street tiles, else (tiles off, or they
 * failed to load) the bundled countries. The region's data-background says
 * which ("tiles" or "fallback").
 */
export function BackgroundLayer() {
  const tiles = useTileConfig();
  const [background, setBackground] = useState<Background>(tiles ? "tiles" : "fallback");
  const map = useMap();
  useEffect(() => {
    map.getContainer().closest(".base-map")?.setAttribute("data-background", background);
  }, [map, background]);
  if (tiles && background === "tiles") return <StreetTiles tiles={tiles} onFail={() => setBackground("fallback")} />;
  return (
    <>
      <Countries />
      {tiles ? <TilesFailedNote /> : null}
    </>
  );
}

/** The tile layer, watched: too many errors and no tile, or offline, and it hands over to the countries. */
function StreetTiles({ tiles, onFail }: { tiles: TileConfig; onFail: () => void }) {
  const t = useT();
  const credit = tiles.attribution ?? t("map.osmCredit");
  const progress = useRef({ loaded: 0, failed: 0, started: 0 });
  const latestFail = useRef(onFail);
  latestFail.current = onFail;
  const check = useRef(() => {});
  check.current = () => {
    const { loaded, failed, started } = progress.current;
    if (chooseBackground({ loaded, failed, elapsedMs: Date.now() - started, online: navigator.onLine }) === "fallback") latestFail.current();
  };
  useEffect(() => {
    progress.current = { loaded: 0, failed: 0, started: Date.now() };
    const timer = window.setInterval(() => {
      if (progress.current.loaded > 0) window.clearInterval(timer);
      else check.current();
    }, 1000);
    const offline = () => check.current();
    window.addEventListener("offline", offline);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("offline", offline);
    };
  }, [tiles.url]);
  return (
    <TileLayer
      // Leaflet reads the attribution once: a new language makes a new layer.
      key={credit}
      url={tiles.url}
      maxZoom={MAX_ZOOM}
      // Leaflet shows attributions as HTML: the configured text is escaped.
      attribution={`<a href="${escapeHtml(tiles.attributionUrl)}" target="_blank" rel="noopener noreferrer">${escapeHtml(credit)}</a>`}
      eventHandlers={{
        tileload: () => {
          progress.current.loaded += 1;
        },
        tileerror: () => {
          progress.current.failed += 1;
          check.current();
        },
      }}
    />
  );
}

function Countries() {
  const [data, setData] = useState<FeatureCollection | null>(null);
  useEffect(() => {
    let live = true;
    void loadCountries().then((fc) => live && setData(fc));
    return () => {
      live = false;
    };
  }, []);
  // Its own pane under the overlays: the countries arrive late and would otherwise be drawn over circles and paths.
  return (
    <Pane name="offline-basemap" style={{ zIndex: 250 }}>
      {data ? <GeoJSON data={data} style={countryStyle} interactive={false} attribution="Natural Earth" pane="offline-basemap" /> : null}
    </Pane>
  );
}

/** Says why the street map turned into outlines. A map-own-control: clicking it is not a click on the map. */
function TilesFailedNote() {
  const t = useT();
  return (
    <div className="leaflet-top leaflet-right">
      <p className="leaflet-control map-own-control map-tiles-note" role="status" data-testid="map-tiles-failed">
        {t("map.tilesFailed")}
      </p>
    </div>
  );
}
