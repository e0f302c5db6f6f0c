import { describe, expect, it } from "vitest";
import {
  IBAN_CHECKSUM_MESSAGE,
  IBAN_LENGTHS,
  LUHN_MESSAGE,
  accountNumberProblem,
  ibanLength,
  ibanMod97,
  ibanProblem,
  isValidIban,
  luhnValid,
  normalizeAccountNumber,
} from "./check-digits";

/** Builds a valid IBAN for a country from a BBAN by computing its check digits. */
function makeIban(countryCode: string, bban: string): string {
  const remainder = ibanMod97(`${countryCode}00${bban}`);
  return `${countryCode}${String(98 - remainder).padStart(2, "0")}${bban}`;
}

/** Appends the Luhn check digit to a digit string. */
function withLuhn(payload: string): string {
  for (let d = 0; d <= 9; d++) {
    if (luhnValid(payload + d)) return payload + d;
  }
  throw new Error("unreachable");
}

describe("normalizeAccountNumber", () => {
  it("strips spaces, hyphens and dashes and uppercases", () => {
    expect(normalizeAccountNumber(" de89 3704-0044 0532 0130 00 ")).toBe("DE89370400440532013000");
    expect(normalizeAccountNumber("4111\u00a01111\u20131111\t1111")).toBe("4111111111111111");
    expect(normalizeAccountNumber("")).toBe("");
  });

  it("leaves other characters for the validator to reject", () => {
    expect(normalizeAccountNumber("DE89.3704")).toBe("DE89.3704");
  });
});

describe("IBAN length table", () => {
  it("has all 89 SWIFT registry countries", () => {
    expect(Object.keys(IBAN_LENGTHS)).toHaveLength(89);
    expect(ibanLength("DE")).toBe(22);
    expect(ibanLength("NO")).toBe(15);
    expect(ibanLength("RU")).toBe(33);
    expect(ibanLength("US")).toBeUndefined();
    // Inherited object keys are not countries.
    expect(ibanLength("constructor")).toBeUndefined();
  });

  it.each(Object.entries(IBAN_LENGTHS))("%s accepts a valid IBAN of length %d and rejects ±1", (country, length) => {
    const bban = "1".repeat(length - 4);
    const iban = makeIban(country, bban);
    expect(iban).toHaveLength(length);
    expect(isValidIban(iban)).toBe(true);
    expect(ibanProblem(makeIban(country, `${bban}1`))).toMatchObject({ kind: "length", expected: length, actual: length + 1 });
    expect(ibanProblem(makeIban(country, bban.slice(1)))).toMatchObject({ kind: "length", expected: length, actual: length - 1 });
  });
});

