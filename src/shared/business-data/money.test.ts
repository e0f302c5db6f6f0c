import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldProblems } from "../field-errors";
import {
  amountCurrencyProblem,
  amountFormatProblem,
  amountSchema,
  checkAmountForCurrency,
  currencyMinorUnits,
  currencySchema,
  isSupportedCurrency,
  parseAmount,
  toMinorUnits,
} from "./money";

describe("currencyMinorUnits", () => {
  it.each([
    ["EUR", 2],
    ["USD", 2],
    ["HUF", 2],
    ["JPY", 0],
    ["KRW", 0],
    ["VND", 0],
    ["CLP", 0],
    ["BHD", 3],
    ["KWD", 3],
    ["JOD", 3],
    ["OMR", 3],
    ["TND", 3],
    ["LYD", 3],
    ["IQD", 3],
  ])("%s has %d decimals", (code, units) => {
    expect(currencyMinorUnits(code)).toBe(units);
  });
});

describe("isSupportedCurrency", () => {
  it("knows ISO 4217 codes and rejects others", () => {
    expect(isSupportedCurrency("EUR")).toBe(true);
    expect(isSupportedCurrency("JPY")).toBe(true);
    expect(isSupportedCurrency("XYZ")).toBe(false);
    expect(isSupportedCurrency("eur")).toBe(false);
    expect(isSupportedCurrency("EURO")).toBe(false);
  });
});

describe("amountFormatProblem", () => {
  it.each(["1", "12.50", "0.01", "999999999999.99", "000012.5", "0.001", "12,50", "0,5"])("accepts %s", (amount) => {
    expect(amountFormatProblem(amount)).toBeNull();
  });

  it.each([
    ["", "amountMissing"],
    ["0", "amountPositive"],
    ["0.00", "amountPositive"],
    ["0,00", "amountPositive"],
    ["-5", "amountPositive"],
    ["1,250.50", "amountGrouping"],
    ["1.234,50", "amountGrouping"],
    ["1.234.567", "amountGrouping"],
    ["1,234,567", "amountGrouping"],
    ["12,,50", "amountGrouping"],
    ["1 250.50", "amountGrouping"],
    ["1'250.50", "amountGrouping"],
    ["1\u202f250,50", "amountGrouping"],
    ["1e3", "amountPattern"],
    [".5", "amountPattern"],
    [",5", "amountPattern"],
    ["5.", "amountPattern"],
    ["5,", "amountPattern"],
    ["+5", "amountPattern"],
    ["NaN", "amountPattern"],
    ["1000000000000", "amountTooLarge"],
  ])("rejects %j (%s)", (amount, code) => {
    expect(amountFormatProblem(amount)?.code).toBe(code);
  });

  it("says in English what to do, with the numbers a screen needs", () => {
    expect(amountFormatProblem("1.234,50")?.message).toBe(
      "Write the amount without thousands separators: digits and one decimal point or comma, e.g. 1250.50 or 1250,50",
    );
    expect(amountFormatProblem("1000000000000")).toEqual({
      code: "amountTooLarge",
      params: { digits: 12 },
      message: "Amount is too large: at most 12 digits before the decimal point",
    });
  });

  it("counts integer digits after leading zeros", () => {
    expect(amountFormatProblem("0000999999999999")).toBeNull();
  });
});

describe("parseAmount", () => {
  it.each([
    ["12,50", "12.50"],
    [" 12,50 ", "12.50"],
    ["007.50", "7.50"],
    ["007,50", "7.50"],
    ["0.5", "0.5"],
    ["0,5", "0.5"],
    ["100", "100"],
    ["1,234", "1.234"],
  ])("reads %j as %s", (typed, amount) => {
    expect(parseAmount(typed)).toEqual({ amount, problem: null });
  });

  it("gives the problem instead of an amount", () => {
    expect(parseAmount("1.234,50")).toMatchObject({ amount: null, problem: { code: "amountGrouping" } });
  });
});

