import type { ZodError } from "zod";
import { type FieldErrors, type FieldProblems, fieldProblems } from "~/shared/field-errors";
import type { Problem } from "~/shared/problem";
import { hasMessage, type MessageKey, type Translate } from "./i18n";

/**
 * A validation problem from src/shared (found in the browser or sent by the
 * server) in the user's language: its code names the catalog entry, its
 * parameters fill it. A problem without a code of ours keeps its English.
 */
export function localizeProblem(t: Translate, problem: Problem): string {
  const key = `validation.${problem.code}`;
  if (problem.code === null || !hasMessage(key)) return problem.message;
  const vars = { ...problem.params };
  if (typeof vars.what === "string" && hasMessage(`what.${vars.what}`)) vars.what = t(`what.${vars.what}` as MessageKey);
  if (vars.diff === "missing" || vars.diff === "extra") vars.diff = t(`validation.${vars.diff}`);
  const text = t(key, vars);
  // "{what} can be at most…" starts the sentence: capitalise in languages that have capitals.
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function localizeProblems(t: Translate, problems: FieldProblems): FieldErrors {
  return Object.fromEntries(Object.entries(problems).map(([field, list]) => [field, list.map((p) => localizeProblem(t, p))]));
}

/** A failed parse of a shared schema as field errors in the user's language. */
export function localizedFieldErrors(t: Translate, error: ZodError | undefined): FieldErrors {
  return localizeProblems(t, fieldProblems(error));
}
