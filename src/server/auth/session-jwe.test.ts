import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { seededRandom } from "~/shared/testing/random";
import { openSessionToken } from "./session-jwe";

const secret = "test-secret-0123456789abcdef0123456789abcdef";
const salt = "authjs.session-token";
const claims = { sub: "user-1", identification: "+33612345678", sessionVersion: 3 };

function issue(token: Record<string, unknown> = claims, maxAge = 3600, options: { secret?: string; salt?: string } = {}) {
  return encode({ token, secret: options.secret ?? secret, salt: options.salt ?? salt, maxAge });
}

/** What next-auth's own decode says of `token`: the authority the fast path must never disagree with. */
const authority = (token: string, s = salt) => decode({ token, secret, salt: s }).catch(() => null);

describe("openSessionToken", () => {
  it("opens next-auth's cookie to the claims next-auth's decode reads", async () => {
    const token = await issue();
    const opened = openSessionToken(token, secret, salt);
    expect(opened).toEqual(await authority(token));
    expect(opened).toMatchObject(claims);
    expect(typeof opened?.exp).toBe("number");
  });

  it("refuses a cookie sealed under another secret or for the other cookie name", async () => {
    expect(openSessionToken(await issue(claims, 3600, { secret: "another-secret-0123456789abcdef0123456789" }), secret, salt)).toBeNull();
    const secure = await issue(claims, 3600, { salt: "__Secure-authjs.session-token" });
    expect(openSessionToken(secure, secret, salt)).toBeNull();
    expect(openSessionToken(secure, secret, "__Secure-authjs.session-token")).toMatchObject(claims);
  });

  it("refuses an expired cookie as next-auth does, with its 15 s of clock tolerance", async () => {
    const token = await issue(claims, 60);
    const exp = openSessionToken(token, secret, salt)!.exp!;
    expect(openSessionToken(token, secret, salt, (exp + 14) * 1000)).not.toBeNull();
    expect(openSessionToken(token, secret, salt, (exp + 15) * 1000)).toBeNull();
  });

  it("refuses a not-yet-valid cookie as next-auth does, with the same tolerance", async () => {
    const now = Math.floor(Date.now() / 1000);
    const early = await issue({ ...claims, nbf: now + 60 });
    expect(openSessionToken(early, secret, salt)).toBeNull();
    expect(await authority(early)).toBeNull();
    const nearly = await issue({ ...claims, nbf: now + 10 });
    expect(openSessionToken(nearly, secret, salt)).toEqual(await authority(nearly));
  });

  it("refuses what is not next-auth's cookie: other shapes, a JWS, garbage", async () => {
    const token = await issue();
    const [header, , iv, ciphertext, tag] = token.split(".");
    const otherHeader = (fields: Record<string, unknown>) => Buffer.from(JSON.stringify(fields)).toString("base64url");
    for (const odd of [
      "",
      "not.a.token",
      `${header}.${iv}.${ciphertext}.${tag}`,
      `${header}.x.${iv}.${ciphertext}.${tag}`,
      `${header}..${iv}.${ciphertext}.${tag}=`,
      `${otherHeader({ alg: "dir", enc: "A256GCM" })}..${iv}.${ciphertext}.${tag}`,
      `${otherHeader({ alg: "dir", enc: "A256CBC-HS512", zip: "DEF" })}..${iv}.${ciphertext}.${tag}`,
      `${otherHeader({ alg: "dir", enc: "A256CBC-HS512" })}..${iv}.${ciphertext}.${tag}`,
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJl",
    ]) {
      expect(openSessionToken(odd, secret, salt), odd).toBeNull();
    }
  });

  it("never accepts a tampered cookie, and never disagrees with next-auth's decode on one it accepts", async () => {
    const random = seededRandom(20261202);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const token = await issue();
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const at = Math.floor(random() * token.length);
      if (token[at] === ".") continue;
      const swapped = alphabet[Math.floor(random() * alphabet.length)]!;
      const tampered = token.slice(0, at) + swapped + token.slice(at + 1);
      const opened = openSessionToken(tampered, secret, salt);
      // A swapped character can leave the bytes as they were (the last character of a part carries spare bits).
      if (opened) expect(opened).toEqual(await authority(tampered));
      else refused++;
    }
    expect(refused).toBeGreaterThan(250);
  });
});
