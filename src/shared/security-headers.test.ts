import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, eventStreamSecurityHeaders, isForeignRequest, securityHeaders, tileSource } from "./security-headers";

const base = { nonce: "abc123abc123abc123abc1==", https: false, development: false };

describe("the security headers", () => {
  it("allow scripts only with the nonce, and connections and images only to self", () => {
    const csp = contentSecurityPolicy(base);
    expect(csp).toContain("script-src 'self' 'nonce-abc123abc123abc123abc1==' 'strict-dynamic'");
    expect(/script-src [^;]*/.exec(csp)![0]).not.toMatch(/unsafe-(inline|eval)/);
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("img-src 'self' data: blob:;");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("name the tile host when one is configured", () => {
    expect(tileSource("https://{s}.tile.example.org/{z}/{x}/{y}.png")).toBe("https://*.tile.example.org");
    expect(tileSource("https://tiles.example.org:8443/{z}/{x}/{y}.png")).toBe("https://tiles.example.org:8443");
    expect(tileSource(null)).toBeNull();
    expect(tileSource("javascript:alert(1)")).toBeNull();
    expect(tileSource("https://evil.example;script-src *")).toBeNull();
    expect(contentSecurityPolicy({ ...base, tileUrl: "https://tiles.example.org/{z}/{x}/{y}.png" })).toContain(
      "img-src 'self' data: blob: https://tiles.example.org;",
    );
  });

  it("carry each call's own nonce and options, though the policy is built once per options", () => {
    const one = contentSecurityPolicy({ ...base, nonce: "first+nonce/$&==" });
    const two = contentSecurityPolicy({ ...base, nonce: "second" });
    expect(one).toContain("'nonce-first+nonce/$&=='");
    expect(two).toContain("'nonce-second'");
    expect(two.replace("second", () => "first+nonce/$&==")).toBe(one);
    expect(contentSecurityPolicy({ ...base, https: true })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ ...base, development: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy(base)).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy(base)).not.toContain("\u0000");
  });

  it("add HSTS only over HTTPS", () => {
    expect(securityHeaders(base)["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ ...base, https: true })["Strict-Transport-Security"]).toMatch(/max-age=63072000/);
    expect(securityHeaders(base)["Permissions-Policy"]).toMatch(/geolocation=\(self\), accelerometer=\(self\), gyroscope=\(self\), camera=\(self\)/);
  });
});

describe("the origin check", () => {
  const own = "http://127.0.0.1:3000";
  const headers = (h: Record<string, string>) => new Headers(h);
  it.each([
    ["POST", { origin: "http://evil.example" }, true],
    ["POST", { origin: "null" }, true],
    ["POST", { "sec-fetch-site": "cross-site" }, true],
    ["DELETE", { origin: "http://127.0.0.1:3001" }, true],
    ["POST", { origin: own, "sec-fetch-site": "same-origin" }, false],
    ["POST", {}, false],
    ["GET", { origin: "http://evil.example" }, false],
  ] as const)("%s with %o is foreign: %s", (method, h, foreign) => {
    expect(isForeignRequest(method, headers(h), own)).toBe(foreign);
  });
});

describe("eventStreamSecurityHeaders", () => {
  it("let an event stream load nothing and be framed by no one, with HSTS over HTTPS only", () => {
    for (const https of [false, true]) {
      const headers = eventStreamSecurityHeaders(https);
      expect(headers["Content-Security-Policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(headers["X-Content-Type-Options"]).toBe("nosniff");
      expect(headers["Strict-Transport-Security"]).toBe(
        https ? securityHeaders({ nonce: "n", https, development: false })["Strict-Transport-Security"] : undefined,
      );
    }
  });

  it("are one shared set per scheme, not built per stream", () => {
    expect(eventStreamSecurityHeaders(true)).toBe(eventStreamSecurityHeaders(true));
    expect(Object.isFrozen(eventStreamSecurityHeaders(false))).toBe(true);
  });
});
