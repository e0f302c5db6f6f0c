/**
 * A validation problem as a code and its parameters, so every screen says it
 * in its own language; the English sentence is kept for API clients and logs.
 * The rules that find problems live once, in src/shared, and are read by the
 * browser and the server alike.
 */
export type ProblemParams = Record<string, string | number>;

export interface Problem {
  /** The catalog key under "validation." (amountComma, ibanLength, …); null for an issue no rule of ours raised. */
  code: string | null;
  params: ProblemParams;
  /** The same problem in English. */
  message: string;
}

export function problem(code: string, message: string, params: ProblemParams = {}): Problem {
  return { code, params, message };
}

/** A zod custom issue carrying the problem; push it with `ctx.issues.push(problemIssue(…))`. */
export function problemIssue(p: Problem, input: unknown, path: PropertyKey[] = []) {
  return { code: "custom" as const, message: p.message, params: { problem: p }, input, path };
}

/** The problem an issue carries, or one with no code around its English message. */
export function problemOf(issue: { message: string; params?: unknown }): Problem {
  const carried = (issue.params as { problem?: Problem } | undefined)?.problem;
  return carried ?? { code: null, params: {}, message: issue.message };
}
