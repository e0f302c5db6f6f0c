import { describe, expect, it } from "vitest";
import { hasMessage, translator } from "./i18n";
import { negotiateLocale } from "./locales";
import { catalogs } from "./messages";
import { format } from "./translate";

describe("negotiateLocale", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["zh", "zh-CN"],
    ["en-GB,en;q=0.9", "en"],
    ["fr-FR,fr;q=0.9,zh;q=0.8,en;q=0.7", "zh-CN"],
    ["fr-FR,en;q=0.5,zh;q=0.8", "zh-CN"],
    ["de,fr", "en"],
    ["zh;q=0,en", "en"],
    ["*", "en"],
  ] as const)("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe("format", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(format("{a} left of {b}", { a: "4:05" })).toBe("4:05 left of {b}");
    expect(format((v) => (v.n === 1 ? "one" : `${v.n} many`), { n: 3 })).toBe("3 many");
  });
});

describe("catalogs", () => {
  it("have the same keys in every language and no empty message", () => {
    const english = Object.keys(catalogs.en).sort();
    expect(Object.keys(catalogs["zh-CN"]).sort()).toEqual(english);
    for (const catalog of Object.values(catalogs)) for (const message of Object.values(catalog)) expect(message).toBeTruthy();
  });

  it("translate into Chinese, and know which server reasons they cover", () => {
    expect(translator("zh-CN")("countdown.left", { time: "1:00" })).toBe("剩余 1:00");
    expect(hasMessage("error.REQUEST_TAKEN")).toBe(true);
    expect(hasMessage("error.NO_SUCH_REASON")).toBe(false);
  });
});
