import "server-only";
import { type BusinessData, businessDataSchema, maskedPreview } from "~/shared/business-data";

/** Business data the tests and benchmarks send: a valid UK IBAN (mod-97 checks out). */
export const sampleBankAccount = {
  type: "BANK_ACCOUNT" as const,
  holderName: "Jane Smith",
  bankName: "West Bank",
  accountNumber: "GB82 WEST 1234 5698 7654 32",
};

/** What a phone submits for some business data: its type and the preview it computes; the data itself stays on the phone. */
export function requestOf(raw: unknown): { type: BusinessData["type"]; preview: string } {
  const data = businessDataSchema.parse(raw);
  return { type: data.type, preview: maskedPreview(data) };
}

/** What a phone submits for the sample bank account. */
export const sampleBankRequest = requestOf(sampleBankAccount);
