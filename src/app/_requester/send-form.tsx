"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { accountNumberSchema, type BusinessDataType, businessDataSchema, businessDataTypes } from "~/server/business-data/schema";
import { useTRPC } from "~/trpc/react";
import { FormAlert, SelectField } from "../_components/field";
import { PositionFields } from "../_components/position-fields";
import { apiError, errorsUnder, type FieldErrors, zodFieldErrors } from "../_lib/errors";
import { typeLabel } from "../_lib/format";
import { usePositionInput } from "../_lib/use-position";
import { useShake } from "../_lib/use-shake";
import { BusinessDataFields, visibleErrors } from "./business-data-fields";
import { type Drafts, emptyDrafts, loadDrafts, saveDrafts, toBusinessData } from "./drafts";
import { useT } from "../_i18n/provider";

const deadlineOptions = [
  { value: "none", label: "No time limit" },
  { value: "300", label: "5 minutes" },
  { value: "900", label: "15 minutes" },
  { value: "3600", label: "1 hour" },
] as const;
type DeadlineChoice = (typeof deadlineOptions)[number]["value"];

const TYPING_PAUSE_MS = 700;

/** Step 1 (save the data on the phone) and steps 2–3 (send it to processors nearby by tap or shake). */
export function SendForm({ userId, onSent }: { userId: string; onSent: (requestId: string) => void }) {
  const t = useT();
  const trpc = useTRPC();
  const [type, setType] = useState<BusinessDataType>("BANK_ACCOUNT");
  const [drafts, setDrafts] = useState<Drafts>(emptyDrafts);
  const [remember, setRemember] = useState(true);
  const [deadline, setDeadline] = useState<DeadlineChoice>("none");
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const position = usePositionInput();
  const submit = useMutation(trpc.request.submit.mutationOptions());
  const formRef = useRef<HTMLFormElement>(null);

  // The saved data comes back after mount (localStorage is not there during server rendering).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    const saved = loadDrafts(userId);
    if (saved) setDrafts(saved);
    setHydrated(true);
  }, [userId]);
  useEffect(() => {
    if (hydrated) saveDrafts(userId, remember ? drafts : null);
  }, [userId, drafts, remember, hydrated]);

  const businessData = toBusinessData(type, drafts);
  const parsed = businessDataSchema.safeParse(businessData);
  const clientErrors = parsed.success ? {} : zodFieldErrors(parsed.error);
  const accountNumberValid = type === "BANK_ACCOUNT" && accountNumberSchema.safeParse(drafts.BANK_ACCOUNT.accountNumber).success;

  const serverDataErrors = errorsUnder(serverErrors, "businessData");
  const shownErrors = {
    ...visibleErrors(clientErrors, (field) => attempted || touched.has(field)),
    ...visibleErrors(serverDataErrors, () => true),
  };

  const typingTimers = useRef(new Map<string, number>());
  useEffect(() => {
    const timers = typingTimers.current;
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, []);

  function changeDraft(next: Drafts[BusinessDataType]) {
    setDrafts((d) => ({ ...d, [type]: next }));
    // Once a field has been typed in, its errors follow every keystroke.
    const changed = Object.keys(next).filter((k) => (next as Record<string, string>)[k] !== (drafts[type] as Record<string, string>)[k]);
    for (const field of changed) {
      // Validate as typed: a field's problems show once typing pauses, not at every keystroke.
      const timers = typingTimers.current;
      window.clearTimeout(timers.get(field));
      timers.set(field, window.setTimeout(() => blur(field), TYPING_PAUSE_MS));
    }
    if (changed.length) {
      setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !changed.some((c) => k.startsWith(`businessData.${c}`)))));
    }
  }

  function blur(field: string) {
    setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));
  }

  async function send(trigger: "TAP" | "SHAKE") {
    if (submit.isPending) return;
    setAttempted(true);
    setFormError(null);
    if (!parsed.success) {
      setFormError("Check the highlighted fields: nothing was sent.");
      focusFirstInvalid();
      return;
    }
    if (!position.position) {
      setFormError(
        position.manualMode ? "Enter a valid latitude and longitude: nothing was sent." : "Your position is not known yet: wait a moment or type it in. Nothing was sent.",
      );
      return;
    }
    try {
      const request = await submit.mutateAsync({
        businessData,
        position: position.position,
        deadlineSeconds: deadline === "none" ? null : Number(deadline),
        trigger,
      });
      setAttempted(false);
      setTouched(new Set());
      setServerErrors({});
      onSent(request.id);
    } catch (error) {
      const info = apiError(error, t);
      setServerErrors(info.fieldErrors);
      setFormError(info.message);
      focusFirstInvalid();
    }
  }

  // After the render that marks the fields invalid, move focus to the first one.
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);
  const focusFirstInvalid = () => setFocusRequest((n) => n + 1);

  const shake = useShake(() => void send("SHAKE"));

  return (
    <form
      ref={formRef}
      className="card"
      noValidate
      aria-labelledby="send-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void send("TAP");
      }}
    >
      <h1 id="send-heading">Send your details to someone nearby</h1>
      <p className="muted small">
        Nobody has to type your details: the person in front of you picks you from their list, then you compare a short code before anything is handed over.
      </p>

      <fieldset>
        <legend>What do you want to hand over?</legend>
        <div className="choices" role="radiogroup" aria-label="Type of data">
          {businessDataTypes.map((dataType) => (
            <label key={dataType} className="choice">
              <input type="radio" name="type" value={dataType} checked={type === dataType} onChange={() => setType(dataType)} data-testid={`type-${dataType}`} />
              {typeLabel(t, dataType)}
            </label>
          ))}
        </div>
      </fieldset>

      <BusinessDataFields type={type} draft={drafts[type]} onChange={changeDraft} onBlur={blur} errors={shownErrors} accountNumberValid={accountNumberValid} />

      <label className="choice remember">
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
        Remember these details on this device
      </label>

      <SelectField
        label="Agreed processing time"
        value={deadline}
        options={deadlineOptions}
        onChange={setDeadline}
        error={serverErrors.deadlineSeconds?.[0]}
        testId="deadline"
      />

      <PositionFields input={position} serverErrors={errorsUnder(serverErrors, "position")} showErrors={attempted} />

      <FormAlert message={formError} testId="send-error" />

      <button
        type="submit"
        className="button big"
        disabled={submit.isPending}
        data-testid="tap-to-send"
        // Keeps focus (and the layout) where it is until the click lands: a field's blur would show its error and move the button away.
        onMouseDown={(e) => e.preventDefault()}
      >
        {submit.isPending ? "Sending…" : "Tap to send"}
      </button>

      <ShakeControl support={shake.support} enable={shake.enable} disable={shake.disable} />
    </form>
  );
}

function ShakeControl({ support, enable, disable }: ReturnType<typeof useShake>) {
  if (support === "unknown" || support === "unsupported") return null;
  return (
    <div className="row shake" role="status" aria-live="polite">
      {support === "listening" ? (
        <>
          <span>Shake your phone to send.</span>
          <button type="button" className="button secondary" onClick={disable}>
            Stop shake to send
          </button>
        </>
      ) : support === "denied" ? (
        <span className="muted small">Motion access was not allowed: use the button to send.</span>
      ) : (
        <button type="button" className="button secondary" onClick={() => void enable()}>
          Enable shake to send
        </button>
      )}
    </div>
  );
}
