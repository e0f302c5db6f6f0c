"use client";

import { useId } from "react";

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: string | undefined;
  hint?: string;
  name?: string;
  type?: "text" | "password" | "tel";
  inputMode?: "text" | "decimal" | "numeric" | "tel";
  autoComplete?: string;
  autoCapitalize?: string;
  placeholder?: string;
  required?: boolean;
  mono?: boolean;
  testId?: string;
  multiline?: boolean;
  disabled?: boolean;
}

/** A labelled input with its hint and its error directly beneath it. */
export function TextField(props: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : null, props.error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: props.name,
    value: props.value,
    onBlur: props.onBlur,
    placeholder: props.placeholder,
    required: props.required,
    disabled: props.disabled,
    "aria-invalid": props.error ? true : undefined,
    "aria-describedby": describedBy,
    "data-testid": props.testId,
    className: props.mono ? "mono" : undefined,
    autoComplete: props.autoComplete,
    autoCapitalize: props.autoCapitalize,
    spellCheck: false,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <span id={hintId} className="hint">
          {props.hint}
        </span>
      ) : null}
      {props.multiline ? (
        <textarea {...common} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input {...common} type={props.type ?? "text"} inputMode={props.inputMode} onChange={(e) => props.onChange(e.target.value)} />
      )}
      {props.error ? (
        <p id={errorId} className="field-error" data-testid={props.testId ? `${props.testId}-error` : undefined}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
  error?: string | undefined;
  testId?: string;
}

export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as T)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        data-testid={props.testId}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error ? (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** A form-level error or notice, announced to screen readers. */
export function FormAlert({
  message,
  tone = "error",
  testId,
}: {
  message: string | null | undefined;
  tone?: "error" | "warning" | "info" | "success";
  testId?: string;
}) {
  if (!message) return null;
  return (
    <div className={`alert ${tone}`} role={tone === "error" ? "alert" : "status"} data-testid={testId}>
      {message}
    </div>
  );
}
