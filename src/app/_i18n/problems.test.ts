import { describe, expect, it } from "vitest";
import type { ZodError } from "zod";
import { businessDataSchema, paymentAnswerSchema } from "~/shared/business-data/schema";
import { fieldProblems } from "~/shared/field-errors";
import { positionSchema } from "~/shared/geo/distance";
import { parseUsername } from "~/shared/username";
import { hasMessage, translator } from "./i18n";
import { localizeProblem, localizedFieldErrors } from "./problems";

const zh = translator("zh-CN");
const en = translator("en");

const bad: Array<[{ safeParse: (v: unknown) => { error?: ZodError } }, unknown]> = [
  [businessDataSchema, { type: "BANK_ACCOUNT", holderName: "", bankName: "x".repeat(101), accountNumber: "GB82 WEST 1234 5698 7654 33" }],
  [businessDataSchema, { type: "BANK_ACCOUNT", holderName: "A\nB", bankName: "B", accountNumber: "4111 1111 1111 1112" }],
  [businessDataSchema, { type: "BANK_ACCOUNT", holderName: "A", bankName: "B", accountNumber: "DE89 3704 0044 0532 0130 0" }],
  [businessDataSchema, { type: "BANK_ACCOUNT", holderName: "A", bankName: "B", accountNumber: "US89370400440532013000" }],
  [businessDataSchema, { type: "BANK_ACCOUNT", holderName: "A", bankName: "B", accountNumber: "12345" }],
  [businessDataSchema, { type: "BANK_ACCOUNT", holderName: "A", bankName: "B", accountNumber: "" }],
  [businessDataSchema, { type: "BANK_ACCOUNT", holderName: "A", bankName: "B", accountNumber: "4X11111111111111" }],
  [businessDataSchema, { type: "ORDER", orderReference: "A 1", items: [], amount: "1.234,50", currency: "EU" }],
  [businessDataSchema, { type: "ORDER", orderReference: "A1", items: ["Tea"], amount: "-1", currency: "" }],
  [businessDataSchema, { type: "ORDER", orderReference: "A1", items: ["Tea"], amount: "1e3", currency: "XYZ" }],
  [businessDataSchema, { type: "ORDER", orderReference: "A1", items: ["Tea"], amount: "10.5", currency: "JPY" }],
  [paymentAnswerSchema, { paymentReference: "", amount: "12.505", currency: "EUR", payer: "" }],
  [paymentAnswerSchema, { paymentReference: "P", amount: "1000000000000", currency: "EUR", payer: "X" }],
  [positionSchema, { latitude: 91, longitude: Number.NaN }],
  [positionSchema, {}],
];

describe("validation problems in the user's language", () => {
  const problems = bad.flatMap(([schema, input]) => Object.values(fieldProblems(schema.safeParse(input).error)).flat());
  const usernames = ["ab", "_abc", "a b c", "p\u0430ypal", "ali\u200bce", "a".repeat(33)].map((u) => parseUsername(u).problem!);

  it("every problem the shared rules raise on screens has a code and a Chinese message", () => {
    expect(problems.length).toBeGreaterThan(20);
    for (const problem of [...problems, ...usernames]) {
      expect(problem.code, problem.message).not.toBeNull();
      expect(hasMessage(`validation.${problem.code}`), problem.code ?? "").toBe(true);
      expect(localizeProblem(zh, problem), problem.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("says in English what the English rule says, parameters filled (the catalog may use typographic quotes)", () => {
    const plain = (s: string) => s.replace(/[“”]/g, '"');
    for (const problem of [...problems, ...usernames]) expect(plain(localizeProblem(en, problem))).toBe(problem.message);
  });

  it("names the country in the screen's language, not in English", () => {
    const errors = localizedFieldErrors(zh, businessDataSchema.safeParse(bad[2]![1]).error);
    expect(errors.accountNumber).toEqual(["德国（DE）的 IBAN 长度不对：应为 22 位，实际为 21 位——请检查是否漏输了字符"]);
  });

  it("keeps a problem of no rule of ours in its English", () => {
    expect(localizeProblem(zh, { code: null, params: {}, message: "Something new" })).toBe("Something new");
  });
});
