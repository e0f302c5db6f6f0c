import { describe, expect, it } from "vitest";
import { escapeHtml } from "./escape-html";

describe("escapeHtml", () => {
  it("turns markup into inert text", () => {
    expect(escapeHtml("<img src=x onerror=alert(1)>")).toBe("&lt;img src=x onerror=alert(1)&gt;");
    expect(escapeHtml(`"'><script>`)).toBe("&quot;&#39;&gt;&lt;script&gt;");
  });
  it("escapes the ampersand first, so entities are not double-decoded", () => {
    expect(escapeHtml("&lt;")).toBe("&amp;lt;");
    expect(escapeHtml("a & b`")).toBe("a &amp; b&#96;");
  });
  it("leaves plain text (and non-Latin text) alone and stringifies anything", () => {
    expect(escapeHtml("Alice Martin 张伟")).toBe("Alice Martin 张伟");
    expect(escapeHtml(42)).toBe("42");
    expect(escapeHtml(null)).toBe("");
    expect(escapeHtml(undefined)).toBe("");
  });
});
