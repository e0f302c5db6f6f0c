import { describe, expect, it } from "vitest";
import { problemOf } from "~/shared/problem";
import {
  displayNameSchema,
  identificationKey,
  identificationSchema,
  maskIdentification,
  parseIdentification,
  passwordSchema,
} from "./identification";

const COUNTRY_CODE_MESSAGE = "Include the country code, starting with + (e.g. +44 20 7946 0958)";
const INVALID_PHONE_MESSAGE = "That is not a valid phone number — check the digits and the country code (e.g. +44 20 7946 0958)";

describe("parseIdentification: phone numbers", () => {
  it.each([
    ["+44 20 7946 0958", "+442079460958"],
    ["+44 (0)20 7946-0958", "+442079460958"],
    [" +1 (202) 555-0143 ", "+12025550143"],
    ["+33 6 12 34 56 78", "+33612345678"],
    ["+81 3-1234-5678", "+81312345678"],
    ["+4930901820", "+4930901820"],
    ["0044 20 7946 0958", "+442079460958"],
  ])("%j → %s", (raw, phoneNumber) => {
    expect(parseIdentification(raw)).toEqual({ kind: "phone", phoneNumber });
  });

  it.each([
    ["020 7946 0958", COUNTRY_CODE_MESSAGE],
    ["(202) 555-0143", COUNTRY_CODE_MESSAGE],
    ["07946 095 812", COUNTRY_CODE_MESSAGE],
    ["12ab", COUNTRY_CODE_MESSAGE],
    ["+44 20 7946 095", INVALID_PHONE_MESSAGE],
    ["+12345", INVALID_PHONE_MESSAGE],
    ["+999 123 456 789", INVALID_PHONE_MESSAGE],
    ["+", INVALID_PHONE_MESSAGE],
    ["+1 800 FLOWERS", "A phone number contains only digits after the +, e.g. +44 20 7946 0958"],
    ["+44 20 7946 0958 ext. 12", "Leave out the extension: enter the number that reaches your phone directly"],
  ])("rejects %j", (raw, message) => {
    expect(parseIdentification(raw)).toMatchObject({ kind: "invalid", message });
  });
});

describe("parseIdentification: usernames", () => {
  it.each([
    ["alice", "alice"],
    ["  Alice.Smith ", "alice.smith"],
    ["bob_99", "bob_99"],
    ["a1234567", "a1234567"],
    ["x-y", "x-y"],
    ["a".repeat(32), "a".repeat(32)],
    ["王小明", "王小明"],
    ["José", "josé"],
    ["élodie", "élodie"],
    ["Ольга", "ольга"],
    ["山田たろう", "山田たろう"],
    // NFKC: full-width letters and digits, and a decomposed é, are the plain spelling.
    ["ＡＬＩＣＥ１", "alice1"],
    ["jose\u0301", "josé"],
  ])("%j → %s", (raw, username) => {
    expect(parseIdentification(raw)).toEqual({ kind: "username", username });
  });

  it.each([
    ["ab", "usernameShort", "A username has at least 3 characters"],
    ["王小", "usernameShort", "A username has at least 3 characters"],
    ["a".repeat(33), "usernameLong", "A username has at most 32 characters"],
    ["_alice", "usernameStart", "A username starts with a letter"],
    [".alice", "usernameStart", "A username starts with a letter"],
    ["alice smith", "usernameChars", "A username may contain only letters, digits 0–9 and _ . - (no spaces)"],
    ["alice@example.com", "usernameChars", "A username may contain only letters, digits 0–9 and _ . - (no spaces)"],
    ["p\u0430ypal", "usernameMixedScripts", /one script only/],
    ["王xiaoming", "usernameMixedScripts", /one script only/],
    ["ali\u200bce", "usernameInvisible", /invisible characters/],
    ["alice\u200d", "usernameInvisible", /invisible characters/],
    ["ali\u202ece", "usernameInvisible", /invisible characters/],
  ] as Array<[string, string, string | RegExp]>)("rejects %j (%s)", (raw, code, message) => {
    const result = parseIdentification(raw);
    if (result.kind !== "invalid") throw new Error(`accepted ${raw}`);
    expect(result.problem.code).toBe(code);
    expect(result.problem.message).toBe(result.message);
    expect(result.message).toMatch(message);
  });

  it("rejects empty input and non-strings without throwing", () => {
    expect(parseIdentification("   ")).toMatchObject({
      kind: "invalid",
      problem: { code: "identificationMissing" },
      message: "Enter your phone number (with country code, e.g. +44 20 7946 0958) or a username",
    });
    expect(parseIdentification(undefined as unknown as string)).toMatchObject({ kind: "invalid" });
  });
});

