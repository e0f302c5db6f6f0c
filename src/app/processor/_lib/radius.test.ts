import { describe, expect, it } from "vitest";
import { nearestRadius } from "./radius";

describe("nearestRadius", () => {
  it("defaults to 1 km and snaps any stored radius to the nearest choice", () => {
    expect(nearestRadius(undefined)).toBe("1000");
    expect(nearestRadius(0)).toBe("1000");
    expect(nearestRadius(100)).toBe("500");
    expect(nearestRadius(1400)).toBe("1000");
    expect(nearestRadius(1600)).toBe("2000");
    expect(nearestRadius(10_000)).toBe("5000");
  });
});
