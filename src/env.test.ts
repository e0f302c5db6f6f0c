import { describe, expect, it } from "vitest";
import { DEFAULT_MAP_TILE_URL, parseEnv } from "./env";

describe("the map's tile settings", () => {
  it("default to OpenStreetMap's standard tiles, credited and linked as its policy asks", () => {
    const env = parseEnv({});
    expect(env.MAP_TILE_URL).toBe(DEFAULT_MAP_TILE_URL);
    // Unset: the maps credit "© OpenStreetMap contributors" in the user's language (map.osmCredit).
    expect(env.MAP_TILE_ATTRIBUTION).toBeUndefined();
    expect(env.MAP_TILE_ATTRIBUTION_URL).toBe("https://www.openstreetmap.org/copyright");
  });

  it("take an http(s) template with {z}, {x} and {y}, or none for the bundled basemap only", () => {
    expect(parseEnv({ MAP_TILE_URL: "http://127.0.0.1:3560/{z}/{x}/{y}.png" }).MAP_TILE_URL).toBe("http://127.0.0.1:3560/{z}/{x}/{y}.png");
    expect(parseEnv({ MAP_TILE_URL: "https://{s}.tiles.example.org/{z}/{x}/{y}@2x.png?key=k" }).MAP_TILE_URL).toContain("{s}.tiles");
    expect(parseEnv({ MAP_TILE_URL: "none" }).MAP_TILE_URL).toBeNull();
    // Empty counts as unset: the default.
    expect(parseEnv({ MAP_TILE_URL: "" }).MAP_TILE_URL).toBe(DEFAULT_MAP_TILE_URL);
  });

  it.each([
    "tiles.example.org/{z}/{x}/{y}.png",
    "ftp://tiles.example.org/{z}/{x}/{y}.png",
    "javascript:alert(1)//{z}/{x}/{y}",
    "https://tiles.example.org/{z}/{x}.png",
    "https://tiles.example.org/{z}/{x}/{y}.png; script-src *",
  ])("refuse %s, naming the variable", (MAP_TILE_URL) => {
    expect(() => parseEnv({ MAP_TILE_URL })).toThrow(/MAP_TILE_URL/);
  });

  it("keep the attribution a short text and its link an http(s) URL", () => {
    expect(parseEnv({ MAP_TILE_ATTRIBUTION: " © Example Tiles " }).MAP_TILE_ATTRIBUTION).toBe("© Example Tiles");
    expect(() => parseEnv({ MAP_TILE_ATTRIBUTION: "x".repeat(121) })).toThrow(/MAP_TILE_ATTRIBUTION/);
    expect(() => parseEnv({ MAP_TILE_ATTRIBUTION_URL: "javascript:alert(1)" })).toThrow(/MAP_TILE_ATTRIBUTION_URL/);
  });
});