describe("amountCurrencyProblem", () => {
  it("allows up to the currency's minor units", () => {
    expect(amountCurrencyProblem("12.50", "EUR")).toBeNull();
    expect(amountCurrencyProblem("12", "EUR")).toBeNull();
    expect(amountCurrencyProblem("1500", "JPY")).toBeNull();
    expect(amountCurrencyProblem("1.125", "KWD")).toBeNull();
  });

  it("rejects extra decimals with a message naming the currency", () => {
    expect(amountCurrencyProblem("12.505", "EUR")?.message).toBe("EUR allows at most 2 decimal places, e.g. 12.50");
    expect(amountCurrencyProblem("1500.5", "JPY")?.message).toBe("JPY has no decimal places — enter a whole amount, e.g. 1500");
    expect(amountCurrencyProblem("1500.00", "JPY")?.message).toBe("JPY has no decimal places — enter a whole amount, e.g. 1500");
    expect(amountCurrencyProblem("1.1255", "BHD")?.message).toBe("BHD allows at most 3 decimal places, e.g. 12.500");
  });

  it("leaves invalid amounts and unknown currencies to their own fields", () => {
    expect(amountCurrencyProblem("abc", "EUR")).toBeNull();
    expect(amountCurrencyProblem("1.234", "XYZ")).toBeNull();
  });
});

describe("toMinorUnits", () => {
  it("converts exactly, without floating point", () => {
    expect(toMinorUnits("12.5", "EUR")).toBe(1250n);
    expect(toMinorUnits("12.50", "EUR")).toBe(1250n);
    expect(toMinorUnits("0.1", "USD") + toMinorUnits("0.2", "USD")).toBe(toMinorUnits("0.3", "USD"));
    expect(toMinorUnits("1500", "JPY")).toBe(1500n);
    expect(toMinorUnits("1.005", "KWD")).toBe(1005n);
    expect(toMinorUnits("999999999999.99", "EUR")).toBe(99999999999999n);
  });

  it("throws on invalid input", () => {
    expect(() => toMinorUnits("12.505", "EUR")).toThrow(RangeError);
    expect(() => toMinorUnits("-1", "EUR")).toThrow(RangeError);
  });
});

describe("amountSchema", () => {
  it("trims and normalises", () => {
    expect(amountSchema.parse(" 0012.50 ")).toBe("12.50");
  });

  it("reads a decimal comma, as the forms do: the server stores a dot", () => {
    expect(amountSchema.parse("12,50")).toBe("12.50");
    const grouped = amountSchema.safeParse("1.234,50");
    expect(fieldProblems(grouped.error)._?.[0]?.code).toBe("amountGrouping");
  });

  it("refuses numbers: amounts travel as text", () => {
    const result = amountSchema.safeParse(12.5);
    expect(result.error?.issues[0]?.message).toBe('Send the amount as text, e.g. "12.50", not as a number');
  });

  it("says what to enter when missing", () => {
    expect(amountSchema.safeParse(undefined).error?.issues[0]?.message).toBe("Enter an amount, e.g. 12.50");
    expect(amountSchema.safeParse("").error?.issues[0]?.message).toBe("Enter an amount, e.g. 12.50");
  });
});

describe("currencySchema", () => {
  it("uppercases and trims", () => {
    expect(currencySchema.parse(" eur ")).toBe("EUR");
  });

  it.each([
    ["", "Choose a currency, e.g. EUR or USD"],
    ["EURO", "Currency must be a three-letter ISO 4217 code such as EUR or USD"],
    ["€", "Currency must be a three-letter ISO 4217 code such as EUR or USD"],
    ["XYZ", '"XYZ" is not a currency code we recognise — use an ISO 4217 code such as EUR or USD'],
  ])("rejects %j", (input, message) => {
    const result = currencySchema.safeParse(input);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});

describe("checkAmountForCurrency", () => {
  const schema = z.object({ amount: amountSchema, currency: currencySchema }).superRefine(checkAmountForCurrency);

  it("puts the decimals error on amount", () => {
    const result = schema.safeParse({ amount: "10.5", currency: "jpy" });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ["amount"], message: "JPY has no decimal places — enter a whole amount, e.g. 1500" }),
    ]);
  });

  it("reports only the field error when a field is invalid", () => {
    const badCurrency = schema.safeParse({ amount: "10.555", currency: "XYZ" });
    expect(badCurrency.error?.issues.map((i) => i.path)).toEqual([["currency"]]);
    const badAmount = schema.safeParse({ amount: "ten", currency: "EUR" });
    expect(badAmount.error?.issues.map((i) => i.path)).toEqual([["amount"]]);
  });

  it("passes valid pairs", () => {
    expect(schema.parse({ amount: "10.500", currency: "kwd" })).toEqual({ amount: "10.500", currency: "KWD" });
  });
});
