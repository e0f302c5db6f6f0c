import type { ZodError } from "zod";
import { type Problem, problemOf } from "./problem";

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

/** Field path → problems (code, parameters, English), for screens that say them in their own language. */
export type FieldProblems = Record<string, Problem[]>;

export function fieldProblems(error: ZodError | undefined): FieldProblems {
  const out: FieldProblems = {};
  if (!error) return out;
  for (const issue of error.issues) (out[issue.path.map(String).join(".") || "_"] ??= []).push(problemOf(issue));
  return out;
}
