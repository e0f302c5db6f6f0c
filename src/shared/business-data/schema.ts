import { z } from "zod";
import { problem, problemIssue } from "../problem";
import { CONTROL_CHARACTERS } from "../text";
import { accountNumberProblem, normalizeAccountNumber } from "./check-digits";
import { amountSchema, checkAmountForCurrency, currencySchema } from "./money";

export const businessDataTypes = ["BANK_ACCOUNT", "ORDER", "PAYMENT_CONFIRMATION"] as const;
export type BusinessDataType = (typeof businessDataTypes)[number];

/** A trimmed one-line text field; `label` starts lowercase and reads after "Enter the" (it is also the field's code for the screens). */
function textField(label: string, max: number) {
  const Label = label.charAt(0).toUpperCase() + label.slice(1);
  return z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? `Enter the ${label}` : `${Label} must be text`) })
    .trim()
    .check((ctx) => {
      const value = ctx.value;
      // One message per field: a blank field is only "enter it", not every rule it breaks.
      if (value.length === 0) ctx.issues.push(problemIssue(problem("enter", `Enter the ${label}`, { what: label }), value));
      else if (value.length > max) {
        ctx.issues.push(problemIssue(problem("tooLong", `${Label} can be at most ${max} characters`, { what: label, max }), value));
      } else if (CONTROL_CHARACTERS.test(value)) {
        ctx.issues.push(problemIssue(problem("singleLine", `${Label} must be a single line without control characters`, { what: label }), value));
      }
    });
}

/** Normalised (no spaces/hyphens, uppercase), then IBAN mod-97 or Luhn by its shape. */
export const accountNumberSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined || issue.input === null
        ? "Enter the account number (IBAN or card/account number)"
        : "Account number must be text — send it as a string so leading zeros are kept",
  })
  .transform((raw, ctx) => {
    const normalized = normalizeAccountNumber(raw);
    const found = accountNumberProblem(normalized);
    if (found) {
      ctx.issues.push(problemIssue(found, raw));
      return z.NEVER;
    }
    return normalized;
  });

export const bankAccountSchema = z.object({
  type: z.literal("BANK_ACCOUNT"),
  holderName: textField("account holder's name", 100),
  bankName: textField("bank name", 100),
  accountNumber: accountNumberSchema,
});

export const orderReferenceSchema = textField("order reference", 64).check((ctx) => {
  if (ctx.value.length > 0 && !/^[A-Za-z0-9\-_/#]+$/.test(ctx.value)) {
    ctx.issues.push(
      problemIssue(problem("orderReferenceChars", "Order reference may contain only letters, digits and - _ / # (no spaces)"), ctx.value),
    );
  }
});

export const orderSchema = z
  .object({
    type: z.literal("ORDER"),
    orderReference: orderReferenceSchema,
    items: z
      .array(textField("item description", 200), {
        error: (issue) => (issue.input === undefined || issue.input === null ? "Add at least one item to the order" : "Items must be a list"),
      })
      .check((ctx) => {
        if (ctx.value.length === 0) ctx.issues.push(problemIssue(problem("itemsMissing", "Add at least one item to the order"), ctx.value));
        if (ctx.value.length > 50) {
          ctx.issues.push(problemIssue(problem("itemsTooMany", "An order can list at most 50 items — combine some of them"), ctx.value));
        }
      }),
    amount: amountSchema,
    currency: currencySchema,
  })
  .superRefine(checkAmountForCurrency);

export const paymentConfirmationSchema = z
  .object({
    type: z.literal("PAYMENT_CONFIRMATION"),
    paymentReference: textField("payment reference", 64),
    amount: amountSchema,
    currency: currencySchema,
    payer: textField("payer's name", 100),
  })
  .superRefine(checkAmountForCurrency);

export const businessDataSchema = z.discriminatedUnion("type", [bankAccountSchema, orderSchema, paymentConfirmationSchema], {
  error: (issue) =>
    issue.code === "invalid_union"
      ? "Choose the type of data: bank account (BANK_ACCOUNT), order (ORDER) or payment confirmation (PAYMENT_CONFIRMATION)"
      : "Business data must be an object with a type",
});

/** What a processor sends back over the session: a payment confirmation without the type tag. */
export const paymentAnswerSchema = z
  .object({
    paymentReference: textField("payment reference", 64),
    amount: amountSchema,
    currency: currencySchema,
    payer: textField("payer's name", 100),
  })
  .superRefine(checkAmountForCurrency);

/** Validated, normalised business data: what is stored and handed over. */
export type BusinessData = z.output<typeof businessDataSchema>;
export type PaymentAnswer = z.output<typeof paymentAnswerSchema>;
