import { describe, expect, it } from "vitest";
import { DESK_CODE_ALPHABET, deskCodeFromScan, deskCodeSchema, deskLink, formatDeskCode, makeDeskCode, normalizeDeskCode } from "./desk-code";
import { seededRandom } from "../testing/random";

describe("desk codes", () => {
  it("has no look-alike letters", () => {
    for (const letter of "ILOU") expect(DESK_CODE_ALPHABET).not.toContain(letter);
    expect(new Set(DESK_CODE_ALPHABET).size).toBe(32);
  });

  it("reads a typed code as the desk shows it, whatever the case, dashes and look-alikes", () => {
    expect(normalizeDeskCode(" 7k3m-q9tb ")).toBe("7K3MQ9TB");
    expect(normalizeDeskCode("O1LI ab")).toBe("0111AB");
    expect(deskCodeSchema.parse("7k3m q9tb")).toBe("7K3MQ9TB");
    expect(deskCodeSchema.parse("ＡＢＣＤ－ＥＦＧＨ")).toBe("ABCDEFGH");
  });

  it("refuses what cannot be a code, with the reason", () => {
    const issue = (value: unknown) => deskCodeSchema.safeParse(value).error?.issues[0]?.message;
    expect(issue("")).toBe("DESK_CODE_EMPTY");
    expect(issue("7K3M")).toBe("DESK_CODE_LENGTH");
    expect(issue("7K3MQ9TU")).toBe("DESK_CODE_SHAPE");
    expect(issue(42)).toBe("DESK_CODE_EMPTY");
    expect(issue("x".repeat(100))).toBe("DESK_CODE_SHAPE");
  });

  it("makes codes from the whole alphabet, each one valid", () => {
    const random = seededRandom(7);
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = makeDeskCode(bytes);
      expect(deskCodeSchema.parse(code)).toBe(code);
      for (const c of code) seen.add(c);
    }
    expect(seen.size).toBe(32);
  });

  it("formats in two groups and finds the code in a scanned link or bare text", () => {
    expect(formatDeskCode("7K3MQ9TB")).toBe("7K3M-Q9TB");
    expect(deskCodeFromScan(deskLink("https://shop.example", "7K3MQ9TB"))).toBe("7K3MQ9TB");
    expect(deskCodeFromScan("7k3m-q9tb")).toBe("7K3MQ9TB");
    expect(deskCodeFromScan("https://shop.example/?other=1")).toBeNull();
    expect(deskCodeFromScan("hello")).toBeNull();
  });
});
