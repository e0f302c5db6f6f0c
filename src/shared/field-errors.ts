import type { ZodError } from "zod";

/** Field path ("accountNumber", "businessData.accountNumber") → messages, so a form shows each error beside its field. */
export type FieldErrors = Record<string, string[]>;

/** A zod error as field errors, keyed by dotted path; "_" for the input as a whole. */
export function fieldErrors(error: ZodError | undefined): FieldErrors {
  const out: FieldErrors = {};
  if (!error) return out;
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
