import { describe, expect, it } from "vitest";
import { errorFields } from "./logger";

describe("errorFields", () => {
  it("names the error's type, its short code and its frames, never its message", () => {
    const error = Object.assign(new Error("duplicate key value violates unique constraint: Key (identification)=(+4915112345678)"), {
      code: "P2002",
    });
    const fields = errorFields(error);
    expect(fields.type).toBe("Error");
    expect(fields.code).toBe("P2002");
    expect(fields.frames?.length).toBeGreaterThan(0);
    expect(fields.frames?.every((frame) => frame.startsWith("at "))).toBe(true);
    expect(JSON.stringify(fields)).not.toContain("4915112345678");
  });

  it("drops a code that is not a short token, and copes with what is not an Error", () => {
    expect(errorFields(Object.assign(new TypeError("x"), { code: "value was +4915112345678 here" })).code).toBeUndefined();
    expect(errorFields("a thrown string with data")).toEqual({ type: "string" });
  });
});
