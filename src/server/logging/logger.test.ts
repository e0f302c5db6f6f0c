import { describe, expect, it } from "vitest";
import { createLogger, errorFields, redactFields } from "./logger";

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

describe("redactFields", () => {
  it("replaces a redacted field at the top of a line and two levels down, in objects and arrays", () => {
    const line = {
      path: "/api/trpc/request.submit",
      cookie: "authjs.session-token=abc",
      request: { identification: "+4915112345678", status: 200, nested: { preview: { iban: "DE89…" }, kept: 1 } },
      items: [{ token: "t" }, "plain"],
    };
    expect(redactFields(line)).toEqual({
      path: "/api/trpc/request.submit",
      cookie: "[redacted]",
      request: { identification: "[redacted]", status: 200, nested: { preview: "[redacted]", kept: 1 } },
      items: [{ token: "[redacted]" }, "plain"],
    });
  });

  it("leaves a line without such a field as it is, and never changes the object it was given", () => {
    const clean = { method: "POST", status: 200, durationMs: 3.2, error: { type: "Error", frames: ["at x"] } };
    expect(redactFields(clean)).toBe(clean);
    const given = { a: { body: "secret" } };
    const redacted = redactFields(given);
    expect(given.a.body).toBe("secret");
    expect(redacted).not.toBe(given);
    expect(redacted.a).not.toBe(given.a);
  });

  it("is what the logger writes: a line's redacted fields never reach the output", () => {
    const lines: string[] = [];
    const log = createLogger({ write: (line: string) => void lines.push(line) });
    log.info({ status: 401, cookie: "authjs.session-token=abc", request: { identification: "+4915112345678" } }, "request");
    const written = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(written).toMatchObject({ status: 401, cookie: "[redacted]", request: { identification: "[redacted]" }, msg: "request" });
    expect(lines[0]).not.toContain("4915112345678");
  });

  it("reaches as deep as pino's `*.*.field` paths did, and no deeper", () => {
    expect(redactFields({ a: { b: { password: "p" } } })).toEqual({ a: { b: { password: "[redacted]" } } });
    const deeper = { a: { b: { c: { password: "p" } } } };
    expect(redactFields(deeper)).toBe(deeper);
  });
});
