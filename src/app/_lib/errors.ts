import { TRPCClientError } from "@trpc/client";
import type { FieldErrors, FieldProblems } from "~/shared/field-errors";
import { hasMessage, type Translate } from "../_i18n/i18n";
import { localizeProblems } from "../_i18n/problems";

export interface ApiError {
  /** A sentence to show when no field owns the error. */
  message: string;
  /** The server's stable code (REQUEST_TAKEN, OUT_OF_RADIUS, …), or null. */
  reason: string | null;
  /** tRPC error code (BAD_REQUEST, CONFLICT, …), or null for network failures. */
  code: string | null;
  fieldErrors: FieldErrors;
}

interface ErrorData {
  code?: string;
  reason?: string | null;
  retryAfterSeconds?: number | null;
  fieldErrors?: FieldErrors | null;
  fieldProblems?: FieldProblems | null;
}

/**
 * Reads what the server said about a failed call, in the user's language
 * where the reason is one we know (the server speaks English); never throws.
 */
export function apiError(error: unknown, t: Translate): ApiError {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as ErrorData;
    const fieldErrors = data.fieldProblems ? localizeProblems(t, data.fieldProblems) : (data.fieldErrors ?? {});
    const hasFields = Object.keys(fieldErrors).length > 0;
    const reasonKey = data.reason ? `error.${data.reason}` : null;
    return {
      // Input validation failures carry the raw issue list as their message: show the fields instead.
      message: hasFields
        ? t("error.fields")
        : reasonKey && hasMessage(reasonKey)
          ? t(reasonKey, { seconds: data.retryAfterSeconds ?? 1 })
          : error.message || t("error.generic"),
      reason: data.reason ?? null,
      code: data.code ?? null,
      fieldErrors,
    };
  }
  return {
    message: t("error.network"),
    reason: null,
    code: null,
    fieldErrors: {},
  };
}

/** Keeps the errors under `prefix.` and drops the prefix ("businessData.accountNumber" → "accountNumber"). */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(errors)) {
    if (key.startsWith(`${prefix}.`)) out[key.slice(prefix.length + 1)] = messages;
    else if (key === prefix) out._ = [...(out._ ?? []), ...messages];
  }
  return out;
}

/** The first message for a field, or undefined. */
export function firstError(errors: FieldErrors, key: string): string | undefined {
  return errors[key]?.[0];
}
