import { describe, expect, it } from "vitest";
import { chooseBackground, ERROR_GRACE_MS, FAILURES_BEFORE_FALLBACK, SILENCE_MS } from "./tile-fallback";

const start = { loaded: 0, failed: 0, elapsedMs: 0, online: true };

describe("chooseBackground", () => {
  it("waits for the tiles at first", () => {
    expect(chooseBackground(start)).toBe("tiles");
    expect(chooseBackground({ ...start, failed: 1, elapsedMs: ERROR_GRACE_MS - 1 })).toBe("tiles");
    expect(chooseBackground({ ...start, elapsedMs: SILENCE_MS - 1 })).toBe("tiles");
  });

  it("falls back after several errors with no tile drawn", () => {
    expect(chooseBackground({ ...start, failed: FAILURES_BEFORE_FALLBACK - 1, elapsedMs: 500 })).toBe("tiles");
    expect(chooseBackground({ ...start, failed: FAILURES_BEFORE_FALLBACK, elapsedMs: 500 })).toBe("fallback");
  });

  it("falls back when an error is followed by nothing for a few seconds", () => {
    expect(chooseBackground({ ...start, failed: 1, elapsedMs: ERROR_GRACE_MS })).toBe("fallback");
  });

  it("falls back when the tile server never answers", () => {
    expect(chooseBackground({ ...start, elapsedMs: SILENCE_MS })).toBe("fallback");
  });

  it("falls back at once when offline with nothing drawn", () => {
    expect(chooseBackground({ ...start, online: false })).toBe("fallback");
  });

  it("keeps the tiles once one has loaded, whatever fails later", () => {
    expect(chooseBackground({ loaded: 1, failed: 20, elapsedMs: 60_000, online: false })).toBe("tiles");
  });
});