describe("isValidIban", () => {
  it.each([
    "DE89 3704 0044 0532 0130 00",
    "GB29 NWBK 6016 1331 9268 19",
    "NL91ABNA0417164300",
    "FR14 2004 1010 0505 0001 3M02 606",
    "be68 5390 0754 7034",
    "NO93 8601 1117 947",
    "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
    "LC55 HEMM 0001 0001 0012 0012 0002 3015",
  ])("accepts %s", (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each([
    ["a single changed digit", "DE89 3704 0044 0532 0130 01"],
    ["two swapped digits", "DE89 3704 0044 0532 0103 00"],
    ["wrong check digits", "DE88 3704 0044 0532 0130 00"],
    ["a country without IBAN", "US12 3456 7890 1234 5678 90"],
    ["a wrong length", "DE89 3704 0044 0532 0130 0"],
    ["letters in the check digits", "DEAB 3704 0044 0532 0130 00"],
    ["punctuation", "DE89.3704.0044.0532.0130.00"],
    ["an empty string", ""],
  ])("rejects %s", (_why, iban) => {
    expect(isValidIban(iban)).toBe(false);
  });

  it("rejects the check digits 01 and 99 even where mod-97 would pass", () => {
    // Check digits n and n+97 leave the same remainder, so 98 ↔ 01 and 02 ↔ 99.
    let found98 = "";
    let found02 = "";
    for (let i = 0; i < 500 && (!found98 || !found02); i++) {
      const candidate = makeIban("NL", `ABNA${String(i).padStart(10, "0")}`);
      if (candidate.slice(2, 4) === "98") found98 = candidate;
      if (candidate.slice(2, 4) === "02") found02 = candidate;
    }
    expect(found98 && found02).toBeTruthy();
    expect(isValidIban(found98)).toBe(true);
    expect(ibanMod97(`NL01${found98.slice(4)}`)).toBe(1);
    expect(isValidIban(`NL01${found98.slice(4)}`)).toBe(false);
    expect(isValidIban(found02)).toBe(true);
    expect(ibanMod97(`NL99${found02.slice(4)}`)).toBe(1);
    expect(isValidIban(`NL99${found02.slice(4)}`)).toBe(false);
    expect(isValidIban(`NL00${found02.slice(4)}`)).toBe(false);
  });

  it("catches every single-digit typing error in a real IBAN", () => {
    const iban = "DE89370400440532013000";
    for (let i = 4; i < iban.length; i++) {
      for (let d = 0; d <= 9; d++) {
        const typo = iban.slice(0, i) + d + iban.slice(i + 1);
        if (typo !== iban) expect(isValidIban(typo), typo).toBe(false);
      }
    }
  });
});

describe("luhnValid", () => {
  it.each(["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "79927398713"])("accepts %s", (n) => {
    expect(luhnValid(n)).toBe(true);
  });

  it.each(["4111111111111112", "79927398710", "", "0", "4111 1111 1111 1111", "41111111111a1111", "١٢٣٤"])("rejects %j", (n) => {
    expect(luhnValid(n)).toBe(false);
  });

  it("catches every single-digit error and adjacent swap of distinct non-09 digits", () => {
    const n = "4539578763621486";
    expect(luhnValid(n)).toBe(true);
    for (let i = 0; i < n.length; i++) {
      for (let d = 0; d <= 9; d++) {
        const typo = n.slice(0, i) + d + n.slice(i + 1);
        if (typo !== n) expect(luhnValid(typo), typo).toBe(false);
      }
    }
    for (let i = 0; i < n.length - 1; i++) {
      const a = n[i];
      const b = n[i + 1];
      if (a === b || `${a}${b}` === "09" || `${a}${b}` === "90") continue;
      const swapped = n.slice(0, i) + b + a + n.slice(i + 2);
      expect(luhnValid(swapped), swapped).toBe(false);
    }
  });
});

describe("accountNumberProblem", () => {
  it("accepts valid IBANs and 12–19 digit Luhn numbers", () => {
    expect(accountNumberProblem("DE89370400440532013000")).toBeNull();
    expect(accountNumberProblem(withLuhn("12345678901"))).toBeNull(); // 12 digits
    expect(accountNumberProblem(withLuhn("123456789012345678"))).toBeNull(); // 19 digits
    expect(accountNumberProblem("4111111111111111")).toBeNull();
  });

  it("explains each kind of mistake", () => {
    expect(accountNumberProblem("")?.message).toBe("Enter the account number (IBAN or card/account number)");
    expect(accountNumberProblem("US89370400440532013000")?.message).toMatch(/^"US" is not a country that uses IBANs/);
    expect(accountNumberProblem("DE8937040044053201300")?.message).toBe(
      "Wrong length for an IBAN from Germany (DE): expected 22 characters, got 21 — check for a missing character",
    );
    expect(accountNumberProblem("DE893704004405320130000")?.message).toMatch(/expected 22 characters, got 23 — check for an? extra character/);
    expect(accountNumberProblem("DE89370400440532013001")?.message).toBe(IBAN_CHECKSUM_MESSAGE);
    expect(accountNumberProblem("DEX9370400440532013000")?.message).toMatch(/check digits and must be digits/);
    expect(accountNumberProblem("DE89.70400440532013000")?.message).toMatch(/only letters and digits/);
    expect(accountNumberProblem("4111111111111112")?.message).toBe(LUHN_MESSAGE);
    expect(accountNumberProblem(withLuhn("1234567890"))?.message).toMatch(/12 to 19 digits, this one has 11/);
    expect(accountNumberProblem(withLuhn("1234567890123456789"))?.message).toMatch(/12 to 19 digits, this one has 20/);
    expect(accountNumberProblem("4X11111111111111")?.message).toMatch(/IBAN \(starting with its two-letter country code\) or a card\/account number/);
  });

  it("gives the code and the parameters a screen needs to say it in its language", () => {
    expect(accountNumberProblem("DE8937040044053201300")).toMatchObject({
      code: "ibanLength",
      params: { country: "DE", expected: 22, actual: 21, diff: "missing" },
    });
    expect(accountNumberProblem(withLuhn("1234567890"))).toMatchObject({ code: "cardLength", params: { min: 12, max: 19, actual: 11 } });
  });
});
