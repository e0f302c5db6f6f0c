import { describe, expect, it } from "vitest";
import { formatAge } from "./format";

describe("formatAge", () => {
  it.each([
    ["en", 0, "now"],
    ["en", 12_400, "12 seconds ago"],
    ["en", 60_000, "1 minute ago"],
    ["en", 179_000, "2 minutes ago"],
    ["en", 2 * 3_600_000 + 5000, "2 hours ago"],
    ["zh-CN", 179_000, "2分钟前"],
    ["zh-CN", 12_400, "12秒钟前"],
  ] as const)("%s, %i ms → %j", (locale, ms, expected) => {
    expect(formatAge(locale, ms)).toBe(expected);
  });

  it("never says a time in the future, even when the clocks disagree", () => {
    expect(formatAge("en", -5000)).toBe("now");
  });
});
