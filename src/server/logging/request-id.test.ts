import { describe, expect, it } from "vitest";
import { requestIdFrom } from "./request-id";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("requestIdFrom", () => {
  it("keeps a proxy's id when it is a sane token", () => {
    for (const id of ["0f3c9a8e2b7d4c1a9e8f7a6b5c4d3e2f", "req-2026.12.02:0001", "abcdefgh"]) expect(requestIdFrom(id)).toBe(id);
    expect(requestIdFrom(["first-request-id", "second-one-here"])).toBe("first-request-id");
  });

  it("makes a fresh one for anything else: absent, short, long, spaces, quotes, new lines, other characters", () => {
    const refused = [
      undefined,
      "",
      "short",
      "x".repeat(129),
      "has space in it",
      'quote"injected',
      "line\nbreak-injected",
      "+4915112345678",
      "ünïcödé-id",
      "a/b/c/d/e",
    ];
    for (const header of refused) expect(requestIdFrom(header)).toMatch(uuid);
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });
});
