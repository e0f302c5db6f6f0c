"use client";

import type { FeatureCollection } from "geojson";
import { useEffect, useState } from "react";
import { GeoJSON, Pane, TileLayer } from "react-leaflet";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { tileConfig } from "./config";

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

/** The map's background: the configured tile layer, else the offline countries. */
export function BackgroundLayer() {
  const tiles = tileConfig();
  const [data, setData] = useState<FeatureCollection | null>(null);
  useEffect(() => {
    if (tiles) return;
    let live = true;
    void loadCountries().then((fc) => live && setData(fc));
    return () => {
      live = false;
    };
  }, [tiles]);
  if (tiles) return <TileLayer url={tiles.url} attribution={tiles.attribution} />;
  // Its own pane under the overlays: the countries arrive late and would otherwise be drawn over circles and paths.
  return (
    <Pane name="offline-basemap" style={{ zIndex: 250 }}>
      {data ? <GeoJSON data={data} style={countryStyle} interactive={false} attribution="Natural Earth" pane="offline-basemap" /> : null}
    </Pane>
  );
}
