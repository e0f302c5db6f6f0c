"use client";

import { createContext, useContext } from "react";
import type { TileConfig } from "./config";

const TilesContext = createContext<TileConfig | null>(null);

/** Gives every map below it the server's run-time tile configuration (null: the bundled basemap only). */
export function MapTilesProvider({ tiles, children }: { tiles: TileConfig | null; children: React.ReactNode }) {
  return <TilesContext value={tiles}>{children}</TilesContext>;
}

export function useTileConfig(): TileConfig | null {
  return useContext(TilesContext);
}
