import { describe, expect, it } from "vitest";
import { bankAccountSchema, businessDataSchema, businessDataTypes, orderSchema, paymentAnswerSchema, paymentConfirmationSchema } from "./index";

function messages(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return (result.error?.issues ?? []).map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

const bank = { type: "BANK_ACCOUNT", holderName: "  John Smith ", bankName: "Deutsche Bank", accountNumber: "de89 3704 0044 0532 0130 00" };
const order = { type: "ORDER", orderReference: "ORD-2024/001#7", items: [" Coffee beans 1kg ", "Grinder"], amount: "49.90", currency: "eur" };
const payment = { type: "PAYMENT_CONFIRMATION", paymentReference: "PAY 7788 9911", amount: "12.50", currency: "GBP", payer: "Ann Lee" };

describe("businessDataTypes", () => {
  it("lists the three types", () => {
    expect(businessDataTypes).toEqual(["BANK_ACCOUNT", "ORDER", "PAYMENT_CONFIRMATION"]);
  });
});

describe("bankAccountSchema", () => {
  it("trims names and outputs the normalised account number", () => {
    expect(bankAccountSchema.parse(bank)).toEqual({
      type: "BANK_ACCOUNT",
      holderName: "John Smith",
      bankName: "Deutsche Bank",
      accountNumber: "DE89370400440532013000",
    });
  });

  it("is idempotent: its output parses to itself (client and server both validate)", () => {
    const once = bankAccountSchema.parse(bank);
    expect(bankAccountSchema.parse(once)).toEqual(once);
  });

  it("accepts a card/account number with a valid Luhn digit", () => {
    expect(bankAccountSchema.parse({ ...bank, accountNumber: "4111-1111-1111-1111" }).accountNumber).toBe("4111111111111111");
  });

  it("drops unknown fields", () => {
    expect(bankAccountSchema.parse({ ...bank, pin: "1234" })).not.toHaveProperty("pin");
  });

  it.each([
    ["an unknown IBAN country", "XX89 3704 0044 0532 0130 00", /^"XX" is not a country that uses IBANs/],
    ["a wrong IBAN length", "DE89 3704 0044 0532 0130", /^Wrong length for an IBAN from Germany \(DE\): expected 22 characters, got 20/],
    ["a typo in an IBAN", "DE89 3704 0044 0532 0131 00", /^IBAN check digits do not match — check for a typing error$/],
    ["a typo in a card number", "4111 1111 1111 1121", /^Card\/account number fails its check digit \(Luhn\) — check for a typing error$/],
    ["a too-short number", "1234 5678 90", /has 12 to 19 digits, this one has 10/],
    ["an empty number", "   ", /^Enter the account number/],
  ])("rejects %s with a specific message on accountNumber", (_why, accountNumber, message) => {
    const result = bankAccountSchema.safeParse({ ...bank, accountNumber });
    const issues = messages(result);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("accountNumber");
    expect(issues[0]?.message).toMatch(message);
  });

  it("rejects a numeric account number (leading zeros would be lost)", () => {
    const issues = messages(bankAccountSchema.safeParse({ ...bank, accountNumber: 4111111111111111 }));
    expect(issues[0]).toEqual({ path: "accountNumber", message: "Account number must be text — send it as a string so leading zeros are kept" });
  });

  it("requires names within limits, one message per blank field", () => {
    const result = bankAccountSchema.safeParse({ ...bank, holderName: "   ", bankName: "B".repeat(101) });
    expect(messages(result)).toEqual([
      { path: "holderName", message: "Enter the account holder's name" },
      { path: "bankName", message: "Bank name can be at most 100 characters" },
    ]);
    expect(bankAccountSchema.safeParse({ ...bank, holderName: "J".repeat(100) }).success).toBe(true);
  });

  it("rejects line breaks inside a name", () => {
    expect(messages(bankAccountSchema.safeParse({ ...bank, holderName: "John\nSmith" }))).toEqual([
      { path: "holderName", message: "Account holder's name must be a single line without control characters" },
    ]);
  });

  it("says what is missing", () => {
    expect(messages(bankAccountSchema.safeParse({ type: "BANK_ACCOUNT" }))).toEqual([
      { path: "holderName", message: "Enter the account holder's name" },
      { path: "bankName", message: "Enter the bank name" },
      { path: "accountNumber", message: "Enter the account number (IBAN or card/account number)" },
    ]);
  });
});

describe("orderSchema", () => {
  it("normalises currency and items", () => {
    expect(orderSchema.parse(order)).toEqual({ ...order, items: ["Coffee beans 1kg", "Grinder"], currency: "EUR" });
  });

  it.each([
    ["ORD 1", "Order reference may contain only letters, digits and - _ / # (no spaces)"],
    ["ORD*1", "Order reference may contain only letters, digits and - _ / # (no spaces)"],
    ["", "Enter the order reference"],
    ["A".repeat(65), "Order reference can be at most 64 characters"],
  ])("rejects the reference %j", (orderReference, message) => {
    expect(messages(orderSchema.safeParse({ ...order, orderReference }))).toEqual([{ path: "orderReference", message }]);
  });

  it("accepts a 64-character reference and all allowed symbols", () => {
    expect(orderSchema.safeParse({ ...order, orderReference: "A".repeat(64) }).success).toBe(true);
    expect(orderSchema.safeParse({ ...order, orderReference: "a-b_c/d#9" }).success).toBe(true);
  });

  it("requires 1 to 50 items of 1 to 200 characters", () => {
    expect(messages(orderSchema.safeParse({ ...order, items: [] }))).toEqual([{ path: "items", message: "Add at least one item to the order" }]);
    expect(messages(orderSchema.safeParse({ ...order, items: Array(51).fill("x") }))).toEqual([
      { path: "items", message: "An order can list at most 50 items — combine some of them" },
    ]);
    expect(orderSchema.safeParse({ ...order, items: Array(50).fill("x") }).success).toBe(true);
    expect(messages(orderSchema.safeParse({ ...order, items: ["ok", "  ", "y".repeat(201)] }))).toEqual([
      { path: "items.1", message: "Enter the item description" },
      { path: "items.2", message: "Item description can be at most 200 characters" },
    ]);
    expect(messages(orderSchema.safeParse({ ...order, items: "Coffee" }))).toEqual([{ path: "items", message: "Items must be a list" }]);
  });

  it("puts a decimals error on amount, naming the currency", () => {
    expect(messages(orderSchema.safeParse({ ...order, amount: "4990.5", currency: "JPY" }))).toEqual([
      { path: "amount", message: "JPY has no decimal places — enter a whole amount, e.g. 1500" },
    ]);
  });

  it("rejects a float amount", () => {
    expect(messages(orderSchema.safeParse({ ...order, amount: 49.9 }))).toEqual([
      { path: "amount", message: 'Send the amount as text, e.g. "12.50", not as a number' },
    ]);
  });
});

describe("paymentConfirmationSchema", () => {
  it("parses a payment confirmation", () => {
    expect(paymentConfirmationSchema.parse(payment)).toEqual(payment);
  });

  it("validates every field", () => {
    expect(
      messages(paymentConfirmationSchema.safeParse({ type: "PAYMENT_CONFIRMATION", paymentReference: "", amount: "0", currency: "EURO", payer: "" })),
    ).toEqual([
      { path: "paymentReference", message: "Enter the payment reference" },
      { path: "amount", message: "Amount must be greater than zero" },
      { path: "currency", message: "Currency must be a three-letter ISO 4217 code such as EUR or USD" },
      { path: "payer", message: "Enter the payer's name" },
    ]);
    expect(messages(paymentConfirmationSchema.safeParse({ ...payment, paymentReference: "R".repeat(65) }))).toEqual([
      { path: "paymentReference", message: "Payment reference can be at most 64 characters" },
    ]);
  });
});

describe("businessDataSchema", () => {
  it("dispatches on type", () => {
    expect(businessDataSchema.parse(bank).type).toBe("BANK_ACCOUNT");
    expect(businessDataSchema.parse(order).type).toBe("ORDER");
    expect(businessDataSchema.parse(payment).type).toBe("PAYMENT_CONFIRMATION");
  });

  it("applies the variant's refinements", () => {
    expect(messages(businessDataSchema.safeParse({ ...payment, amount: "1.001" }))).toEqual([
      { path: "amount", message: "GBP allows at most 2 decimal places, e.g. 12.50" },
    ]);
  });

  it("names the valid types for an unknown one", () => {
    expect(messages(businessDataSchema.safeParse({ ...bank, type: "PHONE" }))).toEqual([
      {
        path: "type",
        message: "Choose the type of data: bank account (BANK_ACCOUNT), order (ORDER) or payment confirmation (PAYMENT_CONFIRMATION)",
      },
    ]);
    expect(messages(businessDataSchema.safeParse(null))).toEqual([{ path: "", message: "Business data must be an object with a type" }]);
  });

  it("does not let fields of another type through", () => {
    const parsed = businessDataSchema.parse({ ...payment, accountNumber: "DE89370400440532013000" });
    expect(parsed).not.toHaveProperty("accountNumber");
  });
});

describe("paymentAnswerSchema", () => {
  it("is a payment confirmation without the type", () => {
    const { type: _type, ...answer } = payment;
    expect(paymentAnswerSchema.parse({ ...answer, currency: "gbp" })).toEqual(answer);
    expect(messages(paymentAnswerSchema.safeParse({ ...answer, amount: "12.505" }))).toEqual([
      { path: "amount", message: "GBP allows at most 2 decimal places, e.g. 12.50" },
    ]);
    expect(messages(paymentAnswerSchema.safeParse({}))).toEqual([
      { path: "paymentReference", message: "Enter the payment reference" },
      { path: "amount", message: "Enter an amount, e.g. 12.50" },
      { path: "currency", message: "Choose a currency, e.g. EUR or USD" },
      { path: "payer", message: "Enter the payer's name" },
    ]);
  });
});
