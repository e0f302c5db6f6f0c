import { describe, expect, it } from "vitest";
import { bearerMatches } from "./bearer";

const token = "s3cret-metrics-token-0123456789";

describe("bearerMatches", () => {
  it("accepts exactly `Bearer <token>` (the scheme in any case)", () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
  });

  it("refuses a missing header, another scheme, another token, a prefix or an extension of it", () => {
    for (const header of [
      undefined,
      "",
      token,
      `Basic ${token}`,
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      "Bearer ",
      `Bearer ${token} extra`,
    ]) {
      expect(bearerMatches(header, token)).toBe(false);
    }
  });
});