describe("identificationSchema", () => {
  it("transforms to the union", () => {
    expect(identificationSchema.parse("+44 20 7946 0958")).toEqual({ kind: "phone", phoneNumber: "+442079460958" });
    expect(identificationSchema.parse("Alice")).toEqual({ kind: "username", username: "alice" });
  });

  it("fails with the parse message", () => {
    const result = identificationSchema.safeParse("020 7946 0958");
    expect(result.error?.issues.map((i) => i.message)).toEqual([COUNTRY_CODE_MESSAGE]);
    expect(identificationSchema.safeParse(42).error?.issues[0]?.message).toBe("Enter your phone number or username");
  });
});

describe("identificationKey", () => {
  it("is the E.164 number or the username", () => {
    expect(identificationKey({ kind: "phone", phoneNumber: "+442079460958" })).toBe("+442079460958");
    expect(identificationKey({ kind: "username", username: "alice" })).toBe("alice");
  });
});

describe("passwordSchema", () => {
  it("accepts 8 to 128 characters, untrimmed", () => {
    expect(passwordSchema.parse("12345678")).toBe("12345678");
    expect(passwordSchema.parse(" spaced out ")).toBe(" spaced out ");
    expect(passwordSchema.safeParse("x".repeat(128)).success).toBe(true);
  });

  it.each([
    ["", "Enter a password"],
    ["1234567", "Password must be at least 8 characters"],
    ["x".repeat(129), "Password can be at most 128 characters"],
    [undefined, "Enter a password"],
  ])("rejects %j", (input, message) => {
    const result = passwordSchema.safeParse(input);
    expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
  });
});

describe("the sign-up problems carry their codes, for the screens' languages", () => {
  it.each([
    [passwordSchema, "", "passwordMissing", {}],
    [passwordSchema, "1234567", "passwordShort", { min: 8 }],
    [passwordSchema, "x".repeat(129), "passwordLong", { max: 128 }],
    [displayNameSchema, "  ", "displayNameMissing", {}],
    [displayNameSchema, "x".repeat(61), "displayNameLong", { max: 60 }],
    [displayNameSchema, "Corner\nShop", "displayNameControl", {}],
  ] as const)("%#: %j", (schema, input, code, params) => {
    const issues = schema.safeParse(input).error?.issues ?? [];
    expect(issues.map((issue) => problemOf(issue))).toEqual([expect.objectContaining({ code, params })]);
  });
});

describe("displayNameSchema", () => {
  it("trims", () => {
    expect(displayNameSchema.parse("  Corner Shop  ")).toBe("Corner Shop");
    expect(displayNameSchema.safeParse("x".repeat(60)).success).toBe(true);
  });

  it.each([
    ["   ", "Enter the name others will see"],
    ["x".repeat(61), "Display name can be at most 60 characters"],
    ["Line\nbreak", "Display name must be a single line without control characters"],
  ])("rejects %j", (input, message) => {
    expect(displayNameSchema.safeParse(input).error?.issues.map((i) => i.message)).toEqual([message]);
  });
});

describe("maskIdentification", () => {
  it("keeps the country code and last 2 digits of a phone number", () => {
    const masked = maskIdentification({ kind: "phone", phoneNumber: "+442079460958" });
    expect(masked).toBe("+44 •••• •••• 58");
    expect(masked.replace(/\D/g, "")).toBe("4458");
    expect(maskIdentification("+12025550143")).toBe("+1 •••• •••• 43");
    expect(maskIdentification("+4930901820")).toBe("+49 •••• •• 20");
  });

  it("keeps the first 2 characters of a username", () => {
    expect(maskIdentification({ kind: "username", username: "alice" })).toBe("al•••");
    expect(maskIdentification("bob")).toBe("bo•••");
  });

  it("still hides a malformed stored phone number", () => {
    const masked = maskIdentification("+12");
    expect(masked.endsWith("12")).toBe(true);
    expect(masked).toContain("•");
  });
});
