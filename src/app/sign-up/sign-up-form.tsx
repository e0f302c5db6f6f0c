"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { FormAlert, TextField } from "../_components/field";
import { apiError, type FieldErrors, firstError } from "../_lib/errors";

type Field = "identification" | "displayName" | "password";

/** Which field a domain failure belongs beside. */
const reasonField: Record<string, Field> = { IDENTIFICATION_TAKEN: "identification", INVALID_IDENTIFICATION: "identification" };

export function SignUpForm() {
  const trpc = useTRPC();
  const [values, setValues] = useState<Record<Field, string>>({ identification: "", displayName: "", password: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const signUp = useMutation(trpc.account.signUp.mutationOptions());

  function set(field: Field, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    // The server's verdict on a field is stale once it changes.
    setErrors((e) => {
      const { [field]: _removed, ...rest } = e;
      return rest;
    });
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setFormError(null);
    const local: FieldErrors = {};
    if (!values.identification.trim()) local.identification = ["Enter your phone number (with country code) or a username"];
    if (!values.displayName.trim()) local.displayName = ["Enter the name others will see"];
    if (values.password.length < 8) local.password = ["Password must be at least 8 characters"];
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    try {
      await signUp.mutateAsync(values);
    } catch (error) {
      const info = apiError(error);
      const fieldErrors = { ...info.fieldErrors };
      const field = info.reason ? reasonField[info.reason] : undefined;
      if (field) fieldErrors[field] = [info.message];
      setErrors(fieldErrors);
      if (!field && Object.keys(info.fieldErrors).length === 0) setFormError(info.message);
      return;
    }
    setSigningIn(true);
    try {
      const result = await signIn("credentials", { identification: values.identification.trim(), password: values.password, redirect: false });
      if (!result || result.error) throw new Error("sign-in failed");
      window.location.assign("/");
    } catch {
      setSigningIn(false);
      setFormError("Your account was created, but signing in failed. Sign in with your new account.");
    }
  }

  const pending = signUp.isPending || signingIn;
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="Create an account">
      <FormAlert message={formError} />
      <TextField
        label="Phone number or username"
        hint="A phone number with its country code (+44 20 7946 0958), or a username of letters, digits and _ . -"
        value={values.identification}
        onChange={(v) => set("identification", v)}
        error={firstError(errors, "identification")}
        autoComplete="username"
        autoCapitalize="none"
        name="identification"
        testId="signup-identification"
      />
      <TextField
        label="Display name"
        hint="The name others see, e.g. “Anna” or “Corner Shop till 2”"
        value={values.displayName}
        onChange={(v) => set("displayName", v)}
        error={firstError(errors, "displayName")}
        autoComplete="nickname"
        name="displayName"
        testId="signup-display-name"
      />
      <TextField
        label="Password"
        type="password"
        hint="At least 8 characters"
        value={values.password}
        onChange={(v) => set("password", v)}
        error={firstError(errors, "password")}
        autoComplete="new-password"
        name="password"
        testId="signup-password"
      />
      <div className="row">
        <button type="submit" className="button" disabled={pending}>
          {signUp.isPending ? "Creating account…" : signingIn ? "Signing in…" : "Create account"}
        </button>
        <Link href="/sign-in" className="button secondary">
          I have an account
        </Link>
      </div>
    </form>
  );
}
