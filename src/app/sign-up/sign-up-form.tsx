"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { type AccountRole, homeOf } from "~/shared/account-role";
import { useTRPC } from "~/trpc/react";
import { FormAlert, TextField } from "../_components/field";
import { useT } from "../_i18n/provider";
import type { FieldErrors } from "~/shared/field-errors";
import { withCallback } from "../_lib/callback-url";
import { apiError, firstError } from "../_lib/errors";
import { RoleChoice } from "./role-choice";

type Field = "identification" | "displayName" | "password";

/** Which field a domain failure belongs beside. */
const reasonField: Record<string, Field> = { IDENTIFICATION_TAKEN: "identification", INVALID_IDENTIFICATION: "identification" };

/** Creates the account in the chosen role, signs in, and lands where the visitor came from or on the role's screen. */
export function SignUpForm({ callbackUrl, initialRole }: { callbackUrl: string | null; initialRole: AccountRole }) {
  const t = useT();
  const trpc = useTRPC();
  const [values, setValues] = useState<Record<Field, string>>({ identification: "", displayName: "", password: "" });
  const [role, setRole] = useState<AccountRole>(initialRole);
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
    if (!values.identification.trim()) local.identification = [t("signUp.identificationMissing")];
    if (!values.displayName.trim()) local.displayName = [t("signUp.displayNameMissing")];
    if (values.password.length < 8) local.password = [t("signUp.passwordShort")];
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    try {
      await signUp.mutateAsync({ ...values, role });
    } catch (error) {
      const info = apiError(error, t);
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
      // A full navigation, so the server renders the next page with the new session cookie.
      window.location.assign(callbackUrl ?? homeOf(role));
    } catch {
      setSigningIn(false);
      setFormError(t("signUp.signInFailed"));
    }
  }

  const pending = signUp.isPending || signingIn;
  return (
    <form className="card" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t("signUp.title")}>
      <FormAlert message={formError} />
      <RoleChoice value={role} onChange={setRole} />
      <TextField
        label={t("signIn.identification")}
        hint={t("signUp.identificationHint")}
        value={values.identification}
        onChange={(v) => set("identification", v)}
        error={firstError(errors, "identification")}
        autoComplete="username"
        autoCapitalize="none"
        name="identification"
        testId="signup-identification"
      />
      <TextField
        label={t("signUp.displayName")}
        hint={t("signUp.displayNameHint")}
        value={values.displayName}
        onChange={(v) => set("displayName", v)}
        error={firstError(errors, "displayName")}
        autoComplete="nickname"
        name="displayName"
        testId="signup-display-name"
      />
      <TextField
        label={t("signIn.password")}
        type="password"
        hint={t("signUp.passwordHint")}
        value={values.password}
        onChange={(v) => set("password", v)}
        error={firstError(errors, "password")}
        autoComplete="new-password"
        name="password"
        testId="signup-password"
      />
      <div className="row">
        <button type="submit" className="button" disabled={pending}>
          {signUp.isPending ? t("signUp.pending") : signingIn ? t("signIn.pending") : t("signUp.submit")}
        </button>
        <Link href={withCallback("/sign-in", callbackUrl)} className="button secondary">
          {t("signUp.haveAccount")}
        </Link>
      </div>
    </form>
  );
}
