import { describe, expect, it } from "vitest";
import { businessDataSchema, initials, isPreviewShape, maskedPreview } from "./index";

describe("initials", () => {
  it.each([
    ["John Smith", "J. S."],
    ["  mary   ann   o'neil ", "M. A. O."],
    ["Cher", "C."],
    ["Ана Иванова", "А. И."],
    ["A B C D E", "A. B. C. D."],
  ])("%j → %j", (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});

describe("maskedPreview", () => {
  it("shows bank, last 4 digits and initials of a bank account, never the number", () => {
    const data = businessDataSchema.parse({
      type: "BANK_ACCOUNT",
      holderName: "John Smith",
      bankName: "Deutsche Bank",
      accountNumber: "DE89 3704 0044 0532 0130 00",
    });
    const preview = maskedPreview(data);
    expect(preview).toBe("Deutsche Bank · ••••3000 · J. S.");
    const digitsOnly = preview.replace(/[^0-9A-Z]/g, "");
    expect(digitsOnly).not.toContain("DE89370400440532013000");
    expect(digitsOnly).not.toContain("37040044");
    expect(preview).not.toContain("John");
    expect(preview).not.toContain("Smith");
  });

  it("never contains more than the last 4 digits of a card number in any spelling", () => {
    const accountNumber = "4539578763621486";
    const data = businessDataSchema.parse({ type: "BANK_ACCOUNT", holderName: "Ann Lee", bankName: "Bank", accountNumber });
    const preview = maskedPreview(data);
    expect(preview).toBe("Bank · ••••1486 · A. L.");
    const digits = preview.replace(/\D/g, "");
    expect(digits).toBe("1486");
    // No 5-character window of the number appears anywhere.
    for (let i = 0; i + 5 <= accountNumber.length; i++) {
      expect(digits).not.toContain(accountNumber.slice(i, i + 5));
    }
  });

  it("summarises an order", () => {
    const data = businessDataSchema.parse({
      type: "ORDER",
      orderReference: "ORD-2024-00917",
      items: ["Coffee", "Grinder", "Filters"],
      amount: "49.90",
      currency: "eur",
    });
    expect(maskedPreview(data)).toBe("••0917 · 3 items · 49.90 EUR");
  });

  it("uses the singular for one item", () => {
    const data = businessDataSchema.parse({ type: "ORDER", orderReference: "X-1234567", items: ["Sofa"], amount: "1500", currency: "JPY" });
    expect(maskedPreview(data)).toBe("••4567 · 1 item · 1500 JPY");
  });

  it("summarises a payment confirmation", () => {
    const data = businessDataSchema.parse({
      type: "PAYMENT_CONFIRMATION",
      paymentReference: "PAY-778899",
      amount: "12.500",
      currency: "KWD",
      payer: "Ann Lee",
    });
    const preview = maskedPreview(data);
    expect(preview).toBe("••8899 · 12.500 KWD");
    expect(preview).not.toContain("Ann");
  });

  it("never shows a short reference in full (at most half of it)", () => {
    const short = businessDataSchema.parse({ type: "ORDER", orderReference: "A12", items: ["x"], amount: "1", currency: "USD" });
    expect(maskedPreview(short)).toBe("••2 · 1 item · 1 USD");
    const one = businessDataSchema.parse({ type: "PAYMENT_CONFIRMATION", paymentReference: "7", amount: "1", currency: "USD", payer: "P" });
    expect(maskedPreview(one)).toBe("•• · 1 USD");
    const six = businessDataSchema.parse({ type: "ORDER", orderReference: "ABC123", items: ["x"], amount: "1", currency: "USD" });
    expect(maskedPreview(six)).toBe("••123 · 1 item · 1 USD");
  });

  // The screens write "Order · <preview>": a type word inside the preview said it twice ("Order · Order ••7781").
  it("names no type: the screen's type label in front is the only one", () => {
    const order = businessDataSchema.parse({ type: "ORDER", orderReference: "ORD-7781", items: ["x"], amount: "2", currency: "EUR" });
    const payment = businessDataSchema.parse({
      type: "PAYMENT_CONFIRMATION",
      paymentReference: "PAY-7781",
      amount: "2",
      currency: "EUR",
      payer: "P",
    });
    for (const preview of [maskedPreview(order), maskedPreview(payment)]) {
      expect(preview).toMatch(/^••7781 · /);
      expect(preview).not.toMatch(/order|payment/i);
    }
  });
});

describe("isPreviewShape", () => {
  it("still accepts the type-prefixed previews phones of the earlier release send", () => {
    expect(isPreviewShape("ORDER", "Order ••7781 · 1 item · 2 EUR")).toBe(true);
    expect(isPreviewShape("PAYMENT_CONFIRMATION", "Payment ••7781 · 2 EUR")).toBe(true);
    expect(isPreviewShape("ORDER", "Payment ••7781 · 1 item · 2 EUR")).toBe(false);
  });

  it("accepts what maskedPreview makes and refuses a full account number", () => {
    const bank = { type: "BANK_ACCOUNT" as const, holderName: "John Ronald Smith", bankName: "West Bank", accountNumber: "GB82WEST12345698765432" };
    expect(isPreviewShape("BANK_ACCOUNT", maskedPreview(bank))).toBe(true);
    const order = { type: "ORDER" as const, orderReference: "A-1234", items: ["tea", "cake"], amount: "3.50", currency: "EUR" };
    expect(isPreviewShape("ORDER", maskedPreview(order))).toBe(true);
    const payment = { type: "PAYMENT_CONFIRMATION" as const, paymentReference: "PAY-778899", amount: "120.00", currency: "EUR", payer: "Desk 4" };
    expect(isPreviewShape("PAYMENT_CONFIRMATION", maskedPreview(payment))).toBe(true);
    expect(isPreviewShape("BANK_ACCOUNT", "West Bank · GB82WEST12345698765432 · J. S.")).toBe(false);
    expect(isPreviewShape("BANK_ACCOUNT", "West Bank · ••••65432 · J. S.")).toBe(false);
    expect(isPreviewShape("ORDER", maskedPreview(bank))).toBe(false);
  });
});
