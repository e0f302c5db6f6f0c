import "server-only";
/** Business data the tests and benchmarks send: a valid UK IBAN (mod-97 checks out). */
export const sampleBankAccount = {
  type: "BANK_ACCOUNT" as const,
  holderName: "Jane Smith",
  bankName: "West Bank",
  accountNumber: "GB82 WEST 1234 5698 7654 32",
};
