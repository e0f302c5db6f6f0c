import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "./password";

describe("hashPassword / verifyPassword", () => {
  it("encodes scrypt$N$r$p$salt$hash with a 16-byte salt and 32-byte key", async () => {
    const hash = await hashPassword("correct horse battery staple");
    const parts = hash.split("$");
    expect(parts.slice(0, 4)).toEqual(["scrypt", "32768", "8", "1"]);
    expect(Buffer.from(parts[4] ?? "", "base64")).toHaveLength(16);
    expect(Buffer.from(parts[5] ?? "", "base64")).toHaveLength(32);
    expect(hash).not.toContain("correct horse");
  });

  it("verifies the right password and rejects others", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", hash)).toBe(false);
    expect(await verifyPassword("Correct horse battery staple", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts: the same password hashes differently each time", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password", a)).toBe(true);
    expect(await verifyPassword("same password", b)).toBe(true);
  });

  it("treats composed and decomposed accents as the same password", async () => {
    const hash = await hashPassword("caf\u00e9-au-lait");
    expect(await verifyPassword("cafe\u0301-au-lait", hash)).toBe(true);
  });

  it("handles unicode and long passwords", async () => {
    const long = "🔐".repeat(64);
    const hash = await hashPassword(long);
    expect(await verifyPassword(long, hash)).toBe(true);
    expect(await verifyPassword("🔐".repeat(63), hash)).toBe(false);
  });

  it("verifies hashes made with other (stored) parameters", async () => {
    const hash = await hashPassword("password123");
    const [, , , , salt] = hash.split("$");
    // A hash with a different N is recomputed with its own N, so it does not match the N=2^15 key.
    expect(await verifyPassword("password123", `scrypt$16384$8$1$${salt}$${hash.split("$")[5]}`)).toBe(false);
  });

  it.each([
    ["an empty string", ""],
    ["another algorithm", "bcrypt$2b$10$abcdefghijklmnopqrstuv"],
    ["too few parts", "scrypt$32768$8$1$c2FsdA=="],
    ["a non-power-of-two N", "scrypt$30000$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
    ["an N needing more than 64 MiB", "scrypt$1048576$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
    ["a huge N", "scrypt$4294967296$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
    ["a zero r", "scrypt$32768$0$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
    ["bad base64", "scrypt$32768$8$1$not*base64$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
    ["a short key", "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA"],
    ["a negative N", "scrypt$-32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
  ])("returns false for %s", async (_why, stored) => {
    expect(await verifyPassword("password123", stored)).toBe(false);
  });

  it("returns false for non-string input from untyped callers", async () => {
    const hash = await hashPassword("password123");
    expect(await verifyPassword(undefined as unknown as string, hash)).toBe(false);
    expect(await verifyPassword("password123", null as unknown as string)).toBe(false);
  });
});

describe("needsRehash", () => {
  it("flags weaker or foreign hashes", async () => {
    expect(needsRehash(await hashPassword("password123"))).toBe(false);
    expect(needsRehash("scrypt$16384$8$1$AAAA$AAAA")).toBe(true);
    expect(needsRehash("bcrypt$x")).toBe(true);
  });
});
