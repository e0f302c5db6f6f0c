import { describe, expect, it } from "vitest";
import { roleSuggestedBy, safeCallback, withCallback } from "./callback-url";

describe("safeCallback", () => {
  it.each([
    ["/processor", "/processor"],
    [["/history", "/x"], "/history"],
    ["https://evil.example/", null],
    ["//evil.example/", null],
    ["/\\evil.example", null],
    [undefined, null],
    ["", null],
  ] as const)("reads %j as %j", (value, expected) => {
    expect(safeCallback(value as string | string[] | undefined)).toBe(expected);
  });
});

describe("roleSuggestedBy", () => {
  it("suggests the desk to someone who came from the desk's screen", () => {
    expect(roleSuggestedBy("/processor", undefined)).toBe("DESK");
    expect(roleSuggestedBy("/processor?session=abc", undefined)).toBe("DESK");
    expect(roleSuggestedBy(null, "processor")).toBe("DESK");
  });

  it("suggests a customer otherwise", () => {
    expect(roleSuggestedBy(null, undefined)).toBe("CUSTOMER");
    expect(roleSuggestedBy("/", "elsewhere")).toBe("CUSTOMER");
    expect(roleSuggestedBy("/history", undefined)).toBe("CUSTOMER");
  });
});

describe("withCallback", () => {
  it("carries the callback between the two auth pages", () => {
    expect(withCallback("/sign-up", "/processor")).toBe("/sign-up?callbackUrl=%2Fprocessor");
    expect(withCallback("/sign-in", null)).toBe("/sign-in");
  });
});
