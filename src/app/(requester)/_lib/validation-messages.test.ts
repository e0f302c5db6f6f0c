import { describe, expect, it } from "vitest";
import { businessDataSchema } from "~/shared/business-data/schema";
import { translator } from "../../_i18n/i18n";
import { fieldErrors } from "~/shared/field-errors";
import { localizeValidation } from "./validation-messages";

const en = translator("en");
const zh = translator("zh-CN");

function messagesOf(input: unknown): string[] {
  const parsed = businessDataSchema.safeParse(input);
  return parsed.success ? [] : Object.values(fieldErrors(parsed.error)).flat();
}

const samples = [
  { type: "BANK_ACCOUNT", holderName: "", bankName: "x".repeat(101), accountNumber: "GB82 WEST 1234 5698 7654 33" },
  { type: "BANK_ACCOUNT", holderName: "A", bankName: "B", accountNumber: "4111 1111 1111 1112" },
  { type: "BANK_ACCOUNT", holderName: "A", bankName: "B", accountNumber: "GB82 WEST 1234 5698 7654" },
  { type: "BANK_ACCOUNT", holderName: "A", bankName: "B", accountNumber: "12345" },
  { type: "BANK_ACCOUNT", holderName: "A", bankName: "B", accountNumber: "" },
  { type: "ORDER", orderReference: "A 1", items: [], amount: "1,50", currency: "EU" },
  { type: "ORDER", orderReference: "A1", items: ["Tea"], amount: "-1", currency: "" },
  { type: "PAYMENT_CONFIRMATION", paymentReference: "", amount: "", currency: "EUR", payer: "" },
  { type: "PAYMENT_CONFIRMATION", paymentReference: "P", amount: "1 000", currency: "EUR", payer: "X" },
];

describe("validation messages in the user's language", () => {
  it("recognises every message the business-data schemas give for these inputs", () => {
    const messages = samples.flatMap(messagesOf);
    expect(messages.length).toBeGreaterThan(10);
    for (const message of messages) {
      const chinese = localizeValidation(zh, message);
      expect(chinese, message).not.toBe(message);
      expect(chinese, message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("keeps the English wording (and its numbers) in English", () => {
    for (const message of samples.flatMap(messagesOf)) expect(localizeValidation(en, message)).toBe(message);
  });

  it("leaves an unknown sentence as it is", () => {
    expect(localizeValidation(zh, "Something new")).toBe("Something new");
  });
});
