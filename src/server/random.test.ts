import { describe, expect, it } from "vitest";
import { randomString } from "./random";

describe("randomString", () => {
  it("hands out each slice once, across refills of the pool", () => {
    // 16 bytes a draw, 256 draws a pool: 3,000 draws cross eleven refills.
    const drawn = Array.from({ length: 3000 }, () => randomString(16, "base64"));
    expect(new Set(drawn).size).toBe(drawn.length);
    for (const value of drawn) expect(Buffer.from(value, "base64")).toHaveLength(16);
  });

  it("draws sizes that do not divide the pool, in the encoding asked for", () => {
    const drawn = Array.from({ length: 1000 }, () => randomString(18, "base64url"));
    expect(new Set(drawn).size).toBe(drawn.length);
    for (const value of drawn) expect(value).toMatch(/^[A-Za-z0-9_-]{24}$/);
    // Roughly uniform bits: over 18,000 bytes, each bit is set about half the time.
    const bytes = Buffer.concat(drawn.map((v) => Buffer.from(v, "base64url")));
    for (let bit = 0; bit < 8; bit++) {
      const set = bytes.reduce((n, byte) => n + ((byte >> bit) & 1), 0);
      expect(set / bytes.length).toBeGreaterThan(0.47);
      expect(set / bytes.length).toBeLessThan(0.53);
    }
  });

  it("refuses more than a pool at once", () => {
    expect(() => randomString(5000, "base64")).toThrow(RangeError);
  });
});
