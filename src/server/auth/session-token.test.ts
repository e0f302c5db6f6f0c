import { encode } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { endSessions } from "../accounts/sessions";
import { databaseKinds } from "../test/databases";
import { type Harness, openHarness } from "../test/harness";
import { authSecret } from "./secret";
import { sessionCookieName, sessionFromCookie } from "./session-token";

/** A session cookie as next-auth issues it for `account`, under the cookie name of `https`. */
async function cookieFor(account: { id: string; identification: string }, https: boolean, maxAge = 3600, sessionVersion = 0) {
  const name = sessionCookieName(https);
  const token = await encode({
    token: { sub: account.id, identification: account.identification, sessionVersion },
    secret: authSecret(),
    salt: name,
    maxAge,
  });
  return `other=1; ${name}=${token}`;
}

describe.each(databaseKinds)("the session read from a cookie, on %s", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is the account's, read again from the same cookie", async () => {
    const account = await h.account("cookie");
    const cookie = await cookieFor(account, false);
    for (let i = 0; i < 3; i++) {
      expect(await sessionFromCookie(h.deps, cookie, false)).toEqual({
        actor: { userId: account.id, identification: account.identification },
        sessionVersion: 0,
      });
    }
  });

  it("is refused under the other scheme's cookie name, even once read under its own", async () => {
    const account = await h.account("scheme");
    const plain = await cookieFor(account, false);
    expect((await sessionFromCookie(h.deps, plain, false)).actor).not.toBeNull();
    // The same value sent as the __Secure- cookie: it was encrypted for the other name.
    const value = plain.split("authjs.session-token=")[1]!;
    expect((await sessionFromCookie(h.deps, `__Secure-authjs.session-token=${value}`, true)).actor).toBeNull();
  });

  it("is refused once the cookie has expired, though it was read before", async () => {
    const account = await h.account("expiring");
    const cookie = await cookieFor(account, false, 60);
    expect((await sessionFromCookie(h.deps, cookie, false)).actor).not.toBeNull();
    vi.useFakeTimers({ now: Date.now() + 120_000, toFake: ["Date"] });
    expect((await sessionFromCookie(h.deps, cookie, false)).actor).toBeNull();
  });

  it("is refused when the cookie was tampered with, or after the account signed out", async () => {
    const account = await h.account("tampered");
    const cookie = await cookieFor(account, false);
    expect((await sessionFromCookie(h.deps, cookie, false)).actor).not.toBeNull();
    const flipped = cookie.slice(0, -5) + (cookie.at(-5) === "A" ? "B" : "A") + cookie.slice(-4);
    expect((await sessionFromCookie(h.deps, flipped, false)).actor).toBeNull();
    await endSessions(h.deps, account.id);
    expect((await sessionFromCookie(h.deps, cookie, false)).actor).toBeNull();
    // A cookie issued after the sign-out carries the new version.
    expect((await sessionFromCookie(h.deps, await cookieFor(account, false, 3600, 1), false)).actor).not.toBeNull();
  });
});
