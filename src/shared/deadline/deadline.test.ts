import { describe, expect, it } from "vitest";
import {
  DEFAULT_DEADLINE_SECONDS,
  deadlineSecondsOrDefault,
  deadlineSecondsSchema,
  effectiveStatus,
  isExpired,
  millisecondsLeft,
  resolveDeadline,
  type RequestStatus,
} from "./deadline";

const now = new Date("2025-03-01T12:00:00.000Z");
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

describe("deadlineSecondsSchema", () => {
  it.each([30, 31, 600, 86_400, null, undefined])("accepts %s", (value) => {
    expect(deadlineSecondsSchema.parse(value)).toBe(value);
  });

  it.each([
    [29, "Processing time must be at least 30 seconds — leave it empty for no deadline"],
    [0, "Processing time must be at least 30 seconds — leave it empty for no deadline"],
    [-60, "Processing time must be at least 30 seconds — leave it empty for no deadline"],
    [86_401, "Processing time can be at most 24 hours (86400 seconds) — leave it empty for no deadline"],
    [90.5, "Processing time must be a whole number of seconds"],
    [Number.NaN, "Processing time must be a number of seconds"],
    [Number.POSITIVE_INFINITY, "Processing time must be a number of seconds"],
    ["600", "Processing time must be a number of seconds"],
  ])("rejects %s", (value, message) => {
    const result = deadlineSecondsSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});

describe("resolveDeadline", () => {
  it("returns null without a processing time", () => {
    expect(resolveDeadline(now, null)).toBeNull();
    expect(resolveDeadline(now, undefined)).toBeNull();
  });

  it("adds the seconds to now without mutating it", () => {
    const before = now.getTime();
    expect(resolveDeadline(now, 90)?.toISOString()).toBe("2025-03-01T12:01:30.000Z");
    expect(resolveDeadline(now, 86_400)?.toISOString()).toBe("2025-03-02T12:00:00.000Z");
    expect(now.getTime()).toBe(before);
  });

  it("refuses impossible input", () => {
    expect(() => resolveDeadline(now, -1)).toThrow(RangeError);
    expect(() => resolveDeadline(now, Number.NaN)).toThrow(RangeError);
    expect(() => resolveDeadline(new Date(Number.NaN), 60)).toThrow(RangeError);
  });
});

describe("isExpired", () => {
  it("never expires without a deadline", () => {
    expect(isExpired(null, now)).toBe(false);
  });

  it("expires exactly at the deadline", () => {
    expect(isExpired(at(1), now)).toBe(false);
    expect(isExpired(at(0), now)).toBe(true);
    expect(isExpired(at(-1), now)).toBe(true);
  });
});

describe("effectiveStatus", () => {
  it("turns an OPEN request past its deadline into EXPIRED", () => {
    expect(effectiveStatus("OPEN", at(-1), now)).toBe("EXPIRED");
    expect(effectiveStatus("OPEN", at(0), now)).toBe("EXPIRED");
    expect(effectiveStatus("OPEN", at(1000), now)).toBe("OPEN");
    expect(effectiveStatus("OPEN", null, now)).toBe("OPEN");
  });

  it("keeps a stored EXPIRED, with or without the deadline passed", () => {
    expect(effectiveStatus("EXPIRED", at(-1), now)).toBe("EXPIRED");
    expect(effectiveStatus("EXPIRED", null, now)).toBe("EXPIRED");
  });

  it.each<RequestStatus>(["PAIRED", "DONE", "CANCELLED"])("keeps %s after the deadline", (status) => {
    expect(effectiveStatus(status, at(-60_000), now)).toBe(status);
    expect(effectiveStatus(status, null, now)).toBe(status);
  });
});

describe("millisecondsLeft", () => {
  it("is null without a deadline", () => {
    expect(millisecondsLeft(null, now)).toBeNull();
  });

  it("counts down and never goes negative", () => {
    expect(millisecondsLeft(at(30_000), now)).toBe(30_000);
    expect(millisecondsLeft(at(0), now)).toBe(0);
    expect(millisecondsLeft(at(-5_000), now)).toBe(0);
  });
});

describe("the system default deadline", () => {
  it("is 10 minutes, applied only when no choice was made; an explicit null keeps no time limit", () => {
    expect(DEFAULT_DEADLINE_SECONDS).toBe(600);
    expect(deadlineSecondsOrDefault(undefined)).toBe(600);
    expect(deadlineSecondsOrDefault(null)).toBeNull();
    expect(deadlineSecondsOrDefault(90)).toBe(90);
    expect(deadlineSecondsSchema.parse(DEFAULT_DEADLINE_SECONDS)).toBe(600);
  });
});
