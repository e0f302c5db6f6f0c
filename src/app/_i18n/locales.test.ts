import { describe, expect, it } from "vitest";
import { hasMessage, translator } from "./i18n";
import { defaultCurrency, negotiateLocale } from "./locales";
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

describe("defaultCurrency", () => {
  it.each([
    ["zh-CN", ["en-US"], "CNY"],
    ["zh-CN", [], "CNY"],
    ["en", ["en-US", "en"], "USD"],
    ["en", ["en-GB"], "GBP"],
    ["en", ["de-DE"], "EUR"],
    ["en", ["en"], "USD"],
    ["en", ["not a tag", "fr-CH"], "CHF"],
    ["en", [], "EUR"],
  ] as const)("%s with %j → %s", (locale, languages, currency) => {
    expect(defaultCurrency(locale, languages)).toBe(currency);
  });
});

describe("the Chinese catalog", () => {
  const sample = { n: 3, what: "x", seconds: 5, minutes: 2, country: "DE", expected: 22, actual: 21, diff: "漏输" };
  const chinese = Object.entries(catalogs["zh-CN"]).map(([key, message]) => [key, format(message, sample)] as const);

  it("has an entry for every English key, and no key of its own", () => {
    const english = new Set(Object.keys(catalogs.en));
    const missing = [...english].filter((key) => !(key in catalogs["zh-CN"]));
    const extra = Object.keys(catalogs["zh-CN"]).filter((key) => !english.has(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it("says 您, never 你", () => {
    expect(chinese.filter(([, text]) => text.includes("你")).map(([key]) => key)).toEqual([]);
  });

  it("uses Chinese punctuation between Chinese words: no ASCII comma, colon or brackets", () => {
    const cjk = "[\\u3400-\\u9fff\\uff00-\\uffef\\u3000-\\u303f]";
    const ascii = new RegExp(`${cjk}\\s*[,:;()]\\s*${cjk}|${cjk}[,:;]|[(]${cjk}`);
    expect(chinese.filter(([, text]) => ascii.test(text)).map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });
});
