import { describe, expect, it } from "vitest";
import { generateShortCode } from "./short-code";

describe("generateShortCode", () => {
  it("always returns exactly 6 digits", () => {
    for (let i = 0; i < 5000; i++) {
      const code = generateShortCode();
      expect(code).toMatch(/^[0-9]{6}$/);
    }
  });

  it("is roughly uniform: each position uses every digit, leading zeros included", () => {
    const n = 20_000;
    const counts = Array.from({ length: 6 }, () => new Array<number>(10).fill(0));
    for (let i = 0; i < n; i++) {
      const code = generateShortCode();
      for (let p = 0; p < 6; p++) {
        const row = counts[p];
        if (row) row[Number(code[p])] = (row[Number(code[p])] ?? 0) + 1;
      }
    }
    // Expected 2000 per digit; ±15% is > 10 standard deviations, so this never flakes.
    for (const row of counts) {
      for (const count of row) {
        expect(count).toBeGreaterThan(1700);
        expect(count).toBeLessThan(2300);
      }
    }
  });

  it("does not repeat much (1e6 possibilities)", () => {
    const seen = new Set(Array.from({ length: 1000 }, generateShortCode));
    expect(seen.size).toBeGreaterThan(990);
  });
});
