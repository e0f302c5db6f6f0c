"use client";

import { DEFAULT_DEADLINE_SECONDS, MAX_DEADLINE_SECONDS, MIN_DEADLINE_SECONDS } from "~/shared/deadline/deadline";
import { SelectField, TextField } from "../../_components/field";
import { useT } from "../../_i18n/provider";

const deadlineChoices = ["none", "300", "default", "900", "3600", "custom"] as const;
export type DeadlineChoice = (typeof deadlineChoices)[number];

export interface DeadlineValue {
  choice: DeadlineChoice;
  /** Minutes as typed, for "custom". */
  customMinutes: string;
}

export const initialDeadline: DeadlineValue = { choice: "default", customMinutes: "" };

/** The phone remembers the last choice (not per account: it is how this person works), for "Send another" and a reload. */
const STORAGE_KEY = "nearby.requester.deadline";

/** The remembered choice, checked as read back; the system default when there is none or it does not fit. */
export function loadDeadline(storage: Storage = window.localStorage): DeadlineValue {
  try {
    const stored: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? "null");
    if (typeof stored !== "object" || stored === null) return initialDeadline;
    const { choice, customMinutes } = stored as Record<string, unknown>;
    if (!deadlineChoices.includes(choice as DeadlineChoice)) return initialDeadline;
    return { choice: choice as DeadlineChoice, customMinutes: typeof customMinutes === "string" ? customMinutes.slice(0, 10) : "" };
  } catch {
    return initialDeadline;
  }
}

export function saveDeadline(value: DeadlineValue, storage: Storage = window.localStorage): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(value));
  } catch {
    // Storage refused (private mode, full): the choice lasts until the page closes.
  }
}

/** Seconds to send (null: no deadline), or "invalid" when the custom minutes are out of the server's range. */
export function deadlineSeconds(value: DeadlineValue): number | null | "invalid" {
  if (value.choice === "none") return null;
  if (value.choice === "default") return DEFAULT_DEADLINE_SECONDS;
  if (value.choice !== "custom") return Number(value.choice);
  const minutes = Number(value.customMinutes.trim().replace(",", "."));
  if (value.customMinutes.trim() === "" || !Number.isFinite(minutes)) return "invalid";
  const seconds = Math.round(minutes * 60);
  return seconds >= MIN_DEADLINE_SECONDS && seconds <= MAX_DEADLINE_SECONDS ? seconds : "invalid";
}

/** The agreed processing time: none, 5 min, the system default (10 min), 15 min, 1 h, or a custom number of minutes. */
export function DeadlineField({
  value,
  onChange,
  showErrors,
  serverError,
}: {
  value: DeadlineValue;
  onChange: (value: DeadlineValue) => void;
  showErrors: boolean;
  serverError?: string;
}) {
  const t = useT();
  const options = [
    { value: "none", label: t("deadline.none") },
    { value: "300", label: t("deadline.5") },
    { value: "default", label: t("deadline.default", { minutes: DEFAULT_DEADLINE_SECONDS / 60 }) },
    { value: "900", label: t("deadline.15") },
    { value: "3600", label: t("deadline.60") },
    { value: "custom", label: t("deadline.custom") },
  ] as const;
  const invalid = value.choice === "custom" && deadlineSeconds(value) === "invalid" && (showErrors || value.customMinutes !== "");
  return (
    <>
      <SelectField
        label={t("deadline.label")}
        value={value.choice}
        options={options}
        onChange={(choice) => onChange({ ...value, choice })}
        error={value.choice === "custom" ? undefined : serverError}
        testId="deadline"
      />
      {value.choice === "custom" ? (
        <TextField
          label={t("deadline.customLabel")}
          hint={t("deadline.customHint")}
          inputMode="decimal"
          value={value.customMinutes}
          onChange={(customMinutes) => onChange({ ...value, customMinutes })}
          error={invalid ? t("deadline.customInvalid") : serverError}
          testId="deadline-minutes"
        />
      ) : null}
    </>
  );
}
